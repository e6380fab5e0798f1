"""`evaluate_questions`: the judged evaluation of generation (issue 12), on our own fixtures."""

import hashlib
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from content.models import Article
from quizzes.judging.blind import blind_guess, parse_date_choice, parse_number_choice
from quizzes.judging.gold import asks_gold
from quizzes.judging.sample import draw_sample, question_id
from quizzes.judging.verdicts import judged_report, read_verdicts, roc_auc
from quizzes.models import Question

ROOT = Path(__file__).resolve().parents[2]

BRIDGE_1 = (
    "The rebuilt bridge on the river road reopened on 16 September 2024, 18 months after floods "
    "destroyed the old crossing, the transport ministry said."
)
BRIDGE_2 = (
    "The bridge cost 62 million manat and now carries 4,500 vehicles a day, the ministry said."
)
SCHOOL_1 = (
    "The new school in the valley opened on 27 February 2023 with 640 pupils and 38 teachers."
)
# ("Building it took ..." read "it" and "Building" as two subjects: its question asked how long
# "the education office" took, and is refused now.)
SCHOOL_2 = "The building work took 14 months and cost 9 million dollars, the education office said."


def article_file(title, outlet, published, *paragraphs):
    return f"---\ntitle: {title}\noutlet: {outlet}\npublished: {published}\n---\n" + "\n\n".join(
        paragraphs
    )


@pytest.fixture
def texts(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "bridge.txt").write_text(
        article_file(
            "Bridge reopens on the river road", "Test Wire", "2024-09-20", BRIDGE_1, BRIDGE_2
        )
    )
    (folder / "school.txt").write_text(
        article_file(
            "New school opens in the valley", "Valley News", "2023-03-01", SCHOOL_1, SCHOOL_2
        )
    )
    return folder


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.json"
    entries = [
        {"article": "bridge.txt", "sentence": BRIDGE_1, "answer": "16 September 2024"},
        # The sentence with its spaces doubled: matching normalises whitespace.
        {"article": "bridge.txt", "sentence": BRIDGE_1.replace(" ", "  "), "answer": "18 months"},
        # Not a fact generation asks about: never asked.
        {"article": "bridge.txt", "sentence": BRIDGE_2, "answer": "the ministry"},
        {"article": "elsewhere.txt", "sentence": "Not in this run.", "answer": "run"},
    ]
    path.write_text(json.dumps(entries))
    return path


def run(*args):
    out = StringIO()
    call_command("evaluate_questions", *args, "--current-database", stdout=out)
    return out.getvalue()


def stored_asks(slug, sentence, answer):
    """Whether a stored question of article `slug` asks `answer` of `sentence` (the fixtures'
    gold answers are whole spans, so this is a plain comparison)."""
    return any(
        q.sentence_text == sentence and q.answer_as_written == answer
        for q in Question.objects.filter(article__slug=slug)
    )


# --- A run ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_per_text_counts_match_what_generation_stored(texts, gold, tmp_path):
    out = tmp_path / "round"
    output = run(str(texts), "--gold", str(gold), "--out", str(out), "--sample", "6")
    stats = json.loads((out / "stats.json").read_text())
    rows = {row["file"]: row for row in stats["texts"]}
    assert set(rows) == {"bridge.txt", "school.txt"}
    for row in rows.values():
        questions = Question.objects.filter(article__slug=row["article"])
        assert row["drafted"] == questions.count() > 0
        assert row["published"] == questions.filter(status="published").count()
        assert row["split"] == "texts"  # no "split" in the gold: the folder's name
    bridge = rows["bridge.txt"]
    assert bridge["gold"] == 3  # the entry for elsewhere.txt is not this text's
    expected = stored_asks(bridge["article"], BRIDGE_1, "16 September 2024") + stored_asks(
        bridge["article"], BRIDGE_1, "18 months"
    )
    assert bridge["asked"] == expected >= 1
    assert bridge["asked_published"] <= bridge["asked"]
    assert rows["school.txt"]["gold"] is None  # no gold for it: reported as such, not as 0
    assert stats["gold_for_other_texts"] == 1
    csv_lines = (out / "per-text.csv").read_text().splitlines()
    assert csv_lines[0] == "file,article,split,drafted,published,gold,asked,asked_published"
    assert csv_lines[2].startswith("school.txt,") and csv_lines[2].endswith(",,0,0")
    assert "bridge.txt" in output and "school.txt" in output
    assert "gold facts of texts not in this run, left out: 1" in output


