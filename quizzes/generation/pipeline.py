"""From an article to ranked question drafts: extract, filter, phrase, add choices, rank."""

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from . import parser
from .attribution import anchored_attribution, attribution_for, cited_within
from .context import anchor_stem
from .display import format_date_value
from .distractors import (
    CHOICES,
    balance_ranks,
    distractor_pool,
    plan_choices,
    rank_from_seed,
)
from .extraction import extract_facts, number_category, parse_number, whole_word
from .ranking import one_per_list, ranked, with_sibling_keys
from .stems import (
    BLANK,
    MAX_PARSED_CHARS,
    MAX_STEM_WORDS,
    build_stem,
    has_relative_expression,
    has_relative_time,
    rejection_reason,
    review_cap,
    rewrite_relative,
)
from .types import ArticleText, Draft, Fact, LibraryContext, SentenceText, fact_key
from .wording import neutral_answer, neutral_wording, unquoted_terms
from .worth import worth_cap

_APPROX = re.compile(
    r"^(?:nearly|almost|approximately|about|around|roughly|some|over|more than|less than|"
    r"fewer than|at least|up to|just over|just under|close to|an estimated)\s",
    re.IGNORECASE,
)


def generate_drafts(
    article: ArticleText, *, context: LibraryContext, dropped: dict | None = None
) -> list[Draft]:
    """Return one question draft per worthwhile fact of `article`, best first.

    Each draft keeps the contract: `sentence_text[answer_start:answer_end]` is the answer as
    written, the stem starts with the attribution and does not contain the answer in any
    form, and a "choice" draft has four distinct choices holding the answer exactly once
    ("typed" drafts, with no choices, are made when good distractors cannot be). The same
    fact stated twice in the article gives one draft; `fingerprint` identifies it across
    re-runs. Never raises on odd text: a sentence that cannot be handled gives no draft.
    `dropped`, when given, is filled with why each fact gave no draft, keyed by `fact_key`
    (what bench/missed_facts.py reports); generation is the same with or without it.
    """
    dropped = {} if dropped is None else dropped
    attribution = attribution_for(
        outlet=article.outlet, voice=article.voice, name=article.attribution_name
    )
    sentence_facts = facts_by_sentence(article, context)
    pool = distractor_pool(
        facts=tuple(f for _, facts in sentence_facts for f, _ in facts),
        context=context,
        published=article.published,
        sentences=article.sentences,  # what else the article says of each value's event
    )
    fingerprints = fingerprints_of(sentence_facts)
    # Stems are built on the parse: the sentences that state facts are parsed in one batch.
    parser.parse_many(
        sentence.text
        for sentence, facts in sentence_facts
        if facts and len(sentence.text) <= MAX_PARSED_CHARS
    )
    plans: dict = {}  # the choices each draft could have, made once, balanced at the end
    drafts: dict[str, Draft] = {}
    for sentence, facts in sentence_facts:
        for fact, previous in facts:
            try:
                draft = _draft_for(
                    article=article,
                    sentence_text=sentence.text,
                    fact=fact,
                    previous=previous,
                    siblings=tuple(f for f, _ in facts if f is not fact),
                    attribution=attribution,
                    pool=pool,
                    plans=plans,
                    context=context,
                    fingerprint=fingerprints[fact_key(fact)],
                    dropped=dropped,
                )
            except (ValueError, OverflowError, KeyError, IndexError) as error:
                # Odd text the rules did not foresee costs its question, not the article's.
                dropped[fact_key(fact)] = f"error: {type(error).__name__}"
                continue
            if draft is None:
                continue
            kept = drafts.get(draft.fingerprint)
            if kept is None or draft.quality > kept.quality:
                drafts[draft.fingerprint] = draft
    kept = one_per_list(list(drafts.values()), sentence_facts)
    kept = with_sibling_keys(kept, article.slug, sentence_facts)
    kept = _balanced_choices(kept, article.slug, pool, sentence_facts, plans)
    return ranked(kept, title=article.title)


