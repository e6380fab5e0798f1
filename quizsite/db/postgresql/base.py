"""Django's PostgreSQL backend, with server-side parameter binding that never refuses a long
parameter list.

With server-side binding (quizsite/settings.py turns it on, for prepared statements) the
parameters travel apart from the SQL, and PostgreSQL's protocol takes at most 65,535 of them
in one statement: `filter(pk__in=…)` with more ids, or `prefetch_related` over a whole table
(a backup of every card's reviews), would fail where client-side binding worked. Such a
statement is composed on the client instead, as psycopg's client-side cursors do, and sent
as plain SQL; every other statement is bound on the server as before.
"""

import psycopg
from django.db.backends.postgresql import base

# The protocol counts the parameters of a statement in a 16-bit integer.
MAX_PARAMETERS = 65_535


class ServerBindingCursor(base.ServerBindingCursor):
    def execute(self, query, params=None, *args, **kwargs):
        if params is not None and len(params) > MAX_PARAMETERS:
            query = psycopg.ClientCursor(self.connection).mogrify(query, params)
            params = None
        return super().execute(query, params, *args, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if params.get("cursor_factory") is base.ServerBindingCursor:
            params["cursor_factory"] = ServerBindingCursor
        return params
