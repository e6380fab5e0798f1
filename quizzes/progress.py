"""What a learner has done and how well they remember it: the numbers behind the dashboard.

Every function that reads the database runs a fixed number of queries whatever the amount of
data: the learner's history is aggregated per day by the database in one query (a row per
active day for quiz answers and one for review logs, from which totals, streak and chart are
summed in Python), and the cards in another, one row per article with the cards' FSRS
retrievability summed by the database (in Python over one row per card, through
`quizzes.scheduling`, on databases other than PostgreSQL and SQLite).
The dashboard's statements are written out as SQL: Django compiling them took more CPU than
the database took to run them.
The chart geometry and the markup built at the end are pure Python over the numbers.
"""

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# The standard library's escape(), which Django's calls: without the wrapper for lazy strings,
# that took more time than the rest of the mastery list's markup.
from html import escape
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import Count, FloatField, Q, Sum
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from . import scheduling
from .models import Card, LearnerProfile, ReviewLog

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

    @property
    def label(self) -> str:
        """The day as the dashboard's table names it: "Sat 21 Nov" (English, any locale)."""
        return f"{_WEEKDAYS[self.day.weekday()]} {self.day.day} {_MONTHS[self.day.month - 1][:3]}"


@dataclass(frozen=True)
class ArticleMastery:
    """How well a learner remembers one article: mean FSRS retrievability of its cards."""

    article_id: int
    title: str
    slug: str
    cards: int
    mastery: float
    url: str = ""

    @property
    def percent(self) -> int:
        """The mastery as a whole percentage (0.734 → 73)."""
        return round(self.mastery * 100)

    @property
    def meter_value(self) -> str:
        """The mastery with three decimals, for a <meter>'s value ("0.734")."""
        return f"{self.mastery:.3f}"


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


