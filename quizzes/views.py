from django.shortcuts import render

from content.models import Article


def home(request):
    """The front page: what the app is and the articles to learn from. Template: quizzes/home.html."""
    articles = Article.objects.select_related("outlet").order_by("-published")[:12]
    return render(request, "quizzes/home.html", {"articles": articles})
