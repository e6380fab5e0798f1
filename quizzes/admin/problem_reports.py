"""Learners' reports of problems with questions, for teachers to resolve."""

from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from quizzes.models import ProblemReport
from quizzes.problem_reports import resolve_reports


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    """Learners' reports on questions: open ones first, resolved in bulk or one by one."""

    list_display = ["question_link", "reason", "short_comment", "learner", "created", "resolved"]
    list_filter = ["resolved", "reason", "created"]
    search_fields = ["question__stem", "comment"]
    list_select_related = ["question", "learner"]
    readonly_fields = ["question_link", "learner", "reason", "comment", "created"]
    fields = ["question_link", "reason", "comment", "learner", "created", "resolved"]
    actions = ["mark_resolved"]
    date_hierarchy = "created"

    def has_add_permission(self, request):
        # Reports come from learners, on the answer feedback.
        return False

    @admin.action(description="Mark selected reports resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        count = resolve_reports(reports=queryset)
        self.message_user(
            request,
            f"{count} report{'s' if count != 1 else ''} marked resolved.",
            messages.SUCCESS,
        )

    @admin.display(description="Question", ordering="question__stem")
    def question_link(self, obj):
        stem = Truncator(obj.question.stem).chars(90)
        try:
            url = reverse("admin:quizzes_question_change", args=[obj.question_id])
        except NoReverseMatch:  # questions not registered in this admin site
            return stem
        return format_html('<a href="{}">{}</a>', url, stem)

    @admin.display(description="Comment")
    def short_comment(self, obj):
        return Truncator(obj.comment).chars(80)
