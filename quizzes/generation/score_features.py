"""The features of a drafted question the quality score reads (`scoring` holds the model).

In the spirit of Heilman & Smith ("Good Question!", 2010): simple features of what a question
shows: its stem (length, question word, vague pronouns, relative time, a blank cut into a name,
loaded terms in its own voice), its answer, its source sentence, its kind and mode, and for a
choice question how its choices sit around the key (at an edge, derived from it, mixed forms).

Pure Python: no Django, no numpy. `features` works on a `Draft` or on a line of a judged round's
sample.jsonl, so what is trained on is what is scored.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction

from .display import MONTH_NAMES, WEEKDAY_NAMES

# Loaded terms always counted, whatever glossary the caller passes (a judged round's sample does
# not carry the article's glossary): the rubric's examples, each as its forms, the term first.
DEFAULT_LOADED_TERMS: tuple[tuple[str, ...], ...] = (
    ("martyrs", "martyr", "martyrdom"),
    ("liberation", "liberated", "liberate", "liberates", "liberating"),
    ("occupation", "occupied", "occupying", "occupiers", "occupier"),
    ("infiltration", "infiltrated", "infiltrate", "infiltrates", "infiltrating"),
    ("ethnic cleansing",),
    ("anti-terrorist operation", "anti-terror operation"),
)

# Every feature `features` returns, in a fixed order: a model names the ones it uses.
FEATURE_NAMES: tuple[str, ...] = (
    "body_words",  # words of the question after its attribution
    "body_words_over_15",  # max(0, body_words - 15)
    "sentence_words",  # words of the source sentence
    "kept_share",  # body_words / sentence_words: how much of the sentence the stem keeps
    "cloze",  # 1 for a fill-in-the-blank, 0 for a question
    "cloze_words_over_10",  # a cloze's words beyond 10: a long sentence with a hole
    "ends_with_question_mark",
    "wh_when",
    "wh_how_many",
    "wh_how_much",
    "wh_how_long",
    "wh_who",
    "wh_where",
    "wh_what_which",
    "wh_other",  # a question with another wh-word or none found
    "starts_vague",  # the question's own words open with a pronoun or demonstrative
    "vague_pronouns",  # it, this, they, he, she... in the question's own words
    "relative_time",  # "the same day", "last year", "three years ago", "recently"...
    "negation",
    "blank_in_name",  # "the ______ Space Agency", "Nagorno-______"
    "numbers_left",  # figures in the question other than dates: a list with one item blanked
    "dates_in_body",
    "body_commas",
    "parentheses",  # "(" in the question's own words
    "lead_words",  # words of the attribution ("According to TRT")
    "lead_parentheses",  # "According to X (archive.org)"
    "anchored",  # the attribution carries the article's date
    "loaded_terms",  # loaded terms in the question's own voice (not in quotation marks)
    "typed",  # no choices
    "kind_date",
    "kind_number",
    "answer_words",
    "answer_words_over_4",
    "choices",  # how many
    "choices_parsed",  # every choice reads as a value of the question's kind
    "key_at_edge",  # the key is the smallest or largest value
    "key_second",  # the key is the second smallest (the blind guesser's favourite)
    "derived_from_key",  # share of distractors a simple step from the key (×0.5, ×1.5, ×2, +1 day)
    "mixed_format",  # the choices differ in form (unit, digits or words, date form, length)
    "key_longest",  # the key is the one longest choice
    "answer_clock_time",  # the answer is a time of day ("22:55", "4:10 p.m."): rarely worth learning
    "answer_in_title",  # the answer, as written, is in the article's title: given away
)

_BLANK = re.compile(r"_{3,}")
_WORD = re.compile(r"\S+")
_LEAD = re.compile(r"^according to [^,]+,\s*", re.IGNORECASE)
_ANCHOR = re.compile(r"^\s+on [^,]*\d[^,]*")
_MONTHS = [name.lower() for name in MONTH_NAMES]
_WEEKDAYS = [name.lower() for name in WEEKDAY_NAMES]
_MONTH = "(?:" + "|".join(MONTH_NAMES) + ")"
_DATE_IN_TEXT = re.compile(
    rf"\b\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})? {_MONTH}(?:,? \d{{4}})?\b"
    rf"|\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?\b|\b{_MONTH},? \d{{4}}\b"
    r"|\b(?:1[89]|20)\d\d\b(?:\s*[–-]\s*\d{2,4}\b)?"
)
_NUMBER_IN_TEXT = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?!\w)|\b\d+(?:st|nd|rd|th)\b")
_VAGUE_WORDS = re.compile(r"\b(?:it|this|these|those|they|them|he|him|she)\b", re.IGNORECASE)
_VAGUE_START = re.compile(
    r"^(?:it|its|this|that|these|those|they|their|he|his|she|her|such|the latter|the former)\b",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"\b(?:the same (?:day|week|month|year|night|time)|that (?:day|week|month|year|night)"
    r"|the (?:next|following|previous|preceding) (?:day|week|month|year|night)"
    r"|the day (?:before|after)|yesterday|today|tonight|tomorrow|recently|currently|now"
    r"|(?:last|this|next) (?:year|month|week|night|weekend|morning|evening)"
    r"|\w+ (?:years?|months?|weeks?|days?) ago|earlier this|later that|so far)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|without|cannot)\b|n['’]t\b", re.I)
_WH = (
    ("wh_how_many", re.compile(r"\bhow many\b", re.I)),
    ("wh_how_much", re.compile(r"\bhow much\b", re.I)),
    ("wh_how_long", re.compile(r"\bhow long\b", re.I)),
    ("wh_when", re.compile(r"\bwhen\b|\b(?:what|which) (?:date|day|year|month|time)\b", re.I)),
    ("wh_who", re.compile(r"\bwho(?:m|se)?\b", re.I)),
    ("wh_where", re.compile(r"\bwhere\b", re.I)),
    ("wh_what_which", re.compile(r"\bwhat\b|\bwhich\b", re.I)),
    ("wh_other", re.compile(r"\bhow\b|\bwhy\b", re.I)),
)
_NAME_WORD = re.compile(r"^[A-Z][\w’'.-]*$")
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b(?:noon|midnight)\b", re.IGNORECASE)


def _in_title(answer: str, title: str) -> bool:
    """Whether `answer` (its words, case aside) stands in `title` as whole words."""
    words = re.findall(r"[\w.’'-]+", answer.lower())
    if not words or not title:
        return False
    pattern = r"(?<![\w.])" + r"\W+".join(re.escape(w) for w in words) + r"(?![\w])"
    return re.search(pattern, title.lower()) is not None


def features(
    draft=None,
    /,
    *,
    stem: str | None = None,
    answer: str | None = None,
    choices: Sequence[str] | None = None,
    sentence: str | None = None,
    kind: str | None = None,
    mode: str | None = None,
    attribution: str | None = None,
    title: str | None = None,
    loaded_terms: Iterable = (),
) -> dict[str, float]:
    """The features of a question, {name: value} for every name of `FEATURE_NAMES`.

    Pass a `Draft` (or anything with its attributes), a mapping shaped like a sample.jsonl line
    ("sentence" for the source sentence; "kind", "mode" and "attribution" when it has them), or
    the fields as keyword arguments; keyword arguments win. `mode` defaults to "choice" when
    there are choices, "typed" when not; `attribution` to the stem's opening "According to ...,";
    `title` (the article's, as a sample line carries it) to none.
    `loaded_terms` are the article's glossary terms, each a string or a tuple of its forms,
    counted with `DEFAULT_LOADED_TERMS` (always counted, so that a model trained on judged
    samples, which carry no glossary, means the same when it scores a draft). Raises ValueError when the stem, answer, sentence or
    kind is missing or not a string, or `kind` is not date, number or entity.
    """
    given = _fields_of(draft) if draft is not None else {}
    overrides = {"stem": stem, "answer": answer, "choices": choices, "sentence": sentence,
                 "kind": kind, "mode": mode, "attribution": attribution,
                 "title": title}  # fmt: skip
    given.update({k: v for k, v in overrides.items() if v is not None})
    for name in ("stem", "answer", "sentence", "kind"):
        if not isinstance(given.get(name), str):
            raise ValueError(f"a question's features need its {name!r} as a string")
    if given["kind"] not in ("date", "number", "entity"):
        raise ValueError(f"kind must be date, number or entity, not {given['kind']!r}")
    choices = tuple(given.get("choices") or ())
    if not all(isinstance(c, str) for c in choices):
        raise ValueError("choices must be strings")
    mode = given.get("mode") or ("choice" if choices else "typed")
    stem, answer, sentence, kind = (given[k] for k in ("stem", "answer", "sentence", "kind"))
    lead, body = _lead_and_body(stem, given.get("attribution") or "")
    body_words = len(_WORD.findall(body))
    sentence_words = len(_WORD.findall(sentence))
    cloze = bool(_BLANK.search(body))
    out = dict.fromkeys(FEATURE_NAMES, 0.0)
    out.update(
        body_words=body_words,
        body_words_over_15=max(0, body_words - 15),
        sentence_words=sentence_words,
        kept_share=body_words / sentence_words if sentence_words else 1.0,
        cloze=float(cloze),
        cloze_words_over_10=max(0, body_words - 10) if cloze else 0,
        ends_with_question_mark=float(body.rstrip().endswith("?")),
        starts_vague=float(bool(_VAGUE_START.match(body))),
        vague_pronouns=len(_VAGUE_WORDS.findall(_unquoted(body))),
        relative_time=len(_RELATIVE_TIME.findall(body)),
        negation=len(_NEGATION.findall(body)),
        blank_in_name=float(cloze and _blank_in_name(body)),
        numbers_left=len(_NUMBER_IN_TEXT.findall(_DATE_IN_TEXT.sub(" ", body))),
        dates_in_body=len(_DATE_IN_TEXT.findall(body)),
        body_commas=body.count(","),
        parentheses=body.count("(") + body.count("["),
        lead_words=len(_WORD.findall(lead)),
        lead_parentheses=lead.count("(") + lead.count("["),
        anchored=float(bool(re.search(r"\son [^,]*\d", lead))),
        loaded_terms=_loaded_terms(body, loaded_terms),
        typed=float(mode == "typed"),
        kind_date=float(kind == "date"),
        kind_number=float(kind == "number"),
        answer_words=len(_WORD.findall(answer)),
        answer_words_over_4=max(0, len(_WORD.findall(answer)) - 4),
        answer_clock_time=float(bool(_CLOCK_TIME.search(answer))),
        answer_in_title=float(_in_title(answer, given.get("title") or "")),
    )
    if not cloze:
        out[_wh_word(body)] = 1.0
    if mode == "choice" and choices:
        out.update(_choice_features(choices, answer, kind))
    return {name: float(out[name]) for name in FEATURE_NAMES}


def _fields_of(draft) -> dict:
    if isinstance(draft, Mapping):
        fields = dict(draft)
        if "sentence" not in fields and "sentence_text" in fields:
            fields["sentence"] = fields["sentence_text"]
        return fields
    names = ("stem", "answer", "choices", "kind", "mode", "attribution")
    fields = {name: getattr(draft, name, None) for name in names}
    fields["sentence"] = getattr(draft, "sentence_text", getattr(draft, "sentence", None))
    return fields


def _lead_and_body(stem: str, attribution: str) -> tuple[str, str]:
    """The stem's attribution ("According to TRT, ", with its date when anchored) and the
    question's own words after it."""
    if attribution and stem.startswith(attribution):
        rest = stem[len(attribution) :]
        anchor = _ANCHOR.match(rest)
        cut = anchor.end() if anchor else 0
        body = rest[cut:].lstrip(" ,")
        return stem[: len(stem) - len(body)], body
    m = _LEAD.match(stem)
    return (m.group(), stem[m.end() :]) if m else ("", stem)


def _unquoted(text: str) -> str:
    return re.sub(r"\"[^\"]*\"|“[^”]*”|«[^»]*»", " ", text)


def _wh_word(body: str) -> str:
    found = [(m.start(), i, name) for i, (name, rx) in enumerate(_WH) if (m := rx.search(body))]
    return min(found)[2] if found else "wh_other"


def _blank_in_name(body: str) -> bool:
    """Whether the blank sits inside a capitalised name ("the ______ Space Agency"): a
    capitalised word other than a month or weekday right after it, or a word joined to it by a
    hyphen ("Nagorno-______"). A title before it ("President ______") is not a cut name."""
    for m in _BLANK.finditer(body):
        before, after = body[: m.start()], body[m.end() :]
        if re.match(r"-\w", after) or re.search(r"\w-$", before):
            return True
        nxt = re.match(r"\s+(\S+)", after)
        if nxt and _NAME_WORD.match(nxt.group(1)) and nxt.group(1) not in ("I",):
            word = nxt.group(1).strip(".,;:").lower()
            if word not in _MONTHS and word not in _WEEKDAYS:
                return True
    return False


def _loaded_terms(body: str, terms: Iterable) -> int:
    forms = set()
    for term in (*DEFAULT_LOADED_TERMS, *terms):
        forms.update((term,) if isinstance(term, str) else term)
    text = _unquoted(body)
    count = 0
    for form in sorted(forms, key=len, reverse=True):
        # A form inside a proper name ("the Alley of Martyrs") is a name, not a use.
        pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", re.IGNORECASE)
        for m in pattern.finditer(text):
            if m.group()[0].isupper() and m.start() > 0:
                continue
            count += 1
        text = pattern.sub(" ", text)
    return count


# --- Choices ------------------------------------------------------------------------------------


def _choice_features(choices: Sequence[str], answer: str, kind: str) -> dict[str, float]:
    out = {"choices": len(choices)}
    lengths = [len(c) for c in choices]
    if answer in choices and lengths.count(max(lengths)) == 1:
        out["key_longest"] = float(len(answer) == max(lengths))
    out["mixed_format"] = float(len({_shape(c) for c in choices}) > 1)
    if kind not in ("date", "number") or answer not in choices:
        return out
    parse = _number_value if kind == "number" else _date_value
    values = [parse(c) for c in choices]
    if any(v is None for v in values) or len({v[0] for v in values}) != 1:
        return out
    if len({v[1] for v in values}) != len(values):
        return out
    out["choices_parsed"] = 1.0
    key = values[choices.index(answer)]
    rank = sorted(v[1] for v in values).index(key[1])
    out["key_at_edge"] = float(rank in (0, len(values) - 1))
    out["key_second"] = float(rank == 1 and len(values) > 2)
    others = [v for v in values if v is not key]
    out["derived_from_key"] = sum(_derived(key, o) for o in others) / len(others)
    return out


def _shape(text: str) -> str:
    """A choice's form: digits, month and weekday names, capitalised words and small words
    abstracted away; what is left (units, scale words, punctuation) must match across choices."""
    shape = []
    for word in text.split():
        lowered = word.lower().strip(".,")
        if re.fullmatch(r"[\d.,:–-]+(?:st|nd|rd|th|%)?", lowered):
            shape.append("9")
        elif lowered in _MONTHS:
            shape.append("M")
        elif lowered in _WEEKDAYS:
            shape.append("W")
        elif lowered in _NUMBER_WORDS:
            shape.append("9")
        elif word[:1].isupper():
            shape.append("C")
        else:
            shape.append(lowered)
    collapsed = re.sub(r"(?:C )*C", "C", " ".join(shape))
    return collapsed


_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_NUMBER_WORDS |= {"a dozen": 12, "dozen": 12, "hundred": 100}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_TOKEN = re.compile(
    r"(\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s*(thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)


def _number_value(text: str):
    """("number", value) for "286 villages", "1.5 million", "twenty", "44%"; None otherwise."""
    m = _NUMBER_TOKEN.search(text)
    if not m:
        return None
    token = m.group(1).lower()
    if token in _NUMBER_WORDS:
        value = float(_NUMBER_WORDS[token])
    else:
        try:
            value = float(token.replace(",", ""))
        except ValueError:
            return None
    if m.group(2):
        value *= _SCALES[m.group(2).lower()]
    return ("number", value)


def _date_value(text: str):
    """(form, key) for the display forms of dates: "8 November 2020" and "November 8, 2020"
    (day: the date's ordinal), "8 November" (monthday), "November 2020" (month), "2020"
    (year), "14:30" (time), "Monday" (weekday); a range counts by its first day."""
    lowered = text.lower()
    month = next((i + 1 for i, name in enumerate(_MONTHS) if name in lowered), None)
    year_m = re.search(r"\b(1\d{3}|20\d{2})\b", text)
    day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!:)", re.sub(r"\b\d{4}\b", " ", text))
    if month:
        year = int(year_m.group(1)) if year_m else None
        day = int(day_m.group(1)) if day_m else None
        if day and year:
            try:
                return ("day", float(date(year, month, day).toordinal()))
            except ValueError:
                return None
        if day:
            return ("monthday", float(month * 32 + day))
        if year:
            return ("month", float(year * 12 + month))
        return None
    time_m = re.search(r"\b(\d{1,2}):(\d{2})\b", text)
    if time_m:
        return ("time", float(int(time_m.group(1)) * 60 + int(time_m.group(2))))
    if year_m:
        return ("year", float(year_m.group(1)))
    weekday = next((i for i, name in enumerate(_WEEKDAYS) if name in lowered), None)
    return ("weekday", float(weekday)) if weekday is not None else None


_RATIOS = sorted(
    {Fraction(p, q) for p in range(1, 6) for q in range(1, 6) if p != q}
    | {Fraction(1, 10), Fraction(10)}
)


def _derived(key, other) -> bool:
    """Whether `other` is a simple step from the key: a simple ratio of it (×1/2, ×3/2, ×2,
    ×4/3…, rounded to whole units) for numbers; 1, 2, 3, 7 or 14 days (or 1 month or year)
    away for dates."""
    form, k = key
    o = other[1]
    if form == "number":
        return k != 0 and any(abs(o - k * float(r)) <= max(0.5, abs(o) * 0.005) for r in _RATIOS)
    difference = abs(o - k)
    if form in ("day", "monthday"):
        return difference in (1, 2, 3, 7, 14)
    if form in ("month", "year"):
        return difference == 1
    if form == "time":
        return difference in (30, 60)
    return False
