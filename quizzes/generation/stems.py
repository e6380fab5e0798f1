"""Turn a fact in its sentence into a question stem, or refuse when no good one can be made.

The stem is built from the clause that states the fact, on the sentence's dependency parse
(`clauses`): a wh-question with the answer phrase moved to the front ("On what date did the
Azerbaijani army take Shusha?"), or, when no question can be formed and the simplified clause
is short, a cloze ("The museum reopened in ______."). A few constructions whose meaning the
parse alone does not give have rules of their own: who signed a statement for which country,
the date of what a "when" clause says happened, how long a confirmed event lasted.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import clauses
from .display import format_date_value
from .extraction import parse_number
from .parser import parse
from .types import Fact, KnownEntity

BLANK = clauses.BLANK
MAX_STEM_WORDS = 40
# A "sentence" longer than this is a table or a run-on the splitter could not cut: it is not
# parsed, and gives no question.
MAX_PARSED_CHARS = 1_500

# Past forms of verbs news reports use (irregular ones listed, regular ones derived), for
# `_has_past_verb`: whether a stem reports the past ("spent ... in 3 years") and whether a
# phrase a rule below would use as a noun phrase holds a verb. (Wh-questions built from the
# parse take verbs' base forms from the parser's lemmatizer: `clauses.verbs`.)
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

_RELATIVE_LEFT = re.compile(
    r"\b(?:ago|yesterday|today|tomorrow|tonight|last (?:week|month|year)|this (?:week|month|year)"
    r"|next (?:week|month|year)|(?:the )?(?:last|past|next|coming) (?:\w+ )?(?:years?|months?|weeks?|days?)"
    r"|recently|currently|so far|now|since then|to date|in \w+ years"
    r"|last night|this (?:morning|afternoon|evening)|overnight)\b",
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
    lead: str = ""  # a source the sentence cites ("the ministry"), credited before the stem
    kept: float = 1.0  # the share of the sentence's words the stem keeps
    # The whole sentence blanked (`clauses.sentence_cloze`): a draft for a teacher, never
    # published as it is.
    whole_sentence: bool = False


def rejection_reason(*, sentence: str, fact: Fact, title: str = "") -> str | None:
    """Why no question should be asked about `fact` in `sentence`, or None when one may be."""
    if title and sentence.strip() == title.strip():
        return "headline"
    if len(re.findall(r"[A-Za-z]{2,}", sentence[: fact.start] + sentence[fact.end :])) < 3:
        return "too little context (a dateline or a caption)"
    if _inside_quotes(sentence, fact.start):
        return "answer inside a quotation"
    if re.search(r"[/\w]/$", sentence[: fact.start]) or re.match(r"/\w", sentence[fact.end :]):
        return 'part of a compound name ("Peace Corps/Georgia")'
    if _inside_brackets(sentence, fact.start):
        return "answer inside brackets (a conversion or an aside the sentence already gave)"
    if (fact.text[:1].isdigit() and _RANGE_BEFORE.search(sentence[: fact.start])) or (
        fact.text[-1:].isdigit() and _RANGE_AFTER.match(sentence[fact.end :])
    ):
        return "one end of a range or a score"
    if fact.kind == "number" and re.match(
        r"(?i)the (?:last|past|previous|next|coming) ", fact.text
    ):
        return "a period counted from when the article was written"
    if fact.kind == "date" and fact.granularity == "weekday":
        return "a weekday: which week it was is the article's date, not a fact of its own"
    if (
        fact.kind == "number"
        and re.match(r"[$€£₼]|US\$", fact.text)
        and _CURRENCY_AFTER.match(sentence[fact.end :])
    ):
        return 'the currency written twice ("$140 million dollar compact")'
    return None


_CURRENCY_AFTER = re.compile(r"[ -](?:US )?(?:dollars?|euros?|pounds?)\b", re.IGNORECASE)


# "a 71-68 win", "3-4 inches", "2010–2011", "from 2010 to 2011": the other end stays in the stem
_RANGE_BEFORE = re.compile(r"\d\s?[-–—]\s?$|\d\s?(?:to|and) $|\bbetween \S+ and $")
_RANGE_AFTER = re.compile(r"\s?[-–—]\s?\d|\s(?:to|and) [\d$€£]")


def _inside_brackets(text: str, position: int) -> bool:
    before = text[:position]
    return before.rfind("(") > before.rfind(")")


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
    # "this year's exercise" → "the 2021 exercise"
    text = re.sub(r"\b[Tt]his year[’']s\b", f"the {published.year}", text)
    text = re.sub(r"\b[Ll]ast year[’']s\b", f"the {published.year - 1}", text)
    text = re.sub(r"^Last year\b", f"In {published.year - 1}", text)
    text = re.sub(r"\blast year\b", f"in {published.year - 1}", text)
    text = re.sub(r"^This year\b", f"In {published.year}", text)
    text = re.sub(r"\bthis year\b", f"in {published.year}", text)
    text = re.sub(r"\byesterday\b", f"on {format_date_value(_minus_day(published), 'day')}", text)
    # "last night", "this morning": the parts of the day around a news report's date
    today = format_date_value(published.isoformat(), "day")
    text = re.sub(
        r"\blast night\b",
        f"on the night of {format_date_value(_minus_day(published), 'day')}",
        text,
    )
    text = re.sub(
        r"\b(?:this|early this) (morning|afternoon|evening)\b", rf"on the \1 of {today}", text
    )
    text = re.sub(r"\btonight\b", f"on the night of {today}", text)
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
    events: tuple[KnownEntity, ...] = (),
) -> Stem | None:
    """The question for `fact` in `sentence`: a wh-question built from the clause that states
    it when one can be formed, else a cloze over that clause when it is short, else None.
    `siblings` are the other facts of the sentence; `events` confirmed event entities ("the
    44-day war", an alias of one, is asked as "How long did the Second Karabakh War last?").
    The stem's answer span is always the fact's span in the full `sentence`."""
    start, end = fact.start, fact.end
    compared = _compared_question(sentence, fact, siblings)
    if compared:
        return compared
    special = (
        _signatory_question(sentence, fact)
        or _when_clause_question(sentence, fact)
        or _designation_question(sentence, fact)
        or (
            _event_duration_question(sentence, fact, events)
            if fact.kind == "number" and fact.unit == "duration" and "-" in fact.text
            else None
        )
    )
    if special:
        return Stem(special, "wh", start, end)
    if "?" in sentence or "!" in sentence or len(sentence) > MAX_PARSED_CHARS:
        return None
    doc = parse(sentence)
    tokens = clauses.fact_tokens(doc, fact)
    if any(t.idx < start or t.idx + len(t.text) > end for t in tokens if not t.is_punct):
        return None  # part of a word ("2010" of "2010–2011"): the other part gives it away
    question = clauses.question(doc, fact, siblings) or clauses.cloze(doc, fact, siblings)
    whole = question is None
    if whole:
        question = clauses.sentence_cloze(doc, fact)
    if question is None:
        return None
    text = _place_of_country(clauses.display_dates(question.text, siblings))
    if len(text.split()) > MAX_STEM_WORDS or _STRANDED_PERIOD.search(text[:-1]):
        return None
    if question.form == "wh" and _STRANDED_EXTENT.search(text):
        return None  # "how many miles did tropical storm conditions impact away?"
    direction = _DIRECTION_AFTER.match(sentence[end:])
    if direction and not re.search(rf"\b{direction['word']}\b", text, re.IGNORECASE):
        return None  # "is 130 km east of Sendai" asked without "east of Sendai": no distance
    return Stem(
        text, question.form, start, end, lead=question.lead, kept=question.kept,
        whole_sentence=whole,
    )  # fmt: skip


# "the Ganja city of Azerbaijan": a settlement's name used as a modifier of its own kind, as some
# outlets write it; English says "the city of Ganja in Azerbaijan" (but "the Tavush region of
# Armenia" is English). Not after a demonym ("the Georgian city of Gori" is English).
_NAME_KIND_OF = re.compile(
    r"\bthe (?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?) (?P<kind>city|town|village|port"
    r"|capital) of (?P<country>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})"
)
_DEMONYM_ENDINGS = ("an", "ese", "ish", "ani", "i", "ic", "ch")


def _place_of_country(text: str) -> str:
    """ "the Ganja city of Azerbaijan" → "the city of Ganja in Azerbaijan"."""

    def reworded(m):
        if m["name"].endswith(_DEMONYM_ENDINGS):
            return m.group()
        return f"the {m['kind']} of {m['name']} in {m['country']}"

    return _NAME_KIND_OF.sub(reworded, text)


REVIEW_CAP = 0.45  # a draft a teacher must review before it is published
_TITLE_WORDS = {
    "prime minister": ("prime minister",),
    "president": ("president", "presidential", "presidency"),
    "foreign minister": ("foreign minister",),
    "minister": ("minister",),
    "mayor": ("mayor",),
    "governor": ("governor",),
    "chancellor": ("chancellor",),
    "king": ("king", "royal"),
    "secretary-general": ("secretary-general",),
}  # fmt: skip
# A change of rank or status ("was downgraded to a category 2 storm"): it may happen several
# times, so only the time it happened says which one is meant.
_STATUS_CHANGE = re.compile(
    r"\b(?:downgraded|upgraded|weakened|strengthened|intensified|promoted|demoted"
    r"|reclassified|elevated|relegated)\b(?: \w+)? (?:to|into)\b",
    re.IGNORECASE,
)
_WHEN_WORDS = re.compile(
    r"\b(?:1[5-9]|20)\d\d\b|\b\d{1,2}:\d\d\b|\b(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday)\b|\b(?:after|before|when|until|later|earlier|then)\b",
    re.IGNORECASE,
)


def review_cap(stem: str, *, sentence: str, fact: Fact) -> float:
    """The highest quality a draft with this finished `stem` (attribution included) may have:
    REVIEW_CAP when the stem is grammatical but a reader could not tell its one answer (a
    teacher reviews it before it is published), else 1.0.

    - "According to Armenia's prime minister's office, who had a call with ...?" asks for the
      head of the office the attribution names: the attribution gives the answer away.
    - "Dean was downgraded to a ______ storm." with no time: a status that changed several
      times has several right answers."""
    if (
        fact.kind == "entity"
        and fact.unit == "person"
        and _titled_by_attribution(stem, sentence, fact)
    ):
        return REVIEW_CAP
    if _STATUS_CHANGE.search(stem) and not _WHEN_WORDS.search(stem.split(",", 1)[-1]):
        return REVIEW_CAP
    return 1.0


def _titled_by_attribution(stem: str, sentence: str, fact: Fact) -> bool:
    """Whether the person asked for carries, in the sentence, the title of the office the
    stem's attribution cites ("Prime Minister Nikol Pashinyan" under "According to Armenia's
    prime minister's office")."""
    m = re.match(r"According to (?P<source>[^,]+),", stem)
    if not m:
        return False
    source = m["source"].lower()
    before = sentence[max(0, fact.start - 40) : fact.start].lower()
    for title, words in _TITLE_WORDS.items():
        if before.rstrip().endswith(title) and any(w in source for w in words):
            return True
    return False


# An extent word left at the end of a wh-question, away from the figure it measures.
_STRANDED_EXTENT = re.compile(r"\b(?:away|long|high|wide|deep|tall|far|thick)\?$")
# A distance's direction after it ("130 km (81 miles) east of Sendai"): part of what it says.
_DIRECTION_AFTER = re.compile(
    r"\s*(?:\([^)]*\)\s*)?(?P<word>(?:north|south)(?:east|west)?|east|west)\b", re.IGNORECASE
)
# An abbreviation's period left behind when its words were dropped ("of Walter Reed. topped",
# ". topped the charts").
_STRANDED_PERIOD = re.compile(r"^[.,;:]|[a-z]{2,}\. [a-z]")


# ", up from $300 million in 2010": an earlier value of what the clause states, and its year
_UP_FROM = re.compile(r",? (?:up|down|rising|falling|compared) (?:from|with) $")


def _compared_question(sentence: str, fact: Fact, siblings: tuple[Fact, ...]) -> Stem | None:
    """A value or year in ", up from $300 million in 2010" after a clause stating another
    ("American firms exported $600 million in goods to Georgia in 2013"): the clause's own
    question with the earlier year, or the earlier value, put in ("How much did American firms
    export in goods to Georgia in 2010?"). None for any other fact."""
    pair = _compared_pair(sentence, fact, siblings)
    if pair is None:
        return None
    old_value, old_year, new_value, new_year = pair
    if fact is old_value:
        asked, swap = new_value, (new_year, old_year)
    else:
        asked, swap = new_year, (new_value, old_value)
    others = tuple(f for f in siblings if f is not asked) + ((fact,) if fact is not asked else ())
    base = build_stem(sentence=sentence[: swap[1].start].rstrip(" ,"), fact=asked,
                      siblings=tuple(f for f in others if f.end <= swap[1].start))  # fmt: skip
    if base is None or base.form != "wh" or swap[0].text not in base.text:
        return None
    text = base.text.replace(swap[0].text, swap[1].text, 1)
    return Stem(text, "wh", fact.start, fact.end, lead=base.lead, kept=base.kept)


def _compared_pair(sentence, fact, siblings):
    """(earlier value, earlier year, value, year) of a sentence ending ", up from <value> in
    <year>", when `fact` is one of the earlier two; else None."""
    facts = sorted((*siblings, fact), key=lambda f: f.start)
    for i, value in enumerate(facts[:-1]):
        year = facts[i + 1]
        if not (
            value.kind == "number"
            and year.kind == "date"
            and year.granularity == "year"
            and _UP_FROM.search(sentence[: value.start])
            and sentence[value.end : year.start] == " in "
            and re.fullmatch(r"\W*", sentence[year.end :])
        ):
            continue
        before = [f for f in facts if f.end <= value.start]
        new_values = [f for f in before if f.kind == "number" and f.unit == value.unit]
        new_years = [f for f in before if f.kind == "date" and f.granularity == "year"]
        if len(new_values) == 1 and len(new_years) == 1 and fact in (value, year):
            return value, year, new_values[0], new_years[0]
    return None


def _when_clause_question(sentence: str, fact: Fact) -> str | None:
    """ "... came on the night of November 10, 2020, when <leaders> signed the document known
    as the Trilateral Statement." → "On what date was the Trilateral Statement signed?": the
    when-clause says what happened on the date."""
    if fact.kind != "date" or fact.granularity != "day" or fact.unit == "relative":
        return None
    before = sentence[: fact.start]
    prep = re.search(r"(?:\bon|\bon the (?:night|morning|evening|afternoon) of) $", before)
    when = _WHEN_CLAUSE.fullmatch(sentence[fact.end :])
    if not (prep and when and when["verb"] in _PASSIVE_PAST):
        return None
    thing = _reduce_object(when["object"])
    if re.search(r"[,;]|\b(?:is|are|was|were|has|have|had|will|would|which|that|who)\b", thing):
        return None
    if len(thing.split()) > 12 or _has_past_verb(thing):
        return None
    return f"On what date was {thing} {when['verb']}?"


# A sentence led by the naming of a day ("Declaring November 8 as Victory Day was ..."): what
# it says of the naming is comment, the naming itself the fact.
_DESIGNATING = {"Declaring": "declared", "Designating": "designated", "Proclaiming": "proclaimed",
                "Naming": "named", "Choosing": "chosen as"}  # fmt: skip
_DESIGNATED = re.compile(r" (?:as )?(?P<name>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,4})(?![\w'’-])")


def _designation_question(sentence: str, fact: Fact) -> str | None:
    """ "Declaring November 8 as Victory Day was a well-made decision." → "Which day was
    declared Victory Day?": the day is what the naming is about."""
    if fact.kind != "date" or fact.granularity != "day":
        return None
    verb = _DESIGNATING.get(sentence[: fact.start].strip())
    named = _DESIGNATED.match(sentence, fact.end)
    if not (verb and named):
        return None
    return f"Which day was {verb} {named['name']}?"


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


_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|said|says|told)\b")


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
