"""The calibrated score: features of a question, the logistic model, and `train_score`."""

import json
from dataclasses import replace
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quizzes.generation import generate_drafts, ranking, scoring
from quizzes.generation.types import ArticleText, Draft, Fact, LibraryContext, SentenceText

LONG_CLOZE = {
    "stem": "According to TRT, the increasing attacks of the Armenian army against civilians and "
    "the shelling of villages on the contact line with heavy weapons on ______, was the last "
    "straw.",
    "answer": "27 September 2020",
    "choices": ["27 September 2020", "29 September 2020", "8 November 2020", "2 November 2023"],
    "sentence": "The increasing attacks of the Armenian army against civilians and the shelling "
    "of villages on the contact line with heavy weapons on 27 September 2020, was the last "
    "straw.",
    "kind": "date",
    "mode": "choice",
}
SHORT_WH = {
    "stem": "According to TRT, when did the Azerbaijani army take Shusha?",
    "answer": "8 November 2020",
    "choices": ["27 September 2020", "17 October 2020", "8 November 2020", "10 December 2020"],
    "sentence": "On 8 November 2020, after a long battle, the Azerbaijani army took Shusha, a "
    "town in the mountains that both sides hold dear.",
    "kind": "date",
    "mode": "choice",
}


def villages(choices, answer="286 villages"):
    return {
        "stem": "According to TRT, how many villages did the army take control of?",
        "answer": answer,
        "choices": choices,
        "sentence": "The army took control of 5 cities, 4 towns and 286 villages.",
        "kind": "number",
    }


# --- Features -------------------------------------------------------------------------------


def test_a_long_cloze_and_a_short_wh_question_differ_where_heilman_and_smith_look():
    cloze, wh = scoring.features(LONG_CLOZE), scoring.features(SHORT_WH)
    assert set(cloze) == set(wh) == set(scoring.FEATURE_NAMES)
    assert cloze["cloze"] == 1 and wh["cloze"] == 0
    assert cloze["body_words"] == 27 and wh["body_words"] == 7  # after "According to TRT, "
    assert cloze["lead_words"] == wh["lead_words"] == 3
    assert cloze["cloze_words_over_10"] == 17 and wh["cloze_words_over_10"] == 0
    assert cloze["kept_share"] == pytest.approx(27 / 29)
    assert wh["kept_share"] == pytest.approx(7 / 23)
    assert wh["wh_when"] == 1 and wh["ends_with_question_mark"] == 1
    assert cloze["wh_when"] == 0 and cloze["ends_with_question_mark"] == 0
    assert cloze["kind_date"] == wh["kind_date"] == 1
    # The shipped model ranks the clean question above the long sentence with a hole (it is
    # calibrated on judged rounds where about one question in five is acceptable, so both are
    # probabilities well under 0.6).
    model = scoring.default_model()
    assert model.predict(wh) > model.predict(cloze)


def test_a_ratio_family_around_the_key_and_the_second_smallest_key_are_seen():
    family = scoring.features(
        villages(["143 villages", "286 villages", "429 villages", "572 villages"])
    )
    assert family["derived_from_key"] == 1.0  # ×0.5, ×1.5, ×2
    assert family["key_second"] == 1 and family["key_at_edge"] == 0
    assert family["choices_parsed"] == 1 and family["choices"] == 4
    assert family["mixed_format"] == 0

    own_values = scoring.features(
        villages(["120 villages", "286 villages", "305 villages", "350 villages"])
    )
    assert own_values["derived_from_key"] == 0.0
    assert scoring.default_model().predict(own_values) > scoring.default_model().predict(family)

    mixed = scoring.features(villages(["4 towns", "286 villages", "5 cities", "1,100 villages"]))
    assert mixed["mixed_format"] == 1


def test_dates_a_day_apart_from_the_key_count_as_derived():
    found = scoring.features(
        {**SHORT_WH, "choices": ["7 November 2020", "8 November 2020", "9 November 2020", "2021"]}
    )
    assert found["choices_parsed"] == 0  # a bare year is another form: ranks mean nothing
    found = scoring.features(
        {
            **SHORT_WH,
            "choices": ["7 November 2020", "8 November 2020", "9 November 2020", "15 May 2021"],
        }
    )
    assert found["derived_from_key"] == pytest.approx(2 / 3)
    assert found["key_second"] == 1


