"""What a learner has done and how well they remember it: the numbers behind the dashboard.

Every function that reads the database runs a fixed number of queries whatever the amount of
data: the learner's history is aggregated per day by the database in one query (a row per
active day for quiz answers and one for review logs, `ResponseQuerySet.per_day` and
`ReviewLogQuerySet.per_day`, from which totals, streak and chart are summed in Python), and
the cards in another, one row per article with the cards' FSRS retrievability summed by the
database (`CardQuerySet.mastery_by_article`).
The chart's geometry is in `quizzes.charts`; templates/quizzes/dashboard.html draws it all.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import formats, timezone

from .models import Card, Classroom, LearnerProfile, Response, ReviewLog

CHART_DAYS = 30


@dataclass(frozen=True)
class DayActivity:
    """One day's answers: quiz answers plus flashcard reviews, and how many were right."""

    day: date
    answers: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        """Share of the day's answers that were right, or None on a day without answers."""
        return self.correct / self.answers if self.answers else None

    @property
    def percent(self) -> int | None:
        """The accuracy as a whole percentage, or None on a day without answers."""
        return round(self.correct / self.answers * 100) if self.answers else None

    @cached_property
    def name(self) -> str:
        """The day as the chart's titles name it ("21 November"), in Django's date format
        (the month in the active language): once for the four titles of the two charts."""
        return formats.date_format(self.day, "j F")


@dataclass(frozen=True)
class ArticleMastery:
    """How well a learner remembers one article: mean FSRS retrievability of its cards."""

    article_id: int
    title: str
    slug: str
    cards: int
    mastery: float

    @property
    def percent(self) -> int:
        """The mastery as a whole percentage (0.734 → 73)."""
        return round(self.mastery * 100)


@dataclass(frozen=True)
class CardsDue:
    total: int
    today: int
    next_week: int


@dataclass(frozen=True)
class Progress:
    """Everything the dashboard shows about one learner."""

    questions_answered: int
    correct_answers: int
    reviews: int
    cards: CardsDue
    streak: int
    days: list[DayActivity]
    articles: list[ArticleMastery]

    @property
    def accuracy(self) -> float | None:
        if not self.questions_answered:
            return None
        return self.correct_answers / self.questions_answered

    @property
    def accuracy_percent(self) -> int | None:
        """The accuracy as a whole percentage (as `{% widthratio %}` rounds), or None."""
        if not self.questions_answered:
            return None
        return round(self.correct_answers / self.questions_answered * 100)

    @property
    def is_empty(self) -> bool:
        """True for a learner who has not answered or reviewed anything yet."""
        return not (self.questions_answered or self.reviews or self.cards.total)

    @property
    def has_recent_activity(self) -> bool:
        return any(day.answers for day in self.days)

    # Keys for caching what the dashboard draws from the days and from the articles (its
    # template's {% cache %} fragments): the numbers themselves, so a key changes with them.
    @property
    def activity_key(self) -> str:
        return " ".join(f"{d.day:%Y%m%d}:{d.answers}:{d.correct}" for d in self.days)

    @property
    def mastery_key(self) -> str:
        return "\n".join(f"{a.slug} {a.cards} {a.mastery:.3f} {a.title}" for a in self.articles)


# How long a learner's progress is reused while their cards stay the same (see
# `cached_progress`): what can change it meanwhile without an answer or a review (an
# article renamed, a card's retrievability passing a whole day) shows that much later.
PROGRESS_SECONDS = 60


def cached_progress(*, learner) -> Progress:
    """`summarize_progress(learner=...)`, reused from the cache for up to PROGRESS_SECONDS as
    long as the learner's cards are the same (their number and latest review: every quiz
    answer and flashcard review updates a card), on the same day. The query reading the
    profile's snapshot checks that: a dashboard reloaded without news costs it alone.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    state = read_state(learner=learner)
    latest = state.last_review.timestamp() if state.last_review else "-"
    key = (
        f"quizzes:progress:v1:{learner.pk}:{learner.date_joined.timestamp()}:{today}:"
        f"{timezone.get_current_timezone_name()}:{state.cards}:{latest}"
    )
    # Without today's snapshot the days before today are summed and stored again anyway.
    if state.snapshot is not None and state.snapshot.day == today:
        progress = cache.get(key)
        if progress is not None:
            return progress
    progress = summarize_progress(learner=learner, now=now, state=state)
    cache.set(key, progress, PROGRESS_SECONDS)
    return progress


def summarize_progress(*, learner, now: datetime | None = None, state=None) -> Progress:
    """Collect the dashboard's numbers for `learner` as of `now` (default: the current time).

    Runs the same number of queries however many answers, reviews and cards the learner has,
    and reads only the rows of today's activity: the days before today are summed once a day
    into a snapshot kept on the learner's profile (see `read_history_before`). Activity
    before today that changes during the day (a question deleted with its answers) shows
    from the next day. `state` is `read_state`'s, when the caller has read it.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    state = state or read_state(learner=learner)
    cards, articles = read_cards(learner=learner, now=now)
    before = read_history_before(learner=learner, today=today, state=state)
    recent = read_history(learner=learner, since=_start_of(today))
    window = History(
        answers={**before.answers, **recent.answers},
        reviews={**before.reviews, **recent.reviews},
        active_days=recent.active_days,
    )
    return Progress(
        questions_answered=before.questions_answered + recent.questions_answered,
        correct_answers=before.correct_answers + recent.correct_answers,
        reviews=before.flashcard_reviews + recent.flashcard_reviews,
        cards=cards,
        # Today adds a day to the streak that ended yesterday (which survives a day without).
        streak=before.streak + (1 if today in recent.active_days else 0),
        days=window.daily_activity(today=today),
        articles=articles,
    )


