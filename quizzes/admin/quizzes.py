"""Quizzes: their ordered questions, published or not, generated or the teacher's."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.text import Truncator

from quizzes.models import Question, Quiz, QuizQuestion
from quizzes.siblings import SAME_SENTENCE, sibling_pairs

from .questions import MarkEditedOnInlineChangeMixin

# Where a question or a quiz comes from: Quiz.origin takes the same choices as Question.origin.
Origin = Question.Origin


SAME_SENTENCE_MESSAGE = (
    "{a} and {b} come from the same sentence: "
    "a learner would read one's answer in the other's feedback. Keep one."
)
ANSWER_MESSAGE = (
    "{a} and {b} give each other away: one's answer is in the other's sentence, "
    "so a learner would read it in the other's feedback. Keep one."
)


def _name(question):
    """A question as the teacher knows it: its stem, and its answer (generated stems of one
    sentence often differ only near their end)."""
    return f"“{Truncator(question.stem).chars(120)}” (answer: {question.answer})"


class QuizQuestionInlineFormSet(BaseInlineFormSet):
    """A quiz holds at most one question of a sibling set (quizzes/siblings.py): saving two
    siblings re-renders the form with an error naming them, and saves nothing."""

    def clean(self):
        super().clean()
        questions, seen = [], set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if self.can_delete and data.get("DELETE"):
                continue
            question = data.get("question")
            # The same question twice is the unique constraint's error, not a sibling's.
            if question is not None and question.pk not in seen:
                seen.add(question.pk)
                questions.append(question)
        errors = [
            ValidationError(
                (SAME_SENTENCE_MESSAGE if reason == SAME_SENTENCE else ANSWER_MESSAGE).format(
                    a=_name(a), b=_name(b)
                ),
                code="siblings",
            )
            for a, b, reason in sibling_pairs(questions)
        ]
        if errors:
            raise ValidationError(errors)


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
    formset = QuizQuestionInlineFormSet
    fields = ["position", "question"]
    autocomplete_fields = ["question"]
    ordering = ["position", "id"]
    extra = 0


@admin.register(Quiz)
class QuizAdmin(MarkEditedOnInlineChangeMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "question_count",
        "is_published",
        "shuffle_choices",
        "origin",
        "starter_for",
    ]
    list_editable = ["is_published", "shuffle_choices"]
    list_filter = ["is_published", "origin"]
    list_select_related = ["starter_for"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["articles"]
    readonly_fields = ["origin", "starter_for", "created_by", "created", "updated"]
    fields = [
        "title",
        "slug",
        "description",
        "articles",
        ("is_published", "shuffle_choices"),
        ("origin", "starter_for"),
        ("created_by", "created", "updated"),
    ]
    inlines = [QuizQuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("items"))

    @admin.display(description="questions", ordering="question_count")
    def question_count(self, quiz):
        return quiz.question_count

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        elif obj.origin == Origin.GENERATED and form.has_changed():
            # The starter-quiz builder leaves a quiz alone once a teacher has changed it.
            obj.origin = Origin.EDITED
        super().save_model(request, obj, form, change)
