import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone

from quizzes import charts, progress, scheduling
from quizzes.models import Card, LearnerProfile, Response, ReviewLog
from quizzes.recall import retrievability
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import (
    AttemptFactory,
    CardFactory,
    QuestionFactory,
    QuizFactory,
    ReviewLogFactory,
    UserFactory,
)

NOW = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
TODAY = NOW.date()


# --- Pure functions -------------------------------------------------------------------------


def test_streak_counts_consecutive_days_ending_today():
    days = {TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=2), TODAY - timedelta(days=4)}
    assert progress.count_streak(days=days, today=TODAY) == 3


def test_streak_survives_until_the_end_of_the_day_after():
    days = {TODAY - timedelta(days=1), TODAY - timedelta(days=2)}
    assert progress.count_streak(days=days, today=TODAY) == 2


def test_streak_is_broken_by_a_missed_day():
    assert progress.count_streak(days={TODAY - timedelta(days=2)}, today=TODAY) == 0
    assert progress.count_streak(days=set(), today=TODAY) == 0


def _days(*answers_correct):
    return [
        progress.DayActivity(
            day=TODAY - timedelta(days=len(answers_correct) - 1 - i), answers=a, correct=c
        )
        for i, (a, c) in enumerate(answers_correct)
    ]


def test_chart_bars_scale_to_a_round_ceiling_and_the_line_skips_empty_days():
    days = _days((6, 3), (0, 0), (3, 3), (1, 0))
    chart = charts.plot_activity(days=days)
    assert [tick.label for tick in chart.count_ticks] == ["0", "2", "4", "6", "8"]
    assert [tick.label for tick in chart.accuracy_ticks] == ["0%", "25%", "50%", "75%", "100%"]
    plot_height = chart.bottom - chart.top
    assert chart.bars[0].height == pytest.approx(plot_height * 6 / 8, abs=0.01)
    assert chart.bars[1].height == 0
    assert all(bar.y + bar.height == pytest.approx(chart.bottom) for bar in chart.bars)
    # Day 2 has no answers: the accuracy line breaks there instead of dropping to 0 %.
    assert len(chart.lines) == 2
    assert [day.accuracy for _, _, day in chart.points] == [0.5, 1.0, 0.0]
    assert chart.points[1][1] == pytest.approx(chart.top)
    assert chart.points[2][1] == pytest.approx(chart.bottom)
    # The dashed trend joins every point across the gap, as printed (two decimals).
    assert chart.trend == " ".join(f"{x:.2f},{y:.2f}" for x, y, _ in chart.points)


def test_chart_labels_every_week_and_names_today():
    chart = charts.plot_activity(days=_days(*[(1, 1)] * 30))
    assert [tick.is_today for tick in chart.day_ticks] == [False] * 4 + [True]
    assert [tick.day for tick in chart.day_ticks] == [
        TODAY - timedelta(days=n) for n in (28, 21, 14, 7, 0)
    ]
    # On a phone every other label is hidden, the last (today) shown.
    assert [tick.minor for tick in chart.day_ticks] == [False, True, False, True, False]


def _render_chart(chart):
    return render_to_string("quizzes/dashboard.html#activity-chart", {"chart": chart})


def test_the_chart_names_days_and_months_through_django_date_formatting():
    days = _days(*[(0, 0)] * 27, (3, 2), (0, 0), (1, 1))  # 19, 20 (nothing) and 21 November
    svg = _render_chart(charts.plot_activity(days=days, name="compact", point_radius=3))
    assert svg.startswith('<svg class="chart chart-compact" viewBox="0 0 640 260"')
    assert '<title id="chart-compact-title">' in svg
    assert svg.count("<rect ") == 2  # days without answers get no bar
    assert "<title>19 November: 3 answers</title>" in svg
    assert "<title>21 November: 1 answer</title>" in svg
    assert "<title>19 November: 67% right</title>" in svg
    assert svg.count('r="3"') == 2
    assert '<text class="tick-minor"' in svg and ">Today</text>" in svg
    assert ">24 Oct</text>" in svg and ">7 Nov</text>" in svg


def test_chart_ceiling_grows_with_big_days():
    chart = charts.plot_activity(days=_days((450, 400)))
    assert chart.count_ticks[-1].label == "600"


# --- Over the database ----------------------------------------------------------------------


