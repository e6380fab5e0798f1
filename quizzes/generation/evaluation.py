"""Measure generation against a hand-made gold list of facts (recall and span precision)."""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .pipeline import facts_by_sentence, fingerprints_of, generate_drafts
from .types import ArticleText, LibraryContext, fact_key


@dataclass
class Score:
    """Counts for one article or for all: gold mentions, those found with the gold span, those
    a question asks about, and the facts found in gold sentences with and without a gold span."""

    gold: int = 0
    found: int = 0
    same_value: int = 0
    asked: int = 0
    facts_in_gold_sentences: int = 0
    facts_with_gold_span: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def span_precision(self) -> float:
        if not self.facts_in_gold_sentences:
            return 1.0
        return self.facts_with_gold_span / self.facts_in_gold_sentences

    @property
    def asked_rate(self) -> float:
        return self.asked / self.gold if self.gold else 1.0

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Evaluation:
    """The outcome of `evaluate_generation`: overall, per article (by slug), and what was
    missed (gold mentions with no fact of the same span) or not asked."""

    overall: Score
    per_article: dict[str, Score]
    misses: list[dict] = field(default_factory=list)
    not_asked: list[dict] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)  # gold sentences in no article


def evaluate_generation(
    *, articles: list[ArticleText], gold: list[dict], context: LibraryContext | None = None
) -> Evaluation:
    """Compare the facts and drafts generated for `articles` with `gold`, a list of mentions
    shaped like tests/data/seed-gold.json ({"sentence", "answer", "normalized", ...}).

    A gold mention is matched to a sentence by its exact text. It is found when a fact of that
    sentence has exactly the gold answer as its text; it is asked when some draft of the
    article asks about that fact (the same fact stated twice is asked once). Span precision is
    the share of the facts found in gold sentences whose span is a gold answer.
    """
    context = context or LibraryContext()
    by_sentence: dict[str, list[dict]] = defaultdict(list)
    for entry in gold:
        by_sentence[entry["sentence"]].append(entry)
    per_article: dict[str, Score] = {}
    misses, not_asked, seen_sentences = [], [], set()
    for article in articles:
        score = Score()
        asked = {draft.fingerprint for draft in generate_drafts(article, context=context)}
        sentence_facts = facts_by_sentence(article, context)
        fingerprints = fingerprints_of(sentence_facts)
        for sentence, facts in sentence_facts:
            entries = by_sentence.get(sentence.text)
            if not entries or sentence.text in seen_sentences:
                continue
            seen_sentences.add(sentence.text)
            answers = {e["answer"] for e in entries}
            # Gold lists dates and numbers: entity facts are neither found nor missed by it.
            found = {fact.text: fact for fact, _ in facts if fact.kind != "entity"}
            score.facts_in_gold_sentences += len(found)
            score.facts_with_gold_span += len(answers & set(found))
            for entry in entries:
                score.gold += 1
                fact = found.get(entry["answer"])
                if fact is None:
                    misses.append({**entry, "article_slug": article.slug})
                    continue
                score.found += 1
                score.same_value += fact.value == entry.get("normalized")
                if fingerprints[fact_key(fact)] in asked:
                    score.asked += 1
                else:
                    not_asked.append({**entry, "article_slug": article.slug})
        if score.gold:
            per_article[article.slug] = score
    overall = Score()
    for score in per_article.values():
        overall.add(score)
    unmatched = [e for e in gold if e["sentence"] not in seen_sentences]
    overall.gold += len(unmatched)
    return Evaluation(overall, per_article, misses, not_asked, unmatched)


@dataclass
class MissedFact:
    """A gold fact no draft asks, and the stage of generation that lost it."""

    entry: dict  # the gold entry
    article_slug: str
    stage: str  # "sentence", "extraction", "drop", "checks", "elsewhere"
    detail: str  # the rule or the reason, in words


