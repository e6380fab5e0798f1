"""Signals other apps listen to; content itself never imports them."""

from django.dispatch import Signal

# Sent (inside the import's transaction) after an article's sentences were written: when it is
# created, and when a changed body replaced them. Arguments: article. Listeners (quizzes) can
# re-link or retire what they built on the old sentences; the old Sentence rows are gone.
article_resplit = Signal()