def _answer(*, attempt, question, correct, when):
    response = Response.objects.create(
        attempt=attempt, question=question, is_correct=correct, credit=float(correct)
    )
    Response.objects.filter(pk=response.pk).update(created=when)


@pytest.mark.django_db
def test_summary_of_a_new_learner_is_empty():
    summary = progress.summarize_progress(learner=UserFactory(), now=NOW)
    assert summary.is_empty
    assert summary.accuracy is None
    assert summary.streak == 0
    assert len(summary.days) == 30
    assert not summary.has_recent_activity
    assert summary.articles == []


@pytest.mark.django_db
def test_summary_counts_answers_reviews_cards_and_streak():
    learner = UserFactory()
    other = UserFactory()
    question = QuestionFactory()
    attempt = AttemptFactory(learner=learner, quiz=QuizFactory(questions=[question]))
    second = QuestionFactory(article=question.article, fingerprint="second")
    _answer(attempt=attempt, question=question, correct=True, when=NOW - timedelta(days=1))
    _answer(attempt=attempt, question=second, correct=False, when=NOW)
    # Someone else's answers never count.
    _answer(
        attempt=AttemptFactory(learner=other, quiz=attempt.quiz),
        question=question,
        correct=True,
        when=NOW,
    )
    # Reviewed as a flashcard, so in the deck since its first flashcard review (as the app
    # writes cards: quizzes/answering.py).
    due_now = CardFactory(
        learner=learner,
        question=question,
        due=NOW - timedelta(hours=2),
        introduced=NOW - timedelta(days=2),
    )
    CardFactory(learner=learner, question=second, due=NOW + timedelta(days=3))
    CardFactory(learner=other, question=question, due=NOW)
    ReviewLogFactory(
        card=due_now, rating=ReviewLog.Rating.GOOD, reviewed_at=NOW - timedelta(days=2)
    )
    ReviewLogFactory(card=due_now, rating=ReviewLog.Rating.AGAIN, reviewed_at=NOW)
    # Quiz answers also feed the scheduler; they are counted once, as answers.
    ReviewLogFactory(
        card=due_now,
        rating=ReviewLog.Rating.GOOD,
        reviewed_at=NOW,
        source=ReviewLog.Source.QUIZ,
    )

    summary = progress.summarize_progress(learner=learner, now=NOW)

    assert not summary.is_empty
    assert (summary.questions_answered, summary.correct_answers) == (2, 1)
    assert summary.accuracy == 0.5
    assert summary.reviews == 2
    assert summary.cards == progress.CardsDue(total=2, today=1, next_week=1)
    assert summary.streak == 3
    by_day = {day.day: (day.answers, day.correct) for day in summary.days}
    assert by_day[TODAY] == (2, 0)
    assert by_day[TODAY - timedelta(days=1)] == (1, 1)
    assert by_day[TODAY - timedelta(days=2)] == (1, 1)
    assert by_day[TODAY - timedelta(days=3)] == (0, 0)
    assert summary.days[-1].day == TODAY


def _summary_numbers(summary):
    return (
        summary.questions_answered,
        summary.correct_answers,
        summary.reviews,
        summary.streak,
        [(day.day, day.answers, day.correct) for day in summary.days],
    )


@pytest.mark.django_db
def test_the_days_before_today_are_summed_once_a_day_and_today_is_always_fresh():
    learner = UserFactory()
    questions = [QuestionFactory(fingerprint=f"q{n}") for n in range(4)]
    attempt = AttemptFactory(learner=learner, quiz=QuizFactory(questions=questions))
    for days_ago, question in zip((40, 2, 1), questions, strict=False):
        _answer(attempt=attempt, question=question, correct=True, when=NOW - timedelta(days_ago))
    first = progress.summarize_progress(learner=learner, now=NOW)
    assert LearnerProfile.objects.get(user=learner).history["day"] == TODAY.isoformat()
    assert (first.questions_answered, first.streak) == (3, 2)  # the streak ended yesterday

    # Today's answers and reviews show at once, on top of the stored days.
    _answer(attempt=attempt, question=questions[3], correct=False, when=NOW)
    card = CardFactory(learner=learner, question=questions[0], last_review=NOW, introduced=NOW)
    ReviewLogFactory(card=card, rating=ReviewLog.Rating.HARD, reviewed_at=NOW)
    later = progress.summarize_progress(learner=learner, now=NOW)
    assert (later.questions_answered, later.correct_answers, later.reviews) == (4, 3, 1)
    assert later.streak == 3
    assert later.days[-1].answers == 2  # the answer and the flashcard review

    # The same numbers as summing the whole history again (a day later, nothing new).
    LearnerProfile.objects.filter(user=learner).update(history={})
    assert _summary_numbers(progress.summarize_progress(learner=learner, now=NOW)) == (
        _summary_numbers(later)
    )
    tomorrow = progress.summarize_progress(learner=learner, now=NOW + timedelta(days=1))
    assert (tomorrow.questions_answered, tomorrow.reviews, tomorrow.streak) == (4, 1, 3)
    assert tomorrow.days[-2].answers == 2
    assert LearnerProfile.objects.get(user=learner).history["day"] == (
        (TODAY + timedelta(days=1)).isoformat()
    )


