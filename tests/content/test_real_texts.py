"""The real texts under tests/data/real/: they import, they name their source, the README lists
each one in its part (tune, hold-out or fresh), and every gold fact is quoted from its article."""

import json
import re
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from content.ingest import parse_article_file
from content.models import Article

pytestmark = pytest.mark.django_db

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
SPLITS = ("tune", "holdout", "fresh")
FILES = {split: sorted((REAL / split).glob("*.txt")) for split in SPLITS}
ALL_FILES = [path for split in SPLITS for path in FILES[split]]
README = (REAL / "README.md").read_text(encoding="utf-8")
GOLD = json.loads((REAL / "gold.json").read_text(encoding="utf-8"))
GOLD_KEYS = {"article", "sentence", "answer", "kind", "normalized", "fact", "split"}


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def readme_rows(split):
    """The file names in the first column of the README table under `## <split>/`."""
    section = re.search(rf"^## {split}/\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert section, f"README.md has no '## {split}/' section"
    return {
        cells[1].strip()
        for line in section.group(1).splitlines()
        if line.startswith("| ") and len(cells := line.split("|")) > 2
    } - {"file", "---"}


@pytest.fixture
def imported():
    """Import every part with the command, as a teacher would; return Article by source url."""
    out = StringIO()
    call_command("import_articles", *(str(REAL / split) for split in SPLITS), stdout=out)
    assert f"Imported {len(ALL_FILES)} files: {len(ALL_FILES)} created" in out.getvalue()
    return {article.url: article for article in Article.objects.all()}


def test_every_part_holds_texts_and_no_file_is_in_two():
    assert len(FILES["tune"]) >= 9 and len(FILES["holdout"]) >= 15 and len(FILES["fresh"]) >= 16
    names = Counter(path.name for path in ALL_FILES)
    assert [name for name, count in names.items() if count > 1] == []


def test_every_text_names_its_source_and_imports_with_it(imported):
    urls = []
    for path in ALL_FILES:
        parsed = parse_article_file(path)
        assert parsed.url.startswith(("http://", "https://")), path.name
        urls.append(parsed.url)
        article = imported[parsed.url]
        assert article.title == parsed.title
        assert squash(article.body) == squash(parsed.body)
        assert article.sentences.exists(), path.name
    assert len(set(urls)) == len(urls), "two texts claim the same source page"
    assert Article.objects.count() == len(ALL_FILES)


@pytest.mark.parametrize("split", SPLITS)
def test_the_readme_lists_every_text_in_its_own_part(split):
    listed = readme_rows(split)
    present = {path.stem for path in FILES[split]}
    assert present - listed == set(), "texts missing from the README"
    assert listed - present == set(), "README rows without a text"


def test_gold_entries_have_the_shape_of_the_other_gold_files():
    assert GOLD, "gold.json is empty"
    for entry in GOLD:
        assert set(entry) == GOLD_KEYS, entry
        assert entry["kind"] in {"date", "numeric"}, entry
        assert entry["split"] in SPLITS, entry
        assert all(isinstance(entry[key], str) and entry[key].strip() for key in GOLD_KEYS)
    keys = Counter((e["article"], e["sentence"], e["answer"], e["fact"]) for e in GOLD)
    assert [key for key, count in keys.items() if count > 1] == []


def test_every_gold_answer_is_quoted_from_its_sentence_and_article(imported):
    by_name = {path.name: (split, path) for split in SPLITS for path in FILES[split]}
    for entry in GOLD:
        assert entry["article"] in by_name, entry["article"]
        split, path = by_name[entry["article"]]
        assert entry["split"] == split, entry
        assert entry["answer"] in entry["sentence"], entry
        article = imported[parse_article_file(path).url]
        assert squash(entry["sentence"]) in squash(article.body), entry


@pytest.mark.parametrize("split", ("holdout", "fresh"))
def test_every_hold_out_and_fresh_text_has_gold_facts(split):
    with_gold = {entry["article"] for entry in GOLD if entry["split"] == split}
    assert {path.name for path in FILES[split]} - with_gold == set()


def test_no_fresh_text_repeats_a_title_of_the_other_parts_or_the_seeds():
    """The fresh part is only fresh if none of its texts was already read as a tune, hold-out or
    seed text (the same page under another URL included: titles are compared too)."""
    seeds = sorted((REAL.parents[2] / "content" / "seeds").glob("*.txt"))
    seen = [*FILES["tune"], *FILES["holdout"], *seeds]
    assert len(seeds) >= 1
    titles = {parse_article_file(path).title.casefold() for path in seen}
    fresh = {parse_article_file(path).title.casefold() for path in FILES["fresh"]}
    assert fresh & titles == set()
