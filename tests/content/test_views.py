"""The library's pages: article list, reader with anchored sentences, outlet page, home."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from content.models import Article, Outlet

from .factories import ArticleFactory, OutletFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "content" / "seeds"


@pytest.fixture
def seeds():
    call_command("import_articles", str(SEEDS), verbosity=0)
    return {a.outlet.name: a for a in Article.objects.select_related("outlet")}


def test_article_reader_anchors_every_sentence_inside_its_paragraph(client, seeds):
    article = seeds["TRT"]
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    sentences = list(article.sentences.all())
    anchors = re.findall(r'<span class="sentence" id="s-(\d+)">', html)
    assert anchors == [str(s.position) for s in sentences]
    paragraphs = re.findall(r"<p>(<span class=\"sentence\".*?)</p>", html)
    assert len(paragraphs) == len({s.paragraph for s in sentences}) == 22
    assert paragraphs[3].count('class="sentence"') == 2  # "Sept. 27, 2020, was the last straw."
    assert 'id="s-3">The increasing attacks' in paragraphs[3]


def test_article_reader_shows_the_outlet_note_details_sources_voice_and_omissions(client, seeds):
    article = seeds["Caspian Post"]
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "gives priority to explaining and interpreting Azerbaijani perspectives" in html
    assert "Who owns it, funding, stance" in html
    assert 'href="https://caspianpost.com/en/page/who-we-are/about-us"' in html
    assert ">Opinion<" in html
    assert "What this opinion leaves out" in html
    assert "100,417" in html
    assert f'href="{article.url}"' in html
    assert f'href="{article.outlet.get_absolute_url()}"' in html


def test_a_sentence_link_points_at_its_anchor(client, seeds):
    sentence = seeds["TRT"].sentences.get(text__contains="Shusha, on Nov. 8, 2020.")
    url = sentence.get_absolute_url()
    assert url.endswith(f"#s-{sentence.position}")
    html = client.get(url.split("#")[0]).content.decode()
    # The sentence is there, its contested terms ("liberated", "Shusha") wrapped with glosses.
    found = re.search(rf'id="s-{sentence.position}">(.*?)(?:<span class="sentence"|</p>)', html)
    assert found
    without_glosses = re.sub(r'<span class="term-gloss".*?</span>', "", found.group(1))
    assert re.sub(r"<[^>]+>", "", without_glosses).strip() == sentence.text
    assert '<span class="term" tabindex="0"' in found.group(1)


def test_article_reader_query_count_does_not_grow_with_the_article(
    client, django_assert_max_num_queries
):
    short = ArticleFactory(sentence_texts=("One.", "Two."))
    long = ArticleFactory(sentence_texts=tuple(f"Sentence number {n}." for n in range(60)))
    # Article, its sentences, the outlet's sources, and the glossary's terms (once per request).
    for article in (short, long):
        with django_assert_max_num_queries(4):
            assert client.get(article.get_absolute_url()).status_code == 200


def test_article_list_links_every_article_and_outlet(client, django_assert_max_num_queries, seeds):
    for n in range(10):
        ArticleFactory(outlet=OutletFactory(name=f"Outlet {n}"))
    with django_assert_max_num_queries(2):
        response = client.get(reverse("content:article_list"))
    html = response.content.decode()
    for article in Article.objects.select_related("outlet"):
        assert f'href="{article.get_absolute_url()}"' in html
        assert f'href="{article.outlet.get_absolute_url()}"' in html


def test_article_list_paginates(client):
    outlet = OutletFactory()
    for _ in range(31):
        ArticleFactory(outlet=outlet)
    html = client.get(reverse("content:article_list"), {"page": 2}).content.decode()
    assert "Page 2 of 2" in html
    assert html.count('class="card"') == 1
    assert client.get(reverse("content:article_list"), {"page": "x"}).status_code == 200


def test_outlet_page_lists_its_articles_structured_note_and_sources(
    client, django_assert_max_num_queries, seeds
):
    trt = Outlet.objects.get(name="TRT")
    ArticleFactory.create_batch(5, outlet=trt)
    with django_assert_max_num_queries(3):
        response = client.get(trt.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{seeds["TRT"].get_absolute_url()}"' in html
    assert html.count('<li class="card"><h3>') == 6
    assert "35 sentences" in html
    assert "Also known as TRT World" in html
    for text in ("Owner", "Funding", "Relation to the state", "Stance", "decree 703"):
        assert text in html
    assert "moves farther from objective coverage with new appointees" in html
    assert seeds["Caspian Post"].title.replace("'", "&#x27;") not in html


def test_an_outlet_without_a_note_says_so(client):
    outlet = OutletFactory(perspective_note="")
    html = client.get(outlet.get_absolute_url()).content.decode()
    assert "No note on this outlet yet" in html
    assert "Not recorded." in html


@pytest.mark.parametrize("url", ["/articles/no-such-article/", "/outlets/no-such-outlet/"])
def test_unknown_slugs_are_404(client, url):
    assert client.get(url).status_code == 404


def test_home_page_reaches_both_seed_articles(client, seeds):
    html = client.get(reverse("quizzes:home")).content.decode()
    for article in seeds.values():
        assert f'href="{article.get_absolute_url()}"' in html
        assert article.outlet.name in html
