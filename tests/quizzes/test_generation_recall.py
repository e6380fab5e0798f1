"""A fact no clause can be asked about is kept as a draft for a teacher, not dropped, when its
sentence is short and stands alone (`clauses.sentence_cloze`); and the diagnosis of gold facts
no question asks (`evaluation.diagnose_gold`, bench/missed_facts.py) names the stage that lost
each one."""

from datetime import date

from quizzes.generation import clauses, generate_drafts, parser
from quizzes.generation.evaluation import diagnose_gold
from quizzes.generation.extraction import extract_facts
from quizzes.generation.pipeline import WHOLE_SENTENCE_CAP
from quizzes.generation.types import ArticleText, LibraryContext, SentenceText


def article_of(*texts, slug="fixture"):
    return ArticleText(
        slug=slug,
        title="A headline",
        outlet="TRT",
        published=date(2023, 11, 8),
        sentences=tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts)),
    )


def facts_of(text):
    return extract_facts(SentenceText(position=0, text=text), published=date(2023, 11, 8))


def drafts_of(*texts):
    dropped = {}
    drafts = generate_drafts(article_of(*texts), context=LibraryContext(), dropped=dropped)
    return drafts, dropped


def test_a_short_sentence_no_clause_asks_is_a_held_back_draft():
    drafts, dropped = drafts_of(
        "Rainfall of up to 12 inches caused record flooding in parts of Ohio."
    )
    assert [(d.stem, d.answer) for d in drafts] == [
        (
            "According to TRT, rainfall of ______ caused record flooding in parts of Ohio.",
            "up to 12 inches",
        )
    ]
    assert drafts[0].quality <= WHOLE_SENTENCE_CAP < 0.6  # a draft, never published as it is
    assert dropped == {}


def test_a_whole_sentence_is_not_blanked_when_it_cannot_stand_alone_or_gives_the_answer():
    # a pronoun from the sentence before
    drafts, dropped = drafts_of("It poses no threat to the 14 coastal towns.")
    assert drafts == [] and list(dropped.values()) == ["no stem could be built"]
    # an imperative is a notice, not a fact
    assert drafts_of("Watch the hatch opening live on the agency's website at 10:30 a.m.")[0] == []
    # a condition, not a fact
    assert drafts_of("If the talks fail, the army will attack on 3 May 2025.")[0] == []
    # the answer again in brackets, in another unit
    doc = parser.parse("Watches said 100 mph (160 km/h) was likely.")
    fact = next(f for f in facts_of(doc.text) if f.text == "100 mph")
    assert clauses.sentence_cloze(doc, fact) is None
    doc = parser.parse("Watches said 100 mph was likely.")
    fact = next(f for f in facts_of(doc.text) if f.text == "100 mph")
    assert clauses.sentence_cloze(doc, fact).text == "Watches said ______ was likely."
    # long sentences stay unasked: never a long sentence with a hole in it
    long = (
        "The plan was welcomed by the representatives of the 27 member states of the union and "
        "by many observers from the neighbouring regions after weeks of negotiations."
    )
    assert drafts_of(long)[0] == []


def test_a_whole_sentence_is_not_blanked_in_a_list_item_or_a_name():
    drafts, _ = drafts_of("The talks were held in Vienna and backed by 3 countries and the UN.")
    assert all("and the UN" not in d.stem or d.answer != "3 countries" for d in drafts)
    drafts, _ = drafts_of("Officials met the 2020 war veterans in the capital.")
    assert all(d.answer != "2020" for d in drafts)  # "the ______ war": a name's part


def test_dropped_names_the_rule_that_refused_a_fact():
    _, dropped = drafts_of("Rainfall rose to 12 inches (30 cm) in parts of Ohio last week.")
    assert "refused: answer inside brackets" in " ".join(dropped.values())


def test_diagnose_gold_names_the_stage_that_lost_each_fact():
    article = article_of(
        "Rainfall of up to 12 inches caused record flooding in parts of Ohio.",
        "It poses no threat to the 14 coastal towns.",
        "Officials said the scored seventeen lead held.",
        slug="storm",
    )
    gold = [
        {
            "article": "storm.txt",
            "sentence": article.sentences[0].text,
            "answer": "up to 12 inches",
        },
        {
            "article": "storm.txt",
            "sentence": article.sentences[1].text,
            "answer": "14 coastal towns",
        },
        {"article": "storm.txt", "sentence": article.sentences[2].text, "answer": "seventeen"},
        {"article": "storm.txt", "sentence": "A sentence the article lacks.", "answer": "lacks"},
        {"article": "other.txt", "sentence": "Not this article's.", "answer": "this"},
    ]
    total, missed = diagnose_gold(articles=[article], gold=gold)
    assert total == 4
    by_answer = {m.entry["answer"]: (m.stage, m.detail) for m in missed}
    assert set(by_answer) == {"14 coastal towns", "seventeen", "lacks"}
    assert by_answer["14 coastal towns"] == ("drop", "no stem could be built")
    assert by_answer["seventeen"][0] == "extraction"
    assert by_answer["lacks"][0] == "sentence"
    # a storing check the draft fails is its stage
    total, missed = diagnose_gold(
        articles=[article], gold=gold[:1], check=lambda draft: ["The stem is empty."]
    )
    assert [(m.stage, m.detail) for m in missed] == [("checks", "The stem is empty.")]
