"""Template support for the "Report a problem with this question" form."""

import weakref
from types import SimpleNamespace

from django import template
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from quizzes.problem_reports import ProblemReportForm

register = template.Library()

TEMPLATE = "quizzes/_report_form.html"


@register.simple_tag
def new_report_form():
    """A blank report form, so that templates/quizzes/_report_form.html needs only `question`."""
    return ProblemReportForm()


# Stand-ins rendered into the blank form once, then replaced by each form's own values.
_PK = 987_654_321_012_345_677
_NEXT = "/report-next-stand-in-5f1c9e/"
_CSRF = "csrf-stand-in-5f1c9e"
# Per template object (a template reloaded in development gets new skeletons), then per
# language and which stand-ins the form has.
_skeletons = weakref.WeakKeyDictionary()


@register.simple_tag(takes_context=True)
def blank_report_form(context, question, report_next=""):
    """`{% include "quizzes/_report_form.html" with question=… report_next=… %}` for a blank
    form, as every answer's feedback and every row of a result page show one.

    The template is rendered once per process, language and `report_next` being set or not,
    with stand-ins for the question's id, `report_next` and the CSRF token, which are then
    replaced: rendering the form (its reasons, labels, a form object) was half of an answer's
    feedback. The template stays the one source of the markup.
    """
    csrf_token = context.get("csrf_token")
    loaded = get_template(TEMPLATE)
    key = (get_language(), bool(report_next), bool(csrf_token))
    skeletons = _skeletons.setdefault(loaded.template, {})
    skeleton = skeletons.get(key)
    if skeleton is None:
        skeleton = skeletons[key] = _render_skeleton(loaded, key)
    if skeleton is False:
        return loaded.render(
            {"question": question, "report_next": report_next, "csrf_token": csrf_token}
        )
    # The learner's own values go in last, so that none is taken for a stand-in.
    html = skeleton.replace(str(_PK), str(question.pk))
    if csrf_token:
        html = html.replace(_CSRF, escape(str(csrf_token)))
    if report_next:
        html = html.replace(_NEXT, escape(report_next))
    return mark_safe(html)


def _render_skeleton(loaded, key):
    _, with_next, with_csrf = key
    html = loaded.render(
        {
            "question": SimpleNamespace(pk=_PK),
            "report_next": _NEXT if with_next else "",
            "csrf_token": _CSRF if with_csrf else None,
        }
    )
    # Every stand-in must be where the real value goes and nowhere else it could be confused.
    expected = [str(_PK)] + ([_NEXT] if with_next else []) + ([_CSRF] if with_csrf else [])
    if not all(stand_in in html for stand_in in expected):
        return False
    return html
