"""What a learner has done and how well they remember it: the numbers behind the dashboard.

Every function that reads the database runs a fixed number of queries whatever the amount of
data: the learner's history is aggregated per day by the database in two queries (one row
per active day, from which totals, streak and chart are summed in Python), and only per-card
retrievability (FSRS, through `quizzes.scheduling`) is computed in Python, over the rows of
a single query.
The chart geometry at the end is pure Python over the per-day numbers.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Count, FloatField, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString

from . import scheduling
from .models import Card, LearnerProfile, Response, ReviewLog

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


def read_history_before(*, learner, today: date) -> HistoryBefore:
    """The learner's activity before `today`, from the snapshot on their profile when it was
    taken for `today`; otherwise summed from the whole history (two queries) and stored
    there for the rest of the day (the profile is created if need be)."""
    # (history,) for a profile, None for a learner who has none yet.
    stored = LearnerProfile.objects.filter(user=learner).values_list("history").first()
    snapshot = HistoryBefore.from_json(stored[0]) if stored else None
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
    """Read the learner's activity per day in two queries (quiz answers, review logs), each
    returning one row per active day: totals, streak and chart all come from these rows.

    `since` and `until` (datetimes) keep the activity from `since` on and before `until`.
    With `since`, only the rows since then are read, not the whole history: an answer given
    since then belongs to an attempt open or finished since then, and a review is on a card
    last reviewed since then (as the app writes them; a card with no last review is read too).
    """
    answers = Response.objects.filter(attempt__learner=learner)
    reviews = ReviewLog.objects.filter(card__learner=learner)
    if until is not None:
        answers = answers.filter(created__lt=until)
        reviews = reviews.filter(reviewed_at__lt=until)
    if since is not None:
        open_since = Q(attempt__finished__isnull=True) | Q(attempt__finished__gte=since)
        answers = answers.filter(open_since, created__gte=since)
        reviewed_since = Q(card__last_review__isnull=True) | Q(card__last_review__gte=since)
        reviews = reviews.filter(reviewed_since, reviewed_at__gte=since)
    answers = (
        answers.annotate(day=TruncDate("created"))
        .order_by()
        .values("day")
        .annotate(answered=Count("id"), correct=Count("id", filter=Q(is_correct=True)))
        .values_list("day", "answered", "correct")
    )
    flashcard = Q(source=ReviewLog.Source.FLASHCARD)
    reviews = (
        reviews.annotate(day=TruncDate("reviewed_at"))
        .order_by()
        .values("day")
        # Every log makes its day active (quiz answers are logged too: they count for the
        # streak, not as reviews).
        .annotate(
            reviewed=Count("id", filter=flashcard),
            recalled=Count("id", filter=flashcard & ~Q(rating=ReviewLog.Rating.AGAIN)),
        )
        .values_list("day", "reviewed", "recalled")
    )
    answers_by_day = {day: (answered, correct) for day, answered, correct in answers}
    reviews_by_day, review_days = {}, set()
    for day, reviewed, recalled in reviews:
        review_days.add(day)
        if reviewed:
            reviews_by_day[day] = (reviewed, recalled)
    return History(
        answers=answers_by_day,
        reviews=reviews_by_day,
        active_days=frozenset(answers_by_day) | frozenset(review_days),
    )


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
    and SQLite (one row per article, the counts summed in Python)."""
    total = sum_recall(now=now)
    if total is None:
        return count_cards_due(learner=learner, now=now), measure_article_mastery(
            learner=learner, now=now
        )
    rows = (
        Card.objects.filter(learner=learner)
        .values(*_ARTICLE_COLUMNS)
        .order_by()
        .annotate(n=Count("id"), total=total, **_due_counts(now))
        .values_list(*_ARTICLE_COLUMNS, "n", "total", "today", "next_week")
    )
    by_article, cards, today, next_week = {}, 0, 0, 0
    for article_id, title, slug, n, summed, due_today, due_next_week in rows:
        by_article[article_id] = {"title": title, "slug": slug, "cards": n, "total": summed}
        cards, today, next_week = cards + n, today + due_today, next_week + due_next_week
    due = CardsDue(total=cards, today=today, next_week=next_week)
    return due, _list_mastery(by_article)


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
    card = Card._meta
    quote = connection.ops.quote_name
    table = quote(card.db_table)
    stability = f"{table}.{quote(card.get_field('stability').column)}"
    last_review = f"{table}.{quote(card.get_field('last_review').column)}"
    if connection.vendor == "postgresql":
        seconds = f"(%s - EXTRACT(EPOCH FROM {last_review}))"
        days = f"GREATEST(FLOOR({seconds} / 86400), 0)"
    elif connection.vendor == "sqlite":
        # Django stores UTC datetimes as text, which julianday() reads; Django's SQLite
        # connection provides POWER. CAST truncates, as floor does for the positive values
        # kept (a review after `now` counts as 0 days, as in fsrs).
        seconds = f"(%s - (julianday({last_review}) - 2440587.5) * 86400)"
        days = f"MAX(CAST({seconds} / 86400 AS INTEGER), 0)"
    else:
        return None
    decay, factor = scheduling.FORGETTING_CURVE
    recall = (
        f"CASE WHEN {last_review} IS NULL OR {stability} IS NULL THEN 0.0 "
        f"ELSE POWER(1 + {factor!r} * {days} / {stability}, {decay!r}) END"
    )
    return Sum(RawSQL(recall, (now.timestamp(),), output_field=FloatField()))


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


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: DayActivity


@dataclass(frozen=True)
class Tick:
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

    bars, points, lines, segment = [], [], [], []
    for index, day in enumerate(days):
        centre = left + slot * (index + 0.5)
        bar_height = plot_height * day.answers / ceiling
        bars.append(
            Bar(
                x=round(centre - slot * 0.32, 2),
                y=round(bottom - bar_height, 2),
                width=round(slot * 0.64, 2),
                height=round(bar_height, 2),
                day=day,
            )
        )
        if day.accuracy is None:
            if segment:
                lines.append(" ".join(segment))
            segment = []
            continue
        y = bottom - plot_height * day.accuracy
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
        trend=" ".join(f"{x:.2f},{y:.2f}" for x, y, _ in points),
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
        title = escape(item.title)
        items.append(
            '<li class="mastery-item">\n'
            f'      <div class="mastery-label"><a href="{escape(item.url)}">{title}</a>\n'
            f'        <span class="muted small">{item.cards} card{"" if item.cards == 1 else "s"}'
            "</span></div>\n"
            '      <div class="mastery-value">\n'
            '        <meter min="0" max="1" low="0.5" high="0.85" optimum="1" '
            f'value="{item.meter_value}" aria-label="Mastery of {title}">{item.percent}%</meter>\n'
            f'        <span class="mastery-percent">{item.percent}%</span>\n'
            "      </div>\n"
            "    </li>"
        )
    # Every interpolated value is a number, or escaped above.
    return SafeString("\n    ".join(items))


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
