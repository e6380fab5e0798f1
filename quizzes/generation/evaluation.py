"""Measure generation against a hand-made gold list of facts (recall and span precision)."""

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
