"""Template support for quiz and flashcard pages."""

from django import template
from django.utils.html import format_html

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
