"""Question stems from the clause that states the fact, on the dependency parse."""

from quizzes.generation import parser


def test_the_parser_loads_its_model_once_and_parses_a_sentence():
    parser.load_model.cache_clear()
    first = parser.load_model()
    second = parser.load_model()
    assert first is second
    info = parser.load_model.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    # Only the pipes stems use run; the named entity recogniser is left out.
    assert "ner" not in first.pipe_names
    assert {"tagger", "parser", "lemmatizer"} <= set(first.pipe_names)

    doc = parser.parse("The Azerbaijani army took Shusha on 8 November 2020.")
    by_text = {t.text: t for t in doc}
    assert by_text["took"].dep_ == "ROOT"
    assert by_text["took"].lemma_ == "take"
    assert by_text["army"].dep_ == "nsubj" and by_text["army"].head.i == by_text["took"].i
    assert by_text["Shusha"].dep_ == "dobj"
    # A sentence is parsed once however many of its facts are asked about.
    assert parser.parse("The Azerbaijani army took Shusha on 8 November 2020.") is doc
