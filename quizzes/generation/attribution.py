"""Who reported it: the one place where a question's attribution is worded."""

# The voices of an article (content.models.Article.Voice) and how a claim from each is credited.
_VOICE_PHRASES = {
    "opinion": "an opinion piece in",
    "official": "an official statement published by",
}


def attribution_for(*, outlet: str, voice: str) -> str:
    """Return the phrase that credits a claim to its source: "According to TRT", or
    "According to an opinion piece in the Caspian Post".

    A claim stated by a single source is always attributed, so every generated question starts
    with this phrase. Outlet names that read as a common noun phrase ("Caspian Post",
    "Guardian") take "the"; names that are acronyms or already start with "The" do not.
    """
    name = " ".join(outlet.split()) or "an unnamed outlet"
    phrase = _VOICE_PHRASES.get(voice, "")
    if phrase:
        return f"According to {phrase} {_with_article(name)}"
    return f"According to {_with_article(name)}"


def _with_article(name: str) -> str:
    first = name.split()[0]
    if first.lower() in ("the", "an", "a") or first.isupper() or len(name.split()) == 1:
        return name
    if first.lower() in _INSTITUTIONS:
        return f"the {name}"
    # Newspaper-like names ("Caspian Post", "New York Times") read with "the".
    if name.split()[-1].lower() in _TITLE_NOUNS:
        return f"the {name}"
    return name


_TITLE_NOUNS = {
    "post", "times", "news", "herald", "guardian", "telegraph", "journal", "tribune",
    "observer", "mirror", "gazette", "independent", "chronicle", "agency", "monitor",
    "review", "daily", "weekly", "express", "standard", "star", "globe", "economist",
    "insider", "report", "press", "courier", "sun", "messenger", "ministry", "office",
}  # fmt: skip
_INSTITUTIONS = {"ministry", "office", "government", "embassy", "council", "administration",
                 "presidential", "press", "state", "foreign", "defence", "defense"}  # fmt: skip