def summarize_progress(*, learner, now: datetime | None = None) -> Progress:
    """Collect the dashboard's numbers for `learner` as of `now` (default: the current time).

    Runs the same number of queries however many answers, reviews and cards the learner has,
    and reads only the rows of today's activity: the days before today are summed once a day
    into a snapshot kept on the learner's profile (see `read_history_before`). Activity
    before today that changes during the day (a question deleted with its answers) shows
    from the next day.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    cards, articles = read_cards(learner=learner, now=now)
    before = read_history_before(learner=learner, today=today)
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


# Written out, as `read_history`'s statement is (a queryset is compiled on every request).
_PROFILE_HISTORY_SQL = "SELECT history FROM quizzes_learnerprofile WHERE user_id = %s"


def read_history_before(*, learner, today: date) -> HistoryBefore:
    """The learner's activity before `today`, from the snapshot on their profile when it was
    taken for `today`; otherwise summed from the whole history (one query) and stored
    there for the rest of the day (the profile is created if need be)."""
    with connection.cursor() as cursor:
        cursor.execute(_PROFILE_HISTORY_SQL, [learner.pk])
        # (history,) for a profile, None for a learner who has none yet.
        stored = cursor.fetchone()
    snapshot = None
    if stored:
        field = LearnerProfile._meta.get_field("history")
        snapshot = HistoryBefore.from_json(field.from_db_value(stored[0], None, connection))
    if snapshot is not None and snapshot.day == today:
        return snapshot
    history = read_history(learner=learner, until=_start_of(today))
    streak, day = 0, today - timedelta(days=1)
    while day in history.active_days:
        streak += 1
        day -= timedelta(days=1)
    first = today - timedelta(days=CHART_DAYS - 1)
    snapshot = HistoryBefore(
        day=today,
        questions_answered=history.questions_answered,
        correct_answers=history.correct_answers,
        flashcard_reviews=history.flashcard_reviews,
        streak=streak,
        answers={day: n for day, n in history.answers.items() if day >= first},
        reviews={day: n for day, n in history.reviews.items() if day >= first},
    )
    data = snapshot.as_json()
    if stored:
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
    sql, day_params = _history_sql(
        vendor=connection.vendor,
        tzname=timezone.get_current_timezone_name() if settings.USE_TZ else None,
        since=since is not None,
        until=until is not None,
    )
    adapt = connection.ops.adapt_datetimefield_value
    # In the order of the statement's placeholders: each half's day, then its conditions.
    answer_params, review_params = [learner.pk], [learner.pk]
    if until is not None:
        answer_params.append(adapt(until))
        review_params.append(adapt(until))
    if since is not None:
        answer_params += [adapt(since), adapt(since)]
        review_params += [adapt(since), adapt(since), ReviewLog.Source.FLASHCARD.value]
    flashcard, again = ReviewLog.Source.FLASHCARD.value, ReviewLog.Rating.AGAIN.value
    params = [
        *day_params,
        *answer_params,
        *day_params,
        flashcard,
        flashcard,
        again,
        *review_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    answers_by_day, reviews_by_day, review_days = {}, {}, set()
    for kind, day, count, right in rows:
        day = _as_date(day)
        if kind == "answers":
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


@functools.cache
def _history_sql(*, vendor: str, tzname: str | None, since: bool, until: bool):
    """`read_history`'s statement and the parameters of its day expression.

    Written out rather than built with the ORM: compiling the two grouped querysets (Q
    objects, TruncDate, filtered counts) took more CPU on each dashboard than PostgreSQL
    took to run them. The day is the database's own TruncDate (`datetime_cast_date_sql`);
    the groups are by position, as the day expression has parameters of its own.
    """
    day_sql = connection.ops.datetime_cast_date_sql
    answer_day, day_params = day_sql("r.created", (), tzname)
    review_day, _ = day_sql("l.reviewed_at", (), tzname)
    answers_where, reviews_where = ["a.learner_id = %s"], ["c.learner_id = %s"]
    if until:
        answers_where.append("r.created < %s")
        reviews_where.append("l.reviewed_at < %s")
    if since:
        answers_where.append("(a.finished IS NULL OR a.finished >= %s) AND r.created >= %s")
        # Recent activity: only flashcard reviews, on cards in the flashcard deck. A quiz
        # answer's log always comes with its response, which the answers half reads, so the
        # days stay the same; a card gets `introduced` at its first flashcard review, and the
        # cards a learner only met in quizzes (most of them) are not read.
        reviews_where.append(
            "(c.last_review IS NULL OR c.last_review >= %s) AND l.reviewed_at >= %s "
            "AND c.introduced IS NOT NULL AND l.source = %s"
        )
    sql = f"""
        SELECT 'answers', {answer_day}, COUNT(*), COUNT(CASE WHEN r.is_correct THEN 1 END)
        FROM quizzes_response r INNER JOIN quizzes_attempt a ON a.id = r.attempt_id
        WHERE {" AND ".join(answers_where)}
        GROUP BY 2
        UNION ALL
        SELECT 'reviews', {review_day},
            COUNT(CASE WHEN l.source = %s THEN 1 END),
            COUNT(CASE WHEN l.source = %s AND l.rating <> %s THEN 1 END)
        FROM quizzes_reviewlog l INNER JOIN quizzes_card c ON c.id = l.card_id
        WHERE {" AND ".join(reviews_where)}
        GROUP BY 2
    """
    return " ".join(sql.split()), tuple(day_params)


def _as_date(value) -> date:
    """A day as the database returns it: a date, or ISO text on SQLite."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def count_answers(*, learner) -> tuple[int, int]:
    """Return (questions answered, answered correctly) over all of the learner's quiz attempts."""
    history = read_history(learner=learner)
    return history.questions_answered, history.correct_answers


def count_flashcard_reviews(*, learner) -> int:
    """Return how many flashcard reviews the learner has made (quiz answers not included)."""
    return read_history(learner=learner).flashcard_reviews


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def count_cards_due(*, learner, now: datetime) -> CardsDue:
    """Count the learner's cards: all of them, due by the end of today (overdue included),
    and due in the seven days after today."""
    totals = Card.objects.filter(learner=learner).aggregate(total=Count("id"), **_due_counts(now))
    return CardsDue(**totals)