def diagnose_gold(
    *,
    articles: list[ArticleText],
    gold: list[dict],
    context: LibraryContext | None = None,
    check=None,
) -> tuple[int, list[MissedFact]]:
    """Why each gold fact of `gold` that no draft of `articles` asks is not asked.

    Returns the number of gold facts whose text is among `articles`, and one `MissedFact` per
    fact not asked. A gold entry belongs to the article its "article" field names by file stem
    or slug, else to any article holding its sentence. Its sentence is matched as the judged
    evaluation matches it (one sentence contains the other, whitespace-normalised) and a draft
    asks it when its answer span overlaps the gold answer there. The stages, in order: the
    sentence split differs ("sentence"); no fact of the sentence overlaps the gold answer
    ("extraction"); the pipeline dropped every overlapping fact (`generate_drafts`'s `dropped`
    reasons, "drop"); the draft made fails `check(draft)` (a callable returning a list of
    problems, as storing applies `quizzes.checks`: "checks"); the same fact is asked from
    another sentence of the article, so not here ("elsewhere").
    """
    context = context or LibraryContext()
    total, missed = 0, []
    for article in articles:
        entries = [e for e in gold if _belongs(e, article)]
        if not entries:
            continue
        dropped: dict = {}
        drafts = generate_drafts(article, context=context, dropped=dropped)
        sentence_facts = facts_by_sentence(article, context)
        fingerprints = fingerprints_of(sentence_facts)
        for entry in entries:
            total += 1
            found = _diagnose_entry(entry, sentence_facts, drafts, dropped, fingerprints, check)
            if found is not None:
                missed.append(MissedFact(entry, article.slug, *found))
    return total, missed


def _belongs(entry: dict, article: ArticleText) -> bool:
    name = entry.get("article", "")
    if name:
        return name.rsplit(".", 1)[0] == article.slug or name == article.slug
    return any(_same_sentence(entry["sentence"], s.text) for s in article.sentences)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _same_sentence(gold_sentence: str, sentence: str) -> bool:
    a, b = _norm(gold_sentence), _norm(sentence)
    return a in b or b in a


def _gold_spans(entry: dict, sentence: str) -> list[tuple[int, int]]:
    """The occurrences of the gold answer in `sentence` (raw offsets), as the evaluation
    counts them."""
    answer = _norm(entry["answer"])
    text = sentence
    spans, at = [], text.find(answer)
    while at >= 0 and answer:
        spans.append((at, at + len(answer)))
        at = text.find(answer, at + 1)
    if not spans:  # the answer's spacing differs from the sentence's
        pattern = r"\s+".join(re.escape(word) for word in answer.split())
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return spans


def _diagnose_entry(entry, sentence_facts, drafts, dropped, fingerprints, check):
    """(stage, detail) for a gold entry no draft asks, or None when one asks it."""
    places = [
        (sentence, facts)
        for sentence, facts in sentence_facts
        if _same_sentence(entry["sentence"], sentence.text)
    ]
    if not places:
        return "sentence", "no sentence of the article holds the gold sentence (split differs)"
    overlapping = []
    for sentence, facts in places:
        spans = _gold_spans(entry, sentence.text)
        for fact, _ in facts:
            if any(fact.start < e and s < fact.end for s, e in spans):
                overlapping.append((sentence, fact))
    if not overlapping:
        texts = [f.text for sentence, facts in places for f, _ in facts]
        return "extraction", f"no fact overlaps {entry['answer']!r} (facts: {texts})"
    keys = {fact_key(fact) for _, fact in overlapping}
    here = [d for d in drafts if fact_key(d.fact) in keys]
    for draft in here:
        problems = check(draft) if check else []
        if not problems:
            return None
    if here:
        return "checks", "; ".join(check(here[0]))
    reasons = [dropped[fact_key(f)] for _, f in overlapping if fact_key(f) in dropped]
    if reasons:
        return "drop", reasons[0]
    asked = {d.fingerprint: d for d in drafts}
    for _, fact in overlapping:
        other = asked.get(fingerprints[fact_key(fact)])
        if other is not None:
            return "elsewhere", f"asked in sentence {other.sentence_position}: {other.stem}"
    return "drop", "a better draft of the same fact was kept"
