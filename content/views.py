from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render

from .balance import summarize_balance, summarize_topic_sides
from .models import Article, ContestedTerm, ContestedTermSource, Outlet

ARTICLES_PER_PAGE = 30


def article_list(request):
    """All articles, newest first, 30 a page.

    Template: content/article_list.html. Context: `page_obj` (a Page of articles with their
    outlet), `articles` (the page's articles).
    """
    articles = Article.objects.select_related("outlet").order_by("-published", "title")
    page_obj = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "content/article_list.html", {"page_obj": page_obj, "articles": page_obj}
    )


def article_detail(request, slug):
    """The article reader: paragraphs of sentences, each anchored as #s-<position>.

    Template: content/article.html. Context: `article`, `outlet` (with `sources`), `sentences`
    (in order; the template groups them by paragraph).
    """
    article = get_object_or_404(Article.objects.select_related("outlet"), slug=slug)
    outlet = article.outlet
    return render(
        request,
        "content/article.html",
        {
            "article": article,
            "outlet": outlet,
            "sources": list(outlet.sources.all()),
            "sentences": article.sentences.order_by("position"),
        },
    )


def outlet_detail(request, slug):
    """An outlet: its perspective note, the structured note with sources, and its articles.

    Template: content/outlet.html. Context: `outlet`, `sources`, `articles` (newest first, each
    with `sentence_count`).
    """
    outlet = get_object_or_404(Outlet, slug=slug)
    articles = outlet.articles.annotate(sentence_count=Count("sentences")).order_by(
        "-published", "title"
    )
    return render(
        request,
        "content/outlet.html",
        {"outlet": outlet, "sources": list(outlet.sources.all()), "articles": articles},
    )


def outlet_list(request):
    """Every outlet with its alignment and article count, and the library's balance: for each
    alignment, how many outlets and articles present that side; and for each topic of the
    glossary, how many articles touch it from each side.

    Template: content/outlet_list.html. Context: `balance` (content.balance.Balance), `topics`
    (content.balance.TopicSides list, most articles first).
    """
    return render(
        request,
        "content/outlet_list.html",
        {"balance": summarize_balance(), "topics": summarize_topic_sides()},
    )


def glossary(request):
    """The contested terms: who uses each, a neutral description, what others say, sources.

    Template: content/glossary.html. Context: `terms` (each with `sources`), `usages` (the
    ContestedTerm.Usage choices, for grouping).
    """
    terms = ContestedTerm.objects.prefetch_related(
        Prefetch("sources", queryset=ContestedTermSource.objects.order_by("id"))
    ).order_by("usage", "term")
    return render(
        request,
        "content/glossary.html",
        {"terms": terms, "usages": ContestedTerm.Usage},
    )