def _balanced_choices(
    drafts: list[Draft], slug: str, pool, sentence_facts, made: dict
) -> list[Draft]:
    """The choices of the article's date and number questions again, with the answer's rank
    among the sorted choices balanced over the article (`balance_ranks`): a learner who always
    picks the second-smallest choice wins no more than chance."""
    facts_at = {sentence.position: tuple(f for f, _ in facts) for sentence, facts in sentence_facts}
    plans = {}
    for draft in drafts:
        if draft.mode != "choice" or draft.kind == "entity":
            continue
        plan = made.get((fact_key(draft.fact), draft.stem, draft.answer))
        if plan is None:
            plan = plan_choices(
                fact=draft.fact, answer=draft.answer, seed=f"{slug}|{draft.fingerprint}",
                pool=pool, stem=draft.stem, sentence=draft.sentence_text,
                sentence_facts=facts_at.get(draft.sentence_position, ()),
            )  # fmt: skip
        if plan is not None:
            plans[draft.fingerprint] = plan
    ranks = balance_ranks(plans, seed=slug)
    out = []
    for draft in drafts:
        if draft.fingerprint in ranks:
            choices = plans[draft.fingerprint].choices(ranks[draft.fingerprint])
            if len(choices) == 4:
                draft = replace(draft, choices=choices)
        out.append(draft)
    return out


def facts_by_sentence(article: ArticleText, context: LibraryContext):
    """The facts of each sentence of `article`, in order, each paired with the last full date
    the article stated before it (what "the same day" refers to)."""
    previous: date | None = None
    out = []
    for sentence in article.sentences:
        try:
            facts = extract_facts(
                sentence, published=article.published, previous=previous,
                entities=context.entities,
            )  # fmt: skip
        except (ValueError, OverflowError, KeyError, IndexError):
            facts = []
        with_previous = []
        for fact in facts:
            with_previous.append((fact, previous))
            if fact.kind == "date" and fact.granularity == "day" and len(fact.value) == 10:
                previous = date.fromisoformat(fact.value)
        out.append((sentence, with_previous))
    return out


def display_answer(fact: Fact) -> str:
    """The answer as shown to the learner: dates in one form ("8 November 2020"), numbers as
    written ("2,908 villages", "nearly 30 years"), adjectival durations as nouns ("44 days").
    A loaded term in it is taken out once the stem is known (`wording.neutral_answer`)."""
    if fact.kind == "date":
        return format_date_value(fact.value, fact.granularity)
    if fact.kind == "entity":
        return fact.value
    text = " ".join(fact.text.split())
    if text[:1].isupper() and (_APPROX.match(text) or parse_number(text.split()[0]) is not None):
        # "Ten mobile medical teams" opened its sentence; as an answer it is "ten ..."
        text = text[0].lower() + text[1:]
    m = re.fullmatch(r"(\S+)-(year|month|week|day|hour|minute)", text)
    if m:
        plural = "" if m.group(1) in ("1", "one") else "s"
        return f"{m.group(1)} {m.group(2)}{plural}"
    return text


def fingerprint_of(fact: Fact) -> str:
    """The identity of a fact within its article, before telling events apart: kind,
    normalised value and, for counts and measures, their noun or unit. The same value stated
    twice ("44 days", "the 44-day war") is one fact, so one question; a re-run over the same
    text finds the same identities. `fingerprints_of` adds the event where values repeat."""
    key = "" if fact.unit in ("duration", "relative") else fact.unit
    return f"{fact.kind}:{fact.value}:{key}"[:64]


def fingerprints_of(sentence_facts) -> dict[tuple[int, int, int], str]:
    """The fingerprint of every fact of an article (`facts_by_sentence`'s output), keyed by
    (sentence position, start, end).

    A value stated for different events is different facts: "the 44-day war" and "44 days of
    diplomatic attacks", "the conclusion of the war came on November 10" and "Atatürk Memorial
    Day on November 10". Each mention's event is the event word nearest to it in its sentence
    (`event_of`); the first event seen for a value keeps the plain `fingerprint_of` (so stored
    questions keep their identity), a mention with no event word joins it, and each other event
    gets its own fingerprint, suffixed with the event.
    """
    primary: dict[str, str] = {}
    out = {}
    for sentence, facts in sentence_facts:
        for fact, _ in facts:
            base = fingerprint_of(fact)
            # A date stated relative to another ("the same day") is that date's fact again:
            # its sentence alone cannot answer a question of its own.
            event = event_of(sentence.text, fact) if fact.kind != "entity" else ""
            if fact.unit == "relative":
                event = ""
            first = primary.setdefault(base, event) if event else primary.get(base, "")
            if not first and event:
                primary[base] = first = event
            if not event or event == first:
                out[fact_key(fact)] = base
            else:
                out[fact_key(fact)] = f"{base}:{event}"[:64]
    return out


