"""The learners' side of a question in its admin: how its answers went (quizzes.stats) and the
problems learners reported, as list columns, a filter and a change page section."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from quizzes import stats
from quizzes.models import ProblemReport


class NeedsAttentionFilter(admin.SimpleListFilter):
    """Questions that learners' reports or answers single out for review."""

    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("reported", "Reported by learners"),
            ("discrimination", f"Discrimination below {stats.LOW_DISCRIMINATION:.0f}%"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "reported":
            return queryset.filter(
                pk__in=ProblemReport.objects.filter(resolved=False).values("question_id")
            )
        if self.value() == "discrimination":
            return queryset.filter(pk__in=stats.poorly_discriminating_question_ids())
        return queryset


def attach_item_analysis(questions):
    """Set `.item_stats` (stats.ItemStats or None) and `.open_report_count` on each question,
    in two queries whatever their number."""
    questions = stats.statistics_by_question(questions)
    ids = [question.pk for question in questions]
    open_counts = dict(
        ProblemReport.objects.filter(question__in=ids, resolved=False)
        .values("question_id")
        .annotate(count=Count("id"))
        .values_list("question_id", "count")
    )
    for question in questions:
        question.open_report_count = open_counts.get(question.pk, 0)
    return questions


def format_percent(value):
    return "–" if value is None else f"{value:.0f}%"


class ItemAnalysisAdminMixin:
    """The learners' side of a question in its admin: answers counted, facility and
    discrimination (Moodle's definitions, quizzes.stats) and open reports, as list columns
    computed for the whole page at once, a "needs attention" filter, and a change page section."""

    item_analysis_columns = ["answer_count", "facility", "discrimination", "open_reports"]
    item_analysis_fields = ["item_analysis", "learner_reports"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), *self.item_analysis_columns]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), NeedsAttentionFilter]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.item_analysis_fields]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        return [*fieldsets, ("Learners’ answers", {"fields": self.item_analysis_fields})]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The page's questions are fetched once here and reused when the rows are rendered.
        attach_item_analysis(changelist.result_list)
        return changelist

    @admin.display(description="answers")
    def answer_count(self, question):
        item = getattr(question, "item_stats", None)
        return item.n if item else 0

    @admin.display(description="facility")
    def facility(self, question):
        item = getattr(question, "item_stats", None)
        return format_percent(item.facility if item else None)

    @admin.display(description="discrimination")
    def discrimination(self, question):
        item = getattr(question, "item_stats", None)
        text = format_percent(item.discrimination if item else None)
        if item and item.discriminates_poorly:
            return format_html(
                '<strong title="Below {}%">{} ⚠</strong>', f"{stats.LOW_DISCRIMINATION:.0f}", text
            )
        return text

    @admin.display(description="reports")
    def open_reports(self, question):
        count = getattr(question, "open_report_count", 0)
        if not count:
            return "0"
        url = reverse("admin:quizzes_problemreport_changelist")
        return format_html(
            '<a href="{}?question__id__exact={}&amp;resolved__exact=0">{} open</a>',
            url,
            question.pk,
            count,
        )

    @admin.display(description="item analysis")
    def item_analysis(self, question):
        if question.pk is None:
            return "–"
        item = stats.item_statistics(questions=[question]).get(question.pk)
        if item is None:
            return "No answers in finished attempts yet."
        return format_html(
            "<p>{} answer{} in finished attempts.</p>"
            "<p>Facility {}: the share of the credit learners earned (high is easy).</p>"
            "<p>Discrimination {}: how far scoring on this question goes with scoring on the "
            "rest of the quiz (below {}% deserves a look; “–” until the answers vary).</p>",
            item.n,
            "" if item.n == 1 else "s",
            format_percent(item.facility),
            format_percent(item.discrimination),
            f"{stats.LOW_DISCRIMINATION:.0f}",
        )

    @admin.display(description="learners’ reports")
    def learner_reports(self, question):
        if question.pk is None:
            return "–"
        reports_of_question = list(question.reports.filter(resolved=False)[:20])
        url = reverse("admin:quizzes_problemreport_changelist")
        link = format_html(
            '<a href="{}?question__id__exact={}">All reports on this question</a>', url, question.pk
        )
        if not reports_of_question:
            return format_html("<p>No open reports.</p><p>{}</p>", link)
        items = format_html_join(
            "",
            "<li>{} — {} <small>({})</small></li>",
            (
                (r.get_reason_display(), r.comment or "no comment", f"{r.created:%d %b %Y}")
                for r in reports_of_question
            ),
        )
        return format_html("<ul>{}</ul><p>{}</p>", items, link)
