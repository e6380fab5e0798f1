"""Template tags of the glossary: render untrusted text with contested terms glossed.

    {% load glossary %}
    {% glossed sentence.text %}                                  terms glossed
    {% glossed question.sentence_text question.answer_start question.answer_end %}
                                                                 ... and the answer in <mark>

The terms are kept in the cache (they change a few times a year) and read from the database
only when it has none; within a request they are looked up once, whatever the number of
sentences on the page. Saving or deleting a ContestedTerm clears the cached copy (the
receivers below; content.apps connects them).
"""

import itertools
import re

from django import template
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.crypto import get_random_string

from content.glossary import Glossary, GlossTerm, render_glossed
from content.models import ContestedTerm

register = template.Library()

_CACHE_ATTRIBUTE = "_content_glossary"
# Versioned: a deployment that changes GlossTerm never reads copies pickled by the old code.
TERMS_CACHE_KEY = "content:glossary-terms:v2"


def load_terms():
    """Every ContestedTerm as a GlossTerm, from the cache, else from the database (one query)."""
    terms = cache.get(TERMS_CACHE_KEY)
    if terms is None:
        terms = [
            GlossTerm.of(term)
            for term in ContestedTerm.objects.only(
                "term", "variants", "usage", "used_by", "description", "other_terms"
            )
        ]
        cache.set(TERMS_CACHE_KEY, terms)
    return terms


@receiver(post_save, sender=ContestedTerm, dispatch_uid="content.glossary.saved")
@receiver(post_delete, sender=ContestedTerm, dispatch_uid="content.glossary.deleted")
def forget_terms(**kwargs):
    """Drop the cached terms now and again once the change is committed (a request reading
    the terms in between would otherwise cache the old ones)."""
    cache.delete(TERMS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(TERMS_CACHE_KEY), robust=True)


# The Glossary last built in this process and the terms it was built from: building one
# (a regular expression of every form) cost more than the rest of the glossed tag, on every
# answer, for terms that change a few times a year.
_built = ((), Glossary(()))


def build_glossary(terms):
    """A Glossary of `terms` (GlossTerms), the one built last time when they are the same."""
    global _built
    terms = tuple(terms)
    built_from, glossary = _built
    if built_from != terms:
        glossary = Glossary(terms)
        _built = (terms, glossary)
    return glossary


def current_glossary():
    """The Glossary of every ContestedTerm as this process knows them now (the cached terms)."""
    return build_glossary(load_terms())


def load_glossary(request=None):
    """Return (Glossary of every ContestedTerm, id iterator), once per request.

    Without a request (an e-mail, a test rendering a template alone) the glossary is built
    again on each call. Gloss ids carry a random prefix, so fragments swapped in by htmx never
    reuse an id already on the page.
    """
    cached = getattr(request, _CACHE_ATTRIBUTE, None) if request is not None else None
    if cached is None:
        prefix = get_random_string(6, allowed_chars="abcdefghijkmnpqrstuvwxyz23456789")
        cached = (
            current_glossary(),
            (f"gloss-{prefix}-{n}" for n in itertools.count(1)),
        )
        if request is not None:
            setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached


@register.simple_tag(takes_context=True)
def glossed(context, text, start=None, end=None):
    """`text` escaped, with every contested term glossed (hover and focus) and, when `start`
    and `end` are given and fit the text, that span in <mark>."""
    glossary, ids = load_glossary(context.get("request"))
    highlight = (start, end) if start is not None and end is not None else None
    return render_glossed(text, glossary=glossary, highlight=highlight, ids=ids)


# A sentence ends at . ! or ? (perhaps followed by a closing quote) before a space and a capital.
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?(?=\s+[A-Z“\"(‘])")


@register.filter
def lead_sentences(text, count=2):
    """The first `count` sentences of `text`: the short form of a note shown with an answer."""
    text = str(text or "").strip()
    try:
        count = max(int(count), 1)
    except (TypeError, ValueError):
        count = 2
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    if len(ends) < count:
        return text
    cut = ends[count - 1]
    # Keep a closing quote that belongs to the last kept sentence.
    while cut < len(text) and text[cut] in '”"’)':
        cut += 1
    return text[:cut]
