"""Queries compiled once per database connection, then run with other ids.

Django compiling a queryset costs CPU on every request, and for the learner pages' few
short queries it cost more than PostgreSQL running them. `run_compiled(build, **ids)` is
`build(**ids).first()` with `build`'s SQL compiled on first use per connection.
"""

import weakref

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators


class CompiledQuery:
    """A query whose SQL differs only by a few ids, compiled once per database connection.

    Django compiling a query costs CPU on every request, more than running it for the
    answer's feedback (a filtered card relation, four joins, a subquery: about 0.6 ms). Built
    with `build(**ids)` and stand-in ids whose places among the parameters are noted, each
    `get(**ids)` runs the same SQL with the real ids and builds the object the way a queryset
    does (the compiler's converters, related-object populators, annotations). When the
    stand-ins cannot be told apart from other parameters, or the fetch mode tracks peers,
    `get` runs `build(**ids).first()` instead.
    """

    def __init__(self, build, using, names):
        self.build, self.using = build, using
        stand_ins = {name: -730_001 - n for n, name in enumerate(names)}  # ids no row has
        queryset = build(**stand_ins)
        self.fetch_mode = queryset._fetch_mode
        self.compiler = queryset.query.get_compiler(using=using)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        self.places = {
            name: [i for i, param in enumerate(self.params) if param == stand_in]
            for name, stand_in in stand_ins.items()
        }
        self.usable = all(self.places.values()) and not getattr(
            self.fetch_mode, "track_peers", True
        )
        klass_info, select = self.compiler.klass_info, self.compiler.select
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.model_cols = slice(fields[0], fields[-1] + 1)
        self.init_list = [column[0].target.attname for column in select[self.model_cols]]
        self.annotations = dict(self.compiler.annotation_col_map or {})
        # What results_iter() and the model iterable work out on every run, worked out once:
        # the columns' converters and the related objects' populators (about a tenth of a
        # millisecond a request for the answer's feedback).
        columns = [column[0] for column in select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(columns)
        self.composite = self.compiler.has_composite_fields(columns)
        self.columns = columns
        self.populators = get_related_populators(klass_info, select, using, self.fetch_mode)
        # Ids are big integers (and learners' ids plain ones, within that range).
        self.low, self.high = connections[using].ops.integer_field_range("BigIntegerField")
        self.low = -(2**63) if self.low is None else self.low
        self.high = 2**63 - 1 if self.high is None else self.high

    def get(self, **ids):
        """The first row of `build(**ids)` as a model instance, or None."""
        found = self.list(limit=1, **ids)
        return found[0] if found else None

    def list(self, *, limit=None, **ids):
        """The rows of `build(**ids)` (at most `limit`) as model instances."""
        if not self.usable or not all(
            type(value) is int and self.low <= value <= self.high for value in ids.values()
        ):
            # An id out of the columns' range (a forged URL or form) matches no row: the
            # queryset knows that without sending it to the database, which may overflow.
            # Anything but an int is left to the queryset's own conversion too.
            return list(self.build(**ids)[:limit])
        params = list(self.params)
        for name, places in self.places.items():
            for index in places:
                params[index] = ids[name]
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if self.composite:
            rows = self.compiler.composite_fields_to_tuples(rows, self.columns)
        return [self._build(row) for row in rows]

    def _build(self, row):
        obj = self.model.from_db(
            self.using, self.init_list, row[self.model_cols], fetch_mode=self.fetch_mode
        )
        for populator in self.populators:
            populator.populate(row, obj)
        for name, index in self.annotations.items():
            setattr(obj, name, row[index])
        return obj


# One per query and database connection object (so per thread): a compiler holds its
# connection.
_compiled_queries = weakref.WeakKeyDictionary()


def compiled(build, names, using=DEFAULT_DB_ALIAS):
    wrapper = connections[using]
    query = _compiled_queries.setdefault(wrapper, {}).get(build)
    if query is None:
        query = _compiled_queries[wrapper][build] = CompiledQuery(build, using, names)
    return query


def run_compiled(build, **ids):
    """`build(**ids).first()`, with `build`'s SQL compiled once per connection."""
    return compiled(build, list(ids)).get(**ids)
