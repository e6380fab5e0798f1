"""Template tags of the glossary: render untrusted text with contested terms glossed.

    {% load glossary %}
    {% glossed sentence.text %}                                  terms glossed
    {% glossed question.sentence_text question.answer_start question.answer_end %}
                                                                 ... and the answer in <mark>

The terms are read from the database once per request (cached on the request), whatever the
number of sentences on the page.
"""

import itertools
import re

from django import template
from django.utils.crypto import get_random_string

from content.glossary import Glossary, render_glossed
from content.models import ContestedTerm

register = template.Library()

_CACHE_ATTRIBUTE = "_content_glossary"


def load_glossary(request=None):
    """Return (Glossary of every ContestedTerm, id iterator), once per request.

    Without a request (an e-mail, a test rendering a template alone) the terms are read again
    on each call. Gloss ids carry a random prefix, so fragments swapped in by htmx never reuse
    an id already on the page.
    """
    cached = getattr(request, _CACHE_ATTRIBUTE, None) if request is not None else None
    if cached is None:
        prefix = get_random_string(6, allowed_chars="abcdefghijkmnpqrstuvwxyz23456789")
        cached = (
            Glossary(
                ContestedTerm.objects.only(
                    "term", "variants", "used_by", "description", "other_terms"
                )
            ),
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
