"""Template support for quiz and flashcard pages."""

from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def source_sentence(question):
    """The question's source sentence, escaped, with the answer span in <mark>.

    Offsets that do not fit the sentence (a teacher edited one but not the other) give the
    sentence unmarked rather than a wrong highlight.
    """
    text = question.sentence_text or ""
    start, end = question.answer_start, question.answer_end
    if not 0 <= start < end <= len(text):
        return text
    return format_html("{}<mark>{}</mark>{}", text[:start], text[start:end], text[end:])


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
