"""FSRS's retrievability computed by the database, for sums over many cards (a learner's
mastery per article, a class's retention): `retrievability(now)` is an expression equal to
`scheduling.recall_probability` card by card (tests/quizzes/test_progress.py checks it to
1e-12 on SQLite and PostgreSQL).
"""

from django.db import NotSupportedError
from django.db.models import F, FloatField, Func, Value
from django.db.models.functions import Coalesce, Floor, Greatest, Power

from .scheduling import FORGETTING_CURVE


class EpochSeconds(Func):
    """A datetime column as seconds since the Unix epoch (a float), for arithmetic on it.

    The one expression here that Django cannot say: its functions subtract datetimes into a
    DurationField (an interval on PostgreSQL, microseconds on SQLite) that no function turns
    into a number on both, and `Extract` has no epoch on SQLite. Each database's own
    function: date_part() on PostgreSQL (double precision; EXTRACT is numeric since
    PostgreSQL 14, twice as slow), julianday() on SQLite (Django stores UTC datetimes as
    text, which it reads). Tested on both: tests/quizzes/test_progress.py.
    """

    output_field = FloatField()
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("EpochSeconds is written for PostgreSQL and SQLite only.")

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="date_part('epoch', %(expressions)s)", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)",
            **extra_context,
        )


def retrievability(now):
    """FSRS's retrievability at `now` of a card, as an expression: the database's version of
    `scheduling.recall_probability`, (1 + factor · whole days since the last review /
    stability) ^ decay, and 0 for a card never reviewed (its NULLs make the curve NULL)."""
    decay, factor = FORGETTING_CURVE
    # Whole days, never negative (a review after `now` counts as 0 days), as fsrs counts them.
    seconds = Value(now.timestamp()) - EpochSeconds(F("last_review"))
    days = Greatest(Floor(seconds / Value(86400.0)), Value(0.0))
    curve = Power(Value(1.0) + Value(factor) * days / F("stability"), Value(decay))
    return Coalesce(curve, Value(0.0))
