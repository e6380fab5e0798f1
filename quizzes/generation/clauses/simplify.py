"""A phrase as a simple statement keeps it: without appositions, parentheticals, set-off asides
(", including ..."), subordinate clauses and quotation marks; a described noun replaced by the
name in apposition to it ("the symbol city of Karabakh, Shusha" → "Shusha")."""

from .tokens import _VERBAL, _subtree

# Dependents a simple statement leaves out: other clauses, set-off phrases, discourse words.
_DROP_DEPS = {
    "advcl", "parataxis", "mark", "intj", "discourse", "meta", "dep", "preconj", "appos",
}  # fmt: skip


def _set_off(token) -> bool:
    """Whether `token`'s phrase follows a comma or an opening bracket (a parenthetical, a
    non-restrictive relative clause, ", including ...")."""
    first = min(t.i for t in token.subtree)
    if first == 0:
        return False
    before = token.doc[first - 1].text
    if before in ("(", "["):
        return True
    if before not in (",", "—", "–"):
        return False
    if token.dep_ == "prep":
        return token.lower_ in _ASIDE_PREPS
    return token.dep_ in ("relcl", "acl", "advmod", "npadvmod", "appos")


# Prepositions that open an aside after a comma: ", including 2 minors", ", especially ...".
_ASIDE_PREPS = {"including", "especially", "mostly", "notably", "like", "such", "among",
                "excluding", "mainly", "particularly", "besides", "unlike", "alongside", "with",
                "compared", "up", "down", "along", "together", "as"}  # fmt: skip


def _phrase(token, drop: set[int]) -> set[int]:
    """`token`'s subtree as a simple statement keeps it: without appositions, parentheticals,
    subordinate clauses, quotation marks, and without `drop`."""
    keep: set[int] = set()

    def visit(t):
        name = _name_of(t, drop)
        if name is not None:
            # "the symbol city of Karabakh, Shusha" → "Shusha": the name says it all
            keep.update(i for i in _subtree(name) if t.doc[i].text not in ",()[]")
            return
        keep.add(t.i)
        aside = False  # a phrase after a dropped aside ("..., which ... after a while,") is its
        for child in t.children:
            if child.i in drop:
                continue
            if aside and child.dep_ == "prep" and child.i > t.i:
                continue
            if child.dep_ in _DROP_DEPS:
                aside = aside or (child.dep_ == "appos" and child.i > t.i)
                continue
            if child.dep_ == "punct":
                if child.text not in ";:()[]'’" and child.i != child.head.i:
                    keep.add(child.i)
                continue
            if child.dep_ == "conj" and child.pos_ in _VERBAL:
                continue
            if child.dep_ == "cc" and t.pos_ in _VERBAL:
                continue  # the "and" of a verb whose other clause goes
            if _set_off(child):
                aside = aside or child.i > t.i
                continue
            visit(child)

    if token.i not in drop:
        visit(token)
    return keep


def _name_of(noun, drop: set[int]):
    """The proper name in apposition to a common noun ("the symbol city of Karabakh,
    Shusha"), when the noun's phrase holds nothing the question needs (nothing in `drop`)."""
    if noun.pos_ != "NOUN":
        return None
    candidates = [c for c in noun.children if c.dep_ == "appos"]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            candidates += [c for c in pobj.children if c.dep_ == "appos"]
    for appos in candidates:
        if _naming(appos) and not (_subtree(noun) & drop):
            return appos
    return None


def _naming(appos) -> bool:
    """Whether an apposition names what its head describes: a proper name after a common
    noun ("the symbol city of Karabakh, Shusha"), not a description after a name."""
    words = list(appos.subtree)
    if appos.pos_ != "PROPN" or len(words) > 6:
        return False
    if len(words) > 4 and not all(t.pos_ == "PROPN" or t.tag_ == "POS" for t in words):
        return False
    head = appos.head
    if head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.lower_ == "of":
        head = head.head.head  # "the city of Karabakh, Shusha"
    return head.pos_ == "NOUN"
