"""Discrepancies: two outlets giving different but close values of one measure for one event."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from content.models import Article, Outlet, Sentence
from quizzes.generation import (
    extract_facts,
)
from quizzes.generation.types import SentenceText

from .events import event_words, is_same_event, shared_event_words

# Values closer than this (relative difference) may be two accounts of one figure.
MAX_NUMBER_GAP = 0.25
MAX_DATE_GAP_DAYS = 7


@dataclass(frozen=True)
class Mention:
    """A date or number stated in a sentence of an article (a `Fact` with its whereabouts)."""

    outlet: Outlet
    article: Article
    sentence: Sentence
    kind: str  # date | number
    value: str  # normalised, as the generator writes it
    unit: str
    start: int
    end: int
    words: frozenset  # event words of the sentence and its neighbours, without the value's

    @property
    def text(self):
        """The value as written in the sentence."""
        return self.sentence.text[self.start : self.end]

    @property
    def measure(self):
        """What the value measures, so that only like is compared with like."""
        if self.kind == "date":
            return "date:" + _date_granularity(self.value)
        if self.unit == "duration":
            return "duration:" + self.value[-1:]
        return "number:" + self.unit


def _date_granularity(value):
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if value.startswith("--"):
        return "day-of-year"
    return "other"


def _magnitude(mention):
    if mention.kind == "date":
        if _date_granularity(mention.value) == "day":
            return date.fromisoformat(mention.value).toordinal()
        return None
    match = re.search(r"\d+(?:\.\d+)?", mention.value)
    return float(match.group()) if match else None


def collect_mentions(*, articles=None):
    """Return every date and number stated in the library (or in `articles`), as `Mention`s.

    Uses the generator's pure `extract_facts` on each sentence. Two queries.
    """
    queryset = Article.objects.select_related("outlet").prefetch_related(
        Prefetch("sentences", queryset=Sentence.objects.order_by("position"))
    )
    if articles is not None:
        queryset = queryset.filter(pk__in=[a.pk for a in articles])
    mentions = []
    for article in queryset:
        sentences = list(article.sentences.all())
        previous = None
        for index, sentence in enumerate(sentences):
            facts = extract_facts(
                SentenceText(position=sentence.position, text=sentence.text),
                published=article.published,
                previous=previous,
            )
            around = [sentences[i].text for i in (index - 1, index + 1) if 0 <= i < len(sentences)]
            context = event_words(sentence.text, *around)
            for fact in facts:
                if fact.kind not in ("date", "number"):
                    continue
                if fact.kind == "date" and _date_granularity(fact.value) == "day":
                    previous = date.fromisoformat(fact.value)
                mentions.append(
                    Mention(
                        outlet=article.outlet,
                        article=article,
                        sentence=sentence,
                        kind=fact.kind,
                        value=fact.value,
                        unit=fact.unit,
                        start=fact.start,
                        end=fact.end,
                        words=context - event_words(fact.text),
                    )
                )
    return mentions


# -- discrepancies --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Discrepancy:
    """Two outlets giving different values for what looks like one event."""

    first: Mention
    second: Mention
    shared_words: tuple  # the event words that make it look like one event

    def __str__(self):
        return (
            f"{self.first.outlet.name}: “{self.first.text}” / "
            f"{self.second.outlet.name}: “{self.second.text}”"
        )


def _close(first, second):
    a, b = _magnitude(first), _magnitude(second)
    if a is None or b is None or a == b:
        return False
    if first.kind == "date":
        return abs(a - b) <= MAX_DATE_GAP_DAYS
    return abs(a - b) / max(abs(a), abs(b)) <= MAX_NUMBER_GAP


def find_discrepancies(*, articles=None):
    """Return the discrepancies between outlets in the library (or among `articles`).

    A discrepancy pairs two mentions from different outlets of the same measure (dates of the
    same granularity, durations in the same unit, counts of the same noun) whose values
    differ but are close (`MAX_NUMBER_GAP`, `MAX_DATE_GAP_DAYS`), about the same event
    (`is_same_event`), where neither passage also states the other's value, and where the
    two outlets do not each state both values somewhere (then the values are two facts both
    outlets agree on, not two accounts of one). For each pair of outlets and values the
    best-matched pair of mentions is kept. Sorted by outlets, then values.
    """
    mentions = collect_mentions(articles=articles)
    stated = {}  # outlet pk -> the (measure, value) pairs its articles state anywhere
    for mention in mentions:
        stated.setdefault(mention.outlet.pk, set()).add((mention.measure, mention.value))
    values_near = {}
    for mention in mentions:
        values_near.setdefault((mention.article.pk, mention.sentence.position), set()).add(
            mention.value
        )

    def states_nearby(mention, value):
        article, position = mention.article.pk, mention.sentence.position
        return any(
            value in values_near.get((article, p), ())
            for p in (position - 1, position, position + 1)
        )

    # Only close values can disagree: per measure, walk the distinct values in order of
    # magnitude and pair each with the values within reach, never every mention with every
    # other (a large library states the same date thousands of times).
    by_value = {}
    for mention in mentions:
        if _magnitude(mention) is not None:
            by_value.setdefault((mention.measure, mention.value), []).append(mention)
    by_measure = {}
    for measure, value in by_value:
        by_measure.setdefault(measure, []).append(value)
    best = {}
    for measure, values in by_measure.items():
        values.sort(key=lambda v: _magnitude(by_value[(measure, v)][0]))
        for i, low in enumerate(values):
            for high in values[i + 1 :]:
                low_mention, high_mention = (
                    by_value[(measure, low)][0],
                    by_value[(measure, high)][0],
                )
                if _magnitude(low_mention) == _magnitude(high_mention):
                    continue
                if not _close(low_mention, high_mention):
                    break  # sorted by magnitude: every later value is further away
                for first in by_value[(measure, low)]:
                    for second in by_value[(measure, high)]:
                        _consider(first, second, best, stated, states_nearby)
    return sorted(
        best.values(),
        key=lambda d: (d.first.outlet.name, d.second.outlet.name, d.first.value, d.second.value),
    )


def _consider(first, second, best, stated, states_nearby):
    """Keep the pair in `best` when it is a discrepancy (see `find_discrepancies`)."""
    if first.outlet.pk == second.outlet.pk or not is_same_event(first.words, second.words):
        return
    if states_nearby(first, second.value) or states_nearby(second, first.value):
        return
    if (first.measure, second.value) in stated[first.outlet.pk] and (
        second.measure,
        first.value,
    ) in stated[second.outlet.pk]:
        return  # each outlet states both values: two facts they agree on
    if (first.outlet.name, first.value) > (second.outlet.name, second.value):
        first, second = second, first
    key = (first.outlet.pk, first.value, second.outlet.pk, second.value)
    shared = shared_event_words(first.words, second.words)
    if key not in best or len(shared) > len(best[key].shared_words):
        best[key] = Discrepancy(first=first, second=second, shared_words=shared)