# Words naming an event, grouped: "the operation" and "the war" in one article are one event.
_EVENT_WORDS = {
    "war": "war", "wars": "war", "operation": "war", "counter-operation": "war",
    "conflict": "war", "offensive": "war", "fighting": "war", "hostilities": "war",
    "campaign": "war", "battle": "war", "clashes": "war",
    "occupation": "occupation", "occupied": "occupation",
    "attack": "attack", "attacks": "attack", "shelling": "attack", "strike": "attack",
    "strikes": "attack", "aggression": "attack", "bombardment": "attack",
    "declaration": "signing", "statement": "signing", "agreement": "signing",
    "treaty": "signing", "accord": "signing", "ceasefire": "signing", "signing": "signing",
    "signed": "signing", "deal": "signing",
    "reconstruction": "building", "construction": "building", "built": "building",
    "building": "building", "renovate": "building", "restoration": "building",
    "earthquake": "earthquake", "quake": "earthquake", "tremor": "earthquake",
    "aftershock": "aftershock", "aftershocks": "aftershock", "flood": "flood",
    "floods": "flood", "flooding": "flood", "election": "election", "elections": "election",
    "vote": "election", "referendum": "election", "summit": "meeting", "meeting": "meeting",
    "talks": "meeting", "negotiations": "meeting", "visit": "meeting",
    "evacuation": "evacuation", "evacuated": "evacuation", "return": "return",
    "returned": "return", "exodus": "departure", "departure": "departure",
    "memorial": "memorial", "anniversary": "anniversary", "celebration": "celebration",
    "celebrations": "celebration", "celebrated": "celebration",
}  # fmt: skip
_EVENT_WORD = re.compile(r"(?<![\w-])[A-Za-z][\w-]*")


def event_of(sentence: str, fact: Fact) -> str:
    """The event a date or figure is stated for: a named day next to it ("Victory Day",
    "Atatürk Memorial Day": their name), else the event word nearest to it in the sentence
    ("44 days of diplomatic attacks": attack; "the 44-day war": war), else ""."""
    window = sentence[max(0, fact.start - 40) : fact.end + 40]
    day = re.search(r"((?:[A-Z][\w’'-]+ )+Day)\b", window)
    if day and fact.kind == "date":
        return day.group(1).lower().replace(" ", "-")[:24]
    best, best_distance = "", None
    for m in _EVENT_WORD.finditer(sentence):
        group = _EVENT_WORDS.get(m.group().lower())
        if not group or (fact.start <= m.start() < fact.end):
            if group and fact.start <= m.start() < fact.end:
                return group  # inside the span: "the 44-day war" is the war's
            continue
        distance = fact.start - m.end() if m.end() <= fact.start else m.start() - fact.end
        # A word after the figure ("44 days of attacks") binds tighter than one before it.
        distance = distance - 1 if m.start() >= fact.end else distance
        if best_distance is None or distance < best_distance:
            best, best_distance = group, distance
    return best


