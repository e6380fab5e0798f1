"""What the generation scripts of bench/ read: an article file as generation sees it, and the
library context they all generate against (the shipped entity registry and four dates).

Call after `django.setup()`.
"""

import importlib

# Dates the context offers as real dates of the library: the war's and Shusha's, the
# ceasefire's and the 2023 operation's.
CONTEXT_DATES = ("2020-11-08", "2020-11-10", "2020-09-27", "2023-09-19")


def bench_context():
    """LibraryContext with the entity registry as shipped (migration 0007): every name and alias
    is looked for in every sentence, so it belongs in what is measured."""
    from quizzes.generation.types import KnownEntity, LibraryContext

    shipped = importlib.import_module("quizzes.migrations.0007_seed_entities").SEED_ENTITIES
    return LibraryContext(
        dates=CONTEXT_DATES,
        entities=tuple(KnownEntity(name=n, type=t, aliases=tuple(a)) for n, t, a in shipped),
    )


def article_text(path):
    """ArticleText of the article file at `path`, split into sentences as an import splits it."""
    from content.ingest import parse_article_file, split_sentences
    from quizzes.generation.attribution import default_attribution_name
    from quizzes.generation.types import ArticleText, SentenceText

    parsed = parse_article_file(path)
    return ArticleText(
        slug=path.stem,
        title=parsed.title,
        outlet=parsed.outlet,
        published=parsed.published,
        voice=parsed.voice,
        attribution_name=default_attribution_name(parsed.outlet),
        sentences=tuple(
            SentenceText(position=s.position, text=s.text, paragraph=s.paragraph)
            for s in split_sentences(parsed.body)
        ),
    )