def test_a_blank_inside_a_name_is_a_cut_name_and_a_title_before_a_name_is_not():
    cut = scoring.features(
        stem="According to NASA, the ______ Space Agency launched the rocket.",
        answer="European",
        choices=["European", "Russian", "Indian", "Japanese"],
        sentence="The European Space Agency launched the rocket.",
        kind="entity",
    )
    assert cut["blank_in_name"] == 1
    hyphen = scoring.features(
        stem="According to TRT, fighting went on in Nagorno-______ for weeks.",
        answer="Karabakh",
        sentence="Fighting went on in Nagorno-Karabakh for weeks.",
        kind="entity",
    )
    assert hyphen["blank_in_name"] == 1 and hyphen["typed"] == 1
    title = scoring.features(
        stem="According to the Office of the Prime Minister, Prime Minister ______ had a call.",
        answer="Nikol Pashinyan",
        sentence="Prime Minister Nikol Pashinyan had a call.",
        kind="entity",
    )
    assert title["blank_in_name"] == 0
    assert scoring.default_model().predict(title) > scoring.default_model().predict(cut)


def test_vague_words_negation_numbers_parentheses_and_a_clumsy_attribution():
    found = scoring.features(
        stem="According to Wikinews (2 April 2016), it was not over the same day: 5 cities, "
        "4 towns (and ______ villages) were hit.",
        answer="286 villages",
        sentence="It was not over the same day: 5 cities, 4 towns (and 286 villages) were hit.",
        kind="number",
        mode="typed",
    )
    assert found["starts_vague"] == 1 and found["vague_pronouns"] == 1
    assert found["negation"] == 1 and found["relative_time"] == 1
    assert found["numbers_left"] == 2  # "5" and "4": the list is still in the stem
    assert found["parentheses"] == 1 and found["lead_parentheses"] == 1
    anchored = scoring.features(
        {**SHORT_WH, "stem": "According to TRT on 8 November 2023, when did the army take Shusha?"}
    )
    assert anchored["anchored"] == 1 and anchored["dates_in_body"] == 0
    assert scoring.features(SHORT_WH)["anchored"] == 0


def test_a_clock_time_and_an_answer_the_title_states_are_seen():
    docked = scoring.features(
        stem="According to NASA, at what time EDT did the Soyuz dock to the station?",
        answer="22:55",
        sentence="The Soyuz docked to the station at 10:55 p.m. EDT.",
        kind="date",
        title="New crew docks to the station",
    )
    assert docked["answer_clock_time"] == 1 and docked["answer_in_title"] == 0
    aid = scoring.features(
        stem="According to Voice of America, which country gets emergency aid?",
        answer="Georgia",
        sentence="The United States is giving emergency aid to Georgia.",
        kind="entity",
        title="U.S. emergency assistance to Georgia",
    )
    assert aid["answer_clock_time"] == 0 and aid["answer_in_title"] == 1
    # Whole words only, and no title means nothing is given away.
    assert (
        scoring.features({**SHORT_WH, "answer": "Geo", "title": "Georgia"})["answer_in_title"] == 0
    )
    assert scoring.features(SHORT_WH)["answer_in_title"] == 0


def test_loaded_terms_count_only_in_the_questions_own_voice():
    stem = "According to TRT, how many villages did the army liberate from occupation?"
    assert scoring.features(villages([]) | {"stem": stem})["loaded_terms"] == 2
    quoted = "According to TRT, how many villages did the army “liberate”?"
    assert scoring.features(villages([]) | {"stem": quoted})["loaded_terms"] == 0
    name = "According to TRT, how many people visited the Alley of Martyrs?"
    assert scoring.features(villages([]) | {"stem": name})["loaded_terms"] == 0
    # The caller's glossary adds to the terms always counted.
    own = scoring.features(villages([]) | {"stem": stem}, loaded_terms=[("villages", "village")])
    assert own["loaded_terms"] == 3


def draft_of(fields):
    fact = Fact(
        kind=fields["kind"],
        sentence_position=0,
        start=0,
        end=1,
        text=fields["answer"],
        value=fields["answer"],
    )
    return Draft(
        fact=fact,
        kind=fields["kind"],
        mode=fields.get("mode", "choice"),
        stem=fields["stem"],
        answer=fields["answer"],
        answer_normalized=fields["answer"],
        sentence_position=0,
        sentence_text=fields["sentence"],
        answer_start=0,
        answer_end=1,
        attribution="According to TRT",
        quality=0.5,
        fingerprint="f",
        choices=tuple(fields["choices"]),
    )


