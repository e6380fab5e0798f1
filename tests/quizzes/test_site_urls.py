"""The `{% site_url %}` tag: the base template's fixed addresses, reversed once per process."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix


def render(source):
    return Template("{% load site_urls %}" + source).render(Context())


def test_site_url_prints_the_same_address_as_the_url_tag():
    assert render("{% site_url 'quizzes:quiz_list' %}") == reverse("quizzes:quiz_list")
    assert render("{% site_url 'quizzes:quiz_list' as x %}[{{ x }}]") == "[/quizzes/]"


def test_site_url_follows_the_script_prefix():
    set_script_prefix("/school/")
    try:
        assert render("{% site_url 'quizzes:flashcards' %}") == "/school/flashcards/"
    finally:
        set_script_prefix("/")
    assert render("{% site_url 'quizzes:flashcards' %}") == "/flashcards/"


def test_an_unknown_name_raises_unless_optional():
    with pytest.raises(NoReverseMatch):
        render("{% site_url 'quizzes:nowhere' %}")
    assert render("{% site_url 'quizzes:nowhere' optional=True as x %}[{{ x }}]") == "[]"
