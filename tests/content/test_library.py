"""The starter library (content/library/): imported as the seeds are, every article showing its
source and licence, every outlet with a sourced note, and a balance page that says what is true."""

import importlib
import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from content.ingest import parse_article_file
from content.models import Article, ContestedTerm, Outlet, OutletSource, Sentence

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "content" / "seeds"
LIBRARY = ROOT / "content" / "library" / "articles"
REAL = ROOT / "tests" / "data" / "real"
library_outlets = importlib.import_module("content.migrations.0013_library_outlets")

LIBRARY_OUTLETS = {
    "Office of the Prime Minister of Armenia": ("armenia", "Armenia's prime minister's office"),
    "Ministry of Foreign Affairs of Armenia": ("armenia", "Armenia's Foreign Ministry"),
    "Ministry of Foreign Affairs of Azerbaijan": ("azerbaijan", "Azerbaijan's Foreign Ministry"),
    "U.S. Department of State": ("third_party", "the U.S. State Department"),
    "European External Action Service (EU High Representative)": (
        "third_party",
        "the EU's foreign policy chief",
    ),
    "Wikinews": ("third_party", "Wikinews"),
}


def import_starter_library():
    """What `make setup` imports."""
    call_command("import_articles", str(SEEDS), str(LIBRARY), stdout=StringIO())


def library_state():
    return (
        sorted(Article.objects.values_list("pk", "slug", "outlet__name", "checksum", "licence")),
        Sentence.objects.count(),
        sorted(Outlet.objects.values_list("pk", "name", "perspective_note")),
        OutletSource.objects.count(),
    )


def test_the_makefile_imports_the_library_beside_the_seeds():
    setup = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "import_articles content/seeds/ content/library/articles/" in setup


def test_the_library_bodies_are_the_test_copies_word_for_word():
    for path in sorted(LIBRARY.glob("*.txt")):
        (copy,) = REAL.glob(f"*/{path.name}")
        assert parse_article_file(path).body == parse_article_file(copy).body, path.name


def test_importing_the_library_twice_gives_the_same_rows():
    import_starter_library()
    assert Article.objects.count() == 12
    before = library_state()
    out = StringIO()
    call_command("import_articles", str(SEEDS), str(LIBRARY), stdout=out)
    assert "12 files: 0 created, 0 updated, 12 unchanged." in out.getvalue()
    assert library_state() == before


def test_the_library_goes_to_the_shipped_outlets_without_creating_any():
    outlets = Outlet.objects.count()
    out = StringIO()
    call_command("import_articles", str(LIBRARY), stdout=out)
    assert "new outlet" not in out.getvalue()
    assert Outlet.objects.count() == outlets
    counts = dict(Article.objects.values_list("outlet__name").annotate(n=Count("pk")).order_by())
    assert counts == {
        "Office of the Prime Minister of Armenia": 2,
        "Ministry of Foreign Affairs of Armenia": 1,
        "Ministry of Foreign Affairs of Azerbaijan": 3,
        "U.S. Department of State": 2,
        "European External Action Service (EU High Representative)": 1,
        "Wikinews": 1,
    }


def test_every_shipped_article_shows_its_source_url_and_licence(client):
    import_starter_library()
    for article in Article.objects.all():
        assert article.licence, article.slug
        html = client.get(article.get_absolute_url()).content.decode()
        licence = re.search(r'<p class="small licence-line">(.*?)</p>', html, re.S).group(1)
        assert article.licence.replace("'", "&#x27;") in licence
        if article.outlet.name == "TRT":
            assert "Source:</span> address not recorded" in html  # the seed's page gave none
            continue
        assert article.url
        assert f'<a class="source-url" href="{article.url}" rel="noopener nofollow">' in html


def test_cc_by_and_seed_licences_say_what_they_are(client):
    import_starter_library()
    wikinews = Article.objects.get(outlet__name="Wikinews")
    assert "CC BY 2.5, by Wikinews contributors" in wikinews.licence
    html = client.get(wikinews.get_absolute_url()).content.decode()
    assert "CC BY 2.5, by Wikinews contributors" in html
    for article in Article.objects.filter(outlet__name__in=["TRT", "Caspian Post"]):
        assert article.licence.startswith("No open licence")
        assert "quoted in full for teaching" in article.licence
    for article in Article.objects.filter(outlet__country__in=["Armenia", "Azerbaijan"]):
        assert article.licence.startswith("Official document"), article.slug
    for article in Article.objects.filter(outlet__name="U.S. Department of State"):
        assert "public domain" in article.licence


