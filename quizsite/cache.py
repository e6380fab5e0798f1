"""The cache backend used when no shared cache is configured (see CACHES in settings).

A local-memory cache lives in one worker process: a deletion in one worker (a logout, an
edited glossary term) is not seen by the others. So that they cannot serve a stale entry for
long, this backend treats its TIMEOUT as an upper bound on every entry's lifetime, whatever
timeout the caller asks for (the session framework asks for the session's whole age).
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class BoundedLocMemCache(LocMemCache):
    """LocMemCache in which no entry outlives TIMEOUT seconds (none is kept forever)."""

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        if timeout is DEFAULT_TIMEOUT or timeout is None:
            timeout = self.default_timeout
        else:
            timeout = min(timeout, self.default_timeout)
        return super().get_backend_timeout(timeout)