def _due_counts(now: datetime) -> dict:
    end_of_today = _start_of(timezone.localdate(now) + timedelta(days=1))
    next_week = Q(due__gte=end_of_today, due__lt=end_of_today + timedelta(days=7))
    return {
        "today": Count("id", filter=Q(due__lt=end_of_today)),
        "next_week": Count("id", filter=next_week),
    }


_ARTICLE_COLUMNS = ("question__article_id", "question__article__title", "question__article__slug")


def read_cards(*, learner, now: datetime) -> tuple[CardsDue, list[ArticleMastery]]:
    """`count_cards_due` and `measure_article_mastery` together, in one query on PostgreSQL
    and SQLite (one row per article, the counts summed in Python).

    Written out, as `read_history` is, for the CPU Django took to compile it."""
    recall = _recall_sql("c")
    if recall is None:
        return count_cards_due(learner=learner, now=now), measure_article_mastery(
            learner=learner, now=now
        )
    adapt = connection.ops.adapt_datetimefield_value
    end_of_today = _start_of(timezone.localdate(now) + timedelta(days=1))
    sql = _cards_sql(recall)
    params = [
        now.timestamp(),
        adapt(end_of_today),
        adapt(end_of_today),
        adapt(end_of_today + timedelta(days=7)),
        learner.pk,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    by_article, cards, today, next_week = {}, 0, 0, 0
    for article_id, title, slug, n, summed, due_today, due_next_week in rows:
        by_article[article_id] = {"title": title, "slug": slug, "cards": n, "total": summed}
        cards, today, next_week = cards + n, today + due_today, next_week + due_next_week
    due = CardsDue(total=cards, today=today, next_week=next_week)
    return due, _list_mastery(by_article)


@functools.cache
def _cards_sql(recall: str) -> str:
    """`read_cards`'s statement: per article, the learner's cards, the sum of their
    retrievability, those due by the end of today and those due in the seven days after
    (as `count_cards_due` counts them)."""
    # Grouped by article id before the article's title and slug are joined: grouping by
    # the text columns took a third of the statement's time.
    sql = f"""
        SELECT art.id, art.title, art.slug, per_article.cards, per_article.recall,
            per_article.due_today, per_article.due_next_week
        FROM (
            SELECT q.article_id, COUNT(*) AS cards, SUM({recall}) AS recall,
                COUNT(CASE WHEN c.due < %s THEN 1 END) AS due_today,
                COUNT(CASE WHEN c.due >= %s AND c.due < %s THEN 1 END) AS due_next_week
            FROM quizzes_card c INNER JOIN quizzes_question q ON q.id = c.question_id
            WHERE c.learner_id = %s
            GROUP BY q.article_id
        ) per_article
        INNER JOIN content_article art ON art.id = per_article.article_id
    """
    return " ".join(sql.split())


def list_daily_activity(*, learner, today: date, days: int = CHART_DAYS) -> list[DayActivity]:
    """Return one DayActivity per day for the `days` days ending `today`, oldest first.

    An answer is a quiz answer (right when graded correct) or a flashcard review (right when
    rated anything but Again, FSRS's own notion of a successful recall).
    """
    return read_history(learner=learner).daily_activity(today=today, days=days)


def measure_streak(*, learner, today: date) -> int:
    """Return the number of consecutive days with an answer or a review, ending today or,
    when nothing has happened yet today, yesterday (a streak survives until the day is over)."""
    return count_streak(days=read_history(learner=learner).active_days, today=today)


def count_streak(*, days: set[date], today: date) -> int:
    """Count consecutive days in `days` ending today, or yesterday when today is not in it."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def sum_recall(*, now: datetime):
    """An aggregate over cards: the sum of their retrievability at `now`
    (`scheduling.recall_probability` of each card, 0 for a card never reviewed), computed by
    the database, so that a page gets one row per group rather than one per card.

    Written out for PostgreSQL and SQLite; None on another database (sum in Python there).
    """
    recall = _recall_sql(connection.ops.quote_name(Card._meta.db_table))
    if recall is None:
        return None
    return Sum(RawSQL(recall, (now.timestamp(),), output_field=FloatField()))


@functools.cache
def _recall_sql_for(vendor: str, card: str) -> str | None:
    stability, last_review = f"{card}.stability", f"{card}.last_review"
    if vendor == "postgresql":
        # date_part() is double precision (EXTRACT is numeric since PostgreSQL 14, which
        # made the whole curve numeric: twice as slow, and no closer to fsrs's floats).
        seconds = f"(%s - date_part('epoch', {last_review}))"
        days = f"GREATEST(FLOOR({seconds} / 86400), 0)"
    elif vendor == "sqlite":
        # Django stores UTC datetimes as text, which julianday() reads; Django's SQLite
        # connection provides POWER. CAST truncates, as floor does for the positive values
        # kept (a review after `now` counts as 0 days, as in fsrs).
        seconds = f"(%s - (julianday({last_review}) - 2440587.5) * 86400)"
        days = f"MAX(CAST({seconds} / 86400 AS INTEGER), 0)"
    else:
        return None
    decay, factor = scheduling.FORGETTING_CURVE
    return (
        f"CASE WHEN {last_review} IS NULL OR {stability} IS NULL THEN 0.0 "
        f"ELSE POWER(1 + {factor!r} * {days} / {stability}, {decay!r}) END"
    )


def _recall_sql(card: str) -> str | None:
    """SQL for the retrievability of the card `card` (a table name or alias) at the time
    given as its one parameter, in seconds since the epoch; None on databases other than
    PostgreSQL and SQLite."""
    return _recall_sql_for(connection.vendor, card)


def measure_article_mastery(*, learner, now: datetime) -> list[ArticleMastery]:
    """Return, for each article the learner has cards on, the mean retrievability of those
    cards at `now`, weakest article first (ties by title)."""
    if sum_recall(now=now) is not None:
        return read_cards(learner=learner, now=now)[1]
    by_article: dict[int, dict] = {}
    recall = scheduling.recall_probability
    rows = Card.objects.filter(learner=learner).values_list(
        *_ARTICLE_COLUMNS, "stability", "last_review"
    )
    for article_id, title, slug, stability, last_review in rows:
        entry = by_article.setdefault(
            article_id, {"title": title, "slug": slug, "cards": 0, "total": 0.0}
        )
        entry["cards"] += 1
        entry["total"] += recall(stability=stability, last_review=last_review, now=now)
    return _list_mastery(by_article)


def _list_mastery(by_article: dict[int, dict]) -> list[ArticleMastery]:
    # Each article's address from one reversed URL (slugs need no quoting): reversing it per
    # article cost more than the rest of this function for a learner with 50 articles.
    placeholder = "slug-placeholder"
    pattern = reverse("content:article", kwargs={"slug": placeholder})
    mastery = [
        ArticleMastery(
            article_id=article_id,
            title=entry["title"],
            slug=entry["slug"],
            cards=entry["cards"],
            mastery=entry["total"] / entry["cards"],
            url=pattern.replace(placeholder, entry["slug"]),
        )
        for article_id, entry in by_article.items()
    ]
    return sorted(mastery, key=lambda item: (item.mastery, item.title))


# --- The activity chart: geometry for a server-rendered SVG --------------------------------


# Bars and ticks are named tuples rather than frozen dataclasses: a chart has about fifty,
# and a frozen dataclass took twice as long to create.
class Bar(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    day: DayActivity


class Tick(NamedTuple):
    position: float
    label: str
    minor: bool = False


@dataclass(frozen=True)
class ActivityChart:
    """Coordinates, in the SVG's user units, of the answers-per-day bars and the accuracy line."""

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    bars: list[Bar]
    lines: list[str]
    trend: str
    points: list[tuple[float, float, DayActivity]]
    count_ticks: list[Tick]
    accuracy_ticks: list[Tick]
    day_ticks: list[Tick]


def _nice_ceiling(value: int) -> int:
    """Smallest of 4, 8, 12, 20, 40, 60, 100, 200, ... that is at least `value`, so the count
    axis gets four round ticks."""
    for candidate in (4, 8, 12, 20, 40, 60, 100):
        if value <= candidate:
            return candidate
    magnitude = 100
    while True:
        for factor in (2, 4, 6, 10):
            if value <= magnitude * factor:
                return magnitude * factor
        magnitude *= 10


def plot_activity(*, days: list[DayActivity], width: int = 640, height: int = 260) -> ActivityChart:
    """Lay out bars (answers per day, left axis) and a line (accuracy, right axis, 0–100 %)
    for `days`, oldest first. Days without answers break the line rather than dropping to 0 %;
    `trend` joins all the points across such gaps, for a fainter dashed line.
    A narrow chart (under 480 units, for phones) gets narrower margins."""
    narrow = width < 480
    left, right = (30.0, width - 40.0) if narrow else (44.0, width - 56.0)
    top, bottom = 14.0, height - (32.0 if narrow else 40.0)
    plot_height = bottom - top
    slot = (right - left) / max(len(days), 1)
    ceiling = _nice_ceiling(max((day.answers for day in days), default=0))
    bar_width = round(slot * 0.64, 2)

    bars, points, lines, segment = [], [], [], []
    for index, day in enumerate(days):
        centre = left + slot * (index + 0.5)
        bar_height = plot_height * day.answers / ceiling
        bars.append(
            Bar(
                round(centre - slot * 0.32, 2),
                round(bottom - bar_height, 2),
                bar_width,
                round(bar_height, 2),
                day,
            )
        )
        if not day.answers:  # no accuracy
            if segment:
                lines.append(" ".join(segment))
            segment = []
            continue
        y = bottom - plot_height * (day.correct / day.answers)
        points.append((round(centre, 2), round(y, 2), day))
        segment.append(f"{centre:.2f},{y:.2f}")
    if segment:
        lines.append(" ".join(segment))

    count_ticks = [
        Tick(position=round(bottom - plot_height * n / 4, 2), label=str(ceiling * n // 4))
        for n in range(5)
    ]
    accuracy_ticks = [
        Tick(position=round(bottom - plot_height * n / 4, 2), label=f"{25 * n}%") for n in range(5)
    ]
    last = len(days) - 1
    day_ticks = [
        Tick(
            position=round(left + slot * (index + 0.5), 2),
            label="Today" if index == last else f"{day.day.day} {day.day:%b}",
            # Weekly labels crowd a phone screen: every other one is hidden there.
            minor=(last - index) % 14 != 0,
        )
        for index, day in enumerate(days)
        if (last - index) % 7 == 0
    ]
    return ActivityChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        bars=bars,
        lines=lines,
        # All the points: the lines' points, which are printed as the points' rounded values.
        trend=" ".join(lines),
        points=points,
        count_ticks=count_ticks,
        accuracy_ticks=accuracy_ticks,
        day_ticks=day_ticks,
    )


def render_activity_chart(
    *, chart: ActivityChart, chart_id: str, chart_class: str, point_radius: int = 4
) -> SafeString:
    """The chart as inline SVG markup: bars, accuracy line, axes, a <title> per bar and point.

    Built here rather than in a template: the dashboard draws it twice (wide and compact), and
    as a template its ~300 nodes per chart were most of the dashboard's rendering time.
    `chart_id` keeps the element ids unique on the page.
    """
    chart_id, chart_class = escape(chart_id), escape(chart_class)
    parts = [
        f'<svg class="chart {chart_class}" viewBox="0 0 {chart.width} {chart.height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">Answers and accuracy per day, last 30 days</title>',
        f'<desc id="{chart_id}-desc">Bars show how many questions and flashcards you answered '
        "each day; the line shows the share you got right. The table below lists the same "
        "numbers.</desc>",
        '<g class="grid-lines">',
    ]
    for tick in chart.count_ticks:
        parts.append(
            f'<line x1="{chart.left}" x2="{chart.right}" y1="{tick.position}" '
            f'y2="{tick.position}"/>'
        )
    parts.append('</g><g class="axis axis-count" aria-hidden="true">')
    for tick in chart.count_ticks:
        parts.append(
            f'<text x="{chart.left - 6:g}" y="{tick.position}" dy="0.35em" '
            f'text-anchor="end">{escape(tick.label)}</text>'
        )
    parts.append('</g><g class="axis axis-accuracy" aria-hidden="true">')
    for tick in chart.accuracy_ticks:
        parts.append(
            f'<text x="{chart.right + 6:g}" y="{tick.position}" dy="0.35em" '
            f'text-anchor="start">{escape(tick.label)}</text>'
        )
    parts.append('</g><g class="axis axis-days" aria-hidden="true">')
    for tick in chart.day_ticks:
        minor = "tick-minor" if tick.minor else ""
        parts.append(
            f'<text class="{minor}" x="{tick.position}" y="{chart.bottom + 20:g}" '
            f'text-anchor="middle">{escape(tick.label)}</text>'
        )
    parts.append(
        f'</g><line class="baseline" x1="{chart.left}" x2="{chart.right}" '
        f'y1="{chart.bottom}" y2="{chart.bottom}"/><g class="bars">'
    )
    for bar in chart.bars:
        if bar.height:
            answers = bar.day.answers
            parts.append(
                f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}" '
                f'rx="2"><title>{_day_label(bar.day.day)}: {answers} '
                f"answer{'' if answers == 1 else 's'}</title></rect>"
            )
    parts.append('</g><g class="accuracy-line">')
    if chart.trend:
        parts.append(f'<polyline class="trend" points="{chart.trend}"/>')
    for line in chart.lines:
        parts.append(f'<polyline points="{line}"/>')
    for x, y, day in chart.points:
        percent = round(day.correct / day.answers * 100)
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{int(point_radius)}"><title>'
            f"{_day_label(day.day)}: {percent}% right</title></circle>"
        )
    parts.append("</g></svg>")
    # Every interpolated value is a number, or escaped above.
    return SafeString("".join(parts))