@pytest.mark.django_db
def test_publish_above_is_the_threshold_generation_publishes_at(texts, tmp_path):
    run(str(texts), "--out", str(tmp_path / "all"), "--publish-above", "0")
    stats = json.loads((tmp_path / "all" / "stats.json").read_text())
    assert stats["publish_above"] == 0
    assert all(row["published"] == row["drafted"] for row in stats["texts"])
    assert Question.objects.exclude(status="published").count() == 0


@pytest.mark.django_db
def test_runs_without_gold(texts, tmp_path):
    output = run(str(texts), "--out", str(tmp_path / "r"))
    stats = json.loads((tmp_path / "r" / "stats.json").read_text())
    assert all(row["gold"] is None for row in stats["texts"])
    assert stats["totals"]["overall"]["mean_recall"] is None
    assert "no gold facts" in output


@pytest.mark.django_db
def test_the_sample_is_blind_and_the_key_holds_score_and_status(texts, tmp_path):
    out = tmp_path / "round"
    run(str(texts), "--out", str(out), "--sample", "5", "--seed", "3")
    items = [json.loads(line) for line in (out / "sample.jsonl").read_text().splitlines()]
    assert 3 <= len(items) <= 5  # fewer when siblings are passed over
    assert {frozenset(item) for item in items} == {
        frozenset({"id", "title", "outlet", "date", "sentence", "stem", "answer", "choices"})
    }
    markdown = (out / "sample.md").read_text()
    key = json.loads((out / "key.json").read_text())
    assert key["sample"] == [item["id"] for item in items]
    by_fingerprint = {
        question_id(q.article.slug, q.fingerprint): q
        for q in Question.objects.select_related("article")
    }
    for item in items:
        question = by_fingerprint[item["id"]]
        assert f"`{item['id']}`" in markdown and question.stem in markdown
        assert item["choices"] == [c.text for c in question.choices.order_by("position")]
        entry = key["questions"][item["id"]]
        assert entry["quality"] == question.quality and entry["status"] == question.status
    for word in ("quality", "status", "score", "draft"):
        assert word not in markdown.lower()
    assert "published" not in markdown.lower()
    # No two sampled questions are siblings, and the key says who is whose sibling.
    sampled = set(key["sample"])
    for item in key["sample"]:
        assert not set(key["questions"][item]["siblings"]) & sampled
    # Every question is in the key, not only the sample's.
    assert len(key["questions"]) == Question.objects.count()
    assert key["strata"] == {
        "draft": Question.objects.exclude(status="published").count(),
        "published": Question.objects.filter(status="published").count(),
    }


@pytest.mark.django_db
def test_the_same_seed_draws_the_same_sample(texts, tmp_path):
    run(str(texts), "--out", str(tmp_path / "a"), "--sample", "4", "--seed", "7")
    Article.objects.all().delete()
    run(str(texts), "--out", str(tmp_path / "b"), "--sample", "4", "--seed", "7")
    assert (tmp_path / "a" / "sample.md").read_text() == (tmp_path / "b" / "sample.md").read_text()


@pytest.mark.django_db
def test_a_new_round_leaves_out_the_questions_judged_before(texts, tmp_path):
    first = tmp_path / "first"
    run(str(texts), "--out", str(first), "--sample", "4")
    judged = json.loads((first / "key.json").read_text())["sample"]
    verdicts = write_verdicts(
        first / "verdicts.jsonl", [{"id": i, "verdict": "accept"} for i in judged]
    )
    Article.objects.all().delete()
    output = run(str(texts), "--out", str(tmp_path / "second"), "--sample", "4",
                 "--exclude-judged", str(verdicts))  # fmt: skip
    key = json.loads((tmp_path / "second" / "key.json").read_text())
    assert key["left_out_as_judged"] == 4
    assert key["sample"] and not set(key["sample"]) & set(judged)
    assert len(key["sample"]) == min(4, len(key["questions"]) - 4)
    assert "leaving out 4 judged in earlier rounds" in output


