"""import_articles and its command: all or nothing, idempotent, updates re-split sentences."""

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from content.ingest import ArticleFileError, ImportedItem, import_articles
from content.models import Article, Outlet, OutletSource, Sentence
from content.signals import article_resplit

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "content" / "seeds"
DATA = Path(__file__).parent / "data"


def article_file(tmp_path, name="article.txt", *, title="Shusha in November", outlet="TRT",
                 url="", body="Shusha was taken on Nov. 8, 2020. The war ended two days later.",
                 published="2023-11-08"):  # fmt: skip
    lines = ["---", f"title: {title}", f"outlet: {outlet}", f"published: {published}"]
    if url:
        lines.append(f"url: {url}")
    path = tmp_path / name
    path.write_text("\n".join([*lines, "---", body, ""]), encoding="utf-8")
    return path


def row_counts():
    return tuple(model.objects.count() for model in (Outlet, OutletSource, Article, Sentence))


def run_import(*paths):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_articles_with_sentences_matching_the_body(tmp_path):
    path = article_file(tmp_path)
    report = import_articles(paths=[path])
    assert [f.outcome for f in report.items] == [ImportedItem.CREATED]
    article = Article.objects.get()
    assert article.slug == "shusha-in-november"
    assert article.outlet.name == "TRT"
    sentences = list(article.sentences.all())
    assert [s.text for s in sentences] == [
        "Shusha was taken on Nov. 8, 2020.",
        "The war ended two days later.",
    ]
    assert all(article.body[s.start : s.end] == s.text for s in sentences)


def test_reimporting_the_same_file_is_a_no_op(tmp_path):
    path = article_file(tmp_path)
    run_import(path)
    article = Article.objects.get()
    sentence_ids = list(Sentence.objects.values_list("id", flat=True))
    out, _ = run_import(path)
    assert "0 created, 0 updated, 1 unchanged" in out
    assert Article.objects.get().updated == article.updated
    assert list(Sentence.objects.values_list("id", flat=True)) == sentence_ids


def test_a_changed_body_for_the_same_url_updates_the_article_and_resplits_it(tmp_path):
    url = "https://example.org/shusha"
    import_articles(paths=[article_file(tmp_path, url=url)])
    old_ids = set(Sentence.objects.values_list("id", flat=True))
    received = []

    def listener(sender, article, **kwargs):
        received.append(article.pk)

    article_resplit.connect(listener)
    try:
        changed = article_file(
            tmp_path, "changed.txt", url=url, title="Shusha, revised",
            body="Shusha was taken on Nov. 8, 2020.\n\nA new paragraph. With two sentences.",
        )  # fmt: skip
        report = import_articles(paths=[changed])
    finally:
        article_resplit.disconnect(listener)
    assert [f.outcome for f in report.items] == [ImportedItem.UPDATED]
    article = Article.objects.get()
    assert article.title == "Shusha, revised"
    assert article.slug == "shusha-in-november"  # links to the article keep working
    assert [(s.position, s.paragraph, s.text) for s in article.sentences.all()] == [
        (0, 0, "Shusha was taken on Nov. 8, 2020."),
        (1, 1, "A new paragraph."),
        (2, 1, "With two sentences."),
    ]
    assert not old_ids & set(Sentence.objects.values_list("id", flat=True))
    assert received == [article.pk]


def test_a_changed_body_without_url_updates_the_article_with_the_same_title(tmp_path):
    import_articles(paths=[article_file(tmp_path)])
    report = import_articles(
        paths=[article_file(tmp_path, "v2.txt", body="Only one sentence now.")]
    )
    assert report.updated == 1
    assert Article.objects.get().sentences.get().text == "Only one sentence now."


def test_different_articles_with_the_same_title_get_unique_slugs(tmp_path):
    import_articles(
        paths=[
            article_file(tmp_path, "a.txt", url="https://example.org/a"),
            article_file(tmp_path, "b.txt", url="https://example.org/b", body="Other text."),
        ]
    )
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "shusha-in-november",
        "shusha-in-november-2",
    ]


@pytest.mark.parametrize(
    "outlet_name", ["TRT", "trt world", "Turkish Radio and Television Corporation"]
)
def test_a_known_outlet_is_matched_by_name_or_alias_case_insensitively(tmp_path, outlet_name):
    trt = Outlet.objects.get(name="TRT")
    outlets_before = Outlet.objects.count()
    import_articles(paths=[article_file(tmp_path, outlet=outlet_name)])
    assert Article.objects.get().outlet == trt
    assert Outlet.objects.count() == outlets_before


def test_an_unknown_outlet_is_created_with_an_empty_note(tmp_path):
    out, _ = run_import(article_file(tmp_path, outlet="Armenpress"))
    outlet = Outlet.objects.get(name="Armenpress")
    assert (outlet.slug, outlet.perspective_note, outlet.alignment) == (
        "armenpress",
        "",
        Outlet.Alignment.UNKNOWN,
    )
    assert "new outlet Armenpress" in out


