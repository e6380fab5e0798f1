"""The database side of question generation: what the generator reads, and how drafts are stored.

`quizzes.generation` is pure (strings and dataclasses in, `Draft`s out). This module turns an
article into the generator's `ArticleText`, gathers the `LibraryContext` it draws distractors
from, and stores the drafts it returns as `Question` and `Choice` rows, following the rules that
make `generate_questions` safe to run again and again:

- a question is identified by its article and the fingerprint of its fact, so re-running
  refreshes instead of duplicating;
- a question a teacher edited or wrote is never overwritten;
- when an article's text changes, each question follows its sentence (same text, new
  position) or, when the sentence is gone, goes back to draft with a note saying why;
- automatic publishing (`--publish-above`) only touches drafts no teacher has decided on.

The checks shared by generation and the admin's authoring form live here too
(`find_question_problems`), so a teacher's question and a generated one meet the same bar.
"""

import bisect
import re
from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from content.models import Article
from quizzes.models import Choice, Entity, Question

# `quizzes.generation` is imported inside the functions that need it, never here: importing its
# `types` module runs the package's __init__, which loads the whole generator, and this module is
# imported by the admin and at app start-up (apps.ready). Web workers must not load the
# generator; only the background task that generates questions (quizzes.tasks) does.

# Shown on a question that generation sent back to draft, and what keeps it from being
# published automatically until a teacher has looked at it.
SENTENCE_GONE_NOTE = (
    "Its source sentence is no longer in the article (the article's text changed): "
    "check it against the new text before publishing."
)
REGENERATED_NOTE = (
    "Regenerated from the article's changed text after its sentence had gone: "
    "review it before publishing."
)


# -- checks shared by generation and authoring ---------------------------------------------------


def _normalize(text):
    return " ".join(str(text).split()).casefold()


def _contains_words(haystack, needle):
    """Whether `needle` occurs in `haystack` as whole words, ignoring case and spacing."""
    needle = _normalize(needle)
    if not needle:
        return False
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return re.search(pattern, _normalize(haystack)) is not None


def find_span_problems(*, sentence_text, answer_start, answer_end):
    """Return why the span [answer_start, answer_end) cannot mark an answer in the sentence.

    An empty list means the span is a non-empty piece of the sentence.
    """
    if answer_start is None or answer_end is None:
        return ["Mark the answer in the sentence: both its start and its end are needed."]
    if not 0 <= answer_start < answer_end <= len(sentence_text):
        return [
            f"The answer span {answer_start}–{answer_end} is not inside the sentence, "
            f"which has {len(sentence_text)} characters."
        ]
    if not sentence_text[answer_start:answer_end].strip():
        return ["The answer span covers only spaces."]
    return []


def find_stem_problems(*, stem, answer, answer_as_written=""):
    """Return why the stem gives the answer away (it contains it), or an empty list."""
    problems = []
    for text in dict.fromkeys([answer, answer_as_written]):
        if text and _contains_words(stem, text):
            problems.append(f"The stem contains the answer “{text}”: ask without giving it away.")
    return problems


def find_choice_problems(*, mode, answer, choices, correct=None):
    """Return what is wrong with the choices of a question, or an empty list.

    `choices` are the choice texts in order; `correct`, when given, is the list of their
    is_correct flags. A multiple-choice question needs at least two distinct choices, the
    answer exactly once among them (compared ignoring case and spacing) and, when flags are
    given, exactly that choice marked correct. A typed-answer question has no choices.
    """
    choices = [str(text) for text in choices]
    if mode == Question.Mode.TYPED:
        if choices:
            return [
                "A typed-answer question has no choices: remove them or make it multiple choice."
            ]
        return []
    problems = []
    if len(choices) < 2:
        problems.append("A multiple-choice question needs at least two choices.")
    normalized = [_normalize(text) for text in choices]
    duplicates = sorted({text for text in choices if normalized.count(_normalize(text)) > 1})
    if duplicates:
        problems.append(
            "The choices must all differ: " + ", ".join(f"“{d}”" for d in duplicates) + " repeats."
        )
    matches = [i for i, text in enumerate(normalized) if text == _normalize(answer)]
    if not matches:
        problems.append(f"The answer “{answer}” must be one of the choices.")
    elif len(matches) > 1:
        problems.append(f"The answer “{answer}” must appear only once among the choices.")
    if correct is not None:
        marked = [i for i, flag in enumerate(correct) if flag]
        if len(marked) != 1:
            problems.append("Mark exactly one choice as correct.")
        elif matches and marked != matches[:1]:
            problems.append(f"The choice marked correct must be the answer “{answer}”.")
    return problems


