"""Forms that read what a learner sends while taking a quiz or reviewing flashcards."""

from django import forms

from .models import Question, ReviewLog


class AnswerForm(forms.Form):
    """An answer to one question of an attempt.

    A multiple-choice answer is sent as the number of the choice in the order shown (1, 2, …),
    never as a database id, so the page carries nothing that could hint at the right one.
    """

    question = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
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
