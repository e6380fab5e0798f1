"""The `{% site_url %}` tag: the site's addresses, each pattern reversed once per process."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix


def render(source, **context):
    return Template("{% load site_urls %}" + source).render(Context(context))


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


@pytest.mark.parametrize("pk", [0, 7, 12345, 2**63 - 1])
def test_an_address_with_an_id_is_the_one_the_url_tag_prints(pk):
    for name in ("quizzes:take", "quizzes:answer", "quizzes:finish", "quizzes:report_question"):
        assert render(f"{{% site_url '{name}' pk %}}", pk=pk) == reverse(name, args=[pk])
    # The same pattern again, now from the cache, with another id.
    assert render("{% site_url 'quizzes:take' pk as x %}[{{ x }}]", pk=pk + 1) == (
        f"[{reverse('quizzes:take', args=[pk + 1])}]"
    )


def test_an_id_that_is_not_a_non_negative_int_is_reversed_as_the_url_tag_does():
    assert render("{% site_url 'quizzes:take' pk %}", pk="42") == reverse("quizzes:take", args=[42])
    with pytest.raises(NoReverseMatch):
        render("{% site_url 'quizzes:take' pk %}", pk=-1)
    with pytest.raises(NoReverseMatch):
        render("{% site_url 'quizzes:take' pk %}", pk="4x")


def test_an_address_with_an_id_follows_the_script_prefix():
    set_script_prefix("/school/")
    try:
        assert render("{% site_url 'quizzes:take' 3 %}") == "/school/attempts/3/"
    finally:
        set_script_prefix("/")
    assert render("{% site_url 'quizzes:take' 3 %}") == "/attempts/3/"
