"""Splitting an article body into sentences, with character offsets into the body.

Pure: strings in, `SentenceSpan`s out, no database. pysbd finds the candidate boundaries; two
passes then correct what it gets wrong in news text:

- a break it missed after an abbreviation or an initial that does end a sentence ("They chose
  Plan B. It worked.", "He lives on Main St. He is old.") is made when the next word plainly
  opens a sentence ("It", "The", "However"...);
- a break it made where the sentence goes on is undone: after a clock time followed by its zone
  or its day ("at 10:55 p.m. EDT while...", "at 2:45 a.m. Saturday", "a.m. Moscow time"), after
  a title or other abbreviation that never ends a sentence ("Gen.", "Dr.", "St.", "No."), after
  an initial inside a name ("John F. Kennedy"), and after a month or other abbreviation followed
  by a number or a lower-case word ("Nov. 10", "approx. 100,417", "etc. were sold").

Single line breaks inside a paragraph are read as spaces; a sentence never crosses a blank line.
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

# Characters of a paragraph given to pysbd at once (see _split_paragraph).
SEGMENT_WINDOW = 3000

# Abbreviations that stand before a name or a number and so never end a sentence, unless what
# follows plainly opens a new one ("Main St. He is old."). Lower case, without the final dot.
NEVER_FINAL = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
        "adm", "cmdr", "gov", "sen", "rep", "pres", "rev", "hon", "amb", "st", "mt", "ft",
        "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "art", "para", "sec", "ch",
        "approx", "ca", "est", "vs", "e.g", "i.e", "cf", "lt.col", "brig",
    }
)  # fmt: skip
# Abbreviations that may end a sentence ("... in Sept.", "... and so on, etc.", "in the U.S."):
# the sentence goes on only when a number or a lower-case word follows.
MAYBE_FINAL = frozenset(
    {
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "etc", "u.s", "u.n", "u.k", "e.u", "jr", "sr", "inc", "ltd", "co", "corp", "bros",
        "a.m", "p.m",
    }
)  # fmt: skip
# Words that open a sentence and are neither a name nor an initial: after "Plan B." or "St.",
# one of these starts a new sentence.
OPENERS = frozenset(
    {
        "The", "This", "That", "These", "Those", "There", "Here", "It", "Its", "He", "His",
        "She", "Her", "They", "Their", "We", "Our", "You", "Your", "But", "And", "However",
        "Then", "Meanwhile", "Moreover", "After", "Before", "When", "While", "If", "Although",
        "Though", "In", "On", "At", "For", "From", "By", "With", "According", "Since", "During",
        "Also", "Some", "Many", "Most", "All", "Both", "Each", "Such", "Now", "Later", "Earlier",
        "Today", "Yesterday", "Officials", "Police",
    }
)  # fmt: skip
# What may follow a clock time's "a.m." / "p.m." inside the same sentence.
TIME_ZONES = frozenset(
    {
        "EDT", "EST", "CDT", "CST", "MDT", "MST", "PDT", "PST", "AKDT", "AKST", "HST", "HDT",
        "ET", "CT", "MT", "PT", "GMT", "UTC", "UT", "BST", "IST", "CET", "CEST", "EET", "EEST",
        "WET", "WEST", "MSK", "AZT", "AMT", "AZST", "AMST", "JST", "KST", "AEST", "AEDT",
        "SGT", "HKT", "CAT", "EAT", "WAT", "SAST", "Z",
    }
)  # fmt: skip
DAY_AND_MONTH_WORDS = frozenset(
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.",
        "Nov.", "Dec.",
    }
)  # fmt: skip

# Abbreviations that only ever stand inside a sentence, whatever follows them.
_INSIDE_ONLY = frozenset({"e.g", "i.e", "cf", "vs", "approx", "ca", "est"})
_CLOCK = re.compile(r"(?i)^[ap]\.m\.?$")
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")  # "F.", "J.R.R."
_WORD = re.compile(r"\S+")
# A candidate missed break: a word ending in a dot, spaces, then a capitalised word.
_MISSED_BREAK = re.compile(r"(?<!\S)(\S+\.)(\s+)([A-Z][a-z]*)(?=[\s,])")


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
    boundaries and the passes this module describes correct them; single line breaks inside a
    paragraph are read as spaces.
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
    pieces = []
    offset, window = 0, SEGMENT_WINDOW
    while offset < len(flat):
        # pysbd's time grows with the square of its input: feed it a window at a time, keep all
        # but the window's last sentence (which the window may have cut), resume from there.
        end = min(len(flat), offset + window)
        found = _segment(flat[offset:end])
        if end < len(flat) and len(found) < 2:
            window *= 2  # one sentence longer than the window: widen it and try again
            continue
        if end < len(flat):
            resume = offset + found[-1][0]
            found = found[:-1]
        else:
            resume = end
        pieces.extend([offset + start, offset + stop] for start, stop in found)
        offset, window = resume, SEGMENT_WINDOW
    pieces = [piece for start, end in pieces for piece in _split_missed(flat, start, end)]
    return [(start, end) for start, end in _merge_false_breaks(flat, pieces)]


def _segment(flat):
    """pysbd's sentences of `flat` as [start, end] pairs into it, trimmed."""
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
    return pieces


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


