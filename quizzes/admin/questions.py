"""The review queue and question authoring: questions with their choices, reviewed one by one
or in bulk, written from a sentence of an article."""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from content.admin import parse_id
from content.models import Article, Sentence
from quizzes.checks import find_span_problems
from quizzes.models import Choice, Question
from quizzes.questions import review_questions

from .exports import QuestionFilesAdminMixin
from .forms import CONTENT_FIELDS, ChoiceInlineFormSet, QuestionAdminForm
from .item_analysis import ItemAnalysisAdminMixin

# Where a question or a quiz comes from: Quiz.origin takes the same choices as Question.origin.
Origin = Question.Origin

# The one-click review buttons of the change page: the submit button's name → the status.
REVIEW_BUTTONS = {
    "_publish": Question.Status.PUBLISHED,
    "_reject": Question.Status.REJECTED,
    "_draft": Question.Status.DRAFT,
}


def render_source(question):
    """The question's sentence with its answer span highlighted (every piece escaped)."""
    sentence, start, end = question.sentence_text, question.answer_start, question.answer_end
    if find_span_problems(sentence_text=sentence, answer_start=start, answer_end=end):
        return sentence
    return format_html(
        '{}<mark class="answer-span">{}</mark>{}',
        sentence[:start],
        sentence[start:end],
        sentence[end:],
    )


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceInlineFormSet
    fields = ["position", "text", "is_correct"]
    ordering = ["position", "id"]

    def get_extra(self, request, obj=None, **kwargs):
        return 4 if obj is None else 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            # The table's column headings are not labels: name each input for screen readers.
            formfield.widget.attrs.setdefault("aria-label", f"Choice {db_field.verbose_name}")
        return formfield