def _draft_for(
    *,
    article,
    sentence_text,
    fact,
    previous,
    siblings,
    attribution,
    pool,
    plans,
    context,
    fingerprint,
    dropped,
):
    def drop(reason):
        dropped[fact_key(fact)] = reason

    refused = rejection_reason(sentence=sentence_text, fact=fact, title=article.title)
    if refused:
        return drop(f"refused: {refused}")
    answer = display_answer(fact)
    events = tuple(e for e in context.entities if e.type == "event")
    stem = build_stem(sentence=sentence_text, fact=fact, siblings=siblings, events=events)
    if stem is None:
        return drop("no stem could be built")
    if stem.form == "cloze" and re.fullmatch(r"\S+-(?:year|month|week|day|hour|minute)", fact.text):
        answer = fact.text  # "the ______ war" takes "44-day", not "44 days"
    body = stem.text
    if stem.form == "wh":
        body = body[0].lower() + body[1:]  # a wh-word or a preposition, never a name
    if stem.lead:
        # A source the sentence cites ("..., the ministry said"): `cited_within` words it
        # ("According to TRT, citing the ministry, ...") or drops one that names nobody.
        body = f"According to {stem.lead}, {body}"
    body = rewrite_relative(body, published=article.published, previous=previous)
    body = _date_weekdays(body, siblings, answer_value=fact.value)
    # Every reference the question leans on, anchored in the article, or its draft held back.
    standing = anchor_stem(
        body, article=article, sentence=sentence_text, fact=fact, answer=answer, previous=previous
    )
    body = standing.text
    if has_relative_expression(body):
        # Relative time the article does not resolve ("recently", "the last 3 years"): the
        # question would not stand alone, so the fact is not asked here.
        return drop("relative time the article does not resolve")
    # The present perfect alone ("has received 3,874 calls since 4 May") only needs the date
    # it was true on.
    anchored = has_relative_time(body)
    lead = attribution
    if anchored or standing.dated:
        lead = anchored_attribution(attribution, article.published)
    body = neutral_wording(body, terms=article.contested_terms)  # no loaded term in its voice
    # "According to TRT, according to the governor's office, ..." reads as a stutter.
    body = cited_within(body)
    stem_text = f"{lead}, {body}"
    # The length limit is the question's own: the attribution in front of it does not count.
    if len(stem_text[len(lead) :].split()) > MAX_STEM_WORDS:
        return drop("stem too long once anchored")
    if _leaks(stem_text, fact, answer, article, context):
        return drop("the stem gives the answer away")
    # The answer and choices speak in the question's voice too: "2,908 martyrs" is shown as
    # "2,908" under "how many soldiers ...?"; an answer that is a loaded term is not asked.
    # The feedback's sentence and the answer's span in it stay as the outlet wrote them.
    shown = neutral_answer(answer, stem=stem_text, kind=fact.kind, terms=article.contested_terms)
    if shown is None or (shown != answer and shown.lower() in stem_text.lower()):
        return drop("the answer is a loaded term")
    answer = _without_shown_noun(shown, stem_text)
    seed = f"{article.slug}|{fingerprint}"
    plan = plan_choices(
        fact=fact, answer=answer, seed=seed, pool=pool, stem=stem_text, sentence=sentence_text,
        sentence_facts=(fact, *siblings),
        stem_facts=_facts_of_text(stem_text.replace(BLANK, " "), article.published)
        if fact.kind != "entity"
        else (),
    )  # fmt: skip
    plan = _without_loaded_choices(plan, article.contested_terms)
    plans[(fact_key(fact), stem_text, answer)] = plan
    choices = plan.choices(rank_from_seed(seed)) if plan else ()
    mode = "choice" if choices else "typed"
    return Draft(
        fact=fact,
        kind=fact.kind,
        mode=mode,
        stem=stem_text,
        answer=answer,
        answer_normalized=fact.value,
        sentence_position=fact.sentence_position,
        sentence_text=sentence_text,
        answer_start=stem.answer_start,
        answer_end=stem.answer_end,
        attribution=attribution,
        quality=min(
            standing.cap,
            WHOLE_SENTENCE_CAP if stem.whole_sentence else 1.0,
            worth_cap(
                fact=fact, answer=answer, stem=stem_text, sentence=sentence_text, article=article
            ),
            review_cap(stem_text, sentence=sentence_text, fact=fact),
            _quality(fact, stem.form, mode, stem_text, anchored)
            - (_VAGUE_PENALTY if _vague_subject(stem_text, article, sentence_text) else 0.0),
        ),
        fingerprint=fingerprint,
        choices=choices,
    )


def _without_shown_noun(answer: str, stem: str) -> str:
    """The answer without the counted noun a cloze already shows after its blank ("the
    deployment of ______ troops" takes "over 4,000", not "over 4,000 troops", which would read
    "troops troops" filled in); the answer as it is otherwise."""
    m = re.search(rf"{BLANK}((?: [\w-]+)+?)(?=[ .,;:]|$)", stem)
    if not m:
        return answer
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        tail = " " + " ".join(words[:n])
        if answer.lower().endswith(tail.lower()) and len(answer) > len(tail):
            return answer[: -len(tail)].rstrip()
    return answer


