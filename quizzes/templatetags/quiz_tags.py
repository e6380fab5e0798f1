"""Template support for quiz and flashcard pages."""

import itertools
from html import escape

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from content.glossary import render_glossed
from content.templatetags.glossary import load_glossary
from quizzes.question_cache import keep_source

register = template.Library()


@register.simple_tag(takes_context=True)
def source_sentence(context, question):
    """The question's source sentence, escaped, its contested terms glossed and the answer
    span in <mark>.

    Offsets that do not fit the sentence (a teacher edited one but not the other) give the
    sentence unmarked rather than a wrong highlight. The glosses' ids are the question's own
    (`source-<question id>-gloss-<n>`), the same on every request, so the rendered source can
    be cached (`question_source`) and still never repeat an id on a page, which shows a
    question's source once.
    """
    glossary, _ = load_glossary(context.get("request"))
    return render_glossed(
        question.sentence_text,
        glossary=glossary,
        highlight=(question.answer_start, question.answer_end),
        ids=(f"source-{question.pk}-gloss-{n}" for n in itertools.count(1)),
    )


@register.simple_tag(takes_context=True)
def question_source(context, question):
    """quizzes/_source.html for `question`: the HTML `answering.load_question(rendered_source=True)`
    found in the cache for this version of it, else rendered now and, with the stamp
    load_question gave, kept in the cache for the next feedback on it."""
    html = getattr(question, "source_html", None)
    if html is None:
        html = get_template("quizzes/_source.html").render(
            {"question": question, "request": context.get("request")}
        )
        stamp = getattr(question, "source_stamp", None)
        if stamp is not None:
            keep_source(question_id=question.pk, stamp=stamp, html=html)
    return mark_safe(html)  # noqa: S308 - rendered by the template, which escapes


@register.filter
def sentence_url(question):
    """The article reader's address for the question's sentence (#s-<position>)."""
    url = question.article.get_absolute_url()
    return f"{url}#{question.sentence.anchor}" if question.sentence_id else url


@register.simple_tag
def choice_items(choices, result=None):
    """The <li> items of a multiple-choice question's radio buttons, numbered 1, 2, … in the
    order shown (the answer form sends that number, never a choice's id). With `result` (the
    answer's feedback) the right choice and the learner's are marked and the learner's is
    checked. Built here rather than in a template loop, which cost a fifth of rendering an
    answer's feedback."""
    chosen = result.response.choice_id if result else None
    items = []
    for number, choice in enumerate(choices, start=1):
        state = tag = checked = ""
        if result:
            if choice.is_correct:
                state, tag = " choice-is-answer", ' <span class="choice-tag">✓ Right answer</span>'
            elif choice.pk == chosen:
                state, tag = " choice-is-chosen", ' <span class="choice-tag">✗ Your answer</span>'
            if choice.pk == chosen:
                checked = " checked"
        items.append(
            f'<li class="choice{state}">\n'
            f'  <input type="radio" name="choice" id="choice-{number}" value="{number}" '
            f"required{checked}>\n"
            f'  <label for="choice-{number}">{escape(str(choice.text))}{tag}</label>\n'
            "</li>"
        )
    return mark_safe("\n".join(items))
