"""The question admin's exports (JSON, CSV, Moodle GIFT, Anki) of the selected questions, and
its CSV import page (quizzes.exports does the work)."""

import io
import json

from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from quizzes.exports import (
    QuestionImportError,
    export_anki,
    export_csv_text,
    export_gift,
    export_json,
    import_questions_csv,
    questions_for_export,
)
from quizzes.models import Question

from .forms import CsvImportForm


class QuestionFilesAdminMixin:
    """For QuestionAdmin: the export actions, and the import view its get_urls serves."""

    def _download(self, queryset, *, content, content_type, extension):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="questions.{extension}"'
        return response

    def _exported(self, queryset):
        # A fresh queryset: the export fetches choices its own way, in position order.
        return questions_for_export(
            status="all", queryset=Question.objects.filter(pk__in=queryset.values("pk"))
        )

    @admin.action(description="Export the selected questions as JSON", permissions=["view"])
    def export_json_selected(self, request, queryset):
        content = json.dumps(export_json(questions=self._exported(queryset)), ensure_ascii=False)
        return self._download(
            queryset, content=content, content_type="application/json", extension="json"
        )

    @admin.action(description="Export the selected questions as CSV", permissions=["view"])
    def export_csv_selected(self, request, queryset):
        content = export_csv_text(questions=self._exported(queryset))
        return self._download(
            queryset, content=content, content_type="text/csv; charset=utf-8", extension="csv"
        )

    @admin.action(
        description="Export the selected questions for Moodle (GIFT)", permissions=["view"]
    )
    def export_gift_selected(self, request, queryset):
        content = export_gift(questions=self._exported(queryset))
        return self._download(
            queryset, content=content, content_type="text/plain; charset=utf-8", extension="gift"
        )

    @admin.action(description="Export the selected questions for Anki", permissions=["view"])
    def export_anki_selected(self, request, queryset):
        buffer = io.BytesIO()
        export_anki(
            questions=self._exported(queryset),
            stream=buffer,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        return self._download(
            queryset,
            content=buffer.getvalue(),
            content_type="application/octet-stream",
            extension="apkg",
        )

    def import_csv_view(self, request):
        """Upload a CSV written by the export (maybe edited in a spreadsheet). Template:
        admin/quizzes/question/import_csv.html."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            return redirect("admin:quizzes_question_changelist")
        form = CsvImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                # utf-8-sig: spreadsheets often save CSV with a byte-order mark.
                text = upload.read().decode("utf-8-sig")
                report = import_questions_csv(stream=io.StringIO(text, newline=""))
            except UnicodeDecodeError:
                form.add_error("file", "The file is not UTF-8 text: save it as CSV UTF-8.")
            except QuestionImportError as error:
                form.add_error("file", str(error))
            else:
                self.message_user(request, f"Imported: {report.summary()}", messages.SUCCESS)
                return redirect("admin:quizzes_question_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Import questions from CSV",
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/quizzes/question/import_csv.html", context)