def test_a_directory_imports_the_seed_articles(tmp_path):
    out, _ = run_import(SEEDS)
    assert out.strip() == "Imported 2 files: 2 created, 0 updated, 0 unchanged."
    trt = Article.objects.get(outlet__name="TRT")
    caspian = Article.objects.get(outlet__name="Caspian Post")
    assert trt.slug == "azerbaijan-celebrates-third-anniversary-of-victory-in-karabakh"
    assert (trt.voice, caspian.voice) == (Article.Voice.NEWS, Article.Voice.OPINION)
    assert "100,417" in trt.omissions_note and "3,773 killed" in caspian.omissions_note
    assert caspian.url.startswith("https://caspianpost.com/en/post/")
    out, _ = run_import(SEEDS)
    assert "0 created, 0 updated, 2 unchanged" in out


def test_an_html_page_is_imported_through_trafilatura(tmp_path):
    run_import(DATA / "trt-world-page.html")
    article = Article.objects.get()
    assert article.outlet.name == "TRT"  # "TRT World" is an alias of the known outlet
    assert article.sentences.filter(text__startswith="The U.S. and the European Union").exists()


BAD_FILES = {
    "missing title": "---\noutlet: TRT\npublished: 2023-11-08\n---\nBody.\n",
    "missing outlet": "---\ntitle: T\npublished: 2023-11-08\n---\nBody.\n",
    "missing published date": "---\ntitle: T\noutlet: TRT\n---\nBody.\n",
    "invalid published date": "---\ntitle: T\noutlet: TRT\npublished: 2023-02-30\n---\nBody.\n",
    "empty body": "---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\n---\n\n",
    "malformed front matter": "---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\nBody.\n",
    "not UTF-8 text": "---\ntitle: Atatürk\noutlet: TRT\npublished: 2023-11-08\n---\nBody.\n",
    "larger than 2 MB": "---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\n---\n"
    + "Word. " * 400_000,
}


@pytest.mark.parametrize("reason", BAD_FILES)
def test_a_bad_file_fails_the_whole_call_and_keeps_nothing(tmp_path, reason):
    run_import(article_file(tmp_path, "earlier.txt", title="Imported earlier"))
    good = article_file(tmp_path, "good.txt", outlet="A New Outlet")
    changed = article_file(tmp_path, "changed.txt", title="Imported earlier", body="New text.")
    bad = tmp_path / "bad.txt"
    encoding = "latin-1" if reason == "not UTF-8 text" else "utf-8"
    bad.write_bytes(BAD_FILES[reason].encode(encoding))
    before = row_counts()
    body_before = Article.objects.get().body

    with pytest.raises(CommandError) as raised:
        run_import(good, changed, bad)

    assert raised.value.returncode == 1
    message = str(raised.value)
    assert message.startswith(f"{bad}: {reason}")
    assert "\n" not in message
    assert row_counts() == before
    assert Article.objects.get().body == body_before
    assert not Outlet.objects.filter(name="A New Outlet").exists()


def test_a_missing_path_fails_with_its_name(tmp_path):
    with pytest.raises(CommandError, match=r"nope\.txt: no such file or directory"):
        run_import(tmp_path / "nope.txt")


def test_import_articles_raises_article_file_error_for_the_first_bad_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("no front matter", encoding="utf-8")
    with pytest.raises(ArticleFileError) as raised:
        import_articles(paths=[article_file(tmp_path), bad])
    assert raised.value.name == str(bad)
    assert Article.objects.count() == 0


def test_the_command_line_prints_one_error_line_and_exits_non_zero(tmp_path):
    database = tmp_path / "cli.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    bad = tmp_path / "bad.txt"
    bad.write_text("---\ntitle: T\noutlet: TRT\npublished: 2023-11-08\n---\n", encoding="utf-8")

    failed = subprocess.run(
        [*manage, "import_articles", str(SEEDS), str(bad)],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip

    assert failed.returncode == 1
    assert failed.stderr.strip().splitlines() == [f"error: {bad}: empty body"]
    assert failed.stdout == ""
    with sqlite3.connect(database) as connection:
        assert connection.execute("select count(*) from content_article").fetchone() == (0,)

    succeeded = subprocess.run(
        [*manage, "import_articles", str(SEEDS)],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert succeeded.stdout.strip() == "Imported 2 files: 2 created, 0 updated, 0 unchanged."


def test_progress_wraps_reading_then_writing(tmp_path):
    calls = []

    def progress(items, desc):
        items = list(items)
        calls.append((desc, len(items)))
        return items

    paths = [article_file(tmp_path, f"{n}.txt", title=f"Article {n}") for n in range(3)]
    import_articles(paths=paths, progress=progress)
    assert calls == [("Reading", 3), ("Writing", 3)]


def test_the_command_shows_a_progress_bar_on_stderr_when_asked(tmp_path):
    for n in range(6):
        article_file(tmp_path, f"{n}.txt", title=f"Article {n}", body=f"Text number {n}.")
    out, err = StringIO(), StringIO()
    call_command("import_articles", str(tmp_path), verbosity=2, stdout=out, stderr=err)
    assert "6 created" in out.getvalue()
    assert "Writing" in err.getvalue() and "6/6" in err.getvalue()
