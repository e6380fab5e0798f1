"""Long lists kept within what one SQL statement may carry.

With server-side binding (quizsite/settings.py) PostgreSQL takes at most 65,535 parameters
a statement, and SQLite has a limit of its own: a filter on a list of ids that grows with
the data (every question of the library, every learner of a school), or a prefetch over as
many rows, is split into batches of `BATCH_SIZE`.
"""

from itertools import batched

from django.db.models import QuerySet

# Well under either database's limit, with room for a query's other parameters.
BATCH_SIZE = 10_000


def filter_in(queryset, lookup, values, *, size=BATCH_SIZE):
    """The rows of `queryset.filter(**{f"{lookup}__in": values})`, read a batch of values
    at a time (a row matching values of two batches comes once per batch)."""
    for batch in batched(dict.fromkeys(values), size):
        yield from queryset.filter(**{f"{lookup}__in": batch})


def in_batches(rows, *, size=BATCH_SIZE):
    """`rows` in tuples of at most `size`; a queryset is read a batch at a time, each with
    its prefetched relations (`iterator(chunk_size=…)` prefetches a chunk at a time)."""
    if isinstance(rows, QuerySet):
        rows = rows.iterator(chunk_size=size)
    return batched(rows, size)
