"""Settings for the benchmark's server: the production settings, static files collected into
a temporary folder (BENCH_STATIC_ROOT) so a benchmark never writes into the work tree."""

import os

from quizsite.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