def test_a_draft_and_its_sample_line_have_the_same_features_and_score():
    for fields in (LONG_CLOZE, SHORT_WH):
        draft = draft_of(fields)
        line = {k: v for k, v in fields.items() if k not in ("kind", "mode")}
        assert scoring.features(draft) == scoring.features(line, kind=fields["kind"])
        score = scoring.score_draft(draft)
        assert 0 <= score <= 1
        assert score == round(scoring.default_model().predict(scoring.features(draft)), 3)
    assert scoring.score_draft(draft_of(SHORT_WH)) > scoring.score_draft(draft_of(LONG_CLOZE))


def test_every_draft_the_generator_makes_can_be_scored():
    article = ArticleText(
        slug="an-article",
        title="A headline",
        outlet="TRT",
        published=date(2023, 11, 8),
        sentences=tuple(
            SentenceText(position=i, text=t)
            for i, t in enumerate(
                (
                    "The army took control of 5 cities, 4 towns and 286 villages.",
                    "On 8 November 2020, the Azerbaijani army took Shusha.",
                    "The war lasted 44 days and ended on 10 November 2020.",
                )
            )
        ),
    )
    drafts = generate_drafts(article, context=LibraryContext())
    assert drafts
    for draft in drafts:
        assert 0 <= scoring.score_draft(draft, loaded_terms=(("occupation",),)) <= 1


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": None}, "'kind'"),
        ({"kind": "colour"}, "kind must be"),
        ({"stem": 3}, "'stem'"),
        ({"choices": ["a", 2]}, "choices"),
    ],
)
def test_features_refuse_what_is_not_a_question(change, message):
    fields = {**SHORT_WH, **change}
    fields = {k: v for k, v in fields.items() if v is not None}
    with pytest.raises(ValueError, match=message):
        scoring.features(fields)


# --- The model ------------------------------------------------------------------------------


def synthetic(n=12):
    """Rows an acceptable question is told from by two features, plus a noisy one."""
    rows, labels = [], []
    for i in range(n):
        good = i % 2 == 0
        rows.append(
            {
                "cloze": 0.0 if good else 1.0,
                "body_words": (8 if good else 22) + i % 3,
                "negation": float(i % 4 == 1),
            }
        )
        labels.append(good)
    return rows, labels


def test_fit_recovers_a_separable_ordering_and_is_deterministic():
    rows, labels = synthetic()
    model = scoring.fit(rows, labels, l2=0.1, iterations=30, version="t")
    scores = [model.predict(r) for r in rows]
    assert scoring.roc_auc(scores, labels) == 1.0
    assert all(0 <= s <= 1 for s in scores)
    weights = dict(zip(model.feature_names, model.weights, strict=True))
    assert weights["cloze"] < 0 and weights["body_words"] < 0
    assert weights["wh_when"] == 0  # constant in the rows
    assert scoring.fit(rows, labels, l2=0.1, iterations=30, version="t") == model
    # Extreme inputs stay inside [0, 1].
    assert 0 <= model.predict({"body_words": 1e6, "cloze": 1}) <= 1
    assert 0 <= model.predict({"body_words": -1e6}) <= 1


def test_fit_needs_both_classes():
    rows, _ = synthetic()
    with pytest.raises(ValueError, match="both"):
        scoring.fit(rows, [False] * len(rows))
    with pytest.raises(ValueError, match="one label per row"):
        scoring.fit(rows, [True])


def test_the_shipped_model_loads_and_says_what_it_is():
    model = scoring.default_model()
    assert model is scoring.default_model()  # read once
    assert set(model.feature_names) <= set(scoring.FEATURE_NAMES)
    assert "Trained by train_score" in model.note and model.version.startswith("trained-")
    assert scoring.Model.from_dict(model.to_dict()) == model
    assert 0 <= model.predict(scoring.features(SHORT_WH)) <= 1


def test_a_model_file_that_is_not_one_is_refused(tmp_path):
    path = tmp_path / "model.json"
    path.write_text("{not json")
    with pytest.raises(ValueError, match="not a JSON model"):
        scoring.load_model(path)
    path.write_text(json.dumps({"version": "x", "weights": {"no_such_feature": 1.0}}))
    with pytest.raises(ValueError, match="unknown feature names: no_such_feature"):
        scoring.load_model(path)
    path.write_text(json.dumps({"version": "x", "weights": {"cloze": "heavy"}}))
    with pytest.raises(ValueError, match="finite numbers"):
        scoring.load_model(path)