# --- Sampling, gold matching, blind guessing, AUC: the pure parts ------------------------------


def record(article, n, status, *, kind="number", choices=(), correct=None, quality=0.5):
    choices = list(choices)
    return {
        "id": f"{article}:{n}",
        "article": article,
        "kind": kind,
        "mode": "choice" if choices else "typed",
        "status": status,
        "choices": choices,
        "correct": correct or [False] * len(choices),
        "quality": quality,
    }


def test_the_sample_is_stratified_by_status_and_spread_across_texts():
    records = [record(a, n, "published") for a in "abc" for n in range(2)] + [
        record(a, 100 + n, "draft") for a in "abc" for n in range(10)
    ]
    sample = draw_sample(records, size=8, seed=1)
    assert len({r["id"] for r in sample}) == 8
    assert sum(r["status"] == "published" for r in sample) == 4
    drafts = [r for r in sample if r["status"] == "draft"]
    assert sorted({r["article"] for r in drafts}) == ["a", "b", "c"]  # 4 drafts from 3 texts
    # Fewer published than half: all of them, the drafts fill up.
    small = draw_sample(records[:2] + records[6:], size=8, seed=1)
    assert sum(r["status"] == "published" for r in small) == 2 and len(small) == 8
    assert draw_sample(records, size=8, seed=1) == sample


def test_the_sample_never_holds_two_siblings():
    # Text a: questions 0-5 all siblings of each other (one sentence); text b: none.
    ids = [f"a:{n}" for n in range(6)]
    records = [
        dict(
            record("a", n, "published" if n < 3 else "draft"),
            siblings=[i for i in ids if i != f"a:{n}"],
        )
        for n in range(6)
    ] + [dict(record("b", n, "draft"), siblings=[]) for n in range(6)]
    for seed in range(20):
        sample = draw_sample(records, size=6, seed=seed)
        assert sum(r["article"] == "a" for r in sample) == 1  # one of the group, never two
        assert len(sample) == 6  # text b fills up


def test_gold_matches_a_containing_sentence_and_an_overlapping_span():
    sentence = "Officials said the bridge reopened on 16 September 2024 after 18 months."
    question = {"sentence": sentence, "answer_start": 38, "answer_end": 55}
    assert sentence[38:55] == "16 September 2024"
    match = asks_gold
    assert match(question, {"sentence": sentence, "answer": "16 September 2024"})
    assert match(
        question, {"sentence": "the bridge reopened on 16 September 2024", "answer": "September"}
    )
    longer = "In the north, " + sentence.replace(" ", "\n ", 2)
    assert match(question, {"sentence": longer, "answer": "on 16 September"})
    assert not match(question, {"sentence": sentence, "answer": "18 months"})
    assert not match(
        question,
        {"sentence": "Another sentence on 16 September 2024.", "answer": "16 September 2024"},
    )


def mc(n, status, kind, choices, key):
    """A multiple-choice record whose key is `choices[key]`."""
    return record("a", n, status, kind=kind, choices=choices, correct=[i == key for i in range(4)])


def test_blind_guess_rates_on_hand_built_choices():
    records = [
        # ×0.6 / ×1.5 / ×2 around 290: the key is the second smallest.
        mc(
            1,
            "published",
            "number",
            ["174 villages", "290 villages", "435 villages", "580 villages"],
            1,
        ),
        # ×0.5 / ×0.8 / ×2 around 290: the third smallest.
        mc(2, "draft", "number", ["145 km", "232 km", "290 km", "580 km"], 2),
        # A week, two weeks and a month after 3 May 2021: the smallest.
        mc(3, "draft", "date", ["3 May 2021", "10 May 2021", "17 May 2021", "3 June 2021"], 0),
        # "2019" among months: not one form, so not guessed.
        mc(4, "draft", "date", ["March 2020", "2019", "May 2020", "June 2020"], 2),
        mc(5, "draft", "entity", ["Baku", "Ganja", "Shusha", "Lachin"], 0),
    ]
    report = blind_guess(records)
    published, everything = report["published"], report["all"]
    assert published["questions"] == 1 and published["rates"]["rank 2"] == 1.0
    assert everything["questions"] == 3 and everything["by_kind"] == {"date": 1, "number": 2}
    assert everything["unparsed"] == 1
    assert everything["chance"] == 0.25
    rates = everything["rates"]
    assert rates["derived from"] == 1.0
    assert rates["rank 1"] == pytest.approx(1 / 3) and rates["rank 2"] == pytest.approx(1 / 3)
    assert rates["rank 3"] == pytest.approx(1 / 3) and rates["rank 4"] == 0
    assert everything["best"] == "derived from" and everything["best_rate"] == 1.0
    # Ties are coin tosses: 290 and 580 are as round as each other ("10 May" is the roundest
    # date), and the "… km" choices as long as each other.
    assert rates["roundest"] == pytest.approx((1 / 2 + 1 / 2 + 0) / 3)
    assert rates["longest"] == pytest.approx((1 / 4 + 1 / 4 + 0) / 3)