def _split_missed(flat, start, end):
    """The piece flat[start:end] cut where pysbd missed a break: after an abbreviation or an
    initial when the next word opens a sentence ("Plan B. It worked.")."""
    cuts = []
    for match in _MISSED_BREAK.finditer(flat, start, end):
        word, opener = match.group(1), match.group(3)
        if opener in OPENERS and _is_abbreviation(word):
            cuts.append((match.end(1), match.start(3)))
    pieces, cursor = [], start
    for cut_end, next_start in cuts:
        pieces.append([cursor, cut_end])
        cursor = next_start
    pieces.append([cursor, end])
    return pieces


def _is_abbreviation(word):
    """Whether `word` (ending in a dot) is an abbreviation or an initial pysbd may read as
    going on: the words this module's passes know."""
    bare = _strip_punctuation(word)
    key = bare.lower().removesuffix(".")
    if key in _INSIDE_ONLY:
        return False  # "e.g. The Guardian": what follows these is never a new sentence
    return bool(_INITIALS.match(bare)) or key in NEVER_FINAL or key in MAYBE_FINAL


def _merge_false_breaks(flat, pieces):
    merged = []
    for start, end in pieces:
        if merged and _continues(flat[merged[-1][0] : merged[-1][1]], flat[start:end]):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged


def _continues(previous, following):
    """True when `previous` ends in an abbreviation, an initial or a clock time that
    `following` plainly continues."""
    words = _WORD.findall(previous)
    if not words or not previous.endswith(".") or not following:
        return False
    last = _strip_punctuation(words[-1])
    key = last.lower().removesuffix(".")
    following_words = _WORD.findall(following)
    first_word = following_words[0]
    first = first_word.lstrip("(\"'“‘")[:1] or first_word[:1]
    goes_on = first.isdigit() or first.islower() or first_word.startswith("(")
    if first.islower() and not re.match(r"[a-z]+[A-Z]", first_word.lstrip("(\"'“‘")):
        return True  # a sentence does not open in lower case ("2.5 deg. and rising"; not "iPhone")
    if _CLOCK.match(last):
        # "at 10:55 p.m. EDT while ...", "2:45 a.m. Saturday", "8:32 a.m. Moscow time"
        bare = first_word.rstrip(".,;:")
        zone_words = following_words[1:2]
        return (
            goes_on
            or bare in TIME_ZONES
            or first_word in DAY_AND_MONTH_WORDS
            or bare in DAY_AND_MONTH_WORDS
            or (bool(zone_words) and zone_words[0].rstrip(".,;:").lower() == "time")
        )
    if key in NEVER_FINAL:
        return goes_on or (first.isupper() and first_word.rstrip(".,;:") not in OPENERS)
    if key in MAYBE_FINAL:
        return goes_on
    if _INITIALS.match(last) and len(words) >= 2:
        # "John F. Kennedy", "J. R. Smith": an initial after a capitalised name or another
        # initial, before a capitalised word that does not open a sentence.
        before = _strip_punctuation(words[-2])
        return goes_on or (
            before[:1].isupper() and first.isupper() and first_word.rstrip(".,;:") not in OPENERS
        )
    return False


def _strip_punctuation(word):
    """A word without the brackets and quotation marks around it ("(Gen." -> "Gen.")."""
    return word.strip("()[]\"'“”‘’")
