"""Reading articles into the library: file parsing and the import itself.

The `parse_*` functions are pure (no database); sentence splitting is `content.sentences`
(`split_sentences`, re-exported here for the callers that import it from this module); `fetch_article` reads a
page over HTTP; `import_parsed` is the one function that writes, inside a single transaction,
for `import_articles` (files) and the admin's import (pasted text, uploads, a URL) alike.
"""

import contextlib
import http.client
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from .models import Article, Outlet, Sentence
from .sentences import PARAGRAPH_BREAK, split_sentences
from .sentences import SentenceSpan as SentenceSpan  # re-exported: callers import it from here

# --- Article files and saved pages -------------------------------------------------------------

MAX_FILE_BYTES = 2 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
FRONT_MATTER_KEYS = (
    "title",
    "outlet",
    "url",
    "published",
    "language",
    "voice",
    "omissions",
    "licence",
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
VOICES = {
    "news": Article.Voice.NEWS,
    "news report": Article.Voice.NEWS,
    "opinion": Article.Voice.OPINION,
    "official": Article.Voice.OFFICIAL,
    "official statement": Article.Voice.OFFICIAL,
}


class ArticleFileError(ValueError):
    """A file that cannot be imported; `str()` is one line naming the file and the reason."""

    def __init__(self, name, reason):
        self.name = str(name)
        self.reason = reason
        super().__init__(f"{self.name}: {reason}")


@dataclass(frozen=True)
class ParsedArticle:
    """An article read from a file, validated but not yet stored."""

    source: str
    title: str
    outlet: str
    published: date
    body: str
    url: str = ""
    language: str = "en"
    voice: str = Article.Voice.NEWS
    omissions: str = ""
    licence: str = ""

    @property
    def checksum(self):
        """SHA-256 of the body: the same text always gives the same checksum."""
        return Article.checksum_of(self.body)


def parse_article_file(path):
    """Read an article file in the front-matter format of DESIGN.md.

    Raises ArticleFileError (naming the file) when the file is over 2 MB, not UTF-8 text, has
    malformed front matter, lacks title/outlet/published, has an invalid date, url or voice, or
    has an empty body.
    """
    path = Path(path)
    return parse_article_text(_read_text(path), name=path)


def parse_article_text(text, *, name="<text>"):
    """Read an article given as text (pasted, say) in the front-matter format of DESIGN.md.

    The same checks as `parse_article_file`, the errors naming `name`.
    """
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise ArticleFileError(name, f"larger than 2 MB ({size:,} bytes)")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ArticleFileError(
            name, "malformed front matter: the file must start with a '---' line"
        )
    try:
        closing = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    except StopIteration:
        raise ArticleFileError(name, "malformed front matter: no closing '---' line") from None
    meta = _parse_front_matter(name, lines[1:closing], first_line=2)
    body = "\n".join(lines[closing + 1 :])
    return _build_article(name, meta, body)


def parse_article_bytes(data, *, name, fallback=None):
    """Read an uploaded file by its name's suffix: .html/.htm as a page (`parse_html_page`, with
    `fallback`), .txt/.md as an article file. Same checks and errors as for files on disk."""
    suffix = Path(name).suffix.lower()
    if suffix not in ARTICLE_SUFFIXES + HTML_SUFFIXES:
        raise ArticleFileError(name, "not an article file (.txt, .md) or saved page (.html, .htm)")
    if len(data) > MAX_FILE_BYTES:
        raise ArticleFileError(name, f"larger than 2 MB ({len(data):,} bytes)")
    text = _decode_text(name, data)
    if suffix in HTML_SUFFIXES:
        return parse_html_page(html=text, name=name, fallback=fallback)
    return parse_article_text(text, name=name)


def parse_html_page(*, path=None, html=None, name="<html>", fallback=None):
    """Read a saved HTML page (give `path`, or the page itself as `html`) with trafilatura.

    Title, outlet (the site name, else the host name), url and published date come from the
    page's metadata; the main text becomes the body, one paragraph per block. `fallback`, a
    dict with any of those keys, gives the values the metadata lacks (a `published` date may be
    a `date`). Raises ArticleFileError naming the file (or `name`) when any of them is missing
    or invalid.
    """
    if (path is None) == (html is None):
        raise TypeError("give exactly one of path= or html=")
    if path is not None:
        name = Path(path)
        html = _read_text(name)
    import trafilatura  # lazy: lxml and friends are only needed for HTML pages

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Only dates the page declares: the extensive search guesses from dates in the text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise ArticleFileError(name, "empty body (no article text found in the page)")
    title = (document.title or "").strip()
    lines = [line.strip() for line in document.text.split("\n")]
    if lines and lines[0] == title:
        lines = lines[1:]  # trafilatura repeats the headline as the first line
    meta = {
        "title": title,
        "outlet": (document.sitename or document.hostname or "").strip(),
        "url": (document.url or "").strip(),
        "published": (document.date or "").strip(),
        "language": (document.language or "en").strip(),
    }
    for key, value in (fallback or {}).items():
        if not meta.get(key) and value:
            meta[key] = value.isoformat() if isinstance(value, date) else str(value).strip()
    return _build_article(name, meta, "\n\n".join(line for line in lines if line))


def parse_path(path):
    """Parse one file as a saved HTML page (.html, .htm) or else as an article file."""
    path = Path(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        return parse_html_page(path=path)
    return parse_article_file(path)


def collect_article_paths(paths):
    """Expand `paths` into the files to import: files as given, directories into their
    *.txt, *.md, *.html and *.htm files (sorted, not recursive). Raises ArticleFileError for a
    path that does not exist or a directory without such files."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES + HTML_SUFFIXES
            )
            if not found:
                raise ArticleFileError(path, "directory holds no .txt, .md or .html files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ArticleFileError(path, "no such file or directory")
    return files


def _read_text(path):
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ArticleFileError(path, f"cannot read file ({error.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise ArticleFileError(path, f"larger than 2 MB ({size:,} bytes)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleFileError(path, f"cannot read file ({error.strerror})") from None
    return _decode_text(path, data)


def _decode_text(name, data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFileError(
            name, f"not UTF-8 text (invalid byte at offset {error.start})"
        ) from None
    if "\x00" in text:
        raise ArticleFileError(name, "not UTF-8 text (contains NUL bytes)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- Pages on the web --------------------------------------------------------------------------

FETCH_TIMEOUT = 10  # seconds without an answer before giving up on a page
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


def fetch_article(url, *, timeout=FETCH_TIMEOUT, fallback=None):
    """Fetch the page at `url` (http or https) and read it as `parse_html_page` does.

    `fallback` gives the title, outlet or published date the page's metadata lacks; the url
    stored is the page's canonical one, else the address fetched (after redirects). Raises
    ArticleFileError naming `url`, one line, when the address is not an http(s) URL, the server
    cannot be reached, answers with an error status, stays silent for `timeout` seconds, sends
    something other than HTML or more than 2 MB, or the page fails `parse_html_page`.
    """
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ArticleFileError(
            url or "<url>", "invalid url (give a full http:// or https:// address)"
        ) from None
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": "quizsite-article-import/1.0",
            "Accept": "text/html,application/xhtml+xml;q=0.9",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            fetched_url = response.geturl()
            content_type = response.headers.get_content_type()
            if content_type not in HTML_CONTENT_TYPES:
                raise ArticleFileError(url, f"not an HTML page (the server sent {content_type})")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > MAX_FILE_BYTES:
                raise ArticleFileError(url, f"larger than 2 MB ({int(declared):,} bytes)")
            # Read one byte past the limit: a page without Content-Length must not fill memory.
            data = response.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise ArticleFileError(url, "larger than 2 MB")
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        raise ArticleFileError(
            url, f"the server answered {error.code} {error.reason}".rstrip()
        ) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise ArticleFileError(url, f"no answer within {timeout} seconds") from None
        reason = getattr(error.reason, "strerror", None) or str(error.reason)
        raise ArticleFileError(url, f"could not fetch the page ({reason})") from None
    except TimeoutError:
        raise ArticleFileError(url, f"no answer within {timeout} seconds") from None
    except (OSError, http.client.HTTPException) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise ArticleFileError(url, f"could not fetch the page ({reason})") from None
    html = data  # without a (known) charset, trafilatura guesses the encoding from the bytes
    if charset:
        with contextlib.suppress(LookupError):
            html = data.decode(charset, errors="replace")
    return parse_html_page(html=html, name=url, fallback={"url": fetched_url, **(fallback or {})})


def _parse_front_matter(path, lines, *, first_line):
    meta = {}
    for number, line in enumerate(lines, first_line):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or not re.fullmatch(r"[a-z_]+", key):
            raise ArticleFileError(
                path, f"malformed front matter: line {number} is not 'key: value'"
            )
        if key not in FRONT_MATTER_KEYS:
            raise ArticleFileError(
                path,
                f"malformed front matter: unknown key '{key}' on line {number} "
                f"(known: {', '.join(FRONT_MATTER_KEYS)})",
            )
        if key in meta:
            raise ArticleFileError(
                path, f"malformed front matter: '{key}' given twice (line {number})"
            )
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].strip()
        meta[key] = value
    return meta


def _build_article(name, meta, body):
    for key, label in (("title", "title"), ("outlet", "outlet"), ("published", "published date")):
        if not meta.get(key):
            raise ArticleFileError(name, f"missing {label}")
    title = meta["title"]
    if len(title) > Article._meta.get_field("title").max_length:
        raise ArticleFileError(name, "title longer than 300 characters")
    if len(meta["outlet"]) > Outlet._meta.get_field("name").max_length:
        raise ArticleFileError(name, "outlet name longer than 200 characters")
    published = meta["published"]
    try:
        if not ISO_DATE.fullmatch(published):
            raise ValueError
        published = date.fromisoformat(published)
    except ValueError:
        raise ArticleFileError(
            name, f"invalid published date '{published}' (expected YYYY-MM-DD)"
        ) from None
    url = meta.get("url", "")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ArticleFileError(name, f"invalid url '{url}'") from None
        if len(url) > Article._meta.get_field("url").max_length:
            raise ArticleFileError(name, "url longer than 500 characters")
    voice = meta.get("voice", "news").lower()
    if voice not in VOICES:
        raise ArticleFileError(
            name, f"invalid voice '{meta['voice']}' (expected news, opinion or official)"
        )
    language = meta.get("language") or "en"
    if len(language) > Article._meta.get_field("language").max_length:
        raise ArticleFileError(name, f"invalid language '{language}'")
    body = normalize_body(body)
    if not body:
        raise ArticleFileError(name, "empty body")
    return ParsedArticle(
        source=str(name),
        title=title,
        outlet=meta["outlet"],
        published=published,
        body=body,
        url=url,
        language=language,
        voice=VOICES[voice],
        omissions=meta.get("omissions", ""),
        licence=meta.get("licence", ""),
    )


def normalize_body(text):
    """The canonical form of a body: paragraphs trimmed and separated by exactly one blank line.

    Whitespace inside a paragraph, and every character of every sentence, is kept as given.
    """
    paragraphs = (part.strip() for part in PARAGRAPH_BREAK.split(text))
    return "\n\n".join(part for part in paragraphs if part)


# --- Import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedItem:
    """One thing an import read (an article file, a row of a question CSV) and what storing it
    did: `pk` is the article or question it created, updated or found unchanged."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"

    source: str
    pk: int
    outcome: str


@dataclass
class ImportReport:
    """What one import did, item by item: the articles' (`import_parsed`, an item per file) and
    the questions' (`quizzes.exports.import_questions_csv`, an item per row) alike."""

    noun: str = "file"  # what an item is, for the summary
    items: list[ImportedItem] = field(default_factory=list)
    outlets_created: list[str] = field(default_factory=list)

    def count(self, outcome):
        return sum(1 for item in self.items if item.outcome == outcome)

    @property
    def created(self):
        return self.count(ImportedItem.CREATED)

    @property
    def updated(self):
        return self.count(ImportedItem.UPDATED)

    @property
    def unchanged(self):
        return self.count(ImportedItem.UNCHANGED)

    def summary(self):
        """One line for people: how many items, and what happened to them."""
        line = (
            f"{len(self.items)} {self.noun}{'s' if len(self.items) != 1 else ''}: "
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        )
        if self.outlets_created:
            line += f"; new outlet{'s' if len(self.outlets_created) > 1 else ''} "
            line += ", ".join(self.outlets_created) + " (perspective note to write)"
        return line + "."


def import_articles(*, paths, progress=None):
    """Import article files and saved HTML pages into the library, all or nothing.

    `paths` may name files and directories (see `collect_article_paths`). Every file is parsed
    and validated before anything is written; the first bad file raises ArticleFileError and
    nothing is kept. Then, in one transaction, each article is:
    - unchanged when an article with the same body checksum exists;
    - updated (metadata, body, and sentences re-split) when an article with the same url
      exists, or, for a file without url, one without url and the same title slug;
    - created otherwise, with a unique slug from its title.
    Outlets are matched by name or alias, case-insensitively; an unknown one is created with an
    empty perspective note and the attribution name `known_attribution_name` gives, if any.
    `progress`, if given, is called as `progress(items, desc=...)` around the files being read
    and then written (`tqdm` fits) and returns an iterable over them.
    """
    progress = progress or (lambda items, desc: items)
    parsed = [parse_path(path) for path in progress(collect_article_paths(paths), desc="Reading")]
    return import_parsed(articles=parsed, progress=progress)


def import_parsed(*, articles, progress=None):
    """Store already parsed articles (`ParsedArticle`s) in one transaction, all or nothing.

    Each is unchanged, updated or created, and outlets matched or created, as `import_articles`
    describes; returns the ImportReport.
    """
    progress = progress or (lambda items, desc: items)
    report = ImportReport()
    with transaction.atomic():
        outlets = _OutletDirectory()
        for article in progress(list(articles), desc="Writing"):
            report.items.append(_store_article(article, outlets))
        report.outlets_created = outlets.created
    return report


# The attribution names of outlets the library knows, given to such an outlet when an import
# creates it (migration 0010 fills the same names on outlets that were already there). Keys:
# the name, lower-cased, as written or without anything in brackets.
KNOWN_ATTRIBUTION_NAMES = {
    "trt": "TRT",
    "caspian post": "the Caspian Post",
    "ministry of foreign affairs of armenia": "Armenia's Foreign Ministry",
    "ministry of foreign affairs of the republic of armenia": "Armenia's Foreign Ministry",
    "ministry of foreign affairs of azerbaijan": "Azerbaijan's Foreign Ministry",
    "ministry of foreign affairs of the republic of azerbaijan": "Azerbaijan's Foreign Ministry",
    "office of the prime minister of armenia": "Armenia's prime minister's office",
    "u.s. department of state": "the U.S. State Department",
    "u.s. state department": "the U.S. State Department",
    "european external action service (eu high representative)": "the EU's foreign policy chief",
    "european external action service": "the EU's diplomatic service",
    "wikinews": "Wikinews",
    "nasa": "NASA",
    "nasa space station blog": "NASA",
    "u.s. geological survey": "the U.S. Geological Survey",
    "united states geological survey": "the U.S. Geological Survey",
    "usgs": "the U.S. Geological Survey",
    "u.s. armed forces sports (department of defense)": "U.S. Armed Forces Sports",
    "u.s. armed forces sports": "U.S. Armed Forces Sports",
}
_BRACKETED = re.compile(r"\s*\([^)]*\)")


def known_attribution_name(name):
    """The attribution name the library knows for an outlet called `name`, else ""."""
    name = " ".join(name.split()).lower()
    for key in (name, " ".join(_BRACKETED.sub("", name).split())):
        if key in KNOWN_ATTRIBUTION_NAMES:
            return KNOWN_ATTRIBUTION_NAMES[key]
    return ""


class _OutletDirectory:
    """Outlets by lower-cased name and alias, creating unknown ones on first use."""

    def __init__(self):
        self.by_name = {}
        self.created = []
        for outlet in Outlet.objects.all():
            for alias in reversed(outlet.aliases or []):
                self.by_name.setdefault(str(alias).strip().lower(), outlet)
        for outlet in Outlet.objects.all():
            self.by_name[outlet.name.lower()] = outlet  # a name beats another outlet's alias

    def get(self, name):
        key = name.strip().lower()
        if key not in self.by_name:
            outlet = Outlet.objects.create(
                name=name.strip(),
                slug=unique_slug(model=Outlet, text=name),
                attribution_name=known_attribution_name(name),
                perspective_note="",
            )
            self.by_name[key] = outlet
            self.created.append(outlet.name)
        return self.by_name[key]


def _store_article(parsed, outlets):
    checksum = parsed.checksum
    existing = Article.objects.filter(checksum=checksum).first()
    if existing:
        return ImportedItem(parsed.source, existing.pk, ImportedItem.UNCHANGED)
    if parsed.url:
        article = Article.objects.filter(url=parsed.url).first()
    else:
        article = Article.objects.filter(url="", slug=_base_slug(parsed.title)).first()
    outcome = ImportedItem.UPDATED if article else ImportedItem.CREATED
    if article is None:
        article = Article(slug=unique_slug(model=Article, text=parsed.title))
    article.outlet = outlets.get(parsed.outlet)
    article.title = parsed.title
    article.url = parsed.url
    article.published = parsed.published
    article.language = parsed.language
    article.voice = parsed.voice
    article.omissions_note = parsed.omissions
    article.licence = parsed.licence
    article.body = parsed.body
    article.checksum = checksum
    article.save()
    store_sentences(article=article)
    return ImportedItem(parsed.source, article.pk, outcome)


def store_sentences(*, article):
    """Replace the article's sentences with a fresh split of its body.

    Sends `content.signals.article_resplit` afterwards so other apps can follow the change.
    """
    from .signals import article_resplit

    with transaction.atomic():
        article.sentences.all().delete()
        Sentence.objects.bulk_create(
            Sentence(
                article=article,
                position=span.position,
                paragraph=span.paragraph,
                text=span.text,
                start=span.start,
                end=span.end,
            )
            for span in split_sentences(article.body)
        )
    article_resplit.send(sender=Article, article=article)


def _base_slug(title, *, fallback="untitled"):
    # Leave room under the 200-character limit for a "-NN" suffix.
    return slugify(title)[:190].strip("-") or fallback


def unique_slug(*, model, text, fallback="untitled"):
    """A slug no `model` row has yet, made from `text`: slugified and cut to 190 characters,
    then "-2", "-3"… added until it is free; `fallback` when `text` gives no slug at all."""
    base = _base_slug(text, fallback=fallback)
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
