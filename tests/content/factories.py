import hashlib
from datetime import date

import factory
from factory.django import DjangoModelFactory

from content.ingest import store_sentences
from content.models import Article, Outlet, OutletSource, Sentence


class OutletFactory(DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    country = "Nowhere"
    perspective_note = factory.LazyAttribute(lambda o: f"{o.name} is a test outlet.")


class OutletSourceFactory(DjangoModelFactory):
    class Meta:
        model = OutletSource

    outlet = factory.SubFactory(OutletFactory)
    statement = "Owned by the state"
    title = factory.Sequence(lambda n: f"Report on ownership {n}")
    url = ""


class ArticleFactory(DjangoModelFactory):
    """An article whose body is its sentences joined by spaces (or `body` if given), split
    into Sentence rows by `content.ingest.split_sentences`, as an import would."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        sentence_texts = ("The war ended on 10 November 2020.", "It lasted 44 days.")

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    url = factory.LazyAttribute(lambda o: f"https://example.org/{o.slug}")
    published = date(2023, 11, 8)
    body = factory.LazyAttribute(lambda o: " ".join(o.sentence_texts))
    checksum = factory.LazyAttribute(
        lambda o: hashlib.sha256(f"{o.slug}\n{o.body}".encode()).hexdigest()
    )

    @factory.post_generation
    def sentences(obj, create, extracted, **kwargs):
        if create:
            store_sentences(article=obj)


class SentenceFactory(DjangoModelFactory):
    class Meta:
        model = Sentence

    article = factory.SubFactory(ArticleFactory, sentence_texts=())
    position = factory.Sequence(lambda n: n + 100)
    text = "Shusha was taken on 8 November 2020."
    start = 0
    end = factory.LazyAttribute(lambda o: len(o.text))
