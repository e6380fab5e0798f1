"""The error for bad input to the judged evaluation, and reading its input files."""

import json
from pathlib import Path


class JudgingError(ValueError):
    """Bad input to the judged evaluation: a missing or malformed gold, key or verdicts file."""


def read_text(path, what):
    """The UTF-8 text of file `path` (a `what` file: "gold", "key", "verdicts"). A missing file or
    a folder is a `JudgingError`; text that is not UTF-8 raises `UnicodeDecodeError`, for the
    caller to word."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise JudgingError(f"{path}: no such {what} file") from None
    except IsADirectoryError:
        raise JudgingError(f"{path}: is a directory, not a {what} file") from None


def read_json(path, what):
    """The JSON value of file `path` (a `what` file); a `JudgingError` when it cannot be read."""
    try:
        return json.loads(read_text(path, what))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise JudgingError(f"{Path(path)}: not a JSON {what} file ({error})") from None
