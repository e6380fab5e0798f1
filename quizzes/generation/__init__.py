"""Question generation: pure functions over strings and dataclasses, no ORM.

The public interface is these three functions; the modules behind them may change.
"""

from .attribution import attribution_for
from .drafting import generate_drafts
from .extraction import extract_facts

__all__ = ["attribution_for", "extract_facts", "generate_drafts"]