def find_question_problems(
    *, sentence_text, answer_start, answer_end, answer, stem, mode, choices, correct=None
):
    """Return every reason the question may not be stored or published; empty when it may.

    The checks of DESIGN.md's export contract: the span lies inside the sentence, the stem does
    not contain the answer, the answer is exactly once among distinct choices.
    """
    problems = find_span_problems(
        sentence_text=sentence_text, answer_start=answer_start, answer_end=answer_end
    )
    as_written = "" if problems else sentence_text[answer_start:answer_end]
    if not str(answer).strip():
        problems.append("The answer is empty.")
    if not str(stem).strip():
        problems.append("The stem is empty.")
    problems += find_stem_problems(stem=stem, answer=answer, answer_as_written=as_written)
    problems += find_choice_problems(mode=mode, answer=answer, choices=choices, correct=correct)
    return problems


# -- what the generator reads ---------------------------------------------------------------------


def build_article_text(*, article):
    """Return the generator's view of `article`: slug, title, outlet name, date, voice and its
    sentences in reader order (positions are the reader's `#s-<position>` anchors)."""
    from quizzes.generation.types import ArticleText, SentenceText

    sentences = sorted(article.sentences.all(), key=lambda s: s.position)
    return ArticleText(
        slug=article.slug,
        title=article.title,
        outlet=article.outlet.name,
        published=article.published,
        voice=article.voice,
        sentences=tuple(
            SentenceText(position=s.position, text=s.text, paragraph=s.paragraph) for s in sentences
        ),
    )


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


# -- storing drafts -------------------------------------------------------------------------------


@dataclass
class DraftingReport:
    """What a generation run did; reports add up with `+`."""

    articles: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # edited or written by a teacher: left exactly as they are
    relinked: int = 0  # followed their sentence to its new position
    back_to_draft: int = 0  # their sentence is gone from the changed article
    published: int = 0
    proposed: int = 0  # entity names recorded unconfirmed for a teacher to confirm
    skipped: list[str] = field(default_factory=list)  # drafts that failed the checks, and why

    def __add__(self, other):
        return DraftingReport(
            articles=self.articles + other.articles,
            created=self.created + other.created,
            updated=self.updated + other.updated,
            unchanged=self.unchanged + other.unchanged,
            kept=self.kept + other.kept,
            relinked=self.relinked + other.relinked,
            back_to_draft=self.back_to_draft + other.back_to_draft,
            published=self.published + other.published,
            proposed=self.proposed + other.proposed,
            skipped=self.skipped + other.skipped,
        )

    def summary(self):
        """One line for people: what changed."""
        return (
            f"{self.articles} article(s): {self.created} question(s) created, "
            f"{self.updated} updated, {self.unchanged} unchanged, "
            f"{self.kept} kept as a teacher left them, {self.relinked} re-linked to their "
            f"sentence, {self.back_to_draft} back to draft, {self.published} published, "
            f"{len(self.skipped)} draft(s) skipped."
            + (
                f" {self.proposed} entity name(s) proposed for a teacher to confirm."
                if self.proposed
                else ""
            )
        )


def relink_questions(*, article):
    """Make every question of `article` point at the sentence it quotes, after a re-split.

    A question whose sentence row is gone or no longer reads as its `sentence_text` is re-linked
    to the article's first sentence with exactly that text. When there is none (the text
    changed), it goes back to draft with a note saying why, whatever its origin: a published
    question must quote its article verbatim. Returns a report counting both outcomes;
    running it again changes nothing.
    """
    report = DraftingReport()
    by_id, by_text = {}, {}
    for sentence in sorted(article.sentences.all(), key=lambda s: s.position):
        by_id[sentence.pk] = sentence
        by_text.setdefault(sentence.text, sentence)
    with transaction.atomic():
        for question in Question.objects.filter(article=article).only(
            "pk", "sentence", "sentence_text", "status", "review_note"
        ):
            current = by_id.get(question.sentence_id)
            if current is not None and current.text == question.sentence_text:
                continue
            replacement = by_text.get(question.sentence_text)
            if replacement is not None:
                question.sentence = replacement
                question.save(update_fields=["sentence", "updated"])
                report.relinked += 1
            elif (
                question.sentence_id is not None
                or question.status != Question.Status.DRAFT
                or question.review_note != SENTENCE_GONE_NOTE
            ):
                question.sentence = None
                question.status = Question.Status.DRAFT
                question.review_note = SENTENCE_GONE_NOTE
                question.save(update_fields=["sentence", "status", "review_note", "updated"])
                report.back_to_draft += 1
    return report


