"""Perspective across outlets: who corroborates a fact, where outlets disagree, and the
questions built on that ("who reports it", "compare the sources").

**Same event: the heuristic.** Two statements are about the same event when their "event
words" share at least `MIN_SHARED_WORDS` words. A statement's event words are the content
words of its sentence and of the sentences just before and after it in its article: words of
four letters or more, lowercased, cut to their first six letters (so "Azerbaijani",
"Azerbaijan's" and "Azerbaijanis" meet, as do "liberated" and "liberation"), leaving out
common function words and the words of the value itself ("years", "November"). It is light on
purpose: it needs no model and explains itself (the shared words are shown to the teacher).
It errs towards "same event" when two outlets cover one story, which is why a corroboration
also needs the very same normalised value, and a discrepancy needs close values (see
`find_discrepancies`).

**Corroboration** (`corroboration_map`): another outlet's question, not rejected, with the same
kind and normalised answer, about the same event. Questions are the library's reviewed record
of facts, so this costs two queries for any number of questions.

**Discrepancy** (`find_discrepancies`): two outlets giving different but close values of the
same measure for the same event ("nearly 30 years" against "28 long years"). Found from every
sentence of the library with the generator's fact extraction, so a value that no question asks
about still counts; it reads the whole library, for a teacher's page, not for learners' pages.

**Attribution** (`attribution_for_question`): the wording (`attribution_for`) and the rule
(`attribution_may_be_dropped`) live in `quizzes.generation.attribution`; this module only
supplies the corroboration the rule needs.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Prefetch

from content.glossary import Glossary
from content.models import Article, ContestedTerm, Outlet, Sentence
from quizzes.checks import find_question_problems
from quizzes.generation import (
    attribution_for,
    attribution_may_be_dropped,
    extract_facts,
    is_casualty_or_money,
)
from quizzes.generation.types import Fact, SentenceText
from quizzes.models import Question
from quizzes.questions import refresh_question, sync_choices

MIN_SHARED_WORDS = 2
# Values closer than this (relative difference) may be two accounts of one figure.
MAX_NUMBER_GAP = 0.25
MAX_DATE_GAP_DAYS = 7

# Shown on perspective questions: they wait for a teacher, generation never publishes them.
REVIEW_NOTE = (
    "Perspective question: check that the quoted sentences and the choices are fair "
    "before publishing."
)
PERSPECTIVE_QUALITY = 0.5

_STOPWORDS = frozenset(
    """
    about above after again against also although among another because been before being
    below between both came come could does doing down during each even ever every first
    from further have having here into itself just last later least less like made make many
    more most much must near nearly never next once only other others over same should
    since some still such than that their them then there these they this those though
    through under until upon very were what when where which while whom whose will with
    within without would year years month months week weeks days hours time times today
    january february march april june july august september october november december
    said says according official officially
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_WORD = re.compile(r"[^\W\d_]{4,}")


def event_words(*texts):
    """Return the event words of `texts` (see the module docstring): a frozenset of stems."""
    words = set()
    for text in texts:
        for word in _WORD.findall(text or ""):
            word = word.casefold()
            if word not in _STOPWORDS:
                words.add(word[:6])
    return frozenset(words)


def shared_event_words(first, second):
    """The event words two statements share, sorted; same event when there are enough."""
    return tuple(sorted(first & second))


def is_same_event(first, second):
    """Whether two sets of event words describe the same event (`MIN_SHARED_WORDS`)."""
    return len(first & second) >= MIN_SHARED_WORDS


# -- corroboration --------------------------------------------------------------------------------


def _context_texts(sentences):
    """Map (article_id, position) to the sentence text, for the given sentence keys and their
    neighbours: one query."""
    keys = set()
    for article_id, position in sentences:
        keys.update(
            {(article_id, position - 1), (article_id, position), (article_id, position + 1)}
        )
    if not keys:
        return {}
    rows = Sentence.objects.filter(
        article_id__in={a for a, _ in keys}, position__in={p for _, p in keys if p >= 0}
    ).values_list("article_id", "position", "text")
    return {(a, p): text for a, p, text in rows if (a, p) in keys}


def _question_words(question, texts):
    if question.sentence_id is None or question.sentence is None:
        return event_words(question.sentence_text) - _value_words(question.answer_as_written)
    key = (question.article_id, question.sentence.position)
    around = [texts.get((key[0], key[1] + offset), "") for offset in (-1, 1)]
    return event_words(question.sentence_text, *around) - _value_words(question.answer_as_written)


