"""Turn a fact in its sentence into a question stem, or refuse when no good one can be made.

A wh-question ("On what date was ...?", "How many villages did ...?") is built when the
sentence fits a pattern this module parses with confidence (a short subject, then an auxiliary
or a known past-tense verb); otherwise the stem is a cloze with the answer blanked out.
"""

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .display import format_date_value
from .extraction import number_category, parse_number
from .types import Fact, KnownEntity

BLANK = "______"
MAX_STEM_WORDS = 40

# Base forms of verbs news reports use, with their irregular past forms; regular past forms
# are derived. A wh-question needs the base form ("did ... launch"), and guessing it for an
# unknown verb risks an ungrammatical stem, so unknown verbs fall back to a cloze.
_IRREGULAR = {
    "begin": "began", "bring": "brought", "build": "built", "buy": "bought", "come": "came",
    "fight": "fought", "find": "found", "flee": "fled", "give": "gave", "go": "went",
    "hold": "held", "keep": "kept", "leave": "left", "lose": "lost", "make": "made",
    "meet": "met", "pay": "paid", "say": "said", "see": "saw", "sell": "sold", "send": "sent",
    "set": "set", "shoot": "shot", "spend": "spent", "take": "took", "tell": "told",
    "win": "won", "write": "wrote", "lead": "led", "put": "put", "strike": "struck",
    "hit": "hit", "rise": "rose", "fall": "fell", "grow": "grew", "draw": "drew",
    "break": "broke", "speak": "spoke", "seek": "sought", "teach": "taught", "think": "thought",
    "rebuild": "rebuilt", "lend": "lent", "shut": "shut", "cut": "cut", "cost": "cost",
    "sink": "sank", "withdraw": "withdrew", "forbid": "forbade",
}  # fmt: skip
_REGULAR = frozenset({
    "accept", "adopt", "affect", "agree", "allocate", "announce", "appoint", "approve", "arrest",
    "arrive", "attack", "attend", "award", "ban", "bomb", "borrow", "call", "capture", "cause",
    "celebrate", "claim", "climb", "close", "collapse", "commemorate", "complete", "conclude",
    "confirm", "construct", "count", "create", "cross", "damage", "decide", "declare", "defeat",
    "deliver", "demand", "demolish", "deploy", "destroy", "detain", "die", "displace", "donate",
    "double", "drop", "earn", "elect", "employ", "end", "enter", "erupt", "escalate", "establish",
    "estimate", "evacuate", "export", "flood", "free", "gain", "grant", "hand", "handle", "honor",
    "honour", "host", "import", "inaugurate", "increase", "injure", "introduce", "invest",
    "issue", "join", "kill", "label", "land", "last", "launch", "liberate", "lift", "mark",
    "merge", "move", "name", "nominate", "observe", "occupy", "occur", "open", "order",
    "organise", "organize", "pass", "plan", "pledge", "post", "proclaim", "produce", "promise",
    "raise", "reach", "recapture", "receive", "reclaim", "recognise", "recognize", "record",
    "register", "reject", "release", "relocate", "remove", "renovate", "reopen", "repair",
    "replace", "report", "rescue", "resettle", "resign", "restore", "resume", "retreat", "return",
    "seize", "shell", "sign", "start", "state", "submit", "suffer", "surrender", "total",
    "transfer", "treat", "triple", "unveil", "visit", "vote", "warn", "welcome", "withdraw",
    "wound",
})  # fmt: skip


def _regular_past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    if base in ("ban", "plan", "stop", "drop", "ship", "label"):
        return base + base[-1] + "ed"
    return base + "ed"


PAST_TO_BASE = {past: base for base, past in _IRREGULAR.items()}
PAST_TO_BASE.update({_regular_past(b): b for b in _REGULAR if b not in _IRREGULAR})
PAST_TO_BASE.update({"totalled": "total", "labelled": "label", "travelled": "travel"})

