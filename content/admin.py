from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join

from .forms import ArticleImportForm
from .ingest import import_parsed, normalize_body, store_sentences
from .models import Article, ContestedTerm, ContestedTermSource, Outlet, OutletSource, Sentence


def parse_id(value):
    """The database id written in `value` (a query parameter), or None when it is not one: only
    ASCII digits (not "٣" nor "-1"), and at most 18 of them, within the database's integers."""
    value = str(value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


class OutletSourceInline(admin.TabularInline):
    model = OutletSource
    extra = 1
    fields = ["statement", "title", "url"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "alignment", "article_count", "has_note"]
    list_filter = ["alignment", "country"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OutletSourceInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "attribution_name",
                    "aliases",
                    "homepage",
                    "country",
                    "alignment",
                ]
            },
        ),  # fmt: skip
        (
            "Perspective note",
            {
                "description": "Shown with every answer that comes from this outlet: factual, "
                "sourced, even-handed. Add a source below for each statement.",
                "fields": [
                    "perspective_note",
                    "owner",
                    "funding",
                    "state_relation",
                    "stance",
                    "editorial_voice",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, outlet):
        return outlet.article_count

    @admin.display(description="note written", boolean=True)
    def has_note(self, outlet):
        return bool(outlet.perspective_note)


class SentenceInline(admin.TabularInline):
    """The article's sentences as split on import: read-only, they follow the body. For a
    teacher who may add questions, each row links to a new question drawn from it."""

    model = Sentence
    fields = ["position", "paragraph", "text", "start", "end"]
    readonly_fields = [*fields, "write_question"]
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = "sentences (read-only: they are re-split from the body when it changes)"

    def get_fields(self, request, obj=None):
        # A permission name, not an import: content never depends on the quizzes app.
        if request.user.has_perm("quizzes.add_question"):
            return [*self.fields, "write_question"]
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="question")
    def write_question(self, sentence):
        if sentence.pk is None:
            return ""
        try:
            url = reverse(f"{self.admin_site.name}:quizzes_question_add")
        except NoReverseMatch:  # no question admin on this site
            return ""
        return format_html(
            '<a href="{}?article={}&amp;sentence={}">Write a question from this sentence</a>',
            url,
            sentence.article_id,
            sentence.pk,
        )


@admin.register(Sentence)
class SentenceAdmin(admin.ModelAdmin):
    """Sentences searched by pickers elsewhere (a question's source sentence, through the
    admin site's autocomplete): results can be narrowed to one article with `?article=<id>`.

    No pages of its own and off the index: sentences follow their article's body, are read in
    the article's page, and are never added, changed or deleted one by one."""

    search_fields = ["text", "article__title"]

    def get_urls(self):
        return []

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Asked about each sentence when its article is deleted (they go with it); never
        # about sentences in general, so no picker offers to delete one.
        return obj is not None and request.user.has_perm("content.delete_article")

    def get_search_results(self, request, queryset, search_term):
        """The admin's search, limited to the article named by `?article=` when there is one
        (an article id that is not a number finds nothing)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        article = request.GET.get("article", "").strip()
        if article:
            article_id = parse_id(article)
            if article_id is None:
                queryset = queryset.none()
            else:
                queryset = queryset.filter(article_id=article_id)
        return queryset, may_have_duplicates


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "outlet",
            "url",
            "published",
            "language",
            "voice",
            "omissions_note",
            "licence",
            "body",
        ]

    def clean_body(self):
        body = normalize_body(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError("The body is empty.")
        checksum = Article.checksum_of(body)
        duplicate = Article.objects.filter(checksum=checksum).exclude(pk=self.instance.pk).first()
        if duplicate:
            raise forms.ValidationError(f"Another article has exactly this body: “{duplicate}”.")
        return body


class ArticleAdmin(admin.ModelAdmin):
    """Articles, their sentences and the import page.

    Not registered here: quizzes.admin.articles registers a subclass that adds the quiz
    actions (content never imports quizzes), so the site has one article admin, registered
    once.
    """

    form = ArticleAdminForm
    list_display = ["title", "outlet", "published", "voice"]
    list_filter = ["outlet", "voice", "published"]
    list_select_related = ["outlet"]
    search_fields = ["title", "body"]
    date_hierarchy = "published"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["checksum", "created", "updated"]
    inlines = [SentenceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "outlet", "url", "licence", "published", "language"]}),
        ("Perspective", {"fields": ["voice", "omissions_note"]}),
        (None, {"fields": ["body", "checksum", "created", "updated"]}),
    ]

    def save_model(self, request, obj, form, change):
        # The sentences, and what quizzes built on them, must follow the body.
        with transaction.atomic():
            obj.checksum = Article.checksum_of(obj.body)
            super().save_model(request, obj, form, change)
            if not change or "body" in form.changed_data:
                store_sentences(article=obj)

    # -- import from pasted text, files or a URL ------------------------------------------------

    import_form_class = ArticleImportForm

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="content_article_import",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        """Importing creates articles and may update existing ones (same url): it needs both."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        # The "Import articles" button (admin/content/article/change_list.html) needs to know.
        extra_context = {"has_import_permission": self.has_import_permission(request)} | (
            extra_context or {}
        )
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Import articles from pasted text, uploaded files and a URL, all or nothing.

        Template: admin/content/article/import.html (context: form, opts, title). On success,
        redirects to the article list with the import's summary and links to the articles.
        """
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.import_form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            report = import_parsed(articles=form.parsed_articles)
            by_pk = Article.objects.in_bulk([item.pk for item in report.items])
            articles = [by_pk[pk] for pk in dict.fromkeys(item.pk for item in report.items)]
            links = format_html_join(
                ", ",
                "<a href='{}'>{}</a>",
                ((reverse("admin:content_article_change", args=[a.pk]), a.title) for a in articles),
            )
            self.message_user(
                request, format_html("Imported {} {}", report.summary(), links), messages.SUCCESS
            )
            self.articles_imported(request, articles=articles, form=form)
            return redirect("admin:content_article_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Import articles",
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/content/article/import.html", context)

    def articles_imported(self, request, *, articles, form):
        """Called after a successful import with the articles it named (created, updated or
        unchanged); other apps' subclasses act on them here (quizzes starts generation)."""


class ContestedTermSourceInline(admin.TabularInline):
    model = ContestedTermSource
    extra = 1
    fields = ["title", "url"]


@admin.register(ContestedTerm)
class ContestedTermAdmin(admin.ModelAdmin):
    """The glossary: teachers keep each entry neutral, short and sourced."""

    list_display = ["term", "usage", "topic", "used_by", "other_terms"]
    list_filter = ["usage", "topic"]
    search_fields = ["term", "variants", "used_by", "description", "other_terms"]
    prepopulated_fields = {"slug": ["term"]}
    inlines = [ContestedTermSourceInline]
    fieldsets = [
        (None, {"fields": ["term", "slug", "variants", "usage", "topic"]}),
        (
            "Gloss",
            {
                "description": "Shown on hover and focus wherever the term appears: say who "
                "uses it, what it refers to in neutral words, and what others call it.",
                "fields": ["used_by", "description", "other_terms"],
            },
        ),
    ]
