"""Running the generator over the library: what it reads from the database (an article's
`ArticleText`, the `LibraryContext` distractors come from), the run over many articles, and the
entity names it proposes. The drafts it returns are stored by `quizzes.questions`.

`quizzes.generation` (pure: strings and dataclasses in, `Draft`s out, and the parser it may
load) is imported inside the functions that need it, never at module level: this module is
imported by management commands and the admin's actions, and web workers must not load the
generator. Only the background task and the commands that generate questions call into it.
"""

import bisect
import re

from django.core.management.base import CommandError
from django.db import transaction

from content.models import Article
from quizzes.models import Entity, Question
from quizzes.questions import DraftingReport, publish_drafts, store_drafts


def build_article_text(*, article, terms=None):
    """Return the generator's view of `article`: slug, title, outlet name, the short name a
    question credits (the outlet's attribution name, else its name without anything in
    brackets), date, voice, its sentences in reader order (positions are the reader's
    `#s-<position>` anchors) and the loaded terms of one side it uses (`contested_terms`).

    `terms`: the glossary's loaded terms as `contested_terms` gives them, to save the query when
    building many articles' texts."""
    from quizzes.generation.attribution import default_attribution_name
    from quizzes.generation.types import ArticleText, SentenceText

    sentences = sorted(article.sentences.all(), key=lambda s: s.position)
    outlet = article.outlet
    return ArticleText(
        slug=article.slug,
        title=article.title,
        outlet=outlet.name,
        attribution_name=" ".join(outlet.attribution_name.split())
        or default_attribution_name(outlet.name),
        published=article.published,
        voice=article.voice,
        sentences=tuple(
            SentenceText(position=s.position, text=s.text, paragraph=s.paragraph) for s in sentences
        ),
        contested_terms=_terms_used(
            contested_terms() if terms is None else terms, (s.text for s in sentences)
        ),
    )


def contested_terms():
    """The glossary's terms of one side (Azerbaijani or Armenian usage; not place names, not
    third parties' words), each as a tuple of its forms, the term first, sorted."""
    from content.models import ContestedTerm

    one_side = [ContestedTerm.Usage.AZERBAIJANI, ContestedTerm.Usage.ARMENIAN]
    return tuple(
        (term, *(str(v) for v in variants or ()))
        for term, variants in ContestedTerm.objects.filter(usage__in=one_side)
        .order_by("term")
        .values_list("term", "variants")
    )


def _terms_used(terms, texts):
    """Those of `terms` (tuples of forms) with a form in one of `texts`."""
    from content.glossary import GlossTerm, find_terms

    glossary = [GlossTerm(term=forms[0], forms=forms, gloss="") for forms in terms]
    found = {match.term.forms for match in find_terms("\n".join(texts), glossary)}
    return tuple(forms for forms in terms if forms in found)


def articles_from_slugs(*, slugs):
    """The articles the commands' repeatable `--article SLUG` names, as a queryset: all
    articles when `slugs` is empty. Raises CommandError naming every slug (sorted) that no
    article has, so a typo never quietly narrows the work."""
    articles = Article.objects.all()
    if slugs:
        articles = articles.filter(slug__in=slugs)
        unknown = sorted(set(slugs) - set(articles.values_list("slug", flat=True)))
        if unknown:
            raise CommandError(f"No article with the slug(s): {', '.join(unknown)}.")
    return articles


def build_library_context(*, exclude_article=None):
    """Return what the rest of the library offers for distractors: the normalised dates and
    numbers its questions answer (every status: a rejected question still quotes a real value),
    leaving out `exclude_article`'s own, and the entities a teacher has confirmed.

    Values are sorted and unique, so the same library always yields the same context.
    """
    from quizzes.generation.types import LibraryContext

    questions = Question.objects.exclude(answer_normalized="")
    if exclude_article is not None:
        questions = questions.exclude(article=exclude_article)
    values = {Question.Kind.DATE: set(), Question.Kind.NUMBER: set()}
    for kind, value in questions.filter(kind__in=list(values)).values_list(
        "kind", "answer_normalized"
    ):
        values[kind].add(value)
    return LibraryContext(
        dates=tuple(sorted(values[Question.Kind.DATE])),
        numbers=tuple(sorted(values[Question.Kind.NUMBER])),
        entities=confirmed_entities(),
    )


