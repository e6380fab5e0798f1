"""The teacher's side of questions and quizzes: a review queue, authoring with the same checks as
generation, quizzes with ordered questions, the entity registry, and the quiz action on
articles."""

import io
import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, Value, When
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from content.forms import ArticleImportForm
from content.models import Article, Sentence
from quizzes import reports, stats, teaching
from quizzes.assembly import NoPublishedQuestions, build_quiz_from_article
from quizzes.checks import find_choice_problems, find_span_problems, find_stem_problems
from quizzes.exports import (
    QuestionImportError,
    export_anki,
    export_csv_text,
    export_gift,
    export_json,
    import_questions_csv,
    questions_for_export,
)
from quizzes.models import (
    Choice,
    Classroom,
    Entity,
    GenerationRun,
    ProblemReport,
    Question,
    Quiz,
    QuizQuestion,
)
from quizzes.questions import review_questions
from quizzes.tasks import request_generation

# Where a question or a quiz comes from: Quiz.origin takes the same choices as Question.origin.
Origin = Question.Origin

# Fields whose change turns a generated question into the teacher's ("edited"), so that
# generation never overwrites it; in the order the question form shows them. Status is a
# review decision, not an edit.
CONTENT_FIELDS = (
    "sentence",
    "answer_start",
    "answer_end",
    "kind",
    "mode",
    "stem",
    "answer",
    "answer_normalized",
    "attribution",
)

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