def _value_words(text):
    return event_words(text)


CORROBORABLE_KINDS = {Question.Kind.DATE, Question.Kind.NUMBER}


def corroboration_map(*, questions):
    """Map each question's pk to the outlets (Outlet objects, by name) other than its own whose
    articles state the same fact: a question of theirs, not rejected, of the same kind and
    normalised answer, about the same event (`is_same_event`).

    Questions without a normalised answer (entities written freely, authored questions) are
    corroborated by nobody. Three queries whatever the number of questions.
    """
    questions = list(questions)
    # Only dates and numbers: a name recurs across unrelated statements ("Ilham Aliyev said…"),
    # so two outlets naming the same person or place is no evidence that they state one fact.
    keys = {
        (q.kind, q.answer_normalized)
        for q in questions
        if q.answer_normalized and q.kind in CORROBORABLE_KINDS
    }
    if not keys:
        return {q.pk: [] for q in questions}
    candidates = list(
        Question.objects.not_rejected()
        .filter(
            kind__in={kind for kind, _ in keys},
            answer_normalized__in={value for _, value in keys},
        )
        .select_related("article__outlet", "sentence")
    )
    by_key = {}
    for candidate in candidates:
        by_key.setdefault((candidate.kind, candidate.answer_normalized), []).append(candidate)
    everyone = [*questions, *candidates]
    texts = _context_texts(
        (q.article_id, q.sentence.position) for q in everyone if q.sentence_id and q.sentence
    )
    words = {}

    def words_of(question):
        if question.pk not in words:
            words[question.pk] = _question_words(question, texts)
        return words[question.pk]

    result = {}
    for question in questions:
        outlets = {}
        if (question.kind, question.answer_normalized) in keys:
            own = question.article.outlet_id
            for candidate in by_key.get((question.kind, question.answer_normalized), []):
                outlet = candidate.article.outlet
                if outlet.pk == own or outlet.pk in outlets:
                    continue
                if is_same_event(words_of(question), words_of(candidate)):
                    outlets[outlet.pk] = outlet
        result[question.pk] = sorted(outlets.values(), key=lambda o: o.name)
    return result


def corroborating_outlets(*, question):
    """The outlets other than the question's own that state the same fact (see
    `corroboration_map`), sorted by name."""
    return corroboration_map(questions=[question])[question.pk]


def attribution_for_question(*, question, corroborating=None):
    """Return the attribution the question must carry: `attribution_for` its outlet and voice,
    or "" when the rule allows dropping it.

    The rule itself lives in `quizzes.generation.attribution_may_be_dropped` (a single-source
    claim is always attributed; it may be dropped only when outlets of different alignments
    state the fact, and never for casualty or money figures); this function feeds it the
    library's corroboration. `corroborating` are the other outlets stating the fact
    (computed with `corroborating_outlets` when not given).
    """
    outlet = question.article.outlet
    if corroborating is None:
        corroborating = corroborating_outlets(question=question)
    fact = Fact(
        kind=question.kind,
        sentence_position=question.sentence.position if question.sentence_id else 0,
        start=question.answer_start,
        end=question.answer_end,
        text=question.answer_as_written,
        value=question.answer_normalized,
        # Money is normalised as "<amount> <currency>": the currency is the fact's unit.
        unit=question.answer_normalized.rpartition(" ")[2]
        if " " in question.answer_normalized
        else "",
    )
    may_drop = attribution_may_be_dropped(
        alignments=[outlet.alignment, *(o.alignment for o in corroborating)],
        casualty_or_money=is_casualty_or_money(fact=fact, sentence=question.sentence_text),
    )
    if corroborating and may_drop:
        return ""
    return attribution_for(
        outlet=outlet.name, voice=question.article.voice, name=outlet.attribution_name
    )


# -- facts across the library ---------------------------------------------------------------------


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


# -- perspective questions ------------------------------------------------------------------------


@dataclass
class PerspectiveReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # edited or written by a teacher: left as they are
    skipped: int = 0  # too few outlets, nothing suitable

    def summary(self):
        return (
            f"Perspective questions: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.kept} kept as a teacher left them."
        )


def _fingerprint(prefix, *parts):
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"{prefix}:{digest}"


