from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from content.models import Article

from . import progress, reports, teaching
from .models import Classroom, LearnerProfile, Question
from .reports import ProblemReportForm


def home(request):
    """The front page: what the app is and the articles to learn from. Template: quizzes/home.html."""
    articles = Article.objects.select_related("outlet").order_by("-published")[:12]
    return render(request, "quizzes/home.html", {"articles": articles})


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
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {user.username}! Your account is ready.")
            return redirect("quizzes:dashboard")
        messages.error(request, "Please correct the errors below.")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def learner_settings(request):
    """Edit the learner's flashcard settings (profile created on first visit).

    Template: quizzes/settings.html, context: form.
    """
    profile, _ = LearnerProfile.objects.get_or_create(user=request.user)
    form = LearnerSettingsForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your settings are saved.")
            return redirect("quizzes:settings")
        messages.error(request, "Please correct the errors below.")
    return render(request, "quizzes/settings.html", {"form": form})


@login_required
def dashboard(request):
    """The learner's progress: totals, cards due, streak, a 30-day chart, mastery per article.

    Template: quizzes/dashboard.html, context: progress, chart, compact_chart.
    """
    summary = progress.summarize_progress(learner=request.user)
    # Phones get their own narrower chart so its labels stay readable once scaled down.
    charts = {
        "chart": progress.plot_activity(days=summary.days),
        "compact_chart": progress.plot_activity(days=summary.days, width=320, height=220),
    }
    return render(request, "quizzes/dashboard.html", {"progress": summary, **charts})


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


@staff_member_required
def class_detail(request, pk):
    """A class's progress, for its teacher or a superuser (any other user gets a 404).

    Template: quizzes/class_detail.html, in the admin's frame; context: classroom, progress
    (teaching.ClassProgress) and the admin site's context.
    """
    classroom = get_object_or_404(
        Classroom.objects.visible_to(request.user).select_related("teacher"), pk=pk
    )
    context = {
        **admin.site.each_context(request),
        "title": f"Progress of {classroom.name}",
        "classroom": classroom,
        "progress": teaching.class_progress(classroom=classroom),
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
    question = get_object_or_404(Question, pk=pk)
    form = ProblemReportForm(request.POST)
    if form.is_valid():
        try:
            reports.report_problem(
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
    return redirect(_safe_next(request))


def _safe_next(request):
    """Where to go back to after a form: `next`, else the referring page, on this site only."""
    for candidate in (request.POST.get("next"), request.headers.get("referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return reverse("quizzes:home")
