"""The teacher's perspective page in the admin: discrepancies between outlets, the library's
balance, and a button that builds the perspective questions ("who reports it", "compare the
sources") as drafts. The site (quizsite.admin.TeachingSite) serves it at quizzes/perspective/.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from content.balance import summarize_balance, summarize_topics
from quizzes.models import Question


def perspective_view(request, *, site):
    """GET: the discrepancies found in the library (each with the shared event words and its
    compare questions), the facts other outlets corroborate, the balance by alignment, and the
    perspective questions awaiting review. POST (needs the add-question permission): build the
    perspective questions. Staff who may view questions only; `site` is the admin site serving
    the page.

    Template: admin/quizzes/perspective.html in the admin's frame; context: discrepancies
    (list of (Discrepancy, [Question])), corroborated (list of (Question, [Outlet])), balance,
    topics (content.balance.TopicShare list), drafts, can_build.
    """
    # quizzes.perspective works with the generator's rules (quizzes.generation), which stay
    # out of a web worker until a teacher opens this page.
    from quizzes import perspective

    if not request.user.has_perm("quizzes.view_question"):
        raise PermissionDenied
    can_build = request.user.has_perm("quizzes.add_question")
    if request.method == "POST":
        if not can_build:
            raise PermissionDenied
        report = perspective.build_perspective_questions()
        messages.success(request, report.summary())
        return redirect(f"{site.name}:quizzes_perspective")
    discrepancies = perspective.find_discrepancies()
    compare = list(
        Question.objects.filter(kind=Question.Kind.COMPARE).select_related("article__outlet")
    )
    rows = []
    for discrepancy in discrepancies:
        sentences = {discrepancy.first.sentence.text, discrepancy.second.sentence.text}
        rows.append((discrepancy, [q for q in compare if q.sentence_text in sentences]))
    stated = list(
        Question.objects.not_rejected()
        .exclude(answer_normalized="")
        .filter(kind__in=[Question.Kind.DATE, Question.Kind.NUMBER, Question.Kind.ENTITY])
        .select_related("article__outlet", "sentence")
        .order_by("article__outlet__name", "id")
    )
    corroborations = perspective.corroboration_map(questions=stated)
    corroborated = [(q, corroborations[q.pk]) for q in stated if corroborations[q.pk]]
    drafts = (
        Question.objects.drafts()
        .filter(kind__in=[Question.Kind.OUTLET, Question.Kind.COMPARE])
        .select_related("article__outlet")
        .order_by("kind", "id")
    )
    context = {
        **site.each_context(request),
        "title": "Perspective: discrepancies and balance",
        "discrepancies": rows,
        "corroborated": corroborated,
        "balance": summarize_balance(),
        "topics": summarize_topics(),
        "drafts": drafts,
        "can_build": can_build,
    }
    return TemplateResponse(request, "admin/quizzes/perspective.html", context)