def _store(*, article, sentence, fingerprint, fields, choices, report):
    """Create or refresh one generated perspective question (never one a teacher changed).
    A question that fails the checks every question meets is not stored (counted skipped)."""
    problems = find_question_problems(
        sentence_text=sentence.text,
        answer_start=fields["answer_start"],
        answer_end=fields["answer_end"],
        answer=fields["answer"],
        stem=fields["stem"],
        mode=Question.Mode.CHOICE,
        choices=[text for text, _ in choices],
        correct=[flag for _, flag in choices],
    )
    if problems:
        report.skipped += 1
        return None
    question = Question.objects.filter(article=article, fingerprint=fingerprint).first()
    fields = {
        **fields,
        "sentence": sentence,
        "sentence_text": sentence.text,
        "mode": Question.Mode.CHOICE,
        "quality": PERSPECTIVE_QUALITY,
    }
    if question is None:
        question = Question.objects.create(
            article=article,
            fingerprint=fingerprint,
            origin=Question.Origin.GENERATED,
            status=Question.Status.DRAFT,
            review_note=REVIEW_NOTE,
            **fields,
        )
        sync_choices(question=question, choices=choices)
        report.created += 1
        return question
    if question.origin != Question.Origin.GENERATED:
        report.kept += 1
        return question
    if refresh_question(question=question, fields=fields, choices=choices):
        report.updated += 1
    else:
        report.unchanged += 1
    return question


def _quote(text, *, start=None, end=None, blank=None, words_before=14, words_after=10):
    """A short excerpt of `text` around [start, end) (the whole text when short), with the span
    replaced by `blank` when given; "…" marks the cuts. Final punctuation is dropped."""
    if start is None:
        start, end = 0, len(text)
    before = text[:start].split(" ")
    after = text[end:].split(" ")
    head = " ".join(before[-words_before:]) if len(before) > words_before else text[:start]
    tail = " ".join(after[:words_after]) if len(after) > words_after else text[end:]
    middle = blank if blank is not None else text[start:end]
    quote = f"{head}{middle}{tail}".strip()
    quote = quote.rstrip(' .!?;:,"”’')
    if len(before) > words_before:
        quote = "…" + quote
    if len(after) > words_after:
        quote += "…"
    return quote


def _quote_whole(text):
    """The sentence without its final punctuation or, when it has none, without its last
    word: the stem quotes the statement without containing the answer span (the sentence)."""
    quote = _quote(text)
    if quote == text.strip():
        quote = quote.rsplit(" ", 1)[0] + "…"
    return quote


def build_compare_questions(*, discrepancies=None):
    """Store a "compare the sources" question (kind compare, draft) for each discrepancy:
    the stem quotes the first outlet's passage and the second's with its value blanked, and
    asks which figure the second outlet gives; the choices are both outlets' figures as
    written. The source sentence is the second outlet's. Idempotent; a question a teacher
    edited or wrote is kept. Returns a `PerspectiveReport`.
    """
    if discrepancies is None:
        discrepancies = find_discrepancies()
    report = PerspectiveReport()
    with transaction.atomic():
        for discrepancy in discrepancies:
            for shown, asked in (
                (discrepancy.first, discrepancy.second),
                (discrepancy.second, discrepancy.first),
            ):
                if asked.text.casefold() == shown.text.casefold():
                    report.skipped += 1
                    continue
                shown_by = _says(shown)
                asked_by = _says(asked)
                stem = (
                    f"{shown_by[0].upper()}{shown_by[1:]} says: “{_quote(shown.sentence.text, start=shown.start, end=shown.end)}”. "
                    f"{asked_by[0].upper()}{asked_by[1:]} says: “{_quote(asked.sentence.text, start=asked.start, end=asked.end, blank='______')}”. "
                    f"What figure does {_name(asked.outlet)} give in the blank?"
                )
                answer = asked.text
                choices = sorted([answer, shown.text], key=str.casefold)
                _store(
                    article=asked.article,
                    sentence=asked.sentence,
                    fingerprint=_fingerprint(
                        "compare", asked.sentence.text, asked.value, shown.outlet.name, shown.value
                    ),
                    fields={
                        "kind": Question.Kind.COMPARE,
                        "stem": stem,
                        "answer": answer,
                        "answer_normalized": asked.value,
                        "answer_start": asked.start,
                        "answer_end": asked.end,
                        "attribution": "",
                    },
                    choices=[(text, text == answer) for text in choices],
                    report=report,
                )
    return report


def _name(outlet):
    """The outlet's name as it reads in a sentence ("TRT", "the Caspian Post")."""
    return attribution_for(
        outlet=outlet.name, voice="news", name=outlet.attribution_name
    ).removeprefix("According to ")