def test_an_article_file_without_licence_still_imports(tmp_path):
    path = tmp_path / "old.txt"
    path.write_text(
        "---\ntitle: An old file\noutlet: TRT\npublished: 2023-01-02\n---\nIt happened.\n",
        encoding="utf-8",
    )
    call_command("import_articles", str(path), stdout=StringIO())
    assert Article.objects.get(title="An old file").licence == ""


def test_the_migration_fills_a_seed_licence_only_where_it_is_empty():
    import_starter_library()
    Article.objects.filter(outlet__name="TRT").update(licence="")
    Article.objects.filter(outlet__name="Caspian Post").update(licence="A teacher's wording.")
    library_outlets.fill_seed_licences(django_apps, None)
    assert Article.objects.get(outlet__name="TRT").licence.startswith("No open licence")
    assert Article.objects.get(outlet__name="Caspian Post").licence == "A teacher's wording."


def test_every_outlet_has_a_note_with_sources_after_migrate():
    for outlet in Outlet.objects.prefetch_related("sources"):
        assert outlet.perspective_note, outlet.name
        for field in ("owner", "funding", "state_relation", "stance", "editorial_voice"):
            assert getattr(outlet, field), f"{outlet}.{field} is empty"
        assert outlet.aliases, outlet.name
        assert outlet.attribution_name, outlet.name
        sources = list(outlet.sources.all())
        assert sources, outlet.name
        for source in sources:
            assert source.statement and source.title
            assert not source.url or source.url.startswith(("http://", "https://"))


def test_the_library_outlets_have_their_alignment_and_attribution_name():
    for name, (alignment, attribution_name) in LIBRARY_OUTLETS.items():
        outlet = Outlet.objects.get(name=name)
        assert (outlet.alignment, outlet.attribution_name) == (alignment, attribution_name)
    azerbaijan = Outlet.objects.get(name="Ministry of Foreign Affairs of Azerbaijan")
    assert "Ministry of Foreign Affairs of Azerbaijan (Embassy in Sofia)" in azerbaijan.aliases
    armenia = Outlet.objects.get(name="Ministry of Foreign Affairs of Armenia")
    assert "infiltration" in armenia.stance and "Parukh" in armenia.stance


def test_the_outlet_page_shows_the_note_and_its_sources(client):
    outlet = Outlet.objects.get(name="Office of the Prime Minister of Armenia")
    html = client.get(outlet.get_absolute_url()).content.decode()
    assert "Also known as" in html and "primeminister.am" in html
    assert 'alignment-armenia">Presents Armenia&#x27;s side' in html
    for source in outlet.sources.all():
        assert source.statement.replace("'", "&#x27;").replace('"', "&quot;") in html


# Migrates the real test database back and forth: its rows are restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_teachers_edits_to_an_outlet_survive_migrate_and_reimport():
    # An earlier transactional test may have flushed the migrations' rows: put them back first.
    library_outlets.create_library_outlets(django_apps, None)
    outlet = Outlet.objects.get(name="Ministry of Foreign Affairs of Azerbaijan")
    outlet.perspective_note = "Edited by a teacher."
    outlet.attribution_name = "Baku's Foreign Ministry"
    outlet.alignment = Outlet.Alignment.UNKNOWN
    outlet.save()
    outlet.sources.all().delete()
    OutletSource.objects.create(outlet=outlet, statement="Mine", title="A teacher's source")
    call_command("migrate", "content", "0012", verbosity=0)
    call_command("migrate", "content", verbosity=0)
    import_starter_library()
    import_starter_library()
    outlet.refresh_from_db()
    assert outlet.perspective_note == "Edited by a teacher."
    assert outlet.attribution_name == "Baku's Foreign Ministry"
    assert outlet.alignment == Outlet.Alignment.UNKNOWN
    assert list(outlet.sources.values_list("title", flat=True)) == ["A teacher's source"]
    assert outlet.articles.count() == 3
    assert Outlet.objects.filter(name__startswith="Ministry of Foreign Affairs of Az").count() == 1


