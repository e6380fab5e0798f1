"""Learners' reports of problems with questions, and the teacher's side of them."""

from django import forms
from django.core.exceptions import ValidationError

from .models import ProblemReport, Question

COMMENT_MAX_LENGTH = 1000


class ProblemReportForm(forms.Form):
    """What a learner says about a question: a reason, and optionally a comment."""

    reason = forms.ChoiceField(
        label="What is wrong?",
        choices=ProblemReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what is wrong with the question."},
    )
    comment = forms.CharField(
        label="Anything to add? (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"Keep the comment under {COMMENT_MAX_LENGTH} characters.",
        },
    )


def report_problem(*, learner, question, reason, comment=""):
    """Record that `learner` found a problem with `question` and return the report.

    A learner who reports the same reason again on a question whose report is still open
    updates that report (a new comment replaces the old one) instead of adding another.
    Raises ValidationError for an unknown reason, an over-long comment, or a question the
    learner could not have seen (neither published nor answered by them).
    """
    if reason not in ProblemReport.Reason.values:
        raise ValidationError(f"“{reason}” is not a reason a problem can be reported for.")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(f"Keep the comment under {COMMENT_MAX_LENGTH} characters.")
    if (
        question.status != Question.Status.PUBLISHED
        and not question.responses.filter(attempt__learner=learner).exists()
    ):
        raise ValidationError("This question is not available.")

    report, created = ProblemReport.objects.get_or_create(
        question=question,
        learner=learner,
        reason=reason,
        resolved=False,
        defaults={"comment": comment},
    )
    if not created and comment and comment != report.comment:
        report.comment = comment
        report.save(update_fields=["comment"])
    return report


def resolve_reports(*, reports):
    """Mark the given reports resolved; returns how many were still open."""
    return reports.filter(resolved=False).update(resolved=True)
