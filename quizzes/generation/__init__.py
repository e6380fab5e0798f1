"""Question generation: pure functions over strings and dataclasses, no ORM.

The public interface is what this module exports; the modules behind it may change.
`generate_drafts` always attributes: dropping an attribution needs the library-wide
corroboration that `attribution_may_be_dropped` decides on.
"""

from .attribution import attribution_for, attribution_may_be_dropped, is_casualty_or_money
from .extraction import extract_facts
from .pipeline import generate_drafts

__all__ = [
    "attribution_for",
    "attribution_may_be_dropped",
    "extract_facts",
    "generate_drafts",
    "is_casualty_or_money",
]