def test_the_issues_villages_family_is_won_by_the_value_the_others_derive_from():
    villages = ["143 villages", "286 villages", "429 villages", "572 villages"]
    for key in range(4):
        rates = blind_guess([mc(1, "draft", "number", villages, key)])["all"]["rates"]
        assert rates["derived from"] == (1.0 if key == 1 else 0.0)


def test_choice_values_parse_the_display_forms():
    number, date = parse_number_choice, parse_date_choice
    assert number("nearly 30 years").key == 30 and number("30 years").roundness == 1
    assert number("1.5 million people").key == 1.5e6 and number("2,908 homes").key == 2908
    assert number("twenty-two").key == 22 and number("no number") is None
    assert date("8 November 2020").key < date("10 November 2020").key < date("1 December 2020").key
    assert date("November 8, 2020").key == date("8 November 2020").key
    assert date("8–10 November 2020").key == date("8 November 2020").key
    assert date("November 2020").key < date("December 2020").key
    assert date("14:30").key == 870 and date("Monday").key == 0 and date("2020").key == 2020
    assert date("8 November").form == "monthday" and date("nothing") is None


def test_roc_auc_on_small_known_cases():
    assert roc_auc([0.9, 0.8, 0.3, 0.1], [True, False, True, False]) == 0.75
    assert roc_auc([0.9, 0.1], [True, False]) == 1.0
    assert roc_auc([0.5, 0.5], [True, False]) == 0.5
    assert roc_auc([0.2, 0.9], [True, False]) == 0.0
    assert roc_auc([0.9, 0.3], [True, True]) is None
    # A weight of 3 on the misranked pair's positive: (3·0 + 1·1) / (4·1).
    assert roc_auc([0.3, 0.9, 0.5], [True, True, False], [3, 1, 1]) == 0.25


# --- Verdicts ---------------------------------------------------------------------------------


