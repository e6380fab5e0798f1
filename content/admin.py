from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import Count

from .ingest import normalize_body, store_sentences
from .models import Article, ContestedTerm, ContestedTermSource, Outlet, OutletSource, Sentence


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
        (None, {"fields": ["name", "slug", "aliases", "homepage", "country", "alignment"]}),
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
    """The article's sentences as split on import: read-only, they follow the body."""

    model = Sentence
    fields = ["position", "paragraph", "text", "start", "end"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = "sentences (read-only: they are re-split from the body when it changes)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
        (None, {"fields": ["title", "slug", "outlet", "url", "published", "language"]}),
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


class ContestedTermSourceInline(admin.TabularInline):
    model = ContestedTermSource
    extra = 1
    fields = ["title", "url"]


@admin.register(ContestedTerm)
class ContestedTermAdmin(admin.ModelAdmin):
    """The glossary: teachers keep each entry neutral, short and sourced."""

    list_display = ["term", "usage", "used_by", "other_terms"]
    list_filter = ["usage"]
    search_fields = ["term", "variants", "used_by", "description", "other_terms"]
    prepopulated_fields = {"slug": ["term"]}
    inlines = [ContestedTermSourceInline]
    fieldsets = [
        (None, {"fields": ["term", "slug", "variants", "usage"]}),
        (
            "Gloss",
            {
                "description": "Shown on hover and focus wherever the term appears: say who "
                "uses it, what it refers to in neutral words, and what others call it.",
                "fields": ["used_by", "description", "other_terms"],
            },
        ),
    ]
