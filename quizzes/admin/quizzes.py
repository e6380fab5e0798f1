"""Quizzes: their ordered questions, published or not, generated or the teacher's."""

from django.contrib import admin
from django.db.models import Count

from quizzes.models import Question, Quiz, QuizQuestion

from .questions import MarkEditedOnInlineChangeMixin

# Where a question or a quiz comes from: Quiz.origin takes the same choices as Question.origin.
Origin = Question.Origin


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
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