_PRONOUN_START = re.compile(
    r"^(?:He|She|They|This|These|Those|That|We|I|You|His|Her|Their|Its|Our|Them|Such)\b"
    r"|^It\b(?! (?:has|had) been \w+ (?:years|months|days|weeks)\b)"
)
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those|such|the same|it|them)\b", re.I)
_INTRO = re.compile(
    r"^(?P<intro>(?:In|During|On|After|Following|Since|By|At|Before|Throughout|Within|Over)"
    r" [^,;:\"“”]{2,60}), "
)
# Words that open a sentence without being names: lowered when a stem moves them inside.
_DETERMINERS = {
    "a", "about", "according", "after", "against", "all", "almost", "also", "although", "among",
    "an", "and", "any", "approximately", "around", "as", "at", "because", "before", "both", "but",
    "by", "despite", "during", "each", "even", "every", "following", "for", "from", "however",
    "if", "in", "initially", "just", "many", "meanwhile", "more", "most", "nearly", "no",
    "officially", "on", "once", "only", "other", "over", "roughly", "several", "since", "so",
    "some", "still", "such", "the", "these", "those", "throughout", "thus", "today", "under",
    "until", "when", "while", "with", "within", "without", "yesterday", "yet",
}  # fmt: skip
_RELATIVE_LEFT = re.compile(
    r"\b(?:ago|yesterday|today|tomorrow|tonight|last (?:week|month|year)|this (?:week|month|year)"
    r"|next (?:week|month|year)|(?:the )?(?:last|past) (?:\w+ )?(?:years?|months?|weeks?|days?)"
    r"|recently|currently|so far|now|since then|to date|in \w+ years)\b",
    re.IGNORECASE,
)
# The present perfect is relative to when it was written ("has built 2 airports"), unless the
# sentence names the years it covers ("between 2020 and 2023").
_PERFECT = re.compile(
    r"\b(?:has|have)\b(?: [A-Z][\w'’-]*){0,3} (?:been|[a-z]+ed|built|spent|become|taken|made"
    r"|given|done|seen|held|lost|won|kept|left|paid|sent|brought|fought|grown|risen|fallen)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Stem:
    """A question stem before attribution, and where its answer is in the source sentence."""

    text: str  # without the attribution
    form: str  # wh | cloze
    answer_start: int  # within the sentence
    answer_end: int


def lower_first(text: str, *, vocabulary: "Vocabulary | None" = None) -> str:
    """Lower-case the first word of `text` unless it is a name: "The army" → "the army",
    "Declaring" → "declaring", while "Azerbaijan" stays. Without a parser, a word is taken
    for an ordinary one when it is a function word, when the article also writes it in lower
    case, or when it looks like a gerund or adverb and the article never capitalises it
    mid-sentence; otherwise it is kept as written (lowering a name is worse than keeping a
    capital)."""
    first = re.match(r"[A-Za-z][\w'’-]*", text)
    if not first:
        return text
    word = first.group()
    vocabulary = vocabulary or Vocabulary()
    lowered = text[0].lower() + text[1:]
    if word.lower() in _DETERMINERS or word.lower() in ("how", "what", "which", "who", "it", "for"):
        return lowered
    base = re.sub(r"['’]s$", "", word)  # "Turkey's" is the name "Turkey"
    if word in vocabulary.names or base in vocabulary.names or (word.isupper() and len(word) > 1):
        return text
    if word.endswith("ing") and word not in vocabulary.names and len(word) > 5:
        return lowered  # "Declaring November 8 as ..." opens with a verb, not a name
    if re.match(r"[A-Za-z][\w'’-]* [A-Z]", text) or any(c.isupper() for c in word[1:]):
        return text  # "Kandilli Observatory", "TRT's": names
    if word.lower() in vocabulary.common or word.endswith(("ing", "ly")):
        return lowered
    if any(name.startswith(word[:6]) for name in vocabulary.names):
        return text  # "Armenian" where the article writes "Armenians" mid-sentence
    if vocabulary.sentences >= 8:
        return lowered  # enough text to have seen a name capitalised mid-sentence
    return text


@dataclass(frozen=True)
class Vocabulary:
    """How an article writes its words: `names` it capitalises mid-sentence, `common` words
    it writes in lower case."""

    names: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    sentences: int = 0


def vocabulary_of(sentences) -> Vocabulary:
    """The names and common words of an article's sentences."""
    names, common, count = set(), set(), 0
    for text in sentences:
        count += 1
        for m in re.finditer(r"(?<=[\w,;:)\]] )([A-Z][\w'’-]*)", text):
            names.add(m.group(1))
        common.update(re.findall(r"\b[a-z][a-z'’-]+\b", text))
    return Vocabulary(names=frozenset(names), common=frozenset(common), sentences=count)


def rejection_reason(*, sentence: str, fact: Fact, title: str = "") -> str | None:
    """Why no question should be asked about `fact` in `sentence`, or None when one may be."""
    if title and sentence.strip() == title.strip():
        return "headline"
    if _PRONOUN_START.match(sentence):
        return "starts with an unresolved pronoun"
    if len(re.findall(r"[A-Za-z]{2,}", sentence[: fact.start] + sentence[fact.end :])) < 3:
        return "too little context (a dateline or a caption)"
    if _inside_quotes(sentence, fact.start):
        return "answer inside a quotation"
    return None


def _inside_quotes(text: str, position: int) -> bool:
    before = text[:position]
    if before.count('"') % 2 == 1:
        return True
    return before.rfind("“") > before.rfind("”")


def rewrite_relative(text: str, *, published: date, previous: date | None) -> str:
    """Rewrite relative time in a stem against the publication date (or the previous date the
    article stated): "three years ago" → "in 2020", "in the last 3 years" → "between 2020
    and 2023", "the same day" → "on 27 September 2020"."""

    def years_ago(m):
        n = parse_number(m["n"])
        return f"in {published.year - int(n)}" if n is not None else m.group()

    def last_years(m):
        n = parse_number(m["n"])
        if n is None:
            return m.group()
        return f"between {published.year - int(n)} and {published.year}"

    text = re.sub(r"\b(?P<n>\w+) years ago\b", years_ago, text)
    text = re.sub(
        r"\b(?:in|over|during|for|within) the (?:last|past) (?P<n>[\w-]+) years\b", last_years, text
    )
    if (_has_past_verb(text) or re.search(r"\bdid\b", text)) and not _MODAL.search(text):
        # "spent $7 billion ... in 3 years", in a past-tense report: the years up to publication
        text = re.sub(r"\bin (?P<n>\d+|[a-z]+) years\b(?! (?:ago|later|after|earlier))",
                      last_years, text)  # fmt: skip
    text = re.sub(r"^Last year\b", f"In {published.year - 1}", text)
    text = re.sub(r"\blast year\b", f"in {published.year - 1}", text)
    text = re.sub(r"^This year\b", f"In {published.year}", text)
    text = re.sub(r"\bthis year\b", f"in {published.year}", text)
    text = re.sub(r"\byesterday\b", f"on {format_date_value(_minus_day(published), 'day')}", text)
    if previous is not None:
        text = re.sub(
            r"\b(?:on )?(?:the|that) same day\b",
            f"on {format_date_value(previous.isoformat(), 'day')}",
            text,
        )
    return text


_MODAL = re.compile(
    r"\b(?:will|would|shall|can|could|may|might|must|should|plans?|expected|aims?|hopes?)\b",
    re.IGNORECASE,
)


def _minus_day(day: date) -> str:
    return (day - timedelta(days=1)).isoformat()


def has_relative_expression(text: str) -> bool:
    """Whether `text` holds words that only make sense from when it was written ("three years
    ago", "in the last 3 years", "recently", "now"): a question keeping them must be reworded
    before it is published."""
    return bool(_RELATIVE_LEFT.search(text))


def has_relative_time(text: str) -> bool:
    """Whether `text` still says something relative to when it was written."""
    if _RELATIVE_LEFT.search(text):
        return True
    return bool(_PERFECT.search(text)) and not re.search(r"\b(?:1[5-9]|20)\d\d\b", text)


def build_stem(
    *,
    sentence: str,
    fact: Fact,
    siblings: tuple[Fact, ...] = (),
    vocabulary: Vocabulary | None = None,
    events: tuple[KnownEntity, ...] = (),
) -> Stem | None:
    """The question for `fact` in `sentence`: a wh-question when the sentence fits a pattern
    parsed with confidence, else a cloze. `siblings` are the other facts of the sentence (a
    list such as "5 cities, 4 towns, and 286 villages" is asked about one item at a time).
    `events` are confirmed event entities: "the 44-day war", an alias of one, is asked as "How
    long did the Second Karabakh War last?". Returns None when even the cloze would be too
    long. The stem's answer span is always the fact's span in the full `sentence`."""
    start, end = fact.start, fact.end
    intro = _INTRO.match(sentence)
    if intro and fact.start >= intro.end() and _DEMONSTRATIVE.search(intro["intro"]):
        # "In response to this situation, Azerbaijan launched ...": the intro points at a
        # sentence the learner does not see, so the question starts after it.
        cut = intro.end()
        sentence = sentence[cut].upper() + sentence[cut + 1 :]
        fact = replace(fact, start=fact.start - cut, end=fact.end - cut)
        siblings = tuple(
            replace(f, start=f.start - cut, end=f.end - cut) for f in siblings if f.start >= cut
        )
    try:
        tag = _SPEECH_TAG.search(sentence)
        if tag and fact.end <= tag.start():
            # "..., the ministry said." The source the outlet cites leads the question
            # ("citing the ministry, how many ...?") and the rest is parsed without it.
            wh = _wh_question(sentence[: tag.start()] + ".", fact, siblings, vocabulary)
            if wh is not None:
                wh = f"citing {lower_first(tag['source'], vocabulary=vocabulary)}, " + (
                    wh[0].lower() + wh[1:]
                )
        else:
            wh = _wh_question(sentence, fact, siblings, vocabulary, events)
        if wh is None:
            wh = _relative_clause_question(sentence, fact, siblings, vocabulary, events)
    except (KeyError, IndexError, ValueError):
        wh = None
    if wh is not None and len(wh.split()) <= MAX_STEM_WORDS:
        return Stem(wh, "wh", start, end)
    text = _cloze(sentence, fact)
    if text is None:
        return None
    return Stem(text, "cloze", start, end)


_SPEECH_TAG = re.compile(
    r", (?P<source>(?:the |an? )?[A-Za-z][\w'’ -]{1,50}?) (?:said|says|added|reported|announced"
    r"|told reporters|said in a statement)(?: on \w+| in a statement| in a report[^,.]*)?\.$"
)


def _cloze(sentence: str, fact: Fact) -> str | None:
    start, end = fact.start, fact.end
    blank = BLANK
    if fact.unit == "relative":
        # The answer is shown resolved ("2020"), so the blank takes the preposition itself.
        blank = f"on {BLANK}" if fact.granularity == "day" else f"in {BLANK}"
        if sentence[:start].endswith(("on ", "in ")):
            start -= 3
    text = sentence[:start] + blank + sentence[end:]
    if len(text.split()) > MAX_STEM_WORDS - 3:
        text = _shorten(text, text.index(blank))
        if text is None:
            return None
    return text.strip()


def _shorten(text: str, blank_at: int) -> str | None:
    """A long cloze cut down to what the blank needs: first a trailing clause after the blank
    (", when ...", ", which ..."), then the other independent clauses; None if still long."""
    m = re.compile(r", (?:when|which|where|who|as|after|before|while|with|since) ").search(
        text, blank_at
    )
    if m:
        text = text[: m.start()] + "."
    if len(text.split()) <= MAX_STEM_WORDS - 3:
        return text
    bounds = [0]
    for m in re.finditer(r"; |, (?:but|while|whereas) |, and (?=\d|the |it |they )", text):
        bounds.append(m.start() + 2)
    bounds.append(len(text))
    for left, right in zip(bounds, bounds[1:], strict=False):
        if left <= blank_at < right:
            clause = text[left:right].strip().rstrip(",;")
            text = clause[0].upper() + clause[1:]
            if not text.endswith((".", "?", "!")):
                text += "."
            break
    return text if len(text.split()) <= MAX_STEM_WORDS - 3 else None


def _split_intro(text: str) -> tuple[str, str]:
    m = _INTRO.match(text)
    if m:
        return m["intro"], text[m.end() :]
    return "", text


_AUX = r"(?P<aux>was|were|is|are|has been|have been|had been|will be)"
_SUBJ = r"(?P<subj>[A-Za-z0-9][^,;:\"“”()]*?)"
# A date or figure inside one of these clauses belongs to it, not to the main verb, so moving
# it into a question about the main clause would change what is asked.
_SUBORDINATE = re.compile(
    r"\b(?:after|before|when|while|because|which|who|whom|whose|that|since|as|although|though"
    r"|if|until|unless|where|whereas|once|but|up from|down from|compared with|compared to"
    r"|against|versus|instead of)\b",
    re.IGNORECASE,
)


def _has_subordinate(text: str) -> bool:
    return bool(_SUBORDINATE.search(re.sub(r"\b(?:as (?:a result|part) of|such as)\b", "", text)))


_APPROX_WORDS = re.compile(
    r"^(?:nearly|almost|approximately|about|around|roughly|some|over|more than|less than"
    r"|fewer than|at least|up to|just over|just under|close to|an estimated)\s"
)
_DATE_OPENERS = {"day": "On what date", "month": "In what month and year", "year": "In what year",
                 "time": "At what time", "weekday": "On what day of the week",
                 "range": "On what dates"}  # fmt: skip
_SIMPLE_TAIL = re.compile(r"\s*\.?\s*|\s[a-z][^,;:\"“”]*\.?\s*")


# "The Azerbaijani army, which liberated its lands in 44 days in ..., put an end to ...",
# "During the operation, which lasted approximately 24 hours, ...".
_RELATIVE_CLAUSE = re.compile(
    r"^(?:(?:During|In|After|Before|Throughout) )?(?P<subj>[A-Za-z][^,;:\"“”()]{2,60}), "
    r"(?:which|who) (?P<clause>[^,;:\"“”()]{3,160}), "
)


def _relative_clause_question(sentence, fact, siblings, vocabulary, events) -> str | None:
    """A fact inside a relative clause on the sentence's first noun phrase is asked about that
    clause alone, read as a sentence: "The Azerbaijani army, which liberated its lands in 44
    days in the Second Karabakh War, put an end to ..." → "In how many days did the
    Azerbaijani army liberate its lands in the Second Karabakh War?"."""
    m = _RELATIVE_CLAUSE.match(sentence)
    if not m or not (m.start("clause") <= fact.start and fact.end <= m.end("clause")):
        return None
    subject = m["subj"]
    if not re.match(r"(?:[Tt]he|[A-Z])", subject) or len(subject.split()) > 6:
        return None
    subject = subject[0].upper() + subject[1:]
    shift = m.start("clause") - len(subject) - 1
    reduced = f"{subject} {m['clause']}."
    moved = [
        replace(f, start=f.start - shift, end=f.end - shift)
        for f in (fact, *siblings)
        if m.start("clause") <= f.start and f.end <= m.end("clause")
    ]
    return _wh_question(reduced, moved[0], tuple(moved[1:]), vocabulary, events)


def _wh_question(sentence, fact, siblings, vocabulary, events=()) -> str | None:
    if "?" in sentence or "!" in sentence:
        return None
    if fact.kind == "entity":
        return (
            _entity_question(sentence, fact)
            or _signatory_question(sentence, fact)
            or _entity_object_question(sentence, fact, siblings, vocabulary)
        )
    if fact.kind == "date":
        return _date_question(sentence, fact, vocabulary)
    # An item of a list ("5 cities, 4 towns, and 286 villages") is asked about without the
    # other items; failing that, the fact alone.
    for start, end in dict.fromkeys(
        [_list_bounds(sentence, fact, siblings), (fact.start, fact.end)]
    ):
        question = _number_question(sentence, fact, start, end, vocabulary, events)
        if question:
            return question
    return None


_ENTITY_QUESTION_WORDS = {"person": "who", "city": "which city", "region": "which region",
                          "country": "which country", "organisation": "which organisation",
                          "event": "which event"}  # fmt: skip


def _entity_question(sentence, fact) -> str | None:
    """The entity as the subject of the sentence ("Armenia accepted defeat ...") is asked
    about in place: "Which country accepted defeat ...?"."""
    question = _ENTITY_QUESTION_WORDS.get(fact.unit)
    intro, main = _split_intro(sentence[: fact.start])
    if not question or main or (sentence[: fact.start] and not intro):
        return None
    m = re.match(
        r" (?P<verb>(?:was |were |has |had |has been |had been )?[a-z]+)\b(?P<rest>[^\"“”?!;]*)\.$",
        sentence[fact.end :],
    )
    if not m or m["verb"].split()[-1] not in PAST_TO_BASE:
        return None
    if question == "who" and m["verb"].startswith("were"):
        return None
    lead = f"{intro}, {question}" if intro else question[0].upper() + question[1:]
    return f"{lead} {m['verb']}{m['rest']}?"


# "... after the Azerbaijani army liberated [the symbol city of Karabakh,] <entity>, on ..."
_OBJECT_CLAUSE = re.compile(
    r"(?P<subj>[A-Za-z][\w'’ -]{1,60}?) (?P<verb>[a-z]+) (?:(?P<desc>the [a-z][^,;:\"“”]{1,50}), )?"
)
_CLAUSE_START = re.compile(r"\b(?:after|when|before|once|until) ")


def _object_clause(before: str) -> re.Match | None:
    """The clause ending at the entity: the sentence's own, or the nearest one opened by
    "after", "when", ..."""
    starts = [m.end() for m in _CLAUSE_START.finditer(before)][::-1] + [0]
    for start in starts:
        m = _OBJECT_CLAUSE.fullmatch(before, start)
        if m:
            return m
    return None


def _entity_object_question(sentence, fact, siblings, vocabulary) -> str | None:
    """The entity as the object of a known past verb is asked about with its type, the rest of
    its clause kept and any date in it written out: "... after the Azerbaijani army liberated
    the symbol city of Karabakh, Shusha, on Nov. 8, 2020." → "Which city did the Azerbaijani
    army liberate on 8 November 2020?"."""
    question = _ENTITY_QUESTION_WORDS.get(fact.unit)
    m = _object_clause(sentence[: fact.start])
    if not question or question == "who" or not m or m["verb"] not in PAST_TO_BASE:
        return None
    subject = m["subj"]
    if (
        len(subject.split()) > 6
        or _PRONOUN_START.match(subject)
        or _has_subordinate(subject)
        or _has_past_verb(subject)
        or _FINITE.search(subject)
        or subject.split()[-1] in _AUXILIARIES
        or (m.start() == 0 and subject.split()[0].lower() in _DETERMINERS - {"the", "a", "an"})
    ):
        return None
    # The rest of the clause, with the dates written out (their commas would end it).
    tail = sentence[fact.end :]
    for other in sorted(siblings, key=lambda f: -f.start):
        if other.start >= fact.end and other.kind == "date" and other.unit != "relative":
            shown = format_date_value(other.value, other.granularity)
            at = other.start - fact.end
            tail = tail[:at] + shown + tail[at + len(other.text) :]
    tail = re.sub(r"^,? ?", " ", tail)
    rest = re.split(r"[,;:]", tail)[0].rstrip(" .")
    if (
        rest.strip()
        and not re.fullmatch(r" (?:on|in|at|from|during|by) [^\"“”()]+", rest)
        or _has_past_verb(rest)
        or _FINITE.search(rest)
    ):
        return None
    subject = lower_first(subject, vocabulary=vocabulary) if m.start() == 0 else subject
    return f"{question[0].upper()}{question[1:]} did {subject} {PAST_TO_BASE[m['verb']]}{rest}?"


_DEMONYMS = {
    "Azerbaijani": "Azerbaijan", "Armenian": "Armenia", "Russian": "Russia", "Turkish": "Türkiye",
    "American": "the United States", "Georgian": "Georgia", "Iranian": "Iran", "French": "France",
    "German": "Germany", "British": "the United Kingdom", "Ukrainian": "Ukraine",
}  # fmt: skip
_ROLE = (
    r"(?:President|Prime Minister|Foreign Minister|Minister of Foreign Affairs|Chancellor"
    r"|King|Secretary-General|Secretary of State|Defen[cs]e Minister)"
)
# One signatory of a list: "the Prime Minister of Armenia, Nikol Pashinyan" or
# "Russian President Vladimir Putin".
_SIGNATORY = re.compile(
    rf"(?:the )?{_ROLE} of (?P<country>[A-Z][\w -]+?), (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,2}})"
    rf"|(?P<adj>[A-Z][a-z]+) {_ROLE} (?P<name2>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,2}})"
)


_WHEN_CLAUSE = re.compile(
    r", when (?P<subj>[^;:\"“”()]+?) (?P<verb>[a-z]+) (?P<object>the [^,;:\"“”()]+?)\.?"
)
# Regular verbs only: their past form is also the participle a passive question needs.
_PASSIVE_PAST = {
    _regular_past(b)
    for b in ("sign", "adopt", "announce", "approve", "declare", "establish", "launch", "open",
              "inaugurate", "ratify", "unveil", "complete", "proclaim", "found", "liberate",
              "release", "restore", "reopen", "pass", "issue", "elect", "appoint", "sign")
}  # fmt: skip


def _reduce_object(thing: str) -> str:
    """ "the document known as the Trilateral Statement" → "the Trilateral Statement"."""
    return re.sub(
        r"^the (?:document|agreement|text|deal|statement|declaration|treaty) (?:known as|called) ",
        "",
        thing,
    )


def _signatory_question(sentence, fact) -> str | None:
    """A person among the signatories listed before "signed ..." is asked about by the country
    they signed for: "..., the Prime Minister of Armenia, Nikol Pashinyan, and Russian President
    Vladimir Putin signed the document known as the Trilateral Statement." → "Who signed the
    Trilateral Statement for Armenia?"."""
    if fact.unit != "person":
        return None
    m = re.search(
        r" (?:signed|ratified|initialled|initialed) (?P<object>the [^,;:\"“”()]+?)\.?$", sentence
    )
    if not m or fact.end > m.start():
        return None
    country = None
    for item in _SIGNATORY.finditer(sentence, 0, m.start()):
        start, end = item.span("name") if item["name"] else item.span("name2")
        if start <= fact.start and fact.end <= end:
            country = item["country"] or _DEMONYMS.get(item["adj"] or "")
    if not country:
        return None
    thing = _reduce_object(m["object"])
    if _has_past_verb(thing) or _FINITE.search(thing) or len(thing.split()) > 10:
        return None
    return f"Who signed {thing} for {country}?"


def _clause_after(text: str) -> str:
    """What follows the answer within its clause: "..., and 94 civilians died" and "... and
    employed 420 workers" are other statements."""
    return re.split(
        r", (?:and|but|while|whereas) |; |, (?:up|down) from |, compared (?:with|to) "
        r"| and (?=[a-z]+ed\b)",
        text,
    )[0]


def _date_question(sentence, fact, vocabulary) -> str | None:
    if fact.unit == "relative":
        return None
    before, after = sentence[: fact.start], _clause_after(sentence[fact.end :])
    prep = re.search(r"(?:,\s)?\b(?i:on|in|at)\s$", before) or re.search(
        r"\bon the (?:night|morning|evening|afternoon) of $", before
    )
    question = (
        "On what date" if fact.value.startswith("--") else _DATE_OPENERS.get(fact.granularity)
    )
    if prep and question and before == prep.group() and after.startswith(", "):
        # The date opens the sentence: "On 4 May 2024, heavy rainfall caused ..."
        clause = after[2:]
        if re.search(r"\d", _split_intro(clause)[0]) or not _SIMPLE_TAIL.fullmatch(" " + clause):
            return None
        return _invert(clause, question, vocabulary)
    when = _WHEN_CLAUSE.fullmatch(sentence[fact.end :])
    if prep and question and when and when["verb"] in _PASSIVE_PAST:
        # "... came on the night of November 10, 2020, when <list of leaders> signed the
        # document known as the Trilateral Statement." → "On what date was the Trilateral
        # Statement signed?": the when-clause says what happened on the date.
        thing = _reduce_object(when["object"])
        clean = not (_has_past_verb(thing) or _FINITE.search(thing) or _has_subordinate(thing))
        if clean and len(thing.split()) <= 12:
            return f"{question} was {thing} {when['verb']}?"
    # A comma after the date starts another clause (", the ministry said"): no question
    # built around the date can carry it, so the cloze keeps the sentence whole.
    if not prep or not question or after.startswith(",") or not _SIMPLE_TAIL.fullmatch(after):
        return None
    clause = before[: prep.start()] + " " + after.strip(" ,.")
    return _invert(clause, question, vocabulary)


def _event_duration_question(sentence, fact, events) -> str | None:
    """ "the 44-day war", an alias of a confirmed event → "How long did the Second Karabakh War
    last?"."""
    following = sentence[fact.start :]
    for event in events:
        if event.type != "event":
            continue
        for name in (event.name, *event.aliases):
            if (
                name
                and fact.text in name
                and re.match(rf"{re.escape(name)}(?!\w)", following, re.IGNORECASE)
            ):
                the = "" if event.name.lower().startswith("the ") else "the "
                return f"How long did {the}{event.name} last?"
    return None


def _number_question(sentence, fact, start, end, vocabulary, events=()) -> str | None:
    before, after = sentence[:start], sentence[end:]
    category = number_category(fact)
    if category in ("money", "count"):
        if category == "count":
            noun = re.sub(r"^\S+\s", "", _APPROX_WORDS.sub("", fact.text))
            question = f"How many {noun}"
        else:
            question = "How much"
        m = re.search(r"(?P<verb>\b[a-z]+) $", before)
        clause_after = _clause_after(after)
        if m and m["verb"] in PAST_TO_BASE and _SIMPLE_TAIL.fullmatch(clause_after):
            clause = before[: m.start()].rstrip()
            return _ask_object(clause, m["verb"], question, clause_after, vocabulary)
        # subject of a known past verb: "..., and 94 civilians died as a result of ...", or of
        # a passive one: "A total of 2,146 residents were evacuated from 38 villages, ..."
        after = re.split(r", (?:including|mostly|most of them|of whom|among them) ", after)[0]
        m = re.match(
            r" (?P<verb>(?:were |was |had been |have been )?[a-z]+)(?P<rest>[^,;:\"“”]*)\.?$", after
        )
        if category != "count" or not m:
            return None
        verb = m["verb"].split()[-1]
        passive = " " in m["verb"]
        if verb not in PAST_TO_BASE or (verb == PAST_TO_BASE[verb] and not passive):
            return None  # not a known past form: a present tense or a noun
        if _has_subordinate(m["rest"]) or _FINITE.search(m["rest"]):
            return None
        before = re.sub(r"^(?:A total of|In total,|Some|At least) ", "", before)
        intro = ""
        if before.strip():
            if not before.endswith(", and ") and not _INTRO.fullmatch(before):
                return None
            intro = _split_intro(before)[0]
        lead = f"{intro}, how many {noun}" if intro else question
        return f"{lead} {m['verb']}{m['rest'].rstrip(' .')}?"
    if category == "duration" and not fact.text.lower().startswith("the "):
        if "-" in fact.text:
            return _event_duration_question(sentence, fact, events)
        after = _clause_after(after)
        if not _SIMPLE_TAIL.fullmatch(after):
            return None
        unit = fact.text.split()[-1].lower()
        if before.endswith(" in ") and not _APPROX_WORDS.match(fact.text) and unit.endswith("s"):
            # "liberated its lands in 44 days in ..." → "In how many days did ... liberate ...?"
            clause = before[: -len(" in ")] + " " + after.strip(" ,.")
            return _invert(clause, f"In how many {unit}", vocabulary)
        if before.endswith("lasted "):
            subject = before[: -len("lasted ")].strip()
            # "The operation, which turned into a war after a while, lasted 44 days."
            subject = re.sub(r", (?:which|who) [^,]+,$", "", subject)
            intro, subject = _split_intro(subject)
            if re.fullmatch(_SUBJ, subject) and len(subject.split()) <= 10 and not intro:
                return f"How long did {lower_first(subject, vocabulary=vocabulary)} last?"
        if before.endswith(" for "):
            clause = before[: -len(" for ")] + " " + after.strip(" ,.")
            return _invert(clause, "For how long", vocabulary)
    return None


def _list_bounds(sentence: str, fact: Fact, siblings: tuple[Fact, ...]) -> tuple[int, int]:
    """The span of the list the fact belongs to ("5 cities, 4 towns, and 286 villages"), or
    of the fact alone."""
    start, end = fact.start, fact.end
    category = number_category(fact)
    items = sorted((f for f in siblings if f.kind == fact.kind and number_category(f) == category),
                   key=lambda f: f.start)  # fmt: skip
    joiner = re.compile(r",? (?:and |or )?|, ")
    if _followed_by_verb(sentence, end):
        return start, end  # the subject of its own clause, not an item of a list
    changed = True
    while changed:
        changed = False
        for other in items:
            if other.end <= start and joiner.fullmatch(sentence[other.end : start]):
                start, changed = other.start, True
            elif (
                other.start >= end
                and joiner.fullmatch(sentence[end : other.start])
                and not _followed_by_verb(sentence, other.end)
            ):
                end, changed = other.end, True
    return start, end


def _followed_by_verb(sentence: str, position: int) -> bool:
    m = re.match(r" ([a-z]+)", sentence[position:])
    return bool(m) and (m.group(1) in PAST_TO_BASE or m.group(1).endswith("ed"))


def _ask_object(clause, verb, question, after, vocabulary) -> str | None:
    """ "<intro>, <subject> <verb> <answer> <rest>" → "<question> did <subject> <base> <rest>?"."""
    intro, subject = _split_intro(clause)
    if not re.fullmatch(_SUBJ, subject) or len(subject.split()) > 8:
        return None
    if _PRONOUN_START.match(subject) or _has_subordinate(subject):
        return None
    rest = after.strip().rstrip(".")
    if _has_subordinate(rest) or _FINITE.search(rest) or _SPEECH.search(subject):
        return None
    if _has_past_verb(rest) or _has_past_verb(subject):
        return None
    tail = (" " + rest) if rest else ""
    head = f"{intro}, {question[0].lower()}{question[1:]}" if intro else question
    words = subject.split()
    if words[-1] in ("has", "have", "had"):
        # present perfect: "Azerbaijan has built 2 airports" → "... has Azerbaijan built?"
        subject = lower_first(" ".join(words[:-1]), vocabulary=vocabulary)
        return f"{head} {words[-1]} {subject} {verb}{tail}?"
    if words[-1] in _AUXILIARIES:
        return None
    return f"{head} did {lower_first(subject, vocabulary=vocabulary)} {PAST_TO_BASE[verb]}{tail}?"


_AUXILIARIES = {"is", "are", "was", "were", "will", "would", "can", "could", "may", "might",
                "must", "shall", "should", "be", "been", "being", "not", "also"}  # fmt: skip


def _invert(clause: str, question: str, vocabulary) -> str | None:
    """ "<intro>, <subject> <aux|past verb> <rest>" → "<question> <aux> <subject> <rest>?"."""
    clause = re.sub(r"\s+", " ", clause).strip().rstrip(".,")
    intro, main = _split_intro(clause)
    if '"' in main or "“" in main or re.search(r", (?:and|but) (?![A-Z])", main):
        return None
    body = None
    m = re.fullmatch(rf"{_SUBJ} {_AUX} (?P<participle>[a-z]+)(?P<rest>.*)", main)
    if m and _clean(m["subj"], m["rest"]):
        aux_first, _, aux_rest = m["aux"].partition(" ")
        subject = lower_first(m["subj"], vocabulary=vocabulary)
        aux_rest = f"{aux_rest} " if aux_rest else ""
        body = f"{aux_first} {subject} {aux_rest}{m['participle']}{m['rest']}"
    else:
        # The subject ends at the first known past-tense verb that follows a content word.
        for verb in re.finditer(r"(?<= )([a-z]+)\b", main):
            subject, rest = main[: verb.start()].strip(), main[verb.end() :]
            if verb.group(1) not in PAST_TO_BASE or subject.split()[-1].lower() in _DETERMINERS:
                continue
            words = subject.split()
            if words[-1] in ("has", "have", "had") and len(words) > 1:
                # present perfect: "Armenia has organized" → "has Armenia organized"
                inner = lower_first(" ".join(words[:-1]), vocabulary=vocabulary)
                if re.fullmatch(_SUBJ, " ".join(words[:-1])) and _clean(" ".join(words[:-1]), rest):
                    body = f"{words[-1]} {inner} {verb.group(1)}{rest}"
            elif words[-1] in _AUXILIARIES:
                pass
            elif re.fullmatch(_SUBJ, subject) and _clean(subject, rest):
                subject = lower_first(subject, vocabulary=vocabulary)
                body = f"did {subject} {PAST_TO_BASE[verb.group(1)]}{rest}"
            break
    if body is None:
        return None
    head = f"{intro}, {question[0].lower()}{question[1:]}" if intro else question
    body = re.sub(r"\s+", " ", body).strip().rstrip(",")
    return f"{head} {body}?"


_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|said|says|told)\b")
_SPEECH = re.compile(r"\b(?:said|says|told|added|noted|stated|reported|announced|according)\b")


_ADJECTIVE_SLOT = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that",
                   "these", "those", "newly", "recently", "many", "all", "some"}  # fmt: skip


def _has_past_verb(text: str) -> bool:
    """Whether `text` holds a known past-tense verb, not counting participles used as
    adjectives ("the affected areas", "its liberated lands")."""
    words = re.findall(r"[A-Za-z]+", text)
    return any(
        word in PAST_TO_BASE and (i == 0 or words[i - 1].lower() not in _ADJECTIVE_SLOT)
        for i, word in enumerate(words)
    )


def _clean(subject: str, rest: str) -> bool:
    """A short subject with no pronoun, no verb and no clause of its own, and a rest with no
    other verb and no subordinate clause: the only shapes inverted into a question."""
    return (
        len(subject.split()) <= 10
        and not _PRONOUN_START.match(subject)
        and not _has_subordinate(subject)
        and not _has_subordinate(rest)
        and not _SPEECH.search(subject)
        and not _has_past_verb(subject)
        and not _FINITE.search(rest)
        and not _SPEECH.search(rest)
        and not _has_past_verb(rest)
    )
