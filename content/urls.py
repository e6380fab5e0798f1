from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("articles/", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("outlets/", views.outlet_list, name="outlet_list"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet"),
    path("glossary/", views.glossary, name="glossary"),
]
