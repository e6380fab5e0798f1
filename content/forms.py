"""Forms of the content app: importing articles in the admin."""

from django import forms
from django.core.exceptions import ValidationError

from .ingest import (
    MAX_FILE_BYTES,
    ArticleFileError,
    fetch_article,
    parse_article_bytes,
    parse_article_text,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field taking any number of files; cleans to a list (empty when none)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ArticleImportForm(forms.Form):
    """Articles from pasted text, uploaded files and a URL, any mix of them, read and checked.

    After `is_valid()`, `parsed_articles` holds a `ParsedArticle` for each; nothing is stored
    here. Every source that cannot be read becomes one line among the form's errors, each naming
    the source and the reason, so a teacher sees all the problems at once.
    """

    # (legend, description, field names): how the import page groups the fields.
    fieldsets = [
        (
            "Paste an article",
            "The article file format: front matter between '---' lines (title, outlet and "
            "published are required; url, language, voice, omissions optional), then the body, "
            "paragraphs separated by blank lines.",
            ["text"],
        ),
        (
            "Upload files",
            "Article files (.txt, .md) or saved web pages (.html, .htm), at most 2 MB each.",
            ["files"],
        ),
        (
            "Fetch a page",
            "The page's main text and metadata are extracted. Outlet, title and published "
            "date below are used when the page (or an uploaded .html file) does not give them.",
            ["url", "outlet", "title", "published"],
        ),
    ]

    text = forms.CharField(
        label="Article text",
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={
                "rows": 14,
                "cols": 90,
                "placeholder": "---\ntitle: …\noutlet: …\npublished: 2024-11-08\n---\n"
                "First paragraph…",
            }
        ),
    )
    files = MultipleFileField(label="Files", required=False)
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="The address of the article's page (http or https).",
    )
    outlet = forms.CharField(
        label="Outlet",
        required=False,
        max_length=200,
        help_text="Matched against known outlets by name or alias; a new one is created.",
    )
    title = forms.CharField(label="Title", required=False, max_length=300)
    published = forms.DateField(
        label="Published",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="YYYY-MM-DD",
    )

    def clean(self):
        data = super().clean()
        self.parsed_articles = []
        if self.errors:
            return data  # a field's own error (say, a malformed URL) says enough
        text, files, url = data.get("text") or "", data.get("files") or [], data.get("url")
        if not (text.strip() or files or url):
            raise ValidationError(
                "Give at least one article: paste its text, upload a file or enter a URL."
            )
        fallback = {key: data[key] for key in ("outlet", "title", "published") if data.get(key)}
        problems = []

        def read(parse, *args, **kwargs):
            try:
                self.parsed_articles.append(parse(*args, **kwargs))
            except ArticleFileError as error:
                problems.append(str(error))

        if text.strip():
            read(parse_article_text, text, name="pasted text")
        for upload in files:
            if upload.size > MAX_FILE_BYTES:
                # Refused before reading: the upload is already on disk, not in memory.
                problems.append(f"{upload.name}: larger than 2 MB ({upload.size:,} bytes)")
                continue
            read(parse_article_bytes, upload.read(), name=upload.name, fallback=fallback)
        if url:
            read(fetch_article, url, fallback=fallback)
        if problems:
            self.parsed_articles = []
            raise ValidationError([ValidationError(problem) for problem in problems])
        return data