def test_measures_on_a_small_example():
    scores, labels = [0.9, 0.8, 0.7, 0.4, 0.3], [True, True, False, True, False]
    assert scoring.roc_auc(scores, labels) == pytest.approx(5 / 6)
    assert scoring.precision_recall(scores, labels, 0.6) == (pytest.approx(2 / 3), 2 / 3)
    assert scoring.threshold_for_precision(scores, labels, 0.9) == 0.8
    assert scoring.threshold_for_precision(scores, labels, 1.01) is None
    assert scoring.roc_auc([0.1, 0.2], [True, True]) is None
    # Weights: the unacceptable 0.7 counting thrice.
    weights = [1, 1, 3, 1, 1]
    assert scoring.roc_auc(scores, labels, weights) == pytest.approx((3 + 1 + 3 + 1 + 0 + 1) / 12)
    assert scoring.precision_recall(scores, labels, 0.6, weights) == (0.4, pytest.approx(2 / 3))


# --- train_score ----------------------------------------------------------------------------


def good_question(article, i):
    return {
        "stem": f"According to TRT, how many villages did the army take in region {i}?",
        "answer": f"{20 + i} villages",
        "choices": [f"{n} villages" for n in (11 + i, 20 + i, 37 + i, 45 + i)],
        "sentence": f"The army took {20 + i} villages in region {i} during the autumn of that "
        "long war.",
        "kind": "number",
        "mode": "choice",
    }


def bad_question(article, i):
    return {
        "stem": "According to TRT, the increasing attacks of the army against civilians and "
        f"the shelling of villages on the line with heavy weapons in area {i} on ______, was "
        "the last straw, the ministry said.",
        "answer": "27 September 2020",
        "choices": ["27 September 2020", "28 September 2020", "29 September 2020", "2021"],
        "sentence": "The increasing attacks of the army against civilians and the shelling of "
        f"villages on the line with heavy weapons in area {i} on 27 September 2020, was the "
        "last straw, the ministry said.",
        "kind": "date",
        "mode": "choice",
    }


def write_round(folder, *, articles=8, per_article=4, judges=("a", "b")):
    """A judged round as evaluate_questions and the judges leave it: sample.jsonl (no kind,
    no mode), key.json (kind, mode, quality), verdicts-*.jsonl."""
    folder.mkdir()
    sample, key, verdicts = [], {}, {j: [] for j in judges}
    for a in range(articles):
        slug = f"article-{a}"
        for i in range(per_article):
            good = i % 2 == 0
            # One poor question judge a let through and judge b rejected: it is not acceptable.
            lenient = a == 0 and i == 2
            q = (bad_question if lenient or not good else good_question)(slug, a * 10 + i)
            qid = f"{slug}:{a:02d}{i:08d}"
            line = {"id": qid, "title": slug, "outlet": "TRT", "date": "2023-11-08"}
            line |= {k: q[k] for k in ("sentence", "stem", "answer", "choices")}
            sample.append(line)
            status = "published" if good else "draft"
            key[qid] = {"article": slug, "kind": q["kind"], "mode": q["mode"], "status": status}
            key[qid]["quality"] = 0.5
            for judge in judges:
                verdict = "accept" if good and not (lenient and judge == "b") else "reject"
                verdicts[judge].append({"id": qid, "verdict": verdict, "reason": "", "rubric": 1})
    (folder / "sample.jsonl").write_text("".join(json.dumps(x) + "\n" for x in sample))
    # The round drew 1 in 2 of its published questions and 1 in 5 of its drafts.
    strata = {"published": len(sample), "draft": 5 * len(sample) // 2}
    (folder / "key.json").write_text(
        json.dumps({"publish_above": 0.6, "strata": strata, "questions": key})
    )
    for judge, lines in verdicts.items():
        text = "".join(json.dumps(v) + "\n" for v in lines)
        (folder / f"verdicts-{judge}.jsonl").write_text(text)
    return folder


def run(*args):
    out = StringIO()
    call_command("train_score", *map(str, args), stdout=out)
    return out.getvalue()


def test_train_score_reports_held_out_figures_and_writes_a_loadable_model(tmp_path):
    first = write_round(tmp_path / "round-1")
    second = write_round(tmp_path / "round-2", articles=2)  # articles 0-1 again, judged again
    target = tmp_path / "model.json"
    printed = run(first, second, "--holdout-fraction", "0.25", "--seed", "3", "--write", target)
    assert "40 judged questions from 8 articles, 18 acceptable" in printed
    assert "Held out by article (seed 3, fraction 0.25): 2 articles" in printed
    assert "ROC AUC: 1.000" in printed
    assert "precision 100.0%" in printed
    assert "threshold for ≥ 90% precision: " in printed
    assert "weighted by stratum" in printed and "): ROC AUC 1.000, at 0.60 precision" in printed
    assert f"Model written to {target}." in printed
    model = scoring.load_model(target)
    assert model.trained["heldout"]["auc"] == 1.0
    assert model.trained["questions"] == 40
    assert model.note.startswith("Trained by train_score on 28 judged questions")
    good = scoring.features(good_question("x", 99))
    bad = scoring.features(bad_question("x", 99))
    assert model.predict(good) > 0.5 > model.predict(bad)

    # The same inputs and seed give the same model; without --write nothing is written.
    again = tmp_path / "again.json"
    run(first, second, "--seed", "3", "--write", again)
    assert json.loads(again.read_text()) == json.loads(target.read_text())
    printed = run(first, "--holdout-articles", "article-1", "article-6")
    assert "Held out by article (as given): 2 articles: article-1, article-6" in printed
    assert "Model not written" in printed
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "again.json",
        "model.json",
        "round-1",
        "round-2",
    ]


