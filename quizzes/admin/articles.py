"""The article admin with the quiz side added: building a quiz from articles, and generating
questions for them, from the article list or right after an import.

content's ArticleAdmin (content/admin.py) is the article admin, but content never imports
quizzes, so it leaves registering it to this module, which registers a subclass with the quiz
actions and the import-and-generate form: one registration, nothing to replace.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from content import admin as content_admin
from content.models import Article
from quizzes.assembly import NoPublishedQuestions, build_quiz_from_article
from quizzes.models import GenerationRun
from quizzes.tasks import request_generation

from .forms import ArticleImportAndGenerateForm


@admin.action(description="Build a quiz from the selected articles", permissions=["quiz"])
def build_quiz(modeladmin, request, queryset):
    for article in queryset.select_related("outlet"):
        try:
            quiz = build_quiz_from_article(article=article, created_by=request.user)
        except NoPublishedQuestions as error:
            modeladmin.message_user(request, str(error), messages.WARNING)
            continue
        modeladmin.message_user(
            request,
            format_html(
                "Built <a href='{}'>{}</a> with {} question(s): review it and publish it.",
                reverse("admin:quizzes_quiz_change", args=[quiz.pk]),
                quiz.title,
                quiz.items.count(),
            ),
            messages.SUCCESS,
        )


@admin.action(description="Generate questions (in the background)", permissions=["generate"])
def generate_questions(modeladmin, request, queryset):
    modeladmin.start_generation(request, articles=queryset)


@admin.register(Article)
class ArticleAdmin(content_admin.ArticleAdmin):
    actions = [*(content_admin.ArticleAdmin.actions or []), build_quiz, generate_questions]
    import_form_class = ArticleImportAndGenerateForm

    def has_quiz_permission(self, request):
        """The action needs the right to add quizzes, not only to change articles."""
        return request.user.has_perm("quizzes.add_quiz")

    def has_generate_permission(self, request):
        """Generation writes questions: it needs the rights to add and to change them."""
        return request.user.has_perms(["quizzes.add_question", "quizzes.change_question"])

    def articles_imported(self, request, *, articles, form):
        super().articles_imported(request, articles=articles, form=form)
        if not form.cleaned_data.get("generate_questions"):
            return
        if self.has_generate_permission(request):
            self.start_generation(request, articles=articles)
        else:
            self.message_user(
                request, "No questions generated: you may not add questions.", messages.WARNING
            )

    def start_generation(self, request, *, articles):
        """Start a background generation run for `articles` and tell the teacher where it is:
        done already (the immediate backend), failed, or queued for the worker."""
        run = request_generation(articles=articles, requested_by=request.user)
        run.refresh_from_db()
        run_link = format_html(
            "<a href='{}'>generation run {}</a>",
            reverse("admin:quizzes_generationrun_change", args=[run.pk]),
            run.pk,
        )
        drafts = reverse("admin:quizzes_question_changelist") + "?status__exact=draft"
        if run.status == GenerationRun.Status.DONE:
            self.message_user(
                request,
                format_html(
                    "Questions generated ({}): {} <a href='{}'>Review the drafts</a>.",
                    run_link,
                    run.message,
                    drafts,
                ),
                messages.SUCCESS,
            )
        elif run.status == GenerationRun.Status.FAILED:
            self.message_user(
                request, format_html("{} failed: {}", run_link, run.message), messages.ERROR
            )
        else:
            self.message_user(
                request,
                format_html(
                    "Question generation for {} article(s) is {} in the background: follow "
                    "{}; the drafts then wait in the review queue.",
                    run.article_count,
                    run.get_status_display().lower(),
                    run_link,
                ),
                messages.INFO,
            )
