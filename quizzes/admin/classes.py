"""A teacher's classes: join codes, learners and the link to each class's progress page."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.html import format_html

from quizzes import teaching
from quizzes.models import Classroom


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    """A teacher's classes: each with its join code and a link to its progress page.

    Teachers see and edit only their own classes; a superuser sees all and may reassign
    them. Learners join with the code, so a teacher sees the list but never picks users.
    """

    list_display = ["name", "join_code", "learner_count", "teacher", "created", "progress_link"]
    search_fields = ["name", "join_code"]
    readonly_fields = ["join_code", "progress_link", "learner_names", "created"]
    actions = ["reset_join_codes"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("teacher")
        return queryset.visible_to(request.user).annotate(learners_count=Count("learners"))

    def get_fields(self, request, obj=None):
        if request.user.is_superuser:
            fields = ["name", "teacher", "learners"]
        else:
            fields = ["name", "learner_names"]
        return [*fields, "join_code", "progress_link", "created"] if obj else fields

    def get_list_display(self, request):
        if request.user.is_superuser:
            return self.list_display
        return [field for field in self.list_display if field != "teacher"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "teacher":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and not obj.teacher_id:
            obj.teacher = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Give the selected classes new join codes", permissions=["change"])
    def reset_join_codes(self, request, queryset):
        # Learners already in the class stay; only the old code stops working.
        codes = [
            f"{classroom.name}: {teaching.reset_join_code(classroom=classroom)}"
            for classroom in queryset
        ]
        self.message_user(request, "New join codes — " + "; ".join(codes), messages.SUCCESS)

    @admin.display(description="Learners", ordering="learners_count")
    def learner_count(self, obj):
        return obj.learners_count

    @admin.display(description="Learners")
    def learner_names(self, obj):
        names = [user.get_full_name() or user.get_username() for user in obj.learners.all()]
        return ", ".join(names) or "Nobody has joined yet: give learners the join code."

    @admin.display(description="Progress")
    def progress_link(self, obj):
        if not obj.pk:
            return "-"
        return format_html('<a href="{}">View progress</a>', obj.get_absolute_url())