@pytest.mark.django_db
def test_read_cards_is_the_cards_due_and_the_mastery_in_one_query(django_assert_num_queries):
    learner = UserFactory()
    _make_history(learner=learner, articles=3, questions_per_article=4, days=10)
    CardFactory(learner=learner, due=NOW + timedelta(days=3))  # never reviewed
    with django_assert_num_queries(1):
        due, articles = progress.read_cards(learner=learner, now=NOW)
    cards = list(Card.objects.filter(learner=learner).select_related("question"))
    end_of_today = datetime(2026, 11, 22, tzinfo=UTC)
    assert due == progress.CardsDue(
        total=13,
        today=sum(card.due < end_of_today for card in cards),
        next_week=sum(
            end_of_today <= card.due < end_of_today + timedelta(days=7) for card in cards
        ),
    )
    # The mean of fsrs's retrievability per article, computed card by card in Python.
    by_article = {}
    for card in cards:
        recall = scheduling.recall_probability(
            stability=card.stability, last_review=card.last_review, now=NOW
        )
        by_article.setdefault(card.question.article_id, []).append(recall)
    assert {a.article_id: a.cards for a in articles} == {k: len(v) for k, v in by_article.items()}
    means = {k: sum(v) / len(v) for k, v in by_article.items()}
    assert [a.mastery for a in articles] == pytest.approx([means[a.article_id] for a in articles])
    assert [a.mastery for a in articles] == sorted(a.mastery for a in articles)


@pytest.mark.django_db
def test_cards_due_next_week_stop_after_seven_days():
    learner = UserFactory()
    end_of_today = datetime(2026, 11, 22, tzinfo=UTC)
    for when in (
        end_of_today - timedelta(seconds=1),
        end_of_today,
        end_of_today + timedelta(days=7),
    ):
        CardFactory(learner=learner, due=when)
    due, _ = progress.read_cards(learner=learner, now=NOW)
    assert due == progress.CardsDue(total=3, today=1, next_week=1)


@pytest.mark.django_db
def test_mastery_is_the_mean_retrievability_per_article_weakest_first():
    learner = UserFactory()
    strong = QuestionFactory()
    weak = QuestionFactory()
    weak_too = QuestionFactory(article=weak.article, fingerprint="weak-too")
    review = {"state": Card.State.REVIEW, "stability": 10.0, "difficulty": 5.0, "step": None}
    CardFactory(learner=learner, question=strong, last_review=NOW, **review)
    CardFactory(learner=learner, question=weak, last_review=NOW - timedelta(days=10), **review)
    CardFactory(learner=learner, question=weak_too, last_review=None, state=Card.State.LEARNING)

    _, mastery = progress.read_cards(learner=learner, now=NOW)

    assert [item.article_id for item in mastery] == [weak.article_id, strong.article_id]
    assert mastery[0].cards == 2
    assert mastery[0].mastery == pytest.approx(0.45, abs=0.001)
    assert mastery[1].mastery == pytest.approx(1.0)
    assert mastery[0].slug == weak.article.slug


@pytest.mark.django_db
def test_streak_counts_flashcard_review_days_too():
    learner = UserFactory()
    # As the app writes a card reviewed as a flashcard: in the deck since its first review.
    card = CardFactory(learner=learner, introduced=NOW - timedelta(days=1), last_review=NOW)
    ReviewLogFactory(card=card, reviewed_at=NOW)
    ReviewLogFactory(card=card, reviewed_at=NOW - timedelta(days=1))
    assert progress.summarize_progress(learner=learner, now=NOW).streak == 2