def _without_loaded_choices(plan, terms):
    """`plan` without wrong choices that state a loaded term of `terms` in their own voice (an
    entity such as "Artsakh" offered beside the answer), or None when too few are left. Number
    choices are written in the answer's (neutral) form and keep all theirs."""
    if plan is None or not plan.unordered:
        return plan
    kept = tuple(c for c in plan.unordered if not unquoted_terms(c, terms=terms))
    if len(kept) == len(plan.unordered):
        return plan
    return replace(plan, unordered=kept) if len(kept) >= CHOICES - 1 else None


def _date_weekdays(body: str, siblings: tuple[Fact, ...], *, answer_value: str) -> str:
    """A bare weekday left in the stem ("on Tuesday, a group of ...") gets the date extraction
    resolved it to ("on Tuesday (1 October 2024)"): read later, "Tuesday" alone says nothing.
    Never when that date is the question's answer."""
    for other in siblings:
        if other.kind != "date" or other.granularity != "weekday" or other.value == answer_value:
            continue
        shown = format_date_value(other.value, "day")
        body = re.sub(
            rf"\b({re.escape(other.text)}(?: (?:morning|afternoon|evening|night))?)\b"
            rf"(?![,]? (?:\d|{shown.split()[1]}|\())",
            rf"\1 ({shown})",
            body,
            count=1,
        )
    return body


_VAGUE_PENALTY = 0.15

# A whole sentence with a blank (`clauses.sentence_cloze`) is kept as a draft a teacher can
# turn into a question, below any sensible publishing threshold: without it the fact would
# not be asked at all.
WHOLE_SENTENCE_CAP = 0.45


def _vague_subject(stem: str, article: ArticleText, sentence_text: str) -> bool:
    """Whether the question's whole subject is "the <noun>" ("How long did the operation
    last?") and other sentences of the article speak of another such thing: without its
    sentence, the learner cannot tell which one is meant."""
    m = re.search(r"\b(?:did|was|were) the ([a-z]+) [a-z]+\?$", stem)
    if not m:
        return False
    noun = re.compile(rf"\b{re.escape(m.group(1))}\b", re.IGNORECASE)
    return any(noun.search(s.text) for s in article.sentences if s.text != sentence_text)


def _leaks(stem: str, fact: Fact, answer: str, article: ArticleText, context) -> bool:
    """Whether the stem gives the answer away, as written or in another form ("Nov. 8" for
    "8 November", "Shushi" for "Shusha")."""
    lowered = stem.lower()
    if fact.text.lower() in lowered or answer.lower() in lowered:
        return True
    if fact.kind == "entity":
        names = {
            name.lower()
            for entity in context.entities
            if entity.name == fact.value
            for name in (entity.name, *entity.aliases)
            if name
        }
        return any(whole_word(name).search(lowered) for name in names)
    for other in _facts_of_text(stem.replace(BLANK, " "), article.published):
        if other.kind == fact.kind and other.value == fact.value and other.unit == fact.unit:
            return True
    return False


@lru_cache(maxsize=4096)
def _facts_of_text(text: str, published: date) -> tuple[Fact, ...]:
    """Facts of a stem or a choice (cached: the same choices recur across questions)."""
    return tuple(extract_facts(SentenceText(position=-1, text=text), published=published))


def _quality(fact: Fact, form: str, mode: str, stem: str, anchored: bool) -> float:
    """Rank: a clean wh-question over a cloze, a specific answer over a vague one, a full date
    over a partial one, multiple choice over typed, short stems over long ones."""
    score = 0.7 if form == "wh" else 0.5
    if fact.kind == "date":
        score += {"day": 0.15, "month": 0.08, "year": 0.05, "weekday": 0.0, "time": 0.05}.get(
            fact.granularity, 0.0
        )
        if fact.value.startswith("--"):
            score -= 0.08
        if fact.unit == "relative":
            score -= 0.1
    elif fact.kind == "number":
        if number_category(fact) in ("count", "money", "percent"):
            score += 0.12
        if _APPROX.match(fact.text):
            score -= 0.05
        if fact.unit == "duration" and "-" in fact.text:
            score -= 0.03
    if mode == "typed":
        score -= 0.15
    if anchored:
        score -= 0.08
    words = len(stem.split())
    if words > 30:
        score -= 0.05 * (words - 30) / 10
    return round(max(0.0, min(1.0, score)), 3)