def write_verdicts(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


@pytest.mark.django_db
def test_verdicts_are_joined_to_the_key_and_unknown_ids_reported(texts, gold, tmp_path):
    out = tmp_path / "round"
    run(
        str(texts),
        "--gold",
        str(gold),
        "--out",
        str(out),
        "--sample",
        "6",
        "--publish-above",
        "0.5",
    )
    key = json.loads((out / "key.json").read_text())
    ids = key["sample"]
    assert len(ids) > 3
    accepted = set(ids[:3])
    verdicts = write_verdicts(
        out / "verdicts.jsonl",
        [{"id": i, "verdict": "accept", "reason": ""} for i in ids[:3]]
        + [
            {"id": i, "verdict": "reject", "reason": "cloze of a whole sentence", "rubric": 1}
            for i in ids[3:]
        ]
        + [{"id": "gone-article:0123456789", "verdict": "accept"}],
    )
    Article.objects.all().delete()  # the run wants an empty database: the same run again
    output = run(
        str(texts),
        "--gold",
        str(gold),
        "--out",
        str(tmp_path / "again"),
        "--sample",
        "6",
        "--publish-above",
        "0.5",
        "--verdicts",
        str(verdicts),
    )
    judged = json.loads((tmp_path / "again" / "stats.json").read_text())["judged"]
    questions = key["questions"]
    published = [i for i in ids if questions[i]["status"] == "published"]
    above = [i for i in ids if questions[i]["quality"] >= 0.5]
    assert judged["judged"] == len(ids)
    assert judged["published"]["judged"] == len(published)
    assert judged["published"]["accepted"] == len(accepted & set(published))
    assert judged["drafts"]["accepted"] == len(accepted - set(published))
    assert judged["precision"] == {
        "accepted": len(accepted & set(above)),
        "judged": len(above),
        "share": len(accepted & set(above)) / len(above) if above else None,
    }
    assert judged["rejections_by_rubric_point"] == {"1": len(ids) - 3}
    assert judged["unknown"] == [{"id": "gone-article:0123456789", "file": str(verdicts)}]
    assert "not counted, no question has their id (1)" in output
    assert "gone-article:0123456789" in output
    scores = [questions[i]["quality"] for i in ids]
    assert judged["auc"]["judged"] == roc_auc(scores, [i in accepted for i in ids])
    # The same figures again from the files alone, without generating.
    again = StringIO()
    call_command(
        "evaluate_questions",
        "--key",
        str(out / "key.json"),
        "--verdicts",
        str(verdicts),
        "--out",
        str(out),
        stdout=again,
    )
    assert json.loads((out / "judged.json").read_text()) == judged
    assert "acceptable published" in again.getvalue()


def test_a_question_judged_twice_is_acceptable_only_if_no_verdict_rejects_it(tmp_path):
    key = {
        "publish_above": 0.6,
        "strata": {"published": 2, "draft": 8},
        "gold": ["g#1", "g#2"],
        "questions": {
            "a:1": {"quality": 0.9, "status": "published", "gold": ["g#1"]},
            "a:2": {"quality": 0.7, "status": "published", "gold": ["g#2"]},
            "a:3": {"quality": 0.2, "status": "draft", "gold": []},
        },
    }
    one = write_verdicts(
        tmp_path / "one.jsonl",
        [
            {"id": "a:1", "verdict": "accept"},
            {"id": "a:2", "verdict": "accept"},
            {"id": "a:3", "verdict": "reject", "rubric": 4, "reason": "×2 family"},
        ],
    )
    two = write_verdicts(
        tmp_path / "two.jsonl",
        [{"id": "a:2", "verdict": "reject", "rubric": 7, "reason": "unquoted 'martyrs'"}],
    )
    report = judged_report(key=key, verdicts=read_verdicts([one, two]))
    assert report["published"] == {"accepted": 1, "judged": 2, "share": 0.5}
    assert report["disagreements"] == ["a:2"] and report["judged_more_than_once"] == 1
    assert report["gold_with_acceptable_published"] == {"facts": 1, "gold": 2, "share": 0.5}
    assert report["precision"]["share"] == 0.5 and report["recall"]["judged"] == 1.0
    assert report["auc"]["judged"] == 1.0  # the accepted one scores above both rejected


def test_verdicts_on_a_question_changed_since_judged_are_reported(tmp_path):
    round_dir = tmp_path / "round"
    round_dir.mkdir()
    judged_then = {
        "publish_above": 0.6,
        "questions": {
            "a:1": {"quality": 0.9, "status": "published", "digest": "old"},
            "a:2": {"quality": 0.4, "status": "draft", "digest": "same"},
        },
    }
    (round_dir / "key.json").write_text(json.dumps(judged_then))
    verdicts = write_verdicts(
        round_dir / "verdicts.jsonl",
        [{"id": "a:1", "verdict": "accept"}, {"id": "a:2", "verdict": "reject", "rubric": 2}],
    )
    now = tmp_path / "now.json"
    now.write_text(
        json.dumps(
            {
                "publish_above": 0.6,
                "questions": {
                    "a:1": {"quality": 0.9, "status": "published", "digest": "new"},
                    "a:2": {"quality": 0.4, "status": "draft", "digest": "same"},
                },
            }
        )
    )
    out = StringIO()
    call_command("evaluate_questions", "--key", str(now), "--verdicts", str(verdicts), stdout=out)
    assert "not counted, their question changed since judged (1)" in out.getvalue()
    assert "a:1" in out.getvalue() and "judged 1 questions" in out.getvalue()


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: ["--gold", str(d / "missing.json")], "missing.json: no such gold file"),
        (lambda d: ["--gold", str(_write(d / "g.json", "[{"))], "not a JSON gold file"),
        (lambda d: ["--gold", str(_write(d / "g.json", '[{"answer": "x"}]'))], "entry 1 is not"),
        (
            lambda d: ["--verdicts", str(_write(d / "v.jsonl", '{"id": "x", "verdict": "maybe"}'))],
            "line 1: 'verdict' must be 'accept' or 'reject'",
        ),
        (
            lambda d: [
                "--verdicts",
                str(_write(d / "v.jsonl", '\n{"id": "x", "verdict": "reject"}')),
            ],
            "line 2: a rejection names its 'rubric' point",
        ),
        (lambda d: ["--verdicts", str(_write(d / "v.jsonl", "not json"))], "line 1: not a JSON"),
        (lambda d: ["--verdicts", str(d / "none.jsonl")], "none.jsonl: no such verdicts file"),
        (lambda d: ["--publish-above", "high"], "--publish-above wants a number"),
        (lambda d: ["--publish-above", "2"], "--publish-above wants a number"),
    ],
)
def test_bad_input_is_a_clear_error_and_changes_nothing(texts, tmp_path, make, message):
    out = tmp_path / "round"
    with pytest.raises(CommandError, match=message):
        run(str(texts), "--out", str(out), *make(tmp_path))
    assert not out.exists()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_missing_or_bad_article_file_is_a_clear_error_and_changes_nothing(texts, tmp_path):
    out = tmp_path / "round"
    with pytest.raises(CommandError, match="nowhere.txt: no such file"):
        run(str(texts), str(tmp_path / "nowhere.txt"), "--out", str(out))
    (texts / "broken.txt").write_text("no front matter at all")
    with pytest.raises(CommandError, match="broken.txt"):
        run(str(texts), "--out", str(out))
    assert not out.exists() and not Article.objects.exists()