@dataclass(frozen=True)
class HistoryBefore:
    """A learner's activity before `day`: totals, the streak of days ending the day before,
    and the per-day numbers of the chart's days before `day`."""

    day: date
    questions_answered: int
    correct_answers: int
    flashcard_reviews: int
    streak: int
    answers: dict[date, tuple[int, int]]
    reviews: dict[date, tuple[int, int]]

    def as_json(self) -> dict:
        days = {}
        for day in set(self.answers) | set(self.reviews):
            days[day.isoformat()] = [*self.answers.get(day, (0, 0)), *self.reviews.get(day, (0, 0))]
        return {
            "version": 1,
            "day": self.day.isoformat(),
            "answers": self.questions_answered,
            "correct": self.correct_answers,
            "reviews": self.flashcard_reviews,
            "streak": self.streak,
            "days": days,
        }

    @classmethod
    def from_json(cls, data: dict) -> "HistoryBefore | None":
        """The snapshot stored by `as_json`, or None if there is none (or an older format)."""
        if not isinstance(data, dict) or data.get("version") != 1:
            return None
        days = {date.fromisoformat(day): values for day, values in data["days"].items()}
        return cls(
            day=date.fromisoformat(data["day"]),
            questions_answered=data["answers"],
            correct_answers=data["correct"],
            flashcard_reviews=data["reviews"],
            streak=data["streak"],
            answers={day: (v[0], v[1]) for day, v in days.items() if v[0]},
            reviews={day: (v[2], v[3]) for day, v in days.items() if v[2]},
        )


@dataclass(frozen=True)
class LearnerState:
    """What the dashboard reads first, in one query: the snapshot on the learner's profile
    and what tells whether their cards changed (how many, the latest review)."""

    has_profile: bool
    snapshot: HistoryBefore | None
    cards: int
    last_review: datetime | None


def read_state(*, learner) -> LearnerState:
    # The snapshot is read by a subquery, not through a join: grouped by the user alone, the
    # cards' aggregates do not sort and compare the snapshot (a JSON document of every day)
    # once per card, which took 15 ms of the database's time for 1,000 cards on PostgreSQL.
    snapshot = LearnerProfile.objects.filter(user=OuterRef("pk")).values("history")
    stored, cards, last_review = (
        get_user_model()
        .objects.filter(pk=learner.pk)
        .annotate(
            n_cards=Count("cards"),
            latest_review=Max("cards__last_review"),
            stored=Subquery(snapshot),
        )
        .values_list("stored", "n_cards", "latest_review")
        .get()
    )
    return LearnerState(
        # The profile's snapshot ({} without one), None for a learner without a profile.
        has_profile=stored is not None,
        snapshot=HistoryBefore.from_json(stored) if stored else None,
        cards=cards,
        last_review=last_review,
    )


def read_history_before(*, learner, today: date, state: LearnerState) -> HistoryBefore:
    """The learner's activity before `today`, from the snapshot on their profile when it was
    taken for `today`; otherwise summed from the whole history (one query) and stored
    there for the rest of the day (the profile is created if need be)."""
    snapshot = state.snapshot
    if snapshot is not None and snapshot.day == today:
        return snapshot
    history = read_history(learner=learner, until=_start_of(today))
    first = today - timedelta(days=CHART_DAYS - 1)
    snapshot = HistoryBefore(
        day=today,
        questions_answered=history.questions_answered,
        correct_answers=history.correct_answers,
        flashcard_reviews=history.flashcard_reviews,
        # Nothing of today is in `history`: the streak ending yesterday.
        streak=count_streak(days=history.active_days, today=today),
        answers={day: n for day, n in history.answers.items() if day >= first},
        reviews={day: n for day, n in history.reviews.items() if day >= first},
    )
    data = snapshot.as_json()
    if state.has_profile:
        LearnerProfile.objects.filter(user=learner).update(history=data)
    else:
        # One INSERT that does nothing if the profile was created meanwhile (no savepoint):
        # the snapshot is then simply taken again at the next visit.
        LearnerProfile.objects.bulk_create(
            [LearnerProfile(user=learner, history=data)], ignore_conflicts=True
        )
    return snapshot