class MarkEditedOnInlineChangeMixin:
    """For admins of models with an `origin` (questions, quizzes): a generated object whose
    inline rows (choices, quiz questions) a teacher changes becomes "edited", so that
    generation leaves it alone from then on. The object's own fields are judged in
    `save_model`; the inlines are saved after it, here."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if (
            change
            and obj.origin == Origin.GENERATED
            and any(formset.has_changed() for formset in formsets)
        ):
            obj.origin = Origin.EDITED
            obj.save(update_fields=["origin", "updated"])


@admin.register(Question)
class QuestionAdmin(
    ItemAnalysisAdminMixin, QuestionFilesAdminMixin, MarkEditedOnInlineChangeMixin, admin.ModelAdmin
):
    """The review queue: drafts first, best quality first."""

    form = QuestionAdminForm
    inlines = [ChoiceInline]
    change_form_template = "admin/quizzes/question/change_form.html"
    change_list_template = "admin/quizzes/question/change_list.html"

    # The sentence is searched, within the chosen article (quizzes/question-authoring.js adds
    # the article to the search; content's SentenceAdmin filters on it).
    autocomplete_fields = ["sentence"]

    class Media:
        css = {"all": ["quizzes/admin-review.css"]}
        js = ["quizzes/question-authoring.js"]

    list_display = [
        "stem",
        "answer",
        "choice_list",
        "source",
        "kind",
        "status",
        "origin",
        "quality_score",
        "article_link",
    ]
    list_display_links = ["stem"]
    list_filter = [
        "status",
        "kind",
        "origin",
        ("article", admin.RelatedOnlyFieldListFilter),
        ("article__outlet", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["article__outlet"]
    list_per_page = 50
    search_fields = ["stem", "answer", "sentence_text"]
    actions = [
        "publish_selected",
        "reject_selected",
        "draft_selected",
        "export_json_selected",
        "export_csv_selected",
        "export_gift_selected",
        "export_anki_selected",
    ]
    readonly_fields = [
        "source_in_context",
        "answer_marker",
        "origin",
        "quality",
        "fingerprint",
        "reviewed_at",
        "review_note",
        "created",
        "updated",
    ]
    fieldsets = [
        (
            "Source",
            {
                "fields": [
                    "source_in_context",
                    "article",
                    "sentence",
                    "answer_marker",
                    ("answer_start", "answer_end"),
                ]
            },
        ),
        (
            "Question",
            {"fields": ["kind", "mode", "stem", "answer", "answer_normalized", "attribution"]},
        ),
        (
            "Review",
            {
                "fields": [
                    "status",
                    "review_note",
                    "origin",
                    "quality",
                    "reviewed_at",
                    "fingerprint",
                    ("created", "updated"),
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("choices")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "sentence" and formfield is not None:
            # Sentences have no admin pages to link to: content's SentenceAdmin only searches.
            formfield.widget.can_view_related = False
        return formfield

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        # A new question has no source to show yet: the article comes first.
        return [
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f != "source_in_context"]},
            )
            for name, options in fieldsets
        ]

    def get_changeform_initial_data(self, request):
        """Pre-fill the add page from `?article=<id>&sentence=<id>` (the article page links each
        sentence here). The sentence names its article; an id that is not a number or names
        nothing is left out rather than shown as an error."""
        initial = super().get_changeform_initial_data(request)
        article_id = parse_id(initial.pop("article", None))
        sentence_id = parse_id(initial.pop("sentence", None))
        sentence = Sentence.objects.filter(pk=sentence_id).first() if sentence_id else None
        if sentence is not None:
            initial["article"], initial["sentence"] = sentence.article_id, sentence.pk
        elif article_id and Article.objects.filter(pk=article_id).exists():
            initial["article"] = article_id
        return initial

    def get_ordering(self, request):
        # Drafts first (the queue), then published, then rejected; best quality first within.
        # An expression rather than an annotation, because other admins' question pickers
        # order by it too.
        review_rank = Case(
            When(status=Question.Status.DRAFT, then=Value(0)),
            When(status=Question.Status.PUBLISHED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return [review_rank.asc(), "-quality", "id"]

    @admin.display(description="choices")
    def choice_list(self, question):
        return format_html_join(
            "",
            "{}<br>",
            (
                (format_html("<strong>{} ✓</strong>", c.text) if c.is_correct else c.text,)
                for c in question.choices.all()
            ),
        )

    @admin.display(description="source sentence")
    def source(self, question):
        return render_source(question)

    @admin.display(description="quality", ordering="quality")
    def quality_score(self, question):
        return f"{question.quality:.2f}"

    @admin.display(description="article", ordering="article__title")
    def article_link(self, question):
        article = question.article
        return format_html(
            '<a href="{}">{}</a><br><small>{}</small>',
            reverse("admin:content_article_change", args=[article.pk]),
            article.title,
            article.outlet.name,
        )

    @admin.display(description="answer in the sentence")
    def answer_marker(self, question):
        """Where the teacher marks the answer: quizzes/question-authoring.js loads the chosen
        sentence here and fills the offsets and the answer from the selection. Without
        JavaScript it shows the saved sentence, and the typed answer finds its span."""
        text = render_source(question) if question.pk and question.sentence_text else ""
        return format_html(
            '<div class="answer-marker" data-sentence-text-url="{}">'
            '<p class="answer-marker-text">{}</p>'
            '<button type="button" class="button answer-marker-use" hidden>'
            "Use selection as the answer</button>"
            '<p class="answer-marker-status help" role="status" aria-live="polite"></p>'
            "</div>",
            reverse(f"{self.admin_site.name}:quizzes_question_sentence_text"),
            text,
        )

    @admin.display(description="source sentence")
    def source_in_context(self, question):
        if question.pk is None:
            return "Pick the sentence below; it is shown here, answer highlighted, once saved."
        sentence = render_source(question)
        if question.sentence_id is None:
            return format_html(
                "<p>{}</p><p><strong>This sentence is no longer in “{}”.</strong> "
                "Pick the sentence that now states the fact, or reject the question.</p>",
                sentence,
                question.article.title,
            )
        url = f"{question.article.get_absolute_url()}#{question.sentence.anchor}"
        return format_html(
            '<p class="source-sentence">{}</p><p><a href="{}">Read it in “{}” ({})</a></p>',
            sentence,
            url,
            question.article.title,
            question.article.outlet.name,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.origin = Origin.AUTHORED
            obj.fingerprint = ""
        elif obj.origin == Origin.GENERATED and set(CONTENT_FIELDS) & set(form.changed_data):
            obj.origin = Origin.EDITED
        if not obj.attribution:
            # The generator's wording of credits, imported only when a teacher leaves one out:
            # quizzes.generation stays out of the web worker until then.
            from quizzes.generation import attribution_for

            obj.attribution = attribution_for(
                outlet=obj.article.outlet.name,
                voice=obj.article.voice,
                name=obj.article.outlet.attribution_name,
            )
        for button, status in REVIEW_BUTTONS.items():
            if button in request.POST:
                obj.status = status
        if "status" in form.changed_data or any(b in request.POST for b in REVIEW_BUTTONS):
            obj.reviewed_at = timezone.now()
            obj.review_note = ""
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        for button, status in REVIEW_BUTTONS.items():
            if button in request.POST:
                self.message_user(
                    request, f"“{obj}” is now {status.label.lower()}.", messages.SUCCESS
                )
                return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def _review(self, request, queryset, status):
        changed, refused = review_questions(questions=queryset, status=status)
        label = Question.Status(status).label.lower()
        self.message_user(request, f"{changed} question(s) now {label}.", messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                f"{refused} question(s) not published: their sentence is no longer in the "
                "article. Pick a new sentence on each first.",
                messages.WARNING,
            )

    @admin.action(description="Publish the selected questions", permissions=["change"])
    def publish_selected(self, request, queryset):
        self._review(request, queryset, Question.Status.PUBLISHED)

    @admin.action(description="Reject the selected questions", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._review(request, queryset, Question.Status.REJECTED)

    @admin.action(description="Send the selected questions back to draft", permissions=["change"])
    def draft_selected(self, request, queryset):
        self._review(request, queryset, Question.Status.DRAFT)

    def get_urls(self):
        return [
            path(
                "import-csv/",
                self.admin_site.admin_view(self.import_csv_view),
                name="quizzes_question_import_csv",
            ),
            path(
                "sentence-text/",
                self.admin_site.admin_view(self.sentence_text_view),
                name="quizzes_question_sentence_text",
            ),
            *super().get_urls(),
        ]

    def sentence_text_view(self, request):
        """`?sentence=<id>` → JSON {id, article, position, text}: the sentence the answer is
        marked in. Staff with the right to view sentences only (403 otherwise); a missing or
        malformed id is a 400, an unknown one a 404, each with an `error` message."""
        if not request.user.has_perm("content.view_sentence"):
            return JsonResponse({"error": "You may not view sentences."}, status=403)
        sentence_id = parse_id(request.GET.get("sentence"))
        if sentence_id is None:
            return JsonResponse({"error": "Give the sentence as ?sentence=<id>."}, status=400)
        sentence = Sentence.objects.filter(pk=sentence_id).first()
        if sentence is None:
            return JsonResponse({"error": "No such sentence."}, status=404)
        return JsonResponse(
            {
                "id": sentence.pk,
                "article": sentence.article_id,
                "position": sentence.position,
                "text": sentence.text,
            }
        )