@pytest.mark.django_db
def test_refuses_a_database_that_holds_articles(texts, tmp_path):
    call_command("import_articles", str(texts / "bridge.txt"), stdout=StringIO())
    before = Article.objects.count()
    with pytest.raises(CommandError, match="already holds articles"):
        run(str(texts / "school.txt"), "--out", str(tmp_path / "round"))
    assert Article.objects.count() == before and not Question.objects.exists()
    assert not (tmp_path / "round").exists()


@pytest.mark.django_db
def test_never_overwrites_a_judged_round_unless_told(texts, tmp_path):
    out = tmp_path / "round"
    out.mkdir()
    (out / "key.json").write_text("{}")
    with pytest.raises(CommandError, match="already holds a key.json"):
        run(str(texts), "--out", str(out))
    assert (out / "key.json").read_text() == "{}" and not Article.objects.exists()
    run(str(texts), "--out", str(out), "--overwrite")
    assert json.loads((out / "key.json").read_text())["questions"]


def test_recomputing_needs_a_key_and_verdicts(tmp_path):
    with pytest.raises(CommandError, match="Give article PATHs"):
        call_command("evaluate_questions", "--key", str(tmp_path / "key.json"))
    bad = _write(tmp_path / "key.json", '{"questions": []}')
    verdicts = _write(tmp_path / "v.jsonl", '{"id": "a:1", "verdict": "accept"}\n')
    with pytest.raises(CommandError, match="not a key file"):
        call_command("evaluate_questions", "--key", str(bad), "--verdicts", str(verdicts))


def _write(path, text):
    path.write_text(text)
    return path


# --- The throwaway database -------------------------------------------------------------------


def test_by_default_it_runs_in_a_throwaway_database(texts, tmp_path):
    """Without --current-database the configured database is left exactly as it was: here a
    teacher's SQLite file with an article in it."""
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'teacher.sqlite3'}"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "-v0"], ["import_articles", str(texts / "bridge.txt")]):
        subprocess.run([*manage, *command], env=env, check=True, capture_output=True)
    before = hashlib.sha256((tmp_path / "teacher.sqlite3").read_bytes()).hexdigest()
    result = subprocess.run(
        [*manage, "evaluate_questions", str(texts), "--out", str(tmp_path / "round")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "bridge.txt" in result.stdout and "school.txt" in result.stdout
    assert json.loads((tmp_path / "round" / "key.json").read_text())["questions"]
    after = hashlib.sha256((tmp_path / "teacher.sqlite3").read_bytes()).hexdigest()
    assert after == before
