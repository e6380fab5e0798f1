"""The library's balance: which sides its outlets present, and how many articles each has.

A teacher uses it to see whose viewpoint is missing before adding articles (`import_articles`).
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .glossary import Glossary
from .models import Article, ContestedTerm, Outlet


@dataclass
class AlignmentShare:
    """One alignment (Outlet.Alignment): its outlets, with article counts, and their total."""

    alignment: str
    label: str
    outlets: list = field(default_factory=list)  # Outlets annotated with `article_count`
    articles: int = 0
    percent: int = 0  # share of the library's articles, rounded


@dataclass
class Balance:
    shares: list  # one AlignmentShare per alignment, in Outlet.Alignment order
    articles: int  # every article in the library

    @property
    def missing(self):
        """Labels of the sides (not 'not yet assessed') no article of the library presents."""
        return [
            share.label
            for share in self.shares
            if share.articles == 0 and share.alignment != Outlet.Alignment.UNKNOWN
        ]

    @property
    def sides(self):
        """The shares of the assessed alignments that have articles, in Outlet.Alignment order:
        the sides the library presents."""
        return [
            share
            for share in self.shares
            if share.articles and share.alignment != Outlet.Alignment.UNKNOWN
        ]

    @property
    def unassessed(self):
        """Articles whose outlet's alignment is not yet assessed."""
        return sum(s.articles for s in self.shares if s.alignment == Outlet.Alignment.UNKNOWN)

    @property
    def one_sided(self):
        """True when the articles come from outlets of a single assessed alignment."""
        return len(self.sides) == 1


def summarize_balance():
    """Return the library's `Balance`: for each alignment, its outlets (with article counts,
    most articles first) and its share of the articles. Outlets without articles are listed
    too (they are known, just not yet represented). One query."""
    outlets = Outlet.objects.annotate(article_count=Count("articles")).order_by(
        "-article_count", "name"
    )
    shares = {
        value: AlignmentShare(alignment=value, label=label)
        for value, label in Outlet.Alignment.choices
    }
    for outlet in outlets:
        share = shares.get(outlet.alignment) or shares[Outlet.Alignment.UNKNOWN]
        share.outlets.append(outlet)
        share.articles += outlet.article_count
    total = sum(share.articles for share in shares.values())
    for share in shares.values():
        share.percent = round(100 * share.articles / total) if total else 0
    return Balance(shares=list(shares.values()), articles=total)


@dataclass
class TopicShare:
    """One topic of the glossary: its terms, and the articles using any of them, by alignment."""

    topic: str
    terms: list  # ContestedTerms of the topic, by term
    articles: dict = field(default_factory=dict)  # alignment label -> [Article]

    @property
    def total(self):
        return sum(len(articles) for articles in self.articles.values())


def summarize_topics():
    """Return the library's balance per topic: for each topic of the glossary (terms sharing a
    `topic`), the articles that use any of its terms, grouped by their outlet's alignment
    label, in Outlet.Alignment order; topics no article touches are listed with none, so a
    teacher sees what the library leaves out.

    Reads every article body (two queries): for a teacher's page, not for learners' pages.
    """
    terms = [t for t in ContestedTerm.objects.order_by("topic", "term") if t.topic]
    topics = {}
    for term in terms:
        topics.setdefault(term.topic, TopicShare(topic=term.topic, terms=[])).terms.append(term)
    labels = dict(Outlet.Alignment.choices)
    glossary = Glossary(terms)
    for article in Article.objects.select_related("outlet").order_by("-published", "title"):
        found = {match.term.topic for match in glossary.find(article.title + "\n" + article.body)}
        label = labels.get(article.outlet.alignment, labels[Outlet.Alignment.UNKNOWN])
        for topic in found:
            topics[topic].articles.setdefault(label, []).append(article)
    order = list(labels.values())
    for share in topics.values():
        share.articles = dict(sorted(share.articles.items(), key=lambda item: order.index(item[0])))
    return sorted(topics.values(), key=lambda share: (-share.total, share.topic))


@dataclass(frozen=True)
class TopicSides:
    """One topic of the glossary, and how many of the library's articles touch it from each
    side: `sides` is a tuple of (alignment label, article count), in Outlet.Alignment order."""

    topic: str
    terms: tuple
    sides: tuple

    @property
    def total(self):
        return sum(count for _, count in self.sides)


# Versioned: a deployment that changes TopicSides never reads copies pickled by the old code.
TOPIC_SIDES_CACHE_KEY = "content:topic-sides:v1"


def summarize_topic_sides():
    """Return `summarize_topics` reduced to counts, as `TopicSides`, for learners' pages: from
    the cache, else computed (reading every article body) and cached until an article, an
    outlet or a glossary term is saved or deleted."""
    topics = cache.get(TOPIC_SIDES_CACHE_KEY)
    if topics is None:
        topics = [
            TopicSides(
                topic=share.topic,
                terms=tuple(term.term for term in share.terms),
                sides=tuple((label, len(articles)) for label, articles in share.articles.items()),
            )
            for share in summarize_topics()
        ]
        cache.set(TOPIC_SIDES_CACHE_KEY, topics)
    return topics


@receiver(post_save, sender=Article, dispatch_uid="content.balance.article_saved")
@receiver(post_delete, sender=Article, dispatch_uid="content.balance.article_deleted")
@receiver(post_save, sender=Outlet, dispatch_uid="content.balance.outlet_saved")
@receiver(post_delete, sender=Outlet, dispatch_uid="content.balance.outlet_deleted")
@receiver(post_save, sender=ContestedTerm, dispatch_uid="content.balance.term_saved")
@receiver(post_delete, sender=ContestedTerm, dispatch_uid="content.balance.term_deleted")
def forget_topic_sides(**kwargs):
    """Drop the cached topic sides now and again once the change is committed (a request
    reading them in between would otherwise cache the old counts)."""
    cache.delete(TOPIC_SIDES_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(TOPIC_SIDES_CACHE_KEY), robust=True)
