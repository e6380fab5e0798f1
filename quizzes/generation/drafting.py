"""From an article to ranked question drafts: extract, filter, phrase, add choices, rank."""

import re
from datetime import date
from functools import lru_cache

from .attribution import attribution_for
from .display import format_date_value
from .distractors import make_choices
from .extraction import extract_facts, number_category, parse_number
from .stems import (
    BLANK,
    MAX_STEM_WORDS,
    build_stem,
    has_relative_time,
    lower_first,
    rejection_reason,
    rewrite_relative,
    vocabulary_of,
)
from .types import ArticleText, Draft, Fact, LibraryContext, SentenceText

_APPROX = re.compile(
    r"^(?:nearly|almost|approximately|about|around|roughly|some|over|more than|less than|"
    r"fewer than|at least|up to|just over|just under|close to|an estimated)\s",
    re.IGNORECASE,
)


def generate_drafts(article: ArticleText, *, context: LibraryContext) -> list[Draft]:
    """Return one question draft per worthwhile fact of `article`, best first.

    Each draft keeps the contract: `sentence_text[answer_start:answer_end]` is the answer as
    written, the stem starts with the attribution and does not contain the answer in any
    form, and a "choice" draft has four distinct choices holding the answer exactly once
    ("typed" drafts, with no choices, are made when good distractors cannot be). The same
    fact stated twice in the article gives one draft; `fingerprint` identifies it across
    re-runs. Never raises on odd text: a sentence that cannot be handled gives no draft.
    """
    attribution = attribution_for(outlet=article.outlet, voice=article.voice)
    sentence_facts = facts_by_sentence(article, context)
    real_dates = tuple(context.dates) + tuple(
        f.value
        for _, facts in sentence_facts
        for f, _ in facts
        if f.kind == "date" and not f.value.startswith("T")
    )
    vocabulary = vocabulary_of(s.text for s in article.sentences)
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
                    vocabulary=vocabulary,
                    attribution=attribution,
                    real_dates=real_dates,
                    context=context,
                )
            except (ValueError, OverflowError, KeyError, IndexError):
                # Odd text the rules did not foresee costs its question, not the article's.
                continue
            if draft is None:
                continue
            kept = drafts.get(draft.fingerprint)
            if kept is None or draft.quality > kept.quality:
                drafts[draft.fingerprint] = draft
    return sorted(drafts.values(), key=lambda d: (-d.quality, d.sentence_position, d.answer_start))


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
    written ("2,908 martyrs", "nearly 30 years"), adjectival durations as nouns ("44 days")."""
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
    """The identity of a fact within its article: kind, normalised value and, for counts and
    measures, their noun or unit. The same value stated twice ("44 days", "the 44-day war")
    is one fact, so one question; a re-run over the same text finds the same identities."""
    key = "" if fact.unit in ("duration", "relative") else fact.unit
    return f"{fact.kind}:{fact.value}:{key}"[:64]


def _draft_for(
    *,
    article,
    sentence_text,
    fact,
    previous,
    siblings,
    vocabulary,
    attribution,
    real_dates,
    context,
):
    if rejection_reason(sentence=sentence_text, fact=fact, title=article.title):
        return None
    answer = display_answer(fact)
    stem = build_stem(sentence=sentence_text, fact=fact, siblings=siblings, vocabulary=vocabulary)
    if stem is None:
        return None
    if stem.form == "cloze" and re.fullmatch(r"\S+-(?:year|month|week|day|hour|minute)", fact.text):
        answer = fact.text  # "the ______ war" takes "44-day", not "44 days"
    body = rewrite_relative(stem.text, published=article.published, previous=previous)
    anchored = has_relative_time(body) or fact.text.lower().startswith(("the last", "the past"))
    if fact.unit == "relative" and fact.granularity in ("year", "month"):
        anchored = True
    lead = attribution
    if anchored:
        lead = f"{attribution} ({format_date_value(article.published.isoformat(), 'day')})"
    # "According to TRT, according to the governor's office, ..." reads as a stutter.
    body = re.sub(r"^[Aa]ccording to ", "citing ", body)
    stem_text = f"{lead}, {lower_first(body, vocabulary=vocabulary)}"
    # The length limit is the question's own: the attribution in front of it does not count.
    if len(stem_text[len(lead) :].split()) > MAX_STEM_WORDS or _leaks(
        stem_text, fact, answer, article, context
    ):
        return None
    fingerprint = fingerprint_of(fact)
    choices = make_choices(
        fact=fact, answer=answer, seed=f"{article.slug}|{fingerprint}",
        real_dates=real_dates, entities=context.entities, stem=stem_text,
    )  # fmt: skip
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
        quality=_quality(fact, stem.form, mode, stem_text, anchored),
        fingerprint=fingerprint,
        choices=choices,
    )


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
        return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered) for name in names)
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
