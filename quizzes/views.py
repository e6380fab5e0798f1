import functools
from contextlib import suppress

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from content.models import Article

from . import answering, problem_reports, progress, teaching
from . import flashcards as reviews  # the name `flashcards` is the review page's view
from .charts import plot_activity
from .forms import AnswerForm, RatingForm, read_time_spent, stamp_shown
from .models import Attempt, Card, Classroom, LearnerProfile, Question, QuestionQuerySet, Quiz
from .problem_reports import ProblemReportForm


def home(request):
    """The front page: what the app is and the articles to learn from. Template: quizzes/home.html."""
    articles = Article.objects.select_related("outlet").order_by("-published")[:12]
    return render(request, "quizzes/home.html", {"articles": articles})


# Quizzes and flashcards


def quiz_list(request):
    """Published quizzes with their articles, question count and the learner's best score.

    Template: quizzes/quiz_list.html, context: quizzes (each with n_questions, best_percent,
    has_open_attempt). Open to everyone; anonymous visitors are invited to sign up.
    """
    quizzes = (
        Quiz.objects.filter(is_published=True)
        .annotate(
            n_questions=Count("items", filter=QuestionQuerySet.is_published("items__question__"))
        )
        .filter(n_questions__gt=0)
        .prefetch_related(Prefetch("articles", queryset=Article.objects.select_related("outlet")))
        .order_by("title")
    )
    if request.user.is_authenticated:
        mine = Attempt.objects.filter(quiz=OuterRef("pk"), learner=request.user)
        best = (
            mine.filter(finished__isnull=False, max_score__gt=0)
            .annotate(percent=F("score") * 100.0 / F("max_score"))
            .order_by("-percent")
            .values("percent")[:1]
        )
        quizzes = quizzes.annotate(
            best_percent=Subquery(best), has_open_attempt=Exists(mine.filter(finished=None))
        )
    return render(request, "quizzes/quiz_list.html", {"quizzes": quizzes})


@login_required
def quiz_detail(request, slug):
    """A quiz's description and the learner's attempts; POST starts or resumes an attempt.

    Template: quizzes/quiz_detail.html, context: quiz, n_questions, attempts, open_attempt.
    """
    quiz = get_object_or_404(
        Quiz.objects.prefetch_related(
            Prefetch("articles", queryset=Article.objects.select_related("outlet"))
        ),
        slug=slug,
        is_published=True,
    )
    if request.method == "POST":
        try:
            attempt = answering.start_or_resume_attempt(learner=request.user, quiz=quiz)
        except answering.QuizUnavailable as error:
            messages.error(request, str(error))
            return redirect(quiz)
        return redirect(attempt)
    attempts = list(Attempt.objects.filter(quiz=quiz, learner=request.user))
    context = {
        "quiz": quiz,
        "n_questions": quiz.items.filter(QuestionQuerySet.is_published("question__")).count(),
        "attempts": [attempt for attempt in attempts if attempt.is_finished],
        "open_attempt": next((a for a in attempts if not a.is_finished), None),
    }
    return render(request, "quizzes/quiz_detail.html", context)


def _get_attempt(request, attempt_id, *, with_answered=False):
    try:
        return answering.get_attempt(
            learner=request.user, attempt_id=attempt_id, with_answered=with_answered
        )
    except Attempt.DoesNotExist:
        raise Http404("No such attempt.") from None


def _render_question(request, context, *, partial):
    template = "quizzes/question.html"
    if request.htmx:
        template += f"#{partial}"
    return render(request, template, context)


