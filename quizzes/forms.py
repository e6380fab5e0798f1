"""Forms that read what a learner sends while taking a quiz or reviewing flashcards."""

from django import forms
from django.core import signing

from .models import Question, ReviewLog


class AnswerForm(forms.Form):
    """An answer to one question of an attempt.

    A multiple-choice answer is sent as the number of the choice in the order shown (1, 2, …),
    never as a database id, so the page carries nothing that could hint at the right one.
    """

    question = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    shown = forms.CharField(required=False, widget=forms.HiddenInput)
    choice = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Choose one of the answers.",
            "min_value": "Choose one of the answers.",
        },
    )
    typed = forms.CharField(
        required=False,
        max_length=300,
        strip=True,
        error_messages={"max_length": "Keep your answer under 300 characters."},
    )

    def __init__(self, *args, slot=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.slot = slot

    def clean(self):
        data = super().clean()
        slot = self.slot
        if slot is None or self.errors:
            return data
        if slot.question.mode == Question.Mode.CHOICE:
            number = data.get("choice")
            if not number or number > len(slot.choices):
                raise forms.ValidationError("Choose one of the answers.", code="no_choice")
            data["chosen"] = slot.choices[number - 1]
        elif not data.get("typed"):
            raise forms.ValidationError("Type your answer.", code="no_answer")
        return data


class RatingForm(forms.Form):
    """How well the learner remembered a flashcard, and the review count they saw."""

    rating = forms.TypedChoiceField(choices=ReviewLog.Rating.choices, coerce=int)
    reps = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    shown = forms.CharField(required=False, widget=forms.HiddenInput)


# How long a learner took: the page carries a signed "shown at" stamp, so the time is measured
# without JavaScript, without a database write on display, and cannot be forged.
_SHOWN_SALT = "quizzes.shown"
MAX_TIME_SPENT_MS = 60 * 60 * 1000  # longer than an hour is a learner who walked away


def stamp_shown(*, key, now):
    """A signed token saying that the thing named `key` was shown to the learner at `now`."""
    return signing.Signer(salt=_SHOWN_SALT).sign(f"{key}|{int(now.timestamp() * 1000)}")


def read_time_spent(*, token, key, now):
    """Milliseconds from the stamp to `now`, or None for a missing, forged or foreign stamp,
    or one outside 0 to an hour."""
    try:
        value = signing.Signer(salt=_SHOWN_SALT).unsign(token or "")
        stamped_key, _, shown_ms = value.rpartition("|")
        spent = int(now.timestamp() * 1000) - int(shown_ms)
    except (signing.BadSignature, ValueError):
        return None
    if stamped_key != key or not 0 <= spent <= MAX_TIME_SPENT_MS:
        return None
    return spent
