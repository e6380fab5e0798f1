from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render

from content.models import Article

from . import progress
from .models import LearnerProfile


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