def test_train_score_on_one_class_says_so_and_writes_nothing(tmp_path):
    folder = write_round(tmp_path / "round", judges=("a",))
    (folder / "verdicts-a.jsonl").write_text(
        (folder / "verdicts-a.jsonl").read_text().replace('"accept"', '"reject"')
    )
    target = tmp_path / "model.json"
    with pytest.raises(CommandError, match="holds no acceptable questions"):
        run(folder, "--write", target)
    assert not target.exists()


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda f: (f / "sample.jsonl").unlink(), "no sample.jsonl"),
        (lambda f: [p.unlink() for p in f.glob("verdicts*")], "not judged yet"),
        (
            lambda f: (f / "verdicts-a.jsonl").write_text('{"id": "x", "verdict": "maybe"}\n'),
            r"verdicts-a.jsonl, line 1: 'verdict' must be",
        ),
        (
            lambda f: (f / "verdicts-b.jsonl").write_text(
                '{"id": "x", "verdict": "accept"}\n{"id": "x", "verdict": "reject"}\n'
            ),
            "judged twice in this file",
        ),
        (lambda f: (f / "sample.jsonl").write_text("[1, 2]\n"), "line 1: not a JSON object"),
        (lambda f: (f / "key.json").unlink(), "'kind' is neither in the line nor in"),
        (lambda f: (f / "key.json").write_text("{}"), "not a key written by evaluate_questions"),
    ],
)
def test_train_score_refuses_bad_rounds_and_writes_nothing(tmp_path, damage, message):
    folder = write_round(tmp_path / "round")
    damage(folder)
    target = tmp_path / "model.json"
    with pytest.raises(CommandError, match=message):
        run(folder, "--write", target)
    assert not target.exists()


@pytest.mark.parametrize(
    "options, message",
    [
        (["--threshold", "2"], "--threshold wants a number between 0 and 1"),
        (["--holdout-fraction", "1"], "--holdout-fraction must be between 0 and 1"),
        (["--holdout-articles", "article-99"], "no judged question from article-99"),
        (["--l2", "-1"], "--l2 must be 0 or more"),
        (["--without", "no_such_feature"], "--without: unknown features no_such_feature"),
        (["--write", "/no/such/folder/model.json"], "not a file path in an existing folder"),
    ],
)
def test_train_score_refuses_bad_options(tmp_path, options, message):
    folder = write_round(tmp_path / "round")
    with pytest.raises(CommandError, match=message):
        run(folder, *options)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["round"]


def test_the_score_holds_back_what_it_finds_unlikely_and_leaves_the_rest_to_the_rules():
    good, poor = draft_of(SHORT_WH), draft_of(LONG_CLOZE)
    assert scoring.score_draft(good) >= ranking.SCORE_FLOOR > scoring.score_draft(poor)
    # A draft the rules would publish but the score doubts is held back for a teacher...
    assert ranking.scored(replace(poor, quality=0.8)).quality == ranking.HELD_BACK
    # ...one it does not doubt keeps the rules' rank, and one the rules held back stays so.
    assert ranking.scored(replace(good, quality=0.8)).quality == 0.8
    assert ranking.scored(replace(poor, quality=0.3)).quality == 0.3
    # The article's title counts: an answer it states is given away.
    titled = scoring.score_draft(good, title="Azerbaijan took Shusha on 8 November 2020")
    assert titled < scoring.score_draft(good)
