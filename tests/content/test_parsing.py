"""The pure parsers of content.ingest: article files and saved HTML pages, no database."""

from datetime import date
from pathlib import Path

import pytest

from content.ingest import (
    ArticleFileError,
    collect_article_paths,
    normalize_body,
    parse_article_file,
    parse_html_page,
)

DATA = Path(__file__).parent / "data"


def write(tmp_path, text, name="article.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_article_file_reads_front_matter_and_body(tmp_path):
    path = write(
        tmp_path,
        "---\n"
        "title: Azerbaijan celebrates third anniversary of victory in Karabakh\n"
        "outlet: TRT\n"
        "url: https://example.org/article\n"
        "published: 2023-11-08\n"
        "language: en\n"
        "voice: opinion\n"
        "omissions: Leaves out Armenian losses.\n"
        "---\n"
        "First paragraph. Still first.\n\n\n"
        "Second paragraph.\n",
    )
    article = parse_article_file(path)
    assert article.title == "Azerbaijan celebrates third anniversary of victory in Karabakh"
    assert article.outlet == "TRT"
    assert article.url == "https://example.org/article"
    assert article.published == date(2023, 11, 8)
    assert article.language == "en"
    assert article.voice == "opinion"
    assert article.omissions == "Leaves out Armenian losses."
    assert article.body == "First paragraph. Still first.\n\nSecond paragraph."
    assert article.source == str(path)
    assert len(article.checksum) == 64


def test_parse_article_file_defaults_and_windows_line_endings(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        b"\xef\xbb\xbf---\r\ntitle: 'Quoted title: with colon'\r\noutlet: TRT\r\n"
        b"published: 2020-11-10\r\n---\r\nBody.\r\n"
    )
    article = parse_article_file(path)
    assert article.title == "Quoted title: with colon"
    assert (article.url, article.language, article.voice, article.omissions) == (
        "",
        "en",
        "news",
        "",
    )
    assert article.body == "Body."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\noutlet: TRT\npublished: 2023-11-08\n---\nBody.\n", "missing title"),
        ("---\ntitle: T\npublished: 2023-11-08\n---\nBody.\n", "missing outlet"),
        ("---\ntitle: T\noutlet: TRT\n---\nBody.\n", "missing published date"),
        (
            "---\ntitle: T\noutlet: TRT\npublished: 2023-13-08\n---\nBody.\n",
            "invalid published date '2023-13-08' (expected YYYY-MM-DD)",
        ),
        (
            "---\ntitle: T\noutlet: TRT\npublished: 8 Nov 2023\n---\nBody.\n",
            "invalid published date '8 Nov 2023' (expected YYYY-MM-DD)",
        ),
        ("---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\n---\n\n \n", "empty body"),
        (
            "title: T\noutlet: TRT\npublished: 2023-11-08\n\nBody.\n",
            "malformed front matter: the file must start with a '---' line",
        ),
        (
            "---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\nBody.\n",
            "malformed front matter: no closing '---' line",
        ),
        (
            "---\ntitle: T\noutlet TRT\npublished: 2023-11-08\n---\nBody.\n",
            "malformed front matter: line 3 is not 'key: value'",
        ),
        (
            "---\ntitle: T\nsource: TRT\npublished: 2023-11-08\n---\nBody.\n",
            "malformed front matter: unknown key 'source' on line 3",
        ),
        (
            "---\ntitle: T\ntitle: U\noutlet: TRT\npublished: 2023-11-08\n---\nBody.\n",
            "malformed front matter: 'title' given twice (line 3)",
        ),
        (
            "---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\nurl: not a url\n---\nBody.\n",
            "invalid url 'not a url'",
        ),
        (
            "---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\nvoice: rant\n---\nBody.\n",
            "invalid voice 'rant'",
        ),
    ],
)
def test_parse_article_file_rejects_bad_files_with_one_line_naming_file_and_reason(
    tmp_path, text, reason
):
    path = write(tmp_path, text)
    with pytest.raises(ArticleFileError) as raised:
        parse_article_file(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: {reason}")
    assert "\n" not in message


def test_parse_article_file_rejects_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("---\ntitle: Atatürk\noutlet: TRT\n".encode("latin-1"))
    with pytest.raises(ArticleFileError, match=r"latin1\.txt: not UTF-8 text"):
        parse_article_file(path)


def test_parse_article_file_rejects_binary_data(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"---\x00\x00\x00")
    with pytest.raises(ArticleFileError, match=r"image\.txt: not UTF-8 text"):
        parse_article_file(path)


def test_parse_article_file_rejects_a_file_larger_than_2_mb(tmp_path):
    path = write(
        tmp_path,
        "---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\n---\n" + "Word. " * 400_000,
    )
    with pytest.raises(ArticleFileError, match=r"article\.txt: larger than 2 MB"):
        parse_article_file(path)


def test_normalize_body_keeps_sentences_and_collapses_blank_lines():
    assert normalize_body("\n  A. B.\n\u00a0\n\n\nC\nD.  \n") == "A. B.\n\nC\nD."


def test_parse_html_page_extracts_text_and_metadata_with_trafilatura():
    article = parse_html_page(path=DATA / "trt-world-page.html")
    assert article.title == "Azerbaijan marks Victory Day in Karabakh"
    assert article.outlet == "TRT World"
    assert article.url == "https://www.trtworld.com/article/azerbaijan-marks-victory-day"
    assert article.published == date(2023, 11, 8)
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0] == (
        "Azerbaijan marked Victory Day on Nov. 8, 2023, three years after the army took Shusha."
        " Officials laid wreaths in Baku."
    )
    assert "Comments that contain insults" not in article.body  # page chrome dropped
    assert "Home" not in paragraphs


def test_parse_html_page_without_a_date_names_the_reason():
    html = (
        "<html><head><title>No date</title><meta property='og:site_name' content='X'></head>"
        "<body><article><h1>No date</h1><p>A paragraph long enough to be kept as text by the "
        "extractor, about nothing in particular.</p></article></body></html>"
    )
    with pytest.raises(ArticleFileError, match=r"^page\.html: missing published date$"):
        parse_html_page(html=html, name="page.html")


def test_parse_html_page_of_an_empty_page_is_an_empty_body():
    with pytest.raises(ArticleFileError, match=r"^blank: empty body"):
        parse_html_page(html="<html><body></body></html>", name="blank")


def test_collect_article_paths_expands_directories_and_rejects_missing_paths(tmp_path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.html").write_text("x")
    (tmp_path / "notes.csv").write_text("x")
    assert collect_article_paths([tmp_path]) == [tmp_path / "a.html", tmp_path / "b.txt"]
    with pytest.raises(ArticleFileError, match="nope.txt: no such file or directory"):
        collect_article_paths([tmp_path / "nope.txt"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ArticleFileError, match="empty: directory holds no"):
        collect_article_paths([empty])