def _says(mention):
    """Who says it, in the words of the attribution ("TRT", "an opinion piece in the Caspian
    Post")."""
    return attribution_for(
        outlet=mention.outlet.name,
        voice=mention.article.voice,
        name=mention.outlet.attribution_name,
    ).removeprefix("According to ")


MAX_OUTLET_QUESTIONS_PER_ARTICLE = 3
MAX_OUTLET_CHOICES = 4
_MAX_QUOTED_WORDS = 45


def build_outlet_questions(*, articles=None):
    """Store "who reports it" questions (kind outlet, draft): for up to
    `MAX_OUTLET_QUESTIONS_PER_ARTICLE` sentences per article that use contested terms, the
    learner picks which outlet wrote the sentence, which the stem quotes (without its final
    punctuation). The answer span is the whole sentence (the statement), so the feedback
    highlights it with its terms glossed, next to the outlet's note.

    Choices are the outlets with articles in the library, up to `MAX_OUTLET_CHOICES` (the
    answer and those of other alignments first): with two outlets it is a two-choice question.
    Nothing is built while the library has fewer than two outlets. Sentences naming their own
    outlet are skipped (they give the answer away). Idempotent; teachers' edits are kept.
    """
    report = PerspectiveReport()
    outlets = list(Outlet.objects.filter(articles__isnull=False).distinct().order_by("name"))
    if len(outlets) < 2:
        report.skipped += 1
        return report
    glossary = Glossary(ContestedTerm.objects.all())
    queryset = Article.objects.select_related("outlet").prefetch_related(
        Prefetch("sentences", queryset=Sentence.objects.order_by("position"))
    )
    if articles is not None:
        queryset = queryset.filter(pk__in=[a.pk for a in articles])
    with transaction.atomic():
        for article in queryset:
            outlet = article.outlet
            names = [outlet.name, *(str(a) for a in outlet.aliases or [])]
            chosen, terms_used = [], set()
            for sentence in article.sentences.all():
                matches = glossary.find(sentence.text)
                words = len(sentence.text.split())
                if not matches or not 8 <= words <= _MAX_QUOTED_WORDS:
                    continue
                if any(n.casefold() in sentence.text.casefold() for n in names):
                    continue
                new_terms = {str(m.term) for m in matches} - terms_used
                if not new_terms:
                    continue  # prefer sentences that bring a term not asked about yet
                terms_used |= new_terms
                chosen.append((sentence, matches))
                if len(chosen) == MAX_OUTLET_QUESTIONS_PER_ARTICLE:
                    break
            for sentence, matches in chosen:
                written = dict.fromkeys(sentence.text[m.start : m.end] for m in matches)
                term_list = " and ".join(f"“{w}”" for w in list(written)[:2])
                stem = (
                    f"Which outlet wrote this sentence, which uses {term_list}? "
                    f"“{_quote_whole(sentence.text)}”"
                )
                choice_outlets = _outlet_choices(answer=outlet, outlets=outlets)
                _store(
                    article=article,
                    sentence=sentence,
                    fingerprint=_fingerprint("outlet", sentence.text),
                    fields={
                        "kind": Question.Kind.OUTLET,
                        "stem": stem,
                        "answer": outlet.name,
                        "answer_normalized": outlet.slug,
                        "answer_start": 0,
                        "answer_end": len(sentence.text),
                        "attribution": "",
                    },
                    choices=[(o.name, o.pk == outlet.pk) for o in choice_outlets],
                    report=report,
                )
    return report


def _outlet_choices(*, answer, outlets):
    """The answer and up to MAX_OUTLET_CHOICES - 1 other outlets, other alignments first,
    in name order."""
    others = sorted(
        (o for o in outlets if o.pk != answer.pk),
        key=lambda o: (o.alignment == answer.alignment, o.name),
    )
    return sorted([answer, *others[: MAX_OUTLET_CHOICES - 1]], key=lambda o: o.name)


def build_perspective_questions(*, articles=None):
    """Build both kinds of perspective question for the library (see the two builders);
    returns their combined report."""
    outlet_report = build_outlet_questions(articles=articles)
    compare_report = build_compare_questions(discrepancies=find_discrepancies())
    return PerspectiveReport(
        created=outlet_report.created + compare_report.created,
        updated=outlet_report.updated + compare_report.updated,
        unchanged=outlet_report.unchanged + compare_report.unchanged,
        kept=outlet_report.kept + compare_report.kept,
        skipped=outlet_report.skipped + compare_report.skipped,
    )