# --- The dashboard page ---------------------------------------------------------------------


@pytest.mark.django_db
def test_dashboard_needs_a_login(client):
    response = client.get(reverse("quizzes:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_dashboard_tells_a_new_learner_what_to_do(client):
    client.force_login(UserFactory())
    page = client.get(reverse("quizzes:dashboard")).content.decode()
    assert "Start here" in page
    assert "Take a starter quiz" in page
    assert 'href="/quizzes/"' in page
    assert "<svg" not in page


def _make_history(*, learner, articles, questions_per_article, days):
    """A learner with answers, cards and reviews spread over `days` days."""
    now = timezone.now()
    questions = []
    for _ in range(articles):
        article = ArticleFactory()
        questions += [
            QuestionFactory(article=article, fingerprint=f"{article.slug}-{n}")
            for n in range(questions_per_article)
        ]
    quiz = QuizFactory(questions=questions)
    attempt = AttemptFactory(learner=learner, quiz=quiz)
    for index, question in enumerate(questions):
        when = now - timedelta(days=index % days, hours=1)
        _answer(attempt=attempt, question=question, correct=index % 3 != 0, when=when)
        card = CardFactory(
            learner=learner,
            question=question,
            state=Card.State.REVIEW,
            stability=5.0 + index,
            difficulty=5.0,
            step=None,
            last_review=when,
            due=now + timedelta(days=index % 9 - 2),
        )
        ReviewLog.objects.bulk_create(
            ReviewLog(card=card, rating=1 + n % 4, reviewed_at=when + timedelta(minutes=n))
            for n in range(3)
        )
    return questions


@pytest.mark.django_db
def test_dashboard_shows_the_numbers_chart_and_mastery(client):
    learner = UserFactory()
    _make_history(learner=learner, articles=2, questions_per_article=3, days=3)
    client.force_login(learner)
    page = client.get(reverse("quizzes:dashboard")).content.decode()
    assert "Start here" not in page
    assert "Questions answered</dt><dd>6</dd>" in page
    assert "Accuracy</dt><dd>67%</dd>" in page
    assert "Current streak</dt><dd>3 days</dd>" in page
    assert 'role="img"' in page
    assert '<title id="chart-wide-title">Answers and accuracy per day' in page
    # One bar per active day, in the wide chart and in the compact one for phones.
    assert page.count("<rect ") == 2 * 3
    assert "<polyline" in page
    assert "Today</text>" in page
    assert "<table>" in page  # the same numbers for screen readers
    assert page.count('class="mastery-item"') == 2
    assert "<meter" in page


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_data(client):
    from quizzes import flashcards

    small, large = UserFactory(), UserFactory()
    _make_history(learner=small, articles=1, questions_per_article=1, days=1)
    _make_history(learner=large, articles=6, questions_per_article=8, days=30)
    url = reverse("quizzes:dashboard")

    def visit():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200
        return len(queries), page.content.decode()

    visits = []
    for learner in (small, large):
        client.force_login(learner)
        first, page = visit()
        reviews = int(re.search(r"Flashcard reviews</dt><dd>(\d+)</dd>", page)[1])
        card = Card.objects.filter(learner=learner).order_by("id").first()
        flashcards.review_card(
            learner=learner, card=card, rating=scheduling.GOOD, now=timezone.now()
        )
        after_news, page = visit()
        # Shown at once (by more than one here: the data made by hand has no `introduced`).
        assert int(re.search(r"Flashcard reviews</dt><dd>(\d+)</dd>", page)[1]) > reviews
        unchanged, again = visit()
        # The same page (but for the per-request nonces and CSRF tokens).
        tokens = re.compile(r'(nonce="|value="|"X-CSRFToken": ")[\w-]{20,}')
        assert tokens.sub("", again) == tokens.sub("", page)
        visits.append((first, after_news, unchanged))
    assert visits[0] == visits[1], visits
    first, after_news, unchanged = visits[1]
    # Budget (issue 8): ≤ 10. The first visit of the day also sums the days before today
    # (answers and review logs, one query) and stores them on the profile.
    assert first <= 10, visits
    # After an answer or a review: the user, the profile's snapshot with the number of cards
    # and their latest review, today's answers and review logs (one query), the cards (due,
    # retrievability per article) and the learner's classes.
    assert after_news == 5, visits
    # Reloaded without news: the user, the first query, which finds the cards unchanged, and
    # the classes; the rest is reused (progress.cached_progress).
    assert unchanged == 3, visits


def test_day_activity_accuracy():
    assert progress.DayActivity(day=date(2026, 1, 1), answers=4, correct=3).accuracy == 0.75
    assert progress.DayActivity(day=date(2026, 1, 1), answers=0, correct=0).accuracy is None


def test_mastery_items_escape_titles_and_count_cards():
    def item(**fields):
        articles = [progress.ArticleMastery(**fields)]
        return render_to_string("quizzes/dashboard.html#mastery-items", {"articles": articles})

    floods = item(article_id=1, title="<b>Floods</b> & more", slug="floods", cards=1, mastery=0.734)
    quakes = item(article_id=2, title="Quakes", slug="quakes", cards=3, mastery=0.5)
    assert floods.startswith('<li class="mastery-item">')
    assert f'<a href="{reverse("content:article", args=["floods"])}">' in floods
    assert "&lt;b&gt;Floods&lt;/b&gt; &amp; more" in floods and "<b>" not in floods
    assert "1 card</span>" in floods and "3 cards</span>" in quakes
    assert 'value="0.734"' in floods and ">73%</meter>" in floods
    assert 'value="0.500"' in quakes and ">50%</meter>" in quakes


@pytest.mark.django_db
@pytest.mark.parametrize("days", [-2, 0, 1, 3, 40, 400])
def test_the_database_computes_the_retrievability_fsrs_does(days):
    """The one expression written per database (models.EpochSeconds), on SQLite and, with
    tests.postgres, PostgreSQL: the same curve as fsrs to 1e-12, whole days counted as fsrs
    counts them (a review after `now` as 0 days)."""
    learner = UserFactory()
    card = CardFactory(
        learner=learner,
        state=Card.State.REVIEW,
        stability=7.3,
        difficulty=5.0,
        step=None,
        last_review=NOW - timedelta(days=days, hours=5),
    )
    _, [article] = progress.read_cards(learner=learner, now=NOW)
    expected = scheduling.recall_probability(
        stability=card.stability, last_review=card.last_review, now=NOW
    )
    assert article.mastery == pytest.approx(expected, rel=1e-12)
    recall = Card.objects.annotate(r=retrievability(NOW)).values_list("r", flat=True).get()
    assert recall == pytest.approx(expected, rel=1e-12)


@pytest.mark.django_db
def test_a_card_never_reviewed_has_no_retrievability():
    card = CardFactory(last_review=None, stability=None)
    assert Card.objects.annotate(r=retrievability(NOW)).values_list("r", flat=True).get() == 0.0
    _, [article] = progress.read_cards(learner=card.learner, now=NOW)
    assert (article.cards, article.mastery) == (1, 0.0)


@pytest.mark.django_db
def test_dashboard_table_has_a_row_per_day_with_answers(client):
    learner = UserFactory()
    question, second = QuestionFactory(), QuestionFactory(fingerprint="second")
    attempt = AttemptFactory(learner=learner, quiz=QuizFactory(questions=[question, second]))
    now = timezone.now()
    _answer(attempt=attempt, question=question, correct=True, when=now)
    _answer(attempt=attempt, question=second, correct=False, when=now - timedelta(days=2))
    client.force_login(learner)

    page = client.get(reverse("quizzes:dashboard")).content.decode()

    assert "Accuracy</dt><dd>50%</dd>" in page
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 2
    for when, right, percent in ((now - timedelta(days=2), 0, 0), (now, 1, 100)):
        day = timezone.localdate(when)
        assert f'<time datetime="{day.isoformat()}">' in rows
        assert f"<td>1</td><td>{right}</td><td>{percent}%</td></tr>" in rows


def test_a_day_row_names_the_day_through_django_date_formatting():
    day = progress.DayActivity(day=date(2026, 11, 21), answers=3, correct=2)
    day_off = progress.DayActivity(day=date(2026, 11, 22), answers=0, correct=0)  # no row
    rows = render_to_string("quizzes/dashboard.html#day-rows", {"days": [day, day_off]})
    assert rows == (
        '<tr><th scope="row"><time datetime="2026-11-21">Sat 21 Nov</time></th>'
        "<td>3</td><td>2</td><td>67%</td></tr>"
    )


@pytest.mark.django_db
def test_the_cached_parts_of_the_dashboard_change_with_the_numbers(client):
    """The chart, its table and the mastery list are cached by their numbers: a new answer
    or a new card shows at the next visit."""
    learner = UserFactory()
    question, second = QuestionFactory(), QuestionFactory(fingerprint="second")
    attempt = AttemptFactory(learner=learner, quiz=QuizFactory(questions=[question, second]))
    now = timezone.now()
    _answer(attempt=attempt, question=question, correct=True, when=now)
    CardFactory(learner=learner, question=question, last_review=now, stability=3.0)
    client.force_login(learner)
    first = client.get(reverse("quizzes:dashboard")).content.decode()
    assert "<td>1</td><td>1</td><td>100%</td>" in first
    assert first.count('class="mastery-item"') == 1

    _answer(attempt=attempt, question=second, correct=False, when=now)
    CardFactory(learner=learner, question=second, last_review=None)
    later = client.get(reverse("quizzes:dashboard")).content.decode()
    assert "<td>2</td><td>1</td><td>50%</td>" in later
    today = dateformat.format(timezone.localdate(now), "j F")
    assert f"<title>{today}: 1 answer</title>" in first
    assert f"<title>{today}: 2 answers</title>" in later  # today's bar, drawn fresh
    assert f"<title>{today}: 50% right</title>" in later
    assert later.count("<rect ") == 2  # one day, in the wide and the compact chart
    assert later.count('class="mastery-item"') == 2


@pytest.mark.django_db
def test_todays_quiz_answers_and_flashcard_reviews_as_the_app_writes_them():
    from quizzes import answering, flashcards

    learner = UserFactory()
    questions = [QuestionFactory(fingerprint=f"today-{n}") for n in range(3)]
    attempt = answering.start_or_resume_attempt(
        learner=learner, quiz=QuizFactory(questions=questions)
    )
    for n, question in enumerate(questions):
        slot = answering.load_question(attempt=attempt, question_id=question.pk)
        choices = slot.question.choices.all()
        chosen = next(c for c in choices if c.is_correct == (n != 1))  # one wrong answer
        answering.record_answer(
            attempt=attempt, question=slot.question, choice=chosen, now=NOW - timedelta(hours=3 - n)
        )
    # Two flashcard reviews of the first card (one forgotten), later the same day.
    card = Card.objects.get(learner=learner, question=questions[0])
    for rating, hours in ((scheduling.AGAIN, 1), (scheduling.GOOD, 2)):
        card = flashcards.review_card(
            learner=learner, card=card, rating=rating, now=NOW + timedelta(minutes=60 * hours)
        )
    later = NOW + timedelta(hours=3)
    summary = progress.summarize_progress(learner=learner, now=later)
    assert (summary.questions_answered, summary.correct_answers) == (3, 2)
    assert summary.reviews == 1 + 1
    assert summary.streak == 1
    today = summary.days[-1]
    assert (today.day, today.answers, today.correct) == (TODAY, 5, 3)


@pytest.mark.django_db
def test_cached_progress_reads_the_cards_and_the_snapshot_with_or_without_a_profile():
    """The first query (the profile's snapshot, the number of cards and their latest review)
    finds a learner without a profile, and one whose cards changed, on both databases."""
    learner = UserFactory()
    assert not LearnerProfile.objects.filter(user=learner).exists()
    empty = progress.cached_progress(learner=learner)
    assert empty.cards.total == 0
    # The snapshot of the days before today is stored on a profile made for it.
    assert LearnerProfile.objects.get(user=learner).history["day"] == (
        timezone.localdate().isoformat()
    )
    cards = [CardFactory(learner=learner, due=timezone.now()) for _ in range(3)]
    other = UserFactory()
    CardFactory(learner=other, due=timezone.now())
    assert progress.cached_progress(learner=learner).cards.total == 3
    # A card fewer changes the cache's key: the dashboard reads the cards again.
    cards[0].delete()
    assert progress.cached_progress(learner=learner).cards.total == 2
    assert progress.cached_progress(learner=other).cards.total == 1