@login_required
@require_GET
def take(request, attempt_id):
    """The attempt's next unanswered question, or the invitation to finish.

    Template: quizzes/question.html (htmx: its "question-panel" partial), context: attempt,
    quiz, slot (None when every question is answered), result (None), form (None).
    """
    attempt = _get_attempt(request, attempt_id, with_answered=True)
    if attempt.is_finished:
        # Finished in another tab: htmx must load the result page, not swap it into this one.
        url = reverse("quizzes:attempt_result", args=[attempt.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    slot = answering.next_question(attempt=attempt)
    context = {"attempt": attempt, "quiz": attempt.quiz, "slot": slot}
    if slot is not None:
        context["shown"] = stamp_shown(key=_slot_key(slot), now=timezone.now())
    return _render_question(request, context, partial="question-panel")


def _slot_key(slot):
    return f"{slot.attempt.pk}:{slot.question.pk}"


@login_required
@require_POST
def answer(request, attempt_id):
    """Grade an answer and show the feedback: verdict, answer, source sentence, outlet note.

    Template: quizzes/question.html (htmx: its "answer-feedback" partial, which also swaps
    the answered fields out of band), context: attempt, quiz, slot, form, result.
    """
    # From reading the attempt to storing the answer, one transaction: the attempt's row is
    # locked as it is read (no statement of its own to lock it), and read again with the
    # question and card when a card or answer written concurrently rolled it back.
    # The form is parsed first: a body too big (RequestDataTooBig) must not be raised inside
    # the transaction, where it would roll back a caller's transaction too.
    data = request.POST
    refusal, context = answering.in_answer_transaction(
        functools.partial(_answer, request, attempt_id, data)
    )
    if refusal is not None:  # raised here, not in the transaction, which would roll back
        raise refusal
    if context["result"] is None and context["attempt"].is_finished:
        return _finished(request, context["attempt"])
    context["swap_fields"] = bool(request.htmx and context["result"])
    return _render_question(request, context, partial="answer-feedback")


def _answer(request, attempt_id, data):
    """The answer view's work in its transaction: (an exception to raise, None) or (None,
    the context; without a result when the attempt is finished)."""
    try:
        attempt = answering.get_attempt(
            learner=request.user, attempt_id=attempt_id, for_answer=True
        )
    except Attempt.DoesNotExist:
        return Http404("No such attempt."), None
    context = {"attempt": attempt, "quiz": attempt.quiz, "result": None}
    if attempt.is_finished:
        return None, context
    try:
        question_id = int(data.get("question", ""))
    except ValueError:
        return BadRequest("Which question is this an answer to?"), None
    slot = answering.load_question(attempt=attempt, question_id=question_id, rendered_source=True)
    if slot is None:
        return Http404("That question is not part of this attempt."), None
    context["slot"] = slot
    form = AnswerForm(data, slot=slot)
    if not form.is_valid():
        # Already answered (a resent empty form)? Then show what was stored.
        context["result"] = answering.get_answer(attempt=attempt, question=slot.question)
        context["form"] = None if context["result"] else form
        context["shown"] = data.get("shown", "")
        return None, context
    now = timezone.now()
    context["result"] = answering.record_answer(
        attempt=attempt,
        question=slot.question,
        choice=form.cleaned_data.get("chosen"),
        typed=form.cleaned_data.get("typed"),
        now=now,
        time_spent_ms=read_time_spent(
            token=form.cleaned_data["shown"], key=_slot_key(slot), now=now
        ),
        locked=True,
    )
    return None, context


def _finished(request, attempt):
    messages.info(request, "This attempt is finished: its answers can no longer change.")
    url = reverse("quizzes:attempt_result", args=[attempt.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_POST
def finish(request, attempt_id):
    """Finish the attempt (again is harmless) and go to its result page."""
    attempt = _get_attempt(request, attempt_id)
    answering.finish_attempt(attempt=attempt, now=timezone.now())
    return redirect("quizzes:attempt_result", attempt.pk)


@login_required
@require_GET
def attempt_result(request, attempt_id):
    """The score and a review of every answer with its sentence and outlet note.

    Template: quizzes/result.html, context: attempt, quiz, responses, unanswered.
    """
    attempt = _get_attempt(request, attempt_id)
    if not attempt.is_finished:
        return redirect(attempt)
    responses = answering.list_responses(attempt=attempt)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "responses": responses,
        "unanswered": max(len(attempt.question_ids) - len(responses), 0),
    }
    return render(request, "quizzes/result.html", context)


@login_required
@require_GET
def flashcards(request):
    """The review session: the first due card's front, or with ?show=<card id> its back and
    the four ratings with their next intervals; an empty state when nothing is due.

    Template: quizzes/flashcards.html (htmx: its "flashcard" partial), context: card, reveal,
    intervals, due_count, held_back (due cards held back until tomorrow as siblings of a card
    seen today), next_due.
    """
    return _render_flashcards(request, show=request.GET.get("show", ""))


def _render_flashcards(request, *, show, profile=None):
    now = timezone.now()
    profile = profile or reviews.get_profile(learner=request.user, now=now)
    # The first card and the queue's length (up to 100), not the queue itself: one is shown.
    first, due_count, held_back = reviews.start_review(
        learner=request.user, now=now, limit=100, profile=profile
    )
    context = {"card": first, "reveal": False, "due_count": due_count, "held_back": len(held_back)}
    if show.isascii() and show.isdigit():  # not "²", which int() refuses
        try:
            card = reviews.get_card(learner=request.user, card_id=int(show))
        except Card.DoesNotExist:
            raise Http404("No such card.") from None
        intervals = reviews.preview_card(learner=request.user, card=card, now=now, profile=profile)
        context.update(card=card, reveal=True, intervals=intervals)
    if context["card"] is not None:
        # The review's duration runs from the front being shown to the rating.
        key = f"card:{context['card'].pk}"
        shown = request.GET.get("shown", "") if context["reveal"] else ""
        if read_time_spent(token=shown, key=key, now=now) is None:
            shown = stamp_shown(key=key, now=now)
        context["shown"] = shown
    else:
        context["next_due"] = reviews.next_due(
            learner=request.user, now=now, profile=profile, held_back=held_back
        )
    template = "quizzes/flashcards.html#flashcard" if request.htmx else "quizzes/flashcards.html"
    return render(request, template, context)


@login_required
@require_POST
def rate_card(request, card_id):
    """Record how well the learner remembered a card, then show the next one."""
    try:
        card = reviews.get_card(learner=request.user, card_id=card_id)
    except Card.DoesNotExist:
        raise Http404("No such card.") from None
    form = RatingForm(request.POST)
    profile = reviews.get_profile(learner=request.user, now=timezone.now())
    if not form.is_valid():
        messages.error(request, "Rate the card with Again, Hard, Good or Easy.")
    else:
        # Rated already (double click, another tab): the first rating stands.
        now = timezone.now()
        with suppress(reviews.StaleReview):
            reviews.review_card(
                learner=request.user,
                card=card,
                rating=form.cleaned_data["rating"],
                expected_reps=form.cleaned_data["reps"],
                now=now,
                profile=profile,
                duration_ms=read_time_spent(
                    token=form.cleaned_data["shown"], key=f"card:{card.pk}", now=now
                ),
            )
    if request.htmx:
        return _render_flashcards(request, show="", profile=profile)
    return redirect("quizzes:flashcards")


# Accounts and progress


class SignUpForm(UserCreationForm):
    """Django's sign-up form with a required e-mail address, used for password resets."""

    email = forms.EmailField(
        required=True, help_text="Used only to send you a password reset link."
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")


class LearnerSettingsForm(forms.ModelForm):
    new_cards_per_day = forms.IntegerField(
        min_value=0,
        max_value=200,
        label="New flashcards per day",
        help_text="How many cards you have not studied yet may join a review session each day.",
    )
    desired_retention = forms.FloatField(
        min_value=0.7,
        max_value=0.97,
        label="Desired retention",
        help_text=(
            "The chance of remembering a card that reviews aim for, from 0.70 to 0.97. "
            "Higher means more frequent reviews."
        ),
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )

    class Meta:
        model = LearnerProfile
        fields = ("new_cards_per_day", "desired_retention")


def signup(request):
    """Create an account, log the new learner in and send them to their dashboard.

    Template: registration/signup.html, context: form.
    """
    if request.user.is_authenticated:
        return redirect("quizzes:dashboard")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}! Your account is ready.")
        return redirect("quizzes:dashboard")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def learner_settings(request):
    """Edit the learner's flashcard settings (profile created on first visit).

    Template: quizzes/settings.html, context: form.
    """
    profile, _ = LearnerProfile.objects.get_or_create(user=request.user)
    form = LearnerSettingsForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your settings are saved.")
        return redirect("quizzes:settings")
    return render(request, "quizzes/settings.html", {"form": form})


def _activity_charts(days):
    # Phones get their own narrower chart so its labels stay readable once scaled down.
    return [
        plot_activity(days=days),
        plot_activity(days=days, width=320, height=220, name="compact", point_radius=3),
    ]


@login_required
def dashboard(request):
    """The learner's progress: totals, cards due, streak, a 30-day chart, mastery per article.

    Template: quizzes/dashboard.html, context: progress (progress.Progress), charts (a
    callable giving the activity chart's geometry, wide and compact) and class_names (the
    learner's classes).
    """
    summary = progress.cached_progress(learner=request.user)
    context = {
        "progress": summary,
        # Called by the template, only when it draws a chart it has not cached.
        "charts": functools.partial(_activity_charts, summary.days),
        "class_names": progress.list_class_names(learner=request.user),
    }
    return render(request, "quizzes/dashboard.html", context)


# Classes


@login_required
@require_POST
def join_class(request):
    """Join a class with the code a teacher gave (form: templates/quizzes/_join_class.html).

    Returns to the dashboard with a message saying which class, or what was wrong.
    """
    try:
        classroom = teaching.join_classroom(learner=request.user, code=request.POST.get("code"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"You are in the class “{classroom.name}”.")
    return redirect("quizzes:dashboard")


CLASS_GRID_QUIZZES = 10


@staff_member_required
def class_detail(request, pk):
    """A class's progress, for its teacher or a superuser (any other user gets a 404).

    The grid has the CLASS_GRID_QUIZZES quizzes with the latest activity, or with
    ?quizzes=all every quiz the class attempted; reused for up to a minute
    (teaching.cached_class_progress).
    Template: quizzes/class_detail.html, in the admin's frame; context: classroom, progress
    (teaching.ClassProgress), show_all and the admin site's context.
    """
    classroom = get_object_or_404(
        Classroom.objects.visible_to(request.user).select_related("teacher"), pk=pk
    )
    # The grid shows the quizzes with the latest activity unless asked for all: a busy class
    # has attempted a hundred, 3,000 cells that took most of the page's time to render.
    show_all = request.GET.get("quizzes") == "all"
    progress = teaching.cached_class_progress(
        classroom=classroom, quiz_limit=None if show_all else CLASS_GRID_QUIZZES
    )
    context = {
        **admin.site.each_context(request),
        "title": f"Progress of {classroom.name}",
        "classroom": classroom,
        "progress": progress,
        "show_all": show_all,
    }
    return render(request, "quizzes/class_detail.html", context)


# Problem reports


@login_required
@require_POST
def report_question(request, pk):
    """Record a learner's report of a problem with a question.

    With htmx: the "report-thanks" partial of quizzes/_report_form.html, or its "report-form"
    partial with the errors. Without: back to `next` (or the referring page) with a message,
    or quizzes/report_question.html with the errors. Context: question, report_form.
    """
    # Only a question the learner could have seen: a draft's stem must not show, not even on
    # the form's error page.
    visible = QuestionQuerySet.is_published() | Q(responses__attempt__learner=request.user)
    question = get_object_or_404(Question.objects.filter(visible).distinct(), pk=pk)
    form = ProblemReportForm(request.POST)
    if form.is_valid():
        try:
            problem_reports.report_problem(
                learner=request.user,
                question=question,
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        context = {"question": question, "report_form": form}
        if request.htmx:
            return render(request, "quizzes/_report_form.html#report-form", context)
        return render(request, "quizzes/report_question.html", context)
    if request.htmx:
        return render(request, "quizzes/_report_form.html#report-thanks", {"question": question})
    messages.success(request, "Thanks — a teacher will look at it.")
    # Not redirect(): it would read a `next` such as "home" as a view name to reverse (a 500).
    return HttpResponseRedirect(_safe_next(request))


def _safe_next(request):
    """Where to go back to after a form: `next`, else the referring page, on this site only."""
    for candidate in (request.POST.get("next"), request.headers.get("referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return reverse("quizzes:home")