def parse_id(value):
    """The database id written in `value` (a query parameter), or None when it is not one: only
    ASCII digits (not "٣" nor "-1"), and at most 18 of them, within the database's integers."""
    value = str(value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def describe_sentence(sentence):
    """A sentence as the picker shows it, its article being chosen beside it: "#3: It lasted…"."""
    return f"#{sentence.position}: {Truncator(sentence.text).chars(110)}"


class QuestionAdminForm(forms.ModelForm):
    """Authoring and editing: pick the article, then one of its sentences (searched), mark the
    answer in it (or let the form find it), and meet the checks generation meets."""

    answer_start = forms.IntegerField(
        min_value=0,
        required=False,
        help_text="Where the answer starts in the sentence (character offset from 0). Select "
        "the answer in the sentence above, or leave both offsets empty to use the place where "
        "the answer appears in the sentence.",
    )
    answer_end = forms.IntegerField(
        min_value=0, required=False, help_text="Where the answer ends (exclusive)."
    )

    class Meta:
        model = Question
        fields = ["article", *CONTENT_FIELDS, "status"]
        widgets = {"stem": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The article may be left out: the sentence names it. When given, the sentence search
        # looks only in it (static/quizzes/question-authoring.js) and clean() insists.
        article = self.fields["article"]
        article.required = False
        article.queryset = Article.objects.select_related("outlet").order_by("title")
        article.help_text = "Pick the article first: the sentence search then looks only in it."
        sentence = self.fields["sentence"]
        sentence.queryset = Sentence.objects.select_related("article")
        sentence.label_from_instance = describe_sentence
        sentence.help_text = (
            "The sentence the question is drawn from (type a few of its words); the answer must "
            "be part of it."
        )
        # A question whose sentence left its changed article can still be rejected or kept as
        # a draft without picking a new one; only publishing needs it (see clean).
        self.sentence_gone = self.instance.pk is not None and self.instance.sentence_id is None
        sentence.required = not self.sentence_gone

    def clean(self):
        data = super().clean()
        sentence, article = data.get("sentence"), data.get("article")
        if sentence is None:
            if article is None and self.instance.article_id:
                data["article"] = self.instance.article
            publishing = data.get("status") == Question.Status.PUBLISHED or "_publish" in self.data
            if self.sentence_gone and publishing:
                self.add_error(
                    "sentence",
                    "Pick the sentence that now states the fact before publishing: the old one "
                    "is no longer in the article.",
                )
            for name in ("answer_start", "answer_end"):
                if data.get(name) is None:
                    data[name] = getattr(self.instance, name)
            return data
        if article is not None and sentence.article_id != article.pk:
            self.add_error(
                "sentence",
                f"This sentence is from “{sentence.article.title}”, not from the chosen article "
                f"“{article.title}”: pick one of its sentences, or change the article.",
            )
            return data
        data["article"] = sentence.article
        text, answer = sentence.text, data.get("answer") or ""
        start, end = data.get("answer_start"), data.get("answer_end")
        if start is None and end is None and answer:
            found = text.count(answer)
            if found != 1:
                where = "does not appear" if found == 0 else f"appears {found} times"
                self.add_error(
                    "answer_start",
                    f"The answer “{answer}” {where} in the sentence as written: "
                    "mark its span with the start and end offsets.",
                )
                return data
            start = text.index(answer)
            end = start + len(answer)
        for problem in find_span_problems(sentence_text=text, answer_start=start, answer_end=end):
            self.add_error("answer_start", problem)
        if self.errors:
            return data
        stem = data.get("stem") or ""
        for problem in find_stem_problems(
            stem=stem, answer=answer, answer_as_written=text[start:end]
        ):
            self.add_error("stem", problem)
        data["answer_start"], data["answer_end"] = start, end
        # The article and the quoted text follow the chosen sentence.
        self.instance.article = sentence.article
        self.instance.sentence_text = text
        return data


class ChoiceInlineFormSet(BaseInlineFormSet):
    """Checks the choices against the question: the answer exactly once, marked correct."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        texts, correct = [], []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("text"):
                continue
            texts.append(data["text"])
            correct.append(bool(data.get("is_correct")))
        question = self.instance
        if not question.answer:
            return  # the question form reports the missing answer
        problems = find_choice_problems(
            mode=question.mode, answer=question.answer, choices=texts, correct=correct
        )
        if problems:
            raise forms.ValidationError(problems)


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
    questions = list(questions)
    ids = [question.pk for question in questions]
    by_question = stats.item_statistics(questions=ids)
    open_counts = dict(
        ProblemReport.objects.filter(question__in=ids, resolved=False)
        .values("question_id")
        .annotate(count=Count("id"))
        .values_list("question_id", "count")
    )
    for question in questions:
        question.item_stats = by_question.get(question.pk)
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
class QuestionAdmin(ItemAnalysisAdminMixin, MarkEditedOnInlineChangeMixin, admin.ModelAdmin):
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

    # -- exports and import ---------------------------------------------------------------------

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


class CsvImportForm(forms.Form):
    file = forms.FileField(
        help_text="A CSV file written by “Export as CSV” or `export_questions --format csv`. "
        "All rows are checked first; one bad row and nothing is imported."
    )


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


# -- the quiz action on articles --------------------------------------------------------------------
#
# The content app owns ArticleAdmin and must never import quizzes, so the quiz feature is added
# from this side: take the ModelAdmin class content registered (content comes before quizzes in
# INSTALLED_APPS, so its admin module is loaded first), subclass it with the extra action, and
# register the subclass in its place. Only public admin API is used (get_model_admin,
# unregister, register), and everything content defines on its ArticleAdmin keeps working.


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


class ArticleImportAndGenerateForm(ArticleImportForm):
    """content's import form, plus starting generation for the imported articles."""

    generate_questions = forms.BooleanField(
        label="Generate questions now",
        required=False,
        help_text="In the background, for every imported article; the drafts then wait in the "
        "review queue. Follow it under Generation runs.",
    )
    fieldsets = [*ArticleImportForm.fieldsets, ("Questions", "", ["generate_questions"])]


try:
    ContentArticleAdmin = type(admin.site.get_model_admin(Article))
    admin.site.unregister(Article)
except NotRegistered:
    ContentArticleAdmin = admin.ModelAdmin


@admin.register(Article)
class ArticleAdmin(ContentArticleAdmin):
    actions = [*(ContentArticleAdmin.actions or []), build_quiz, generate_questions]
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


# Classes and reports


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
        count = reports.resolve_reports(reports=queryset)
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


# The perspective page (discrepancies, balance, perspective questions) adds its admin URL.
from quizzes import perspective_admin  # noqa: E402, F401
