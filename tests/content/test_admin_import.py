"""Importing articles in the admin: pasted text, uploaded files and a URL fetched from a real
HTTP server on 127.0.0.1; all or nothing, every problem one line, only for teachers."""

import contextlib
import functools
import shutil
import socket
import threading
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content.ingest import MAX_FILE_BYTES, ArticleFileError, fetch_article
from content.models import Article, Outlet
from tests.quizzes.factories import UserFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
IMPORT = reverse("admin:content_article_import")
CHANGELIST = reverse("admin:content_article_changelist")

ARTICLE_TEXT = """---
title: Ceasefire anniversary marked in Baku
outlet: Caspian Post
url: https://example.org/ceasefire-anniversary
published: 2023-11-10
---
The war ended on 10 November 2020. It lasted 44 days.

Ceremonies were held across the country.
"""


def article_text(title, body="One sentence of the body. Another one."):
    return f"---\ntitle: {title}\noutlet: TRT\npublished: 2024-01-02\n---\n{body}\n"


# -- a real web server ----------------------------------------------------------------------


class PageHandler(SimpleHTTPRequestHandler):
    """Serves its directory, plus two misbehaving pages: one too long to announce its length,
    one too slow to answer."""

    def do_GET(self):
        if self.path == "/endless.html":
            # HTTP/1.0, no Content-Length: the body ends when the connection closes.
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_530 + b"</p>"
            # The client stops reading at the limit, as it should.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(MAX_FILE_BYTES // len(chunk) + 2):
                    self.wfile.write(chunk)
            return
        if self.path == "/slow.html":
            time.sleep(1.5)
        # The client may hang up on a page too large by its Content-Length, as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().do_GET()

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A web server on 127.0.0.1 serving an article page, JSON, a too large page and more;
    yields its base URL."""
    root = tmp_path_factory.mktemp("site")
    shutil.copy(DATA / "served-article.html", root / "article.html")
    shutil.copy(DATA / "trt-world-page.html", root / "trt.html")
    (root / "data.json").write_text('{"not": "a page"}')
    (root / "slow.html").write_text("<html><body><p>Late.</p></body></html>")
    (root / "big.html").write_bytes(
        b"<html><body><p>" + b"y" * MAX_FILE_BYTES + b"</p></body></html>"
    )
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(PageHandler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- users ----------------------------------------------------------------------------------


def problems(response):
    """The one-line reasons the re-rendered form shows."""
    assert response.status_code == 200
    return [str(error) for error in response.context["form"].non_field_errors()]


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# -- the page and its button ----------------------------------------------------------------


def test_the_article_list_has_an_import_button_leading_to_the_form(teacher_client):
    listing = teacher_client.get(CHANGELIST)
    assert f'href="{IMPORT}"' in listing.text

    page = teacher_client.get(IMPORT)

    assert page.status_code == 200
    for name in ("text", "files", "url", "outlet", "title", "published"):
        assert f'name="{name}"' in page.text
    assert 'enctype="multipart/form-data"' in page.text


# -- pasting --------------------------------------------------------------------------------


def test_pasting_an_article_file_imports_it_with_a_link_to_it(teacher_client):
    response = teacher_client.post(IMPORT, {"text": ARTICLE_TEXT})

    assert response.status_code == 302 and response["Location"] == CHANGELIST
    article = Article.objects.get()
    assert article.title == "Ceasefire anniversary marked in Baku"
    assert article.outlet.name == "Caspian Post"  # matched, not created
    assert article.published == date(2023, 11, 10)
    assert article.url == "https://example.org/ceasefire-anniversary"
    assert [s.text for s in article.sentences.order_by("position")] == [
        "The war ended on 10 November 2020.",
        "It lasted 44 days.",
        "Ceremonies were held across the country.",
    ]
    (message,) = messages_of(response)
    assert message.startswith("Imported 1 file: 1 created, 0 updated, 0 unchanged.")
    change = reverse("admin:content_article_change", args=[article.pk])
    assert f"<a href='{change}'>Ceasefire anniversary marked in Baku</a>" in message


def test_pasting_the_same_article_again_changes_nothing(teacher_client):
    teacher_client.post(IMPORT, {"text": ARTICLE_TEXT})
    first = Article.objects.get()

    response = teacher_client.post(IMPORT, {"text": ARTICLE_TEXT})

    assert messages_of(response)[-1].startswith(
        "Imported 1 file: 0 created, 0 updated, 1 unchanged"
    )
    assert list(Article.objects.all()) == [first]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Just a body without front matter.", "the file must start with a '---' line"),
        ("---\ntitle: T\noutlet: TRT\n", "no closing '---' line"),
        ("---\ntitle: T\noutlet: TRT\n---\nBody.", "missing published date"),
        ("---\ntitle: T\noutlet: TRT\npublished: 8 Nov 2023\n---\nBody.", "invalid published"),
        ("---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\n---\n\n", "empty body"),
        ("---\ntitle: T\ncolour: red\n---\nBody.", "unknown key 'colour'"),
    ],
)
def test_bad_pasted_text_re_renders_the_form_with_the_reason(teacher_client, text, reason):
    response = teacher_client.post(IMPORT, {"text": text})

    (problem,) = problems(response)
    assert problem.startswith("pasted text: ") and reason in problem
    assert "\n" not in problem
    assert "Nothing was imported" in response.text
    assert response.context["form"]["text"].value() == text  # kept for fixing
    assert not Article.objects.exists()


def test_an_empty_form_asks_for_an_article(teacher_client):
    response = teacher_client.post(IMPORT, {"text": "   "})

    assert problems(response) == [
        "Give at least one article: paste its text, upload a file or enter a URL."
    ]


# -- uploading ------------------------------------------------------------------------------


def upload(name, content):
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_several_files_import_together_text_and_saved_page(teacher_client):
    files = [
        upload("first.txt", article_text("First uploaded article")),
        upload("trt.html", (DATA / "trt-world-page.html").read_bytes()),
    ]

    response = teacher_client.post(IMPORT, {"files": files})

    assert response.status_code == 302
    assert set(Article.objects.values_list("title", flat=True)) == {
        "First uploaded article",
        "Azerbaijan marks Victory Day in Karabakh",
    }
    assert Article.objects.get(title__startswith="Azerbaijan").outlet.name == "TRT"  # alias
    assert messages_of(response)[0].startswith("Imported 2 files: 2 created")


def test_one_bad_file_among_good_ones_imports_nothing_and_names_each_problem(teacher_client):
    files = [
        upload("good.txt", article_text("Good article")),
        upload("latin1.txt", article_text("Café").encode("latin-1")),
        upload("notes.docx", b"PK\x03\x04"),
        upload("huge.txt", b"x" * (MAX_FILE_BYTES + 1)),
    ]

    response = teacher_client.post(IMPORT, {"files": files, "text": article_text("Pasted")})

    assert problems(response) == [
        "latin1.txt: not UTF-8 text (invalid byte at offset 14)",
        "notes.docx: not an article file (.txt, .md) or saved page (.html, .htm)",
        f"huge.txt: larger than 2 MB ({MAX_FILE_BYTES + 1:,} bytes)",
    ]
    assert not Article.objects.exists()


def test_an_uploaded_page_takes_the_outlet_from_the_form_when_it_names_none(teacher_client):
    page = upload("festival.html", (DATA / "served-article.html").read_bytes())
    without = teacher_client.post(IMPORT, {"files": [page]})
    assert problems(without) == ["festival.html: missing outlet"]

    page = upload("festival.html", (DATA / "served-article.html").read_bytes())
    response = teacher_client.post(IMPORT, {"files": [page], "outlet": "Local Gazette"})

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.outlet.name == "Local Gazette"
    assert Outlet.objects.get(name="Local Gazette").perspective_note == ""
    assert "new outlet Local Gazette (perspective note to write)" in messages_of(response)[0]


# -- fetching a URL -------------------------------------------------------------------------


def test_a_url_is_fetched_and_extracted_from_a_real_server(teacher_client, site):
    response = teacher_client.post(
        IMPORT, {"url": f"{site}/article.html", "outlet": "Local Gazette"}
    )

    assert response.status_code == 302, problems(response)
    article = Article.objects.get()
    assert article.title == "Shusha hosts a music festival"  # from the page's metadata
    assert article.published == date(2024, 5, 12)
    assert article.outlet.name == "Local Gazette"  # the page names none: the form's is used
    assert article.url == f"{site}/article.html"  # no canonical url: the address fetched
    texts = [s.text for s in article.sentences.order_by("position")]
    assert texts[0].startswith("The Kharibulbul music festival opened in Shusha on 12 May 2024")
    assert not any("Copyright" in text or "Home" in text for text in texts)  # no page chrome
    assert "Shusha hosts a music festival" in messages_of(response)[0]


def test_the_page_metadata_wins_over_the_form_fallbacks(teacher_client, site):
    response = teacher_client.post(
        IMPORT,
        {
            "url": f"{site}/trt.html",
            "outlet": "Somebody Else",
            "title": "Another title",
            "published": "2000-01-01",
        },
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.title, article.outlet.name, article.published) == (
        "Azerbaijan marks Victory Day in Karabakh",
        "TRT",
        date(2023, 11, 8),
    )
    assert article.url == "https://www.trtworld.com/article/azerbaijan-marks-victory-day"


def test_title_and_date_fall_back_to_the_form(site):
    article = fetch_article(
        f"{site}/slow.html",
        timeout=5,
        fallback={"outlet": "Slow Times", "title": "A late page", "published": date(2024, 2, 3)},
    )

    assert (article.title, article.outlet, article.published) == (
        "A late page",
        "Slow Times",
        date(2024, 2, 3),
    )
    assert article.body == "Late."


def test_an_unreachable_url_is_one_clear_line(teacher_client, closed_port):
    url = f"http://127.0.0.1:{closed_port}/article.html"

    response = teacher_client.post(IMPORT, {"url": url, "outlet": "X"})

    assert problems(response) == [f"{url}: could not fetch the page (Connection refused)"]
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/data.json", "not an HTML page (the server sent application/json)"),
        ("/big.html", f"larger than 2 MB ({MAX_FILE_BYTES + 33:,} bytes)"),
        ("/endless.html", "larger than 2 MB"),
        ("/missing.html", "the server answered 404 File not found"),
    ],
)
def test_a_url_that_is_no_usable_page_is_refused_with_the_reason(
    teacher_client, site, path, reason
):
    response = teacher_client.post(
        IMPORT, {"url": site + path, "outlet": "X", "text": ARTICLE_TEXT}
    )

    assert problems(response) == [f"{site}{path}: {reason}"]
    assert not Article.objects.exists()  # the pasted article is not kept either


def test_a_silent_server_times_out(site):
    with pytest.raises(ArticleFileError, match=r"slow\.html: no answer within 0\.3 seconds$"):
        fetch_article(f"{site}/slow.html", timeout=0.3)


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "file:///etc/passwd", "nonsense"])
def test_only_http_addresses_are_fetched(url):
    with pytest.raises(ArticleFileError, match=r"invalid url \(give a full http"):
        fetch_article(url)


def test_a_malformed_url_in_the_form_is_a_field_error(teacher_client):
    response = teacher_client.post(IMPORT, {"url": "http://exa mple"})

    assert response.status_code == 200
    assert response.context["form"].errors["url"] == ["Enter a valid URL."]
    assert not Article.objects.exists()


# -- who may import -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "learner"])
def test_learners_and_visitors_get_the_admin_login(client, who):
    if who == "learner":
        client.force_login(UserFactory(username="learner"))

    for response in (client.get(IMPORT), client.post(IMPORT, {"text": ARTICLE_TEXT})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert not Article.objects.exists()


def test_staff_without_the_right_to_add_articles_get_no_import(client):
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="content", codename__in=["view_article", "change_article"]
        )
    )
    client.force_login(viewer)

    assert IMPORT not in client.get(CHANGELIST).text
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"text": ARTICLE_TEXT}).status_code == 403
    assert not Article.objects.exists()
