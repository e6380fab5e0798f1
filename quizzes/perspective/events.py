"""Same event: the event words of a statement and whether two statements share enough."""

import re

MIN_SHARED_WORDS = 2

_STOPWORDS = frozenset(
    """
    about above after again against also although among another because been before being
    below between both came come could does doing down during each even ever every first
    from further have having here into itself just last later least less like made make many
    more most much must near nearly never next once only other others over same should
    since some still such than that their them then there these they this those though
    through under until upon very were what when where which while whom whose will with
    within without would year years month months week weeks days hours time times today
    january february march april june july august september october november december
    said says according official officially
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_WORD = re.compile(r"[^\W\d_]{4,}")


def event_words(*texts):
    """Return the event words of `texts` (see the module docstring): a frozenset of stems."""
    words = set()
    for text in texts:
        for word in _WORD.findall(text or ""):
            word = word.casefold()
            if word not in _STOPWORDS:
                words.add(word[:6])
    return frozenset(words)


def shared_event_words(first, second):
    """The event words two statements share, sorted; same event when there are enough."""
    return tuple(sorted(first & second))


def is_same_event(first, second):
    """Whether two sets of event words describe the same event (`MIN_SHARED_WORDS`)."""
    return len(first & second) >= MIN_SHARED_WORDS