def render_mastery_items(*, articles: list[ArticleMastery]) -> SafeString:
    """The dashboard's mastery list items (<li class="mastery-item">, a link to the article,
    its card count and a <meter>), one per article in the given order.

    Built here for the reason the chart is: as a template loop, its ten variables per article
    were most of the dashboard's rendering for a learner with 50 articles.
    """
    items = []
    for item in articles:
        title, percent = escape(item.title), item.percent
        items.append(
            '<li class="mastery-item">\n'
            f'      <div class="mastery-label"><a href="{escape(item.url)}">{title}</a>\n'
            f'        <span class="muted small">{item.cards} card{"" if item.cards == 1 else "s"}'
            "</span></div>\n"
            '      <div class="mastery-value">\n'
            '        <meter min="0" max="1" low="0.5" high="0.85" optimum="1" '
            f'value="{item.mastery:.3f}" aria-label="Mastery of {title}">{percent}%</meter>\n'
            f'        <span class="mastery-percent">{percent}%</span>\n'
            "      </div>\n"
            "    </li>"
        )
    # Every interpolated value is a number, or escaped above.
    return SafeString("\n    ".join(items))


def render_day_rows(*, days: list[DayActivity]) -> SafeString:
    """The rows of the dashboard's table of the chart's numbers, one per day with answers:
    the day, answers, right answers and accuracy.

    Built here for the reason the chart is: as a template loop over the 30 days, it was a
    third of the dashboard's own rendering.
    """
    rows = [
        f'<tr><th scope="row"><time datetime="{day.day.isoformat()}">{day.label}</time></th>'
        f"<td>{day.answers}</td><td>{day.correct}</td><td>{day.percent}%</td></tr>"
        for day in days
        if day.answers
    ]
    # Only numbers and the English day and month names.
    return SafeString("".join(rows))


def list_class_names(*, learner) -> list[str]:
    """The names of the classes `learner` is in, by name (for the dashboard's "Classes")."""
    with connection.cursor() as cursor:
        cursor.execute(_CLASS_NAMES_SQL, [learner.pk])
        return [name for (name,) in cursor.fetchall()]


_CLASS_NAMES_SQL = (
    "SELECT c.name FROM quizzes_classroom c "
    "INNER JOIN quizzes_classroom_learners m ON m.classroom_id = c.id "
    "WHERE m.user_id = %s ORDER BY c.name, c.id"
)


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _day_label(day: date) -> str:
    """The day and the English month name ("8 November"), whatever the process's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]}"