def test_the_migration_recreates_a_deleted_outlet_and_only_that_one():
    Outlet.objects.filter(name="Wikinews").delete()
    outlets = Outlet.objects.count()
    library_outlets.create_library_outlets(django_apps, None)
    library_outlets.create_library_outlets(django_apps, None)
    assert Outlet.objects.count() == outlets + 1
    assert Outlet.objects.get(name="Wikinews").sources.count() == 3


def test_an_outlet_known_by_an_alias_is_not_created_again():
    Outlet.objects.filter(name="U.S. Department of State").update(
        name="State Dept", slug="state-dept", aliases=["U.S. State Department"]
    )
    outlets = Outlet.objects.count()
    library_outlets.create_library_outlets(django_apps, None)
    assert Outlet.objects.count() == outlets


def test_the_balance_page_gives_the_sides_and_their_counts(client):
    import_starter_library()
    html = client.get(reverse("content:outlet_list")).content.decode()
    assert "One-sided library" not in html
    assert (
        "<strong>3 sides in the library:</strong> Presents Azerbaijan&#x27;s side, 5 articles "
        "from 3 outlets; Presents Armenia&#x27;s side, 3 articles from 2 outlets; Third party "
        "/ international, 4 articles from 3 outlets."
    ) in html
    assert "Not represented yet" not in html
    assert re.search(
        r"Presents Armenia&#x27;s side</th>\s*<td>.*?</td>\s*<td>3</td>\s*<td>25%", html
    )
    assert re.search(
        r"Presents Azerbaijan&#x27;s side</th>\s*<td>.*?</td>\s*<td>5</td>\s*<td>42%", html
    )
    assert re.search(
        r"Third party / international</th>\s*<td>.*?</td>\s*<td>4</td>\s*<td>33%", html
    )


def test_an_unassessed_outlet_is_counted_apart(client):
    import_starter_library()
    Outlet.objects.filter(name="Wikinews").update(alignment=Outlet.Alignment.UNKNOWN)
    html = client.get(reverse("content:outlet_list")).content.decode()
    assert "Third party / international, 3 articles from 2 outlets." in html
    assert "1 article comes from outlets not yet assessed." in html


def topic_sides(html, topic):
    line = re.search(
        rf'<strong class="topic-name">{re.escape(topic)}</strong>.*?<br>(.*?)</li>', html, re.S
    ).group(1)
    return dict(re.findall(r'<span class="topic-side">(.*?): (\d+)</span>', line))


def test_the_balance_page_shows_the_sides_per_topic_and_follows_changes(client):
    import_starter_library()
    # A topic of its own, so the figures do not depend on the shipped glossary: "Minsk Group"
    # is in Armenia's 29 October 2020 release, Azerbaijan's Barda release, the April 2022 U.S.
    # readout and the EU's statement.
    ContestedTerm.objects.create(
        term="Minsk Group",
        slug="minsk-group",
        usage=ContestedTerm.Usage.THIRD_PARTY,
        topic="Mediation",
        used_by="Mediators",
        description="The OSCE group that mediated the conflict.",
    )
    url = reverse("content:outlet_list")
    assert topic_sides(client.get(url).content.decode(), "Mediation") == {
        "Presents Azerbaijan&#x27;s side": "1",
        "Presents Armenia&#x27;s side": "1",
        "Third party / international": "2",
    }
    # Saving an article clears the cached counts: the page follows at once.
    article = Article.objects.get(outlet__name__startswith="European External Action")
    article.outlet = Outlet.objects.get(name="TRT")
    article.save()
    assert topic_sides(client.get(url).content.decode(), "Mediation") == {
        "Presents Azerbaijan&#x27;s side": "2",
        "Presents Armenia&#x27;s side": "1",
        "Third party / international": "1",
    }


def test_the_admin_perspective_page_gives_the_sides(admin_client):
    import_starter_library()
    html = admin_client.get(reverse("admin:quizzes_perspective")).content.decode()
    assert "3 sides in the library:" in html
    assert "Presents Armenia&#x27;s side, 3 articles" in html
    assert "Every assessed article comes from outlets presenting the same side" not in html


def test_teachers_edit_an_articles_licence_in_the_admin(admin_client):
    import_starter_library()
    article = Article.objects.get(outlet__name="Wikinews")
    url = reverse("admin:content_article_change", args=[article.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="licence"' in html and "CC BY 2.5, by Wikinews contributors" in html
