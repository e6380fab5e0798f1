"""Reading articles into the library: sentence splitting, file parsing and the import itself.

`split_sentences` and the `parse_*` functions are pure (no database); `import_articles` is the
one function that writes, inside a single transaction.
"""

import re
import warnings
from dataclasses import dataclass

with warnings.catch_warnings():
    # pysbd 0.3.4 has invalid escape sequences in its regex literals (harmless SyntaxWarnings).
    warnings.simplefilter("ignore", SyntaxWarning)
    import pysbd

# A blank line (possibly holding spaces, tabs or no-break spaces) separates paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

# Abbreviations after which pysbd sometimes ends a sentence although the text goes on with a
# number or a lower-case word ("approx. 100,417", "Nov.\n10"). Lower case, without the dot.
CONTINUING_ABBREVIATIONS = frozenset(
    {
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "approx", "ca", "est", "no", "nos", "vol", "p", "pp", "fig", "art", "para", "sec",
        "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep", "pres",
        "dr", "mr", "mrs", "ms", "prof", "st", "mt", "vs", "etc", "e.g", "i.e", "cf", "u.s",
    }
)  # fmt: skip
LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence of a body: `body[start:end] == text`, trimmed of surrounding whitespace."""

    position: int
    paragraph: int
    start: int
    end: int
    text: str


def split_sentences(body):
    """Split `body` into sentences, paragraph by paragraph, with offsets into `body`.

    Paragraphs are separated by blank lines; a sentence never crosses one. Positions and
    paragraph numbers count from 0 over non-empty sentences and paragraphs. pysbd finds the
    boundaries; a post-pass rejoins its splits after abbreviations followed by a number or a
    lower-case word ("approx. 100,417"), and single line breaks inside a paragraph are read as
    spaces.
    """
    spans = []
    paragraph = 0
    for para_start, para_end in _paragraph_bounds(body):
        pieces = _split_paragraph(body[para_start:para_end])
        if not pieces:
            continue
        for start, end in pieces:
            start, end = para_start + start, para_start + end
            spans.append(
                SentenceSpan(
                    position=len(spans),
                    paragraph=paragraph,
                    start=start,
                    end=end,
                    text=body[start:end],
                )
            )
        paragraph += 1
    return spans


def _paragraph_bounds(body):
    start = 0
    for match in PARAGRAPH_BREAK.finditer(body):
        yield start, match.start()
        start = match.end()
    yield start, len(body)


def _split_paragraph(text):
    """(start, end) of each sentence of one paragraph, relative to it, trimmed."""
    if not text.strip():
        return []
    # Same length as `text`, so pysbd's pieces map back onto it one to one.
    flat = text.replace("\r", " ").replace("\n", " ")
    segmenter = pysbd.Segmenter(language="en", clean=False)
    pieces = []
    cursor = 0
    for segment in segmenter.segment(flat):
        wanted = segment.strip()
        if not wanted:
            continue
        start = flat.find(wanted, cursor)
        if start == -1 or flat[cursor:start].strip():
            start, end = _locate_by_characters(flat, cursor, wanted)
        else:
            end = start + len(wanted)
        if end > start:
            pieces.append([start, end])
        cursor = end
    if pieces:
        # Whatever pysbd dropped at the end (it should drop nothing) stays with the last sentence.
        pieces[-1][1] = len(flat.rstrip())
    return [(start, end) for start, end in _merge_false_breaks(flat, pieces)]


def _locate_by_characters(flat, cursor, wanted):
    """Fallback when pysbd altered whitespace: consume as many non-space characters as it gave."""
    remaining = sum(1 for char in wanted if not char.isspace())
    position = cursor
    while position < len(flat) and flat[position].isspace():
        position += 1
    start = position
    while position < len(flat) and remaining:
        if not flat[position].isspace():
            remaining -= 1
        position += 1
    return start, position


def _merge_false_breaks(flat, pieces):
    merged = []
    for start, end in pieces:
        if merged and _continues(flat[merged[-1][0] : merged[-1][1]], flat[start:end]):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged


def _continues(previous, following):
    """True when `previous` ends in an abbreviation that `following` plainly continues."""
    match = LAST_WORD.search(previous)
    if not match or match.group(1).lower() not in CONTINUING_ABBREVIATIONS:
        return False
    first = following[0]
    return first.isdigit() or first.islower()