@dataclass(frozen=True)
class History:
    """A learner's activity, one entry per day with any: quiz answers as (answered, correct),
    flashcard reviews as (reviews, recalled), and the days with any answer or review."""

    answers: dict[date, tuple[int, int]]
    reviews: dict[date, tuple[int, int]]
    active_days: frozenset[date]

    @property
    def questions_answered(self) -> int:
        return sum(answered for answered, _ in self.answers.values())

    @property
    def correct_answers(self) -> int:
        return sum(correct for _, correct in self.answers.values())

    @property
    def flashcard_reviews(self) -> int:
        return sum(reviews for reviews, _ in self.reviews.values())

    def daily_activity(self, *, today: date, days: int = CHART_DAYS) -> list[DayActivity]:
        """One DayActivity per day for the `days` days ending `today`, oldest first: quiz
        answers plus flashcard reviews (right when rated anything but Again, FSRS's own
        notion of a successful recall)."""
        first = today - timedelta(days=days - 1)
        activity = []
        for n in range(days):
            day = first + timedelta(days=n)
            answered, correct = self.answers.get(day, (0, 0))
            reviewed, recalled = self.reviews.get(day, (0, 0))
            activity.append(
                DayActivity(day=day, answers=answered + reviewed, correct=correct + recalled)
            )
        return activity


def read_history(*, learner, since=None, until=None) -> History:
    """Read the learner's activity per day in one query: one row per active day for quiz
    answers and one for review logs. Totals, streak and chart all come from these rows.

    `since` and `until` (datetimes) keep the activity from `since` on and before `until`.
    With `since`, only the rows since then are read, not the whole history: an answer given
    since then belongs to an attempt open or finished since then, and a review is on a card
    last reviewed since then (as the app writes them; a card with no last review is read too);
    of the review logs only the flashcard reviews are read then, which is all a day's numbers
    need when every quiz answer's log comes with its response.
    """
    answers = Response.objects.filter(attempt__learner=learner)
    reviews = ReviewLog.objects.filter(card__learner=learner)
    if until is not None:
        answers = answers.filter(created__lt=until)
        reviews = reviews.filter(reviewed_at__lt=until)
    if since is not None:
        answers = answers.filter(
            Q(attempt__finished__isnull=True) | Q(attempt__finished__gte=since),
            created__gte=since,
        )
        # Recent activity: only flashcard reviews, on cards in the flashcard deck. A quiz
        # answer's log always comes with its response, which the answers half reads, so the
        # days stay the same; a card gets `introduced` at its first flashcard review, and the
        # cards a learner only met in quizzes (most of them) are not read.
        reviews = reviews.filter(
            Q(card__last_review__isnull=True) | Q(card__last_review__gte=since),
            reviewed_at__gte=since,
            card__introduced__isnull=False,
            source=ReviewLog.Source.FLASHCARD,
        )
    answers_by_day, reviews_by_day, review_days = {}, {}, set()
    # (The union's order_by(): Response's default ordering would apply to it otherwise.)
    for row in answers.per_day().union(reviews.per_day(), all=True).order_by():
        day, count, right = row["day"], row["count"], row["right"]
        if row["kind"] == "answers":
            answers_by_day[day] = (count, right)
        else:
            # Every log makes its day active (quiz answers are logged too: they count for
            # the streak, not as reviews).
            review_days.add(day)
            if count:
                reviews_by_day[day] = (count, right)
    return History(
        answers=answers_by_day,
        reviews=reviews_by_day,
        active_days=frozenset(answers_by_day) | frozenset(review_days),
    )


def count_streak(*, days: set[date], today: date) -> int:
    """Count consecutive days in `days` ending today, or yesterday when today is not in it
    (a streak survives until the day is over)."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _due_counts(now: datetime) -> dict:
    """Aggregates over cards: those due by the end of today (overdue included) and those due
    in the seven days after today."""
    end_of_today = _start_of(timezone.localdate(now) + timedelta(days=1))
    next_week = Q(due__gte=end_of_today, due__lt=end_of_today + timedelta(days=7))
    return {
        "due_today": Count("id", filter=Q(due__lt=end_of_today)),
        "due_next_week": Count("id", filter=next_week),
    }


def read_cards(*, learner, now: datetime) -> tuple[CardsDue, list[ArticleMastery]]:
    """The learner's cards, in one query (one row per article, the counts summed in Python):
    how many there are and are due (`CardsDue`), and for each article the learner has cards
    on, the mean retrievability of those cards at `now`, weakest article first (ties by
    title)."""
    rows = Card.objects.filter(learner=learner).mastery_by_article(now).annotate(**_due_counts(now))
    mastery, cards, today, next_week = [], 0, 0, 0
    for row in rows:
        mastery.append(
            ArticleMastery(
                article_id=row["article_id"],
                title=row["title"],
                slug=row["slug"],
                cards=row["cards"],
                mastery=row["recall"] / row["cards"],
            )
        )
        cards, today = cards + row["cards"], today + row["due_today"]
        next_week += row["due_next_week"]
    mastery.sort(key=lambda item: (item.mastery, item.title))
    return CardsDue(total=cards, today=today, next_week=next_week), mastery


def list_class_names(*, learner) -> list[str]:
    """The names of the classes `learner` is in, by name (for the dashboard's "Classes")."""
    return list(
        Classroom.objects.filter(learners=learner)
        .order_by("name", "id")
        .values_list("name", flat=True)
    )
