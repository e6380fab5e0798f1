"""What generation works from and leaves: the entity registry it asks about, and its runs."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html_join

from quizzes.models import Entity, GenerationRun


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    """The registry generation asks about: only confirmed entities become questions."""

    list_display = ["name", "type", "confirmed", "alias_list"]
    list_editable = ["type", "confirmed"]
    list_filter = ["confirmed", "type"]
    search_fields = ["name"]
    actions = ["confirm_selected"]

    @admin.display(description="aliases")
    def alias_list(self, entity):
        return ", ".join(str(alias) for alias in entity.aliases or [])

    @admin.action(description="Confirm the selected entities' types", permissions=["change"])
    def confirm_selected(self, request, queryset):
        count = queryset.update(confirmed=True)
        self.message_user(request, f"{count} entit(y/ies) confirmed.", messages.SUCCESS)


@admin.register(GenerationRun)
class GenerationRunAdmin(admin.ModelAdmin):
    """Background generation runs, newest first: read-only, the task writes them."""

    list_display = [
        "__str__",
        "status",
        "article_titles",
        "questions_created",
        "questions_updated",
        "questions_unchanged",
        "questions_kept",
        "drafts_skipped",
        "requested_by",
        "queued_at",
        "started_at",
        "finished_at",
    ]
    list_filter = ["status"]
    date_hierarchy = "queued_at"
    fields = [
        "status",
        "article_titles",
        "message",
        "article_count",
        "questions_created",
        "questions_updated",
        "questions_unchanged",
        "questions_kept",
        "questions_published",
        "drafts_skipped",
        "publish_above",
        "requested_by",
        "task_id",
        "queued_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("requested_by")
            .prefetch_related("articles")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="articles")
    def article_titles(self, run):
        return format_html_join(
            ", ",
            "<a href='{}'>{}</a>",
            (
                (reverse("admin:content_article_change", args=[a.pk]), a.title)
                for a in run.articles.all()
            ),
        )
