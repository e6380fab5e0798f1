"""The library in the admin: search, filters, sources inline, sentences read-only."""

import pytest
from django.urls import reverse

from content.models import Article, Outlet, OutletSource

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def test_outlet_search_finds_an_outlet_by_alias(admin):
    response = admin.get(reverse("admin:content_outlet_changelist"), {"q": "trt haber"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [Outlet.objects.get(name="TRT")]


def test_outlet_filters_by_alignment_and_country(admin):
    url = reverse("admin:content_outlet_changelist")
    response = admin.get(url, {"alignment": "azerbaijan", "country": "Türkiye"})
    assert [o.name for o in response.context["cl"].result_list] == ["TRT"]


def test_outlet_change_form_has_the_sources_inline(admin):
    trt = Outlet.objects.get(name="TRT")
    html = admin.get(reverse("admin:content_outlet_change", args=[trt.pk])).content.decode()
    assert "Presidential Decree No. 703 (2018)" in html
    assert 'name="sources-TOTAL_FORMS"' in html


def test_article_search_and_filters(admin):
    wanted = ArticleFactory(sentence_texts=("Shusha fell on 8 November 2020.",))
    ArticleFactory(sentence_texts=("Something else.",), voice=Article.Voice.OPINION)
    url = reverse("admin:content_article_changelist")
    assert list(admin.get(url, {"q": "Shusha"}).context["cl"].result_list) == [wanted]
    response = admin.get(url, {"voice__exact": "opinion", "outlet__id__exact": wanted.outlet_id})
    assert list(response.context["cl"].result_list) == []


def test_article_change_form_shows_sentences_read_only_and_checksum(admin):
    article = ArticleFactory(sentence_texts=("First sentence.", "Second sentence."))
    response = admin.get(reverse("admin:content_article_change", args=[article.pk]))
    html = response.content.decode()
    assert "First sentence." in html and "Second sentence." in html
    assert 'name="sentences-0-text"' not in html  # shown, not editable
    assert article.checksum in html
    assert 'name="checksum"' not in html


def article_form_data(article, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "outlet": article.outlet_id,
        "url": article.url,
        "published": article.published.isoformat(),
        "language": article.language,
        "voice": article.voice,
        "omissions_note": article.omissions_note,
        "body": article.body,
        "sentences-TOTAL_FORMS": article.sentences.count(),
        "sentences-INITIAL_FORMS": article.sentences.count(),
        "sentences-MIN_NUM_FORMS": 0,
        "sentences-MAX_NUM_FORMS": 1000,
    }
    for n, sentence in enumerate(article.sentences.all()):
        data[f"sentences-{n}-id"] = sentence.pk
        data[f"sentences-{n}-article"] = article.pk
    return data | changes


def test_editing_the_body_in_the_admin_resplits_the_sentences(admin):
    article = ArticleFactory(sentence_texts=("Old text.",))
    url = reverse("admin:content_article_change", args=[article.pk])
    response = admin.post(url, article_form_data(article, body="New text. In two sentences."))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert [s.text for s in article.sentences.all()] == ["New text.", "In two sentences."]
    assert article.checksum == Article.checksum_of("New text. In two sentences.")


def test_the_admin_refuses_a_body_another_article_already_has(admin):
    first = ArticleFactory(sentence_texts=("Same text.",))
    first.checksum = Article.checksum_of(first.body)
    first.save()
    second = ArticleFactory(sentence_texts=("Other text.",))
    url = reverse("admin:content_article_change", args=[second.pk])
    response = admin.post(url, article_form_data(second, body="Same text."))
    assert response.status_code == 200
    assert "Another article has exactly this body" in response.content.decode()


def test_outlet_source_str_names_statement_and_title():
    source = OutletSource.objects.filter(outlet__name="TRT").first()
    assert str(source) == f"{source.statement}: {source.title}"
