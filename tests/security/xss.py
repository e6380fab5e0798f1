"""A world whose every learner-visible text carries script and HTML, for the XSS tests."""

from content.models import OutletSource
from quizzes.models import Choice, ProblemReport
from tests.security.world import build_world

# Each payload, if it ever reached a page unescaped, would create an element with an id
# starting "pwned" or open a dialog; the tests look for both.
IMG = "<img id=pwned-{0} src=x onerror=alert('{0}')>"
SCRIPT = "<script id=pwned-script-{0}>alert('{0}')</script>"
ATTRIBUTE = "\"'><svg id=pwned-svg-{0} onload=alert('{0}')>"


def payload(where):
    """The hostile text placed in `where` (a short label naming the field)."""
    return f"{IMG.format(where)} {SCRIPT.format(where)} {ATTRIBUTE.format(where)}"


RAW_MARKERS = ("<img id=pwned", "<script id=pwned", "<svg id=pwned")


def build_hostile_world():
    """build_world() with script and HTML in titles, bodies, names, notes, stems, choices."""
    world = build_world(
        title=f"Ceasefire {payload('title')}",
        sentence_texts=(
            "The war ended on 10 November 2020.",
            f"A witness said {payload('body')} loudly.",
        ),
    )
    article = world.article
    outlet = article.outlet
    outlet.name = f"Outlet {payload('outlet')}"[:200]
    outlet.perspective_note = f"Note {payload('note')}"
    outlet.country = payload("country")[:100]
    outlet.save()
    OutletSource.objects.create(
        outlet=outlet, statement=f"Source {payload('source')}", title=payload("stitle")[:300]
    )
    for question in world.questions:
        question.stem = f"When did it end? {payload('stem')}"
        question.attribution = f"According to {payload('attribution')}"[:200]
        question.save()
        Choice.objects.filter(question=question, is_correct=False).update(
            text=f"Never {payload('choice')}"[:300]
        )
    world.quiz.title = f"Quiz {payload('quiz')}"[:200]
    world.quiz.description = f"About {payload('description')}"
    world.quiz.save()
    world.learner.username = IMG.format("user")
    world.learner.first_name = payload("first")[:150]
    world.learner.save()
    world.classroom.name = f"Class {payload('class')}"[:200]
    world.classroom.save()
    ProblemReport.objects.create(
        question=world.questions[0],
        learner=world.learner,
        reason=ProblemReport.Reason.OTHER,
        comment=f"Look {payload('comment')}",
    )
    return world
