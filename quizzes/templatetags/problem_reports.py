"""Template support for the "Report a problem with this question" form."""

from django import template

from quizzes.reports import ProblemReportForm

register = template.Library()


@register.simple_tag
def new_report_form():
    """A blank report form, so that templates/quizzes/_report_form.html needs only `question`."""
    return ProblemReportForm()
