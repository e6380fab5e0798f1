"""End to end over the shipped seeds through the database: import, generate with
--publish-above 0.6 (what `make run` does), export; what a careful teacher would check."""

import importlib
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from quizzes.generation.entities import entity_kind
from quizzes.generation.stems import has_relative_expression, has_relative_time

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = importlib.import_module("quizzes.migrations.0007_seed_entities")
RELATIVE = re.compile(
    r"\b(?:\w+ years? ago|(?:in|over|during) the (?:last|past) \w+ years?|in \d+ years"
    r"|last (?:week|month|year)|this (?:week|month|year)|yesterday|today|the same day)\b",
    re.IGNORECASE,
)


@pytest.fixture
def published(db):
    call_command("import_articles", str(ROOT / "content" / "seeds"), stdout=StringIO(),
                 stderr=StringIO())  # fmt: skip
    call_command("generate_questions", "--publish-above", "0.6", stdout=StringIO())
    out = StringIO()
    call_command("export_questions", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_seeds_publish_entity_questions(published):
    by_answer = {q["answer"]: q for q in published if q["kind"] == "entity"}
    # Shusha's capture is asked once: by its date, whose question names the city (TRT's
    # "liberate" is one side's term: the question says it in neutral words).
    stems = {q["stem"] for q in published}
    assert (
        "According to TRT, on what date did the Azerbaijani army take control of Shusha?" in stems
    )
    assert "Shusha" not in by_answer or by_answer["Shusha"]["source"]["outlet"] != "TRT"
    # Wrong choices are confirmed entities of the answer's type and kind, never one the stem
    # names; the signers of the Trilateral Statement ("for Armenia") have no fair choices in the
    # shipped registry (the other signatories plainly signed for other states), so they are
    # not published with unfair ones.
    # Since choices must be countries the article names (issue 12, rubric 4), a country asked
    # with fewer than three fair others is typed, and typed entity questions score below the
    # threshold: the seeds may publish none. Whatever is published keeps to the rules below.
    shipped = {name: (type_, entity_kind(name, type_, aliases))
               for name, type_, aliases in SHIPPED.SEED_ENTITIES}  # fmt: skip
    for answer, question in by_answer.items():
        assert {shipped[c] for c in question["choices"]} == {shipped[answer]}, question
        assert not [c for c in question["choices"] if c != answer and c in question["stem"]]
    assert not {"Nikol Pashinyan", "Ilham Aliyev", "Vladimir Putin"} & set(by_answer)


def test_no_published_stem_is_left_relative_and_every_one_is_attributed(published):
    assert len(published) >= 15
    for question in published:
        stem = question["stem"]
        assert stem.startswith(question["attribution"]), stem
        # "According to TRT on 8 November 2023, ..." anchors a present perfect; nothing else
        # relative to when the article was written may remain. No brackets in the attribution.
        assert "(" not in question["attribution"], question["attribution"]
        anchor = re.match(r" on \d{1,2} [A-Z][a-z]+ \d{4}", stem[len(question["attribution"]) :])
        body = stem[len(question["attribution"]) + (anchor.end() if anchor else 0) :]
        assert body.startswith(", "), stem
        assert not has_relative_expression(body), stem
        assert anchor or not has_relative_time(body), stem
        assert not RELATIVE.search(body), stem
        # A choice question has four distinct choices holding the answer once; a typed one
        # (the distractor rules found no fair choices: the key on the article's own day, whose
        # date a blind guesser reads off the article) has none.
        if question["choices"]:
            assert len(question["choices"]) == 4 and len(set(question["choices"])) == 4
            assert question["choices"].count(question["answer"]) == 1
        source = question["source"]
        assert source["sentence"][source["answer_start"] : source["answer_end"]].strip()


def test_the_caspian_post_piece_has_more_than_two_published_questions(published):
    caspian = [q for q in published if q["source"]["outlet"] == "Caspian Post"]
    stems = [q["stem"] for q in caspian]
    assert len(caspian) >= 5, stems
    assert any(s.endswith("how long did the Second Karabakh War last?") for s in stems)
    assert any(s.endswith("on what date was the Trilateral Statement signed?") for s in stems)


def test_the_same_fact_in_both_seeds_is_corroborated(published):
    signed = [q for q in published if q["answer"] == "10 November 2020"]
    assert {q["source"]["outlet"] for q in signed} == {"TRT", "Caspian Post"}
    for question in signed:
        other = {"TRT", "Caspian Post"} - {question["source"]["outlet"]}
        assert question["corroborated_by"] == sorted(other)
    war = [q for q in published if q["answer"] == "44 days"]
    assert {q["source"]["outlet"] for q in war} == {"TRT", "Caspian Post"}