def confirmed_entities():
    """The entities a teacher has confirmed, as the generator's `KnownEntity`s, by name."""
    from quizzes.generation.types import KnownEntity

    return tuple(
        KnownEntity(name=e.name, type=e.type, aliases=tuple(str(a) for a in e.aliases or ()))
        for e in Entity.objects.filter(confirmed=True).order_by("name")
    )


def record_proposed_entities(*, article_texts):
    """Record, unconfirmed, the entity names generation proposes in `article_texts` (the
    generator's `ArticleText`s) that the registry does not know yet, under any name or alias,
    whatever their case. Returns how many rows were created.

    A name that is part of a known one ("Karabakh War" of "2nd Karabakh War") is not proposed.
    Unconfirmed entities are never asked about (`build_library_context` passes only confirmed
    ones to the generator): a teacher confirms each, correcting its guessed type, in the admin.
    Rows already there, confirmed or not, are never changed.
    """
    from quizzes.generation.entities import propose_entities

    known = set()
    for name, aliases in Entity.objects.values_list("name", "aliases"):
        known.add(name.casefold())
        known.update(str(alias).casefold() for alias in aliases or ())
    valid_types = set(Entity.Type.values)
    new = {}

    def part_of_known(name):  # "Karabakh War" of the known "2nd Karabakh War"
        pattern = re.compile(rf"(?<!\w){re.escape(name.casefold())}(?!\w)")
        return any(pattern.search(k) for k in known)

    for text in article_texts:
        for name, guessed in propose_entities(s.text for s in text.sentences):
            key = name.casefold()
            if key in known or key in new or guessed not in valid_types or part_of_known(key):
                continue
            new[key] = Entity(name=name, type=guessed, confirmed=False)
    with transaction.atomic():
        Entity.objects.bulk_create(new.values(), ignore_conflicts=True)
    return len(new)


_CONTEXT_KINDS = (Question.Kind.DATE, Question.Kind.NUMBER)


def _stored_values(*, article=None):
    """{article pk: {(kind, normalised answer)}} of the stored date and number questions (of
    `article` only, when given), as `build_library_context` reads them."""
    questions = Question.objects.exclude(answer_normalized="").filter(kind__in=_CONTEXT_KINDS)
    if article is not None:
        questions = questions.filter(article=article)
    values = {}
    for pk, kind, value in questions.values_list("article_id", "kind", "answer_normalized"):
        values.setdefault(pk, set()).add((kind, value))
    return values


class _ValueCounts:
    """(kind, value) pairs of articles, with how many articles have each."""

    def __init__(self, by_article):
        self.by_article = {}
        self.counts = {}
        self.by_kind = {kind: set() for kind in _CONTEXT_KINDS}
        for pk, values in by_article.items():
            self.set(pk, values)

    def set(self, pk, values):
        """Replace the values of article `pk`; returns the pairs it added or took away."""
        old = self.by_article.get(pk, set())
        for pair in old - values:
            self.counts[pair] -= 1
            if not self.counts[pair]:
                del self.counts[pair]
                self.by_kind[pair[0]].discard(pair[1])
        for pair in values - old:
            self.counts[pair] = self.counts.get(pair, 0) + 1
            self.by_kind[pair[0]].add(pair[1])
        self.by_article[pk] = set(values)
        return old ^ values

    def values(self, kind):
        return self.by_kind[kind]

    def only_in(self, pk):
        """The pairs article `pk` has and no other article has."""
        return {pair for pair in self.by_article.get(pk, ()) if self.counts[pair] == 1}

    def left_out_of(self, pk, *, other):
        """The pairs of article `pk` that neither these counts nor `other` have for any other
        article: what the context of `pk` must leave out."""
        mine, theirs = self.only_in(pk), other.only_in(pk)
        return {
            pair
            for pair in mine | theirs
            if (pair in mine or pair not in self.counts)
            and (pair in theirs or pair not in other.counts)
        }


