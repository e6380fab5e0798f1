from django.shortcuts import get_object_or_404, render

from .models import Article, Outlet


def article_list(request):
    """All articles, newest first. Template: content/article_list.html."""
    articles = Article.objects.select_related("outlet").order_by("-published", "title")
    return render(request, "content/article_list.html", {"articles": articles})


def article_detail(request, slug):
    """The article reader: every sentence anchored as #s-<position>. Template: content/article.html."""
    article = get_object_or_404(Article.objects.select_related("outlet"), slug=slug)
    return render(
        request,
        "content/article.html",
        {"article": article, "outlet": article.outlet, "sentences": article.sentences.all()},
    )


def outlet_detail(request, slug):
    """An outlet, its perspective note and its articles. Template: content/outlet.html."""
    outlet = get_object_or_404(Outlet, slug=slug)
    return render(
        request, "content/outlet.html", {"outlet": outlet, "articles": outlet.articles.all()}
    )
