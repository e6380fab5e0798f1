"""The teachers' admin site: Django's admin, with the teacher's own pages beside the models.

It is the default site (`django.contrib.admin.site`, through quizsite.apps.TeachingAdminConfig),
so the apps' admin modules register with it as usual. Besides the models it owns:
- the pages that belong to no single model (the perspective page, under quizzes/), added by
  `get_urls`;
- an index that opens with the teacher's pages (the review queue, the imports, the perspective
  page, the classes and their progress, the generation runs, the learners' reports), each shown
  only to whoever may use it.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.urls import path, reverse


@dataclass(frozen=True)
class TeacherPage:
    """A link on the site's index: the page's title, its address and what it is for."""

    title: str
    url: str
    description: str


class TeachingSite(admin.AdminSite):
    site_header = "quizsite — teaching"
    site_title = "quizsite teaching"
    index_title = "Teaching"
    index_template = "admin/teaching_index.html"

    def get_urls(self):
        return [
            path(
                "quizzes/perspective/",
                self.admin_view(self.perspective_view),
                name="quizzes_perspective",
            ),
            *super().get_urls(),
        ]

    def perspective_view(self, request):
        # Imported here, not at the top: this module is loaded while the apps' admin modules
        # register with the site, and they are imported by quizzes.admin's package.
        from quizzes.admin.perspective import perspective_view

        return perspective_view(request, site=self)

    def teacher_pages(self, request):
        """The teacher's pages `request.user` may open, in the order of a teacher's work."""
        user = request.user

        def url(name):
            return reverse(f"{self.name}:{name}")

        pages = []
        if user.has_perm("quizzes.change_question"):
            pages.append(
                TeacherPage(
                    "Review queue",
                    url("quizzes_question_changelist") + "?status__exact=draft",
                    "Draft questions, best first: publish, edit or reject them.",
                )
            )
        if user.has_perms(["content.add_article", "content.change_article"]):
            pages.append(
                TeacherPage(
                    "Import articles",
                    url("content_article_import"),
                    "Paste text, upload files or give a URL; generate questions as you go.",
                )
            )
        if user.has_perms(["quizzes.add_question", "quizzes.change_question"]):
            pages.append(
                TeacherPage(
                    "Import questions",
                    url("quizzes_question_import_csv"),
                    "A CSV file written by the export, maybe edited in a spreadsheet.",
                )
            )
        if user.has_perm("quizzes.view_question"):
            pages.append(
                TeacherPage(
                    "Perspective",
                    url("quizzes_perspective"),
                    "Where outlets disagree, the library’s balance, perspective questions.",
                )
            )
        if user.has_perm("quizzes.view_classroom"):
            pages.append(
                TeacherPage(
                    "Classes",
                    url("quizzes_classroom_changelist"),
                    "Your classes, their join codes and each one’s progress.",
                )
            )
        if user.has_perm("quizzes.view_generationrun"):
            pages.append(
                TeacherPage(
                    "Generation runs",
                    url("quizzes_generationrun_changelist"),
                    "Question generation started from the article list or an import.",
                )
            )
        if user.has_perm("quizzes.view_problemreport"):
            pages.append(
                TeacherPage(
                    "Learners’ reports",
                    url("quizzes_problemreport_changelist") + "?resolved__exact=0",
                    "Problems learners found with questions, still open.",
                )
            )
        return pages

    def index(self, request, extra_context=None):
        extra_context = {"teacher_pages": self.teacher_pages(request), **(extra_context or {})}
        return super().index(request, extra_context)