def _insert_sorted(values, value):
    at = bisect.bisect_left(values, value)
    if at == len(values) or values[at] != value:
        values.insert(at, value)


def _remove_sorted(values, value):
    at = bisect.bisect_left(values, value)
    if at < len(values) and values[at] == value:
        del values[at]


def generate_for_articles(*, articles=None, publish_above=None):
    """Generate and store questions for `articles` (an iterable or queryset; all when None), then,
    when `publish_above` is given, publish the drafts scoring at least that (`publish_drafts`).

    Distractors come from the rest of the library. So that a second run draws from exactly the
    same values as the first (and changes nothing), the context of each article also holds the
    values the generator finds in the other articles of this run, not only those already stored.
    Each article is stored in its own transaction; the report adds them up.
    """
    # Imported here, not at module level: the generator may load an NLP model, which the admin
    # and web workers importing this module must never do.
    from quizzes.generation import generate_drafts
    from quizzes.generation.types import LibraryContext

    if articles is None:
        articles = Article.objects.all()
    # One query for the articles and one for all their sentences, whatever was passed in.
    articles = list(
        Article.objects.filter(pk__in=[a.pk for a in articles])
        .select_related("outlet")
        .prefetch_related("sentences")
        .order_by("published", "pk")
    )
    terms = contested_terms()  # one query for the run, not one per article
    texts = {a.pk: build_article_text(article=a, terms=terms) for a in articles}
    # A first pass, without the library, only for the values each article offers the others
    # (kept as values: the drafts themselves would hold every stem and choice of the run).
    found = {
        pk: {
            (draft.kind, draft.answer_normalized)
            for draft in generate_drafts(text, context=LibraryContext())
            if draft.kind in _CONTEXT_KINDS and draft.answer_normalized
        }
        for pk, text in texts.items()
    }
    report = DraftingReport(proposed=record_proposed_entities(article_texts=texts.values()))
    # Each article's context is `build_library_context(exclude_article=article)` plus the values
    # found in the other articles of the run. Querying the library and going through every other
    # article's drafts once per article grows with the square of the run (1,000 articles: a
    # hundred million rows); instead each value counts the articles that have it, once, and an
    # article leaves out only the values no other article has.
    entities = confirmed_entities()
    library = _ValueCounts(_stored_values())
    run = _ValueCounts(found)
    # Every value either has, sorted, kept up to date as articles are stored.
    union = {kind: sorted(library.values(kind) | run.values(kind)) for kind in _CONTEXT_KINDS}
    for article in articles:
        values = {kind: list(union[kind]) for kind in _CONTEXT_KINDS}
        for kind, value in library.left_out_of(article.pk, other=run):
            _remove_sorted(values[kind], value)
        context = LibraryContext(
            dates=tuple(values[Question.Kind.DATE]),
            numbers=tuple(values[Question.Kind.NUMBER]),
            entities=entities,
        )
        drafts = generate_drafts(texts[article.pk], context=context)
        report += store_drafts(article=article, drafts=drafts)
        stored = _stored_values(article=article).get(article.pk, set())
        for kind, value in library.set(article.pk, stored):
            if (kind, value) in library.counts or (kind, value) in run.counts:
                _insert_sorted(union[kind], value)
            else:
                _remove_sorted(union[kind], value)
    if publish_above is not None:
        report.published = publish_drafts(articles=articles, threshold=publish_above)
    return report