def follow_article_resplit(sender, *, article, **kwargs):
    """Receiver of `content.signals.article_resplit`: questions follow their sentences at once,
    so the reader's anchors stay right even before generation runs again."""
    relink_questions(article=article)


def _draft_fields(draft, sentence):
    return {
        "kind": draft.kind,
        "mode": draft.mode,
        "stem": draft.stem,
        "answer": draft.answer,
        "answer_normalized": draft.answer_normalized,
        "sentence_id": sentence.pk,
        "sentence_text": draft.sentence_text,
        "answer_start": draft.answer_start,
        "answer_end": draft.answer_end,
        "attribution": draft.attribution,
        "quality": draft.quality,
    }


def _draft_choices(draft):
    if draft.mode == Question.Mode.TYPED:
        return []
    return [(text, _normalize(text) == _normalize(draft.answer)) for text in draft.choices]


def sync_choices(*, question, choices):
    """Make the question's Choice rows read `choices` [(text, is_correct)] in order.

    Rows are updated in place by position rather than replaced, so learners' past responses
    keep pointing at a choice. Returns whether anything changed.
    """
    rows = sorted(question.choices.all(), key=lambda c: (c.position, c.pk))
    if not rows:
        Choice.objects.bulk_create(
            Choice(question=question, text=text, is_correct=is_correct, position=position)
            for position, (text, is_correct) in enumerate(choices)
        )
        return bool(choices)
    changed = False
    for position, (text, is_correct) in enumerate(choices):
        if position < len(rows):
            row = rows[position]
            if (row.text, row.is_correct, row.position) != (text, is_correct, position):
                row.text, row.is_correct, row.position = text, is_correct, position
                row.save(update_fields=["text", "is_correct", "position"])
                changed = True
        else:
            Choice.objects.create(
                question=question, text=text, is_correct=is_correct, position=position
            )
            changed = True
    surplus = [row.pk for row in rows[len(choices) :]]
    if surplus:
        Choice.objects.filter(pk__in=surplus).delete()
        changed = True
    return changed


def refresh_question(*, question, fields, choices):
    """Make a stored question read `fields` ({field name: value}) and `choices`
    [(text, is_correct)], saving only the fields that differ (and `updated` with them) and
    keeping its choice rows (`sync_choices`). Returns whether anything changed. The caller
    decides whether the question may be refreshed at all (generation never refreshes one a
    teacher edited or wrote)."""
    changed = [name for name, value in fields.items() if getattr(question, name) != value]
    for name in changed:
        setattr(question, name, fields[name])
    if changed:
        question.save(update_fields=[*changed, "updated"])
    return sync_choices(question=question, choices=choices) or bool(changed)


def _find_length_problems(draft):
    """What would not fit the database's columns (PostgreSQL refuses what SQLite would keep)."""
    limits = {
        "answer": (draft.answer, Question._meta.get_field("answer").max_length),
        "normalised answer": (
            draft.answer_normalized,
            Question._meta.get_field("answer_normalized").max_length,
        ),
        "attribution": (draft.attribution, Question._meta.get_field("attribution").max_length),
        "fingerprint": (draft.fingerprint, Question._meta.get_field("fingerprint").max_length),
    }
    problems = [
        f"its {name} is longer than {limit} characters"
        for name, (value, limit) in limits.items()
        if len(value) > limit
    ]
    choice_limit = Choice._meta.get_field("text").max_length
    if any(len(text) > choice_limit for text in draft.choices):
        problems.append(f"a choice is longer than {choice_limit} characters")
    return problems


