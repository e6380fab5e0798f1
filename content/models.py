import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Outlet(models.Model):
    """A publisher whose articles the library holds, with a note on where it stands."""

    class Alignment(models.TextChoices):
        # Which side of the conflict its coverage presents, not a verdict on its ownership:
        # the owner, funding and state_relation fields say that, with sources.
        AZERBAIJAN = "azerbaijan", "Presents Azerbaijan's side"
        ARMENIA = "armenia", "Presents Armenia's side"
        THIRD_PARTY = "third_party", "Third party / international"
        UNKNOWN = "unknown", "Not yet assessed"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    attribution_name = models.CharField(
        max_length=100,
        blank=True,
        help_text='The short name a question credits a claim to, as it reads after "According '
        'to": "TRT", "the Caspian Post", "Armenia\'s Foreign Ministry", "the U.S. State '
        'Department". Blank: the name, without anything in brackets.',
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names the outlet goes by, matched on import."
    )
    homepage = models.URLField(blank=True)
    country = models.CharField(max_length=100, blank=True)
    owner = models.TextField(blank=True, help_text="Who owns or controls the outlet.")
    funding = models.TextField(blank=True, help_text="How the outlet is funded.")
    state_relation = models.TextField(blank=True, help_text="Its relation to a state, if any.")
    stance = models.TextField(blank=True, help_text="Its stance on the topics it covers.")
    editorial_voice = models.TextField(blank=True, help_text="The voice of its pieces.")
    alignment = models.CharField(
        max_length=20, choices=Alignment.choices, default=Alignment.UNKNOWN
    )
    perspective_note = models.TextField(
        blank=True, help_text="Shown with every answer that comes from this outlet."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="outlet_name_ci_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("content:outlet", args=[self.slug])


class OutletSource(models.Model):
    """A published source for one statement of an outlet's note (title, and URL when known)."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="sources")
    statement = models.CharField(
        max_length=300, help_text="What this source supports, in a few words."
    )
    title = models.CharField(max_length=300, help_text="Title of the source, with its publisher.")
    url = models.URLField(max_length=500, blank=True, help_text="Leave blank when not known.")

    class Meta:
        ordering = ["outlet", "id"]

    def __str__(self):
        return f"{self.statement}: {self.title}"


class Article(models.Model):
    """One article as published, its body kept exactly as imported."""

    class Voice(models.TextChoices):
        NEWS = "news", "News report"
        OPINION = "opinion", "Opinion"
        OFFICIAL = "official", "Official statement"

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField(max_length=500, blank=True)
    published = models.DateField()
    language = models.CharField(max_length=10, default="en")
    voice = models.CharField(max_length=20, choices=Voice.choices, default=Voice.NEWS)
    omissions_note = models.TextField(
        blank=True, help_text="What the article leaves out that a reader should know."
    )
    licence = models.TextField(
        blank=True,
        help_text="On what basis the library may show the text: its licence, public-domain "
        'status or permission, with the authors a licence asks to credit ("CC BY 2.5, by '
        'Wikinews contributors").',
    )
    body = models.TextField()
    checksum = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the body.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "title"]
        indexes = [models.Index(fields=["outlet", "-published"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:article", args=[self.slug])

    @staticmethod
    def checksum_of(body):
        """SHA-256 hex digest of a body: the identity of an article's text on re-import."""
        return hashlib.sha256(body.encode()).hexdigest()


class Sentence(models.Model):
    """A sentence of an article body: `article.body[start:end] == text`."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sentences")
    position = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField(default=0)
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="sentence_position_unique"
            ),
        ]

    def __str__(self):
        return f"{self.article_id}#{self.position}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{reverse('content:article', args=[self.article.slug])}#{self.anchor}"

    @property
    def anchor(self):
        return f"s-{self.position}"


class ContestedTerm(models.Model):
    """A word or name whose use says where the writer stands, with a neutral gloss.

    The reader and the quoted source sentences highlight its occurrences (the term and its
    `variants`, matched as whole words, ignoring case) and show the gloss on hover and focus.
    """

    class Usage(models.TextChoices):
        # Whose usage the term is typical of; `used_by` says it in words.
        AZERBAIJANI = "azerbaijani", "Azerbaijani official usage"
        ARMENIAN = "armenian", "Armenian usage"
        THIRD_PARTY = "third_party", "Third-party / international usage"
        PLACE_NAME = "place_name", "Place name (differs by side)"

    term = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    variants = models.JSONField(
        default=list,
        blank=True,
        help_text='Other forms matched in texts, e.g. ["liberated", "liberate"] for '
        '"liberation". Whole words, case ignored.',
    )
    usage = models.CharField(max_length=20, choices=Usage.choices)
    topic = models.CharField(
        max_length=100,
        blank=True,
        help_text="The subject the term belongs to, shared by the names each side uses for it "
        '(e.g. "Shusha / Shushi"): the balance page counts articles per topic.',
    )
    used_by = models.CharField(max_length=300, help_text="Who uses the term, in a few words.")
    description = models.TextField(
        help_text="What it refers to, neutrally, in one to three sentences."
    )
    other_terms = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the other side, or neutral sources, call the same thing.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return f"{reverse('content:glossary')}#{self.anchor}"

    def clean(self):
        variants = self.variants if self.variants is not None else []
        if not isinstance(variants, list) or not all(
            isinstance(v, str) and v.strip() for v in variants
        ):
            raise ValidationError(
                {
                    "variants": 'Write the variants as a list of words, e.g. ["liberated", "liberate"].'
                }
            )
        self.variants = [" ".join(v.split()) for v in variants]

    @property
    def anchor(self):
        return f"term-{self.slug}"

    @property
    def forms(self):
        """The term and its variants, each once, as matched in texts (variants that are not
        a list of words, which `clean` refuses, are ignored)."""
        variants = self.variants if isinstance(self.variants, list) else []
        return list(dict.fromkeys([self.term, *(str(v) for v in variants if str(v).strip())]))

    @property
    def gloss(self):
        """The short text shown on hover and focus: who uses it, what it means, the other term."""
        parts = [f"{self.used_by}.", self.description]
        if self.other_terms:
            parts.append(f"Others say: {self.other_terms}.")
        return " ".join(part.strip() for part in parts if part.strip())


class ContestedTermSource(models.Model):
    """A published source for a glossary entry (title, and URL when known)."""

    term = models.ForeignKey(ContestedTerm, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300, help_text="Title of the source, with its publisher.")
    url = models.URLField(max_length=500, blank=True, help_text="Leave blank when not known.")

    class Meta:
        ordering = ["term", "id"]

    def __str__(self):
        return self.title
