"""Glossary precision on every shipped article: each flag and each neutral gloss the glossary
raises on the seeds and the library's ten Karabakh texts, against a list checked by hand
(tests/data/glossary_flags.tsv), so a false flag, or a missed one, fails."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from content.glossary import Glossary
from content.models import Article, ContestedTerm

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "content" / "seeds").glob("*.txt"))
REAL = ROOT / "tests" / "data" / "real"
# The library's Karabakh texts (content/library/ once shipped), read here from the copies among
# the real texts, by file name.
LIBRARY = [
    "am-pm-2022-03-25-pashinyan-putin-call",
    "am-mfa-2022-03-25-parukh-infiltration",
    "am-pm-2020-10-29-pashinyan-obrien-call",
    "az-mfa-2023-08-16-no438-23-provocation",
    "az-mfa-2020-10-27-barda-smerch-attack",
    "az-mfa-2020-10-17-ganja-ballistic-missiles",
    "us-state-2022-03-14-blinken-pashinyan-call",
    "us-state-2022-04-blinken-pashinyan-call",
    "eu-hrvp-2020-09-27-borrell-nagorno-karabakh",
    "wikinews-2016-04-02-armenian-azerbaijani-clashes",
]
EXPECTED = ROOT / "tests" / "data" / "glossary_flags.tsv"


def library_files():
    files = []
    for name in LIBRARY:
        found = [REAL / split / f"{name}.txt" for split in ("tune", "holdout")]
        files.extend(path for path in found if path.exists())
    assert len(files) == len(LIBRARY), "a library text is missing from tests/data/real/"
    return files


def excerpt(text, start, end, width=30):
    """The match with up to `width` characters either side, cut at word edges."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    if start - width > 0:
        before = before.split(" ", 1)[-1] if " " in before else before
    if end + width < len(text):
        after = after.rsplit(" ", 1)[0] if " " in after else after
    return " ".join((before + text[start:end] + after).split())


def list_glosses(files):
    """(file name, flag or neutral, term, excerpt) for every term the reader glosses in the
    articles `files` (file name to Article) holds, in reading order."""
    glossary = Glossary(ContestedTerm.objects.all())
    rows = []
    for name, article in sorted(files.items()):
        for sentence in sorted(article.sentences.all(), key=lambda s: s.position):
            for match in glossary.find(sentence.text):
                kind = "flag" if match.flagged else "neutral"
                text = excerpt(sentence.text, match.start, match.end)
                rows.append((name, kind, str(match.term), text))
    return rows


def read_expected():
    rows = []
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows


@pytest.fixture
def library():
    """The seeds and the library texts imported, as {file name: Article}."""
    files = {}
    for path in SEEDS + library_files():
        call_command("import_articles", str(path), stdout=StringIO(), stderr=StringIO())
        files[path.stem] = Article.objects.latest("pk")
    assert len(set(files.values())) == len(SEEDS) + len(LIBRARY)
    return files


def test_every_gloss_on_the_shipped_articles_is_the_one_checked_by_hand(library):
    found = list_glosses(library)
    expected = read_expected()
    unexpected = [row for row in found if row not in expected]
    missed = [row for row in expected if row not in found]
    assert unexpected == [], "flags not in tests/data/glossary_flags.tsv (false flags?)"
    assert missed == [], "flags the list expects but the glossary no longer raises"
    assert found == expected  # the same, in reading order, duplicates included
    assert sum(1 for row in found if row[1] == "flag") >= 40


def test_the_reader_shows_a_us_text_with_no_flag_and_the_alley_of_martyrs_unglossed(
    library, client
):
    def page(name):
        url = reverse("content:article", args=[library[name].slug])
        return client.get(url).content.decode()

    for name in (
        "us-state-2022-03-14-blinken-pashinyan-call",
        "us-state-2022-04-blinken-pashinyan-call",
    ):
        assert 'class="term' not in page(name)  # nothing flagged, nothing glossed
    eu = page("eu-hrvp-2020-09-27-borrell-nagorno-karabakh")
    assert eu.count('class="term term-neutral"') == 2 and 'class="term"' not in eu
    wikinews = page("wikinews-2016-04-02-armenian-azerbaijani-clashes")
    assert re.search(r'class="term term-neutral"[^>]*>Nagorno-Karabakh</span>', wikinews)
    assert re.search(r'class="term"[^>]*>Stepanakert</span>', wikinews)  # a place name

    html = page("victory-day-2024-11-08")
    assert "the Alley of Martyrs." in html  # plain text, not glossed
    assert re.search(r'class="term"[^>]*>martyrs</span>', html)  # "to honor the martyrs"