def store_drafts(*, article, drafts):
    """Store the generator's drafts for `article` as questions, in one transaction.

    Idempotent by (article, fingerprint): storing the same drafts again changes nothing. For
    each draft (the best-quality one when several share a fingerprint):
    - no question yet: a draft question is created with its choices (the answer marked
      correct exactly once);
    - a generated question no teacher touched: refreshed to the draft (counted as updated,
      or unchanged when nothing differs), keeping its status;
    - a question a teacher edited or wrote: kept exactly as it is.
    Drafts that fail `find_question_problems`, or whose sentence is not in the article, are
    skipped and listed in the report. First, questions follow their sentences after a re-split
    (`relink_questions`).
    """
    report = DraftingReport(articles=1)
    with transaction.atomic():
        report += relink_questions(article=article)
        sentences = sorted(article.sentences.all(), key=lambda s: s.position)
        by_position = {s.position: s for s in sentences}
        by_text = {}
        for sentence in sentences:
            by_text.setdefault(sentence.text, sentence)
        existing = {
            q.fingerprint: q
            for q in Question.objects.filter(article=article)
            .exclude(fingerprint="")
            .prefetch_related("choices")
        }
        seen = set()
        new = []  # (question, choices) to create, in one statement each for all of them
        for draft in sorted(drafts, key=lambda d: -d.quality):
            if not draft.fingerprint or draft.fingerprint in seen:
                continue
            seen.add(draft.fingerprint)
            sentence = by_position.get(draft.sentence_position)
            if sentence is None or sentence.text != draft.sentence_text:
                sentence = by_text.get(draft.sentence_text)
            choices = _draft_choices(draft)
            problems = find_question_problems(
                sentence_text=draft.sentence_text,
                answer_start=draft.answer_start,
                answer_end=draft.answer_end,
                answer=draft.answer,
                stem=draft.stem,
                mode=draft.mode,
                choices=[text for text, _ in choices],
                correct=[flag for _, flag in choices],
            )
            if sentence is None:
                problems.append("its sentence is not in the article")
            problems += _find_length_problems(draft)
            if problems:
                report.skipped.append(f"{article.slug}: “{draft.stem}”: " + " ".join(problems))
                continue
            fields = _draft_fields(draft, sentence)
            question = existing.get(draft.fingerprint)
            if question is None:
                new.append(
                    (Question(article=article, fingerprint=draft.fingerprint, **fields), choices)
                )
                report.created += 1
                continue
            if question.origin != Question.Origin.GENERATED:
                report.kept += 1
                continue
            if question.review_note == SENTENCE_GONE_NOTE:
                fields["review_note"] = REGENERATED_NOTE
            if refresh_question(question=question, fields=fields, choices=choices):
                report.updated += 1
            else:
                report.unchanged += 1
        # New questions and their choices: two INSERTs for the article, not two per question
        # (both backends give the new ids back).
        Question.objects.bulk_create([question for question, _ in new])
        Choice.objects.bulk_create(
            Choice(question=question, text=text, is_correct=is_correct, position=position)
            for question, choices in new
            for position, (text, is_correct) in enumerate(choices)
        )
    return report


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


def publish_drafts(*, articles, threshold):
    """Publish the generated drafts of `articles` whose quality is at least `threshold`.

    Only drafts no teacher has decided on: never a rejected question, never one a teacher
    edited, wrote or set the status of, never one generation sent back to draft for review,
    and never one without its sentence. Returns how many were published.
    """
    return (
        Question.objects.filter(
            article__in=articles,
            status=Question.Status.DRAFT,
            origin=Question.Origin.GENERATED,
            quality__gte=threshold,
            reviewed_at__isnull=True,
            review_note="",
            sentence__isnull=False,
        )
        .exclude(fingerprint="")
        .update(status=Question.Status.PUBLISHED)
    )


def review_questions(*, questions, status):
    """Record a teacher's decision: set `status` on `questions` (a queryset) and mark them
    reviewed, so automatic publishing leaves them alone from now on.

    A question whose sentence is no longer in its article is not published (it would not quote
    its article verbatim). Returns (how many changed, how many were refused).
    """
    refused = 0
    if status == Question.Status.PUBLISHED:
        refused = questions.filter(sentence__isnull=True).count()
        questions = questions.filter(sentence__isnull=False)
    changed = Question.objects.filter(pk__in=questions.values("pk")).update(
        status=status, reviewed_at=timezone.now(), review_note=""
    )
    return changed, refused


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
    texts = {article.pk: build_article_text(article=article) for article in articles}
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
