"""Add the glossary terms the Armenian, Azerbaijani, U.S., EU and Wikinews texts of the library
bring (issue 14): the words each side uses for the other's armed acts, the names of the village
of March 2022, the forces of the ethnic Armenians of Karabakh, and neutral background words.

Like 0006, the data is frozen here and only fills what is missing: a term is created only when
no term of that name or slug exists, so a teacher's edits are never overwritten. Each term says
who uses it, what it refers to in neutral words, what others call the same thing, its topic and
its sources (the library's own texts, where they show the usage).

Two choices worth knowing:
- "infiltration", "provocation" and "aggression" are used by both governments, each of the
  other's forces. `usage` can name one side only, so it names the side whose texts in the
  library use the word; `used_by` says that the other side uses it too.
- "Karabakh" alone, "separatists" and "humanitarian ceasefire" are third-party usage: glossed as
  background, never flagged as one side's word (content/glossary.py explains the rule).
"""

from django.db import migrations

ARMENIAN_MFA_PARUKH = (
    "Ministry of Foreign Affairs of Armenia, “Statement of the Foreign Ministry of Armenia "
    "regarding the ongoing infiltration of the Azerbaijani armed forces into Nagorno-Karabakh” "
    "(25 March 2022)",
    "https://mfa.am/en/interviews-articles-and-comments/2022/03/25/Statement_2503/11368",
)
ARMENIAN_PM_PUTIN = (
    "Office of the Prime Minister of Armenia, “PM Pashinyan holds phone talk with Vladimir Putin” "
    "(25 March 2022)",
    "https://www.primeminister.am/en/press-release/item/2022/03/25/"
    "Nikol-Pashinyan-Telephone-Conversation/",
)
ARMENIAN_PM_OBRIEN = (
    "Office of the Prime Minister of Armenia, “PM Pashinyan holds phone conversation with Robert "
    "O’Brien” (29 October 2020)",
    "https://www.primeminister.am/en/press-release/item/2020/10/29/"
    "Nikol-Pashinyan-Telephone-Conversation/",
)
AZERBAIJANI_MFA_438 = (
    "Ministry of Foreign Affairs of Azerbaijan, statement No:438/23 (16 August 2023)",
    "https://sofia.mfa.gov.az/en/news/3605/no43823-azerbaycan-respublikasinin-xarici-isler-"
    "nazirliyinin-beyanati",
)
AZERBAIJANI_MFA_GANJA = (
    "Ministry of Foreign Affairs of Azerbaijan, statement on the attack on Ganja with ballistic "
    "missiles (17 October 2020)",
    "https://berlin.mfa.gov.az/en/news/erklarung-des-aussenministeriums-der-republik-"
    "aserbaidschan-zum-angriff-der-streitkrafte-armeniens-auf-die-stadt-ganja-mit-"
    "ballistischen-raketen",
)
AZERBAIJANI_MFA_BARDA = (
    "Ministry of Foreign Affairs of Azerbaijan, press release on the missile attack on Barda "
    "(27 October 2020)",
    "https://tallinn.mfa.gov.az/en/news/3248/press-release-of-the-press-service-department-of-"
    "the-ministry-of-foreign-affairs-of-the-republic-of-azerbaijan",
)
AZERBAIJANI_MOD_FARRUKH = (
    "Ministry of Defence of Azerbaijan, statements on the Farrukh heights (March 2022)",
    "",
)
US_STATE_MARCH_2022 = (
    "U.S. Department of State, “Secretary Blinken’s Call with Armenian Prime Minister Pashinyan” "
    "(14 March 2022)",
    "https://thefederalnewswire.com/stories/621896583-secretary-blinken-s-call-with-armenian-"
    "prime-minister-pashinyan",
)
EU_SEPTEMBER_2020 = (
    "EU High Representative Josep Borrell, “Nagorno Karabakh: Statement by the High "
    "Representative/Vice-President” (27 September 2020)",
    "https://en.aravot.am/2020/09/27/265205",
)
WIKINEWS_2016 = (
    "Wikinews, “2016 Armenian–Azerbaijani clashes” (2 April 2016)",
    "http://en.wikiactu.com/?m=20160402",
)
TRT_ARTICLE = (
    "TRT, “Azerbaijan celebrates third anniversary of victory in Karabakh” (8 November 2023)",
    "",
)

ARMED_ACTS = "Naming the other side's armed acts"
PARUKH = "Parukh / Farrukh"
FORCES = "The ethnic Armenian forces of Karabakh"

TERMS = [
    {
        "term": "infiltration",
        "slug": "infiltration",
        "variants": ["infiltrations", "infiltrated", "infiltrate", "infiltrates", "infiltrating"],
        "usage": "armenian",
        "topic": ARMED_ACTS,
        "used_by": (
            "Armenian official usage for Azerbaijani troop moves; Azerbaijani officials use it "
            "of Armenian units too"
        ),
        "description": (
            "A word for armed forces entering an area by stealth and without right. Armenia's "
            "Foreign Ministry used it for the Azerbaijani army's move near Parukh, in the zone "
            "of the Russian peacekeepers, in March 2022; Azerbaijan's used it for an Armenian "
            "reconnaissance group in August 2023."
        ),
        "other_terms": (
            "advance or troop movement (neutral wording); escalation (the U.S. State "
            "Department, March 2022)"
        ),
        "sources": [ARMENIAN_MFA_PARUKH, AZERBAIJANI_MFA_438, US_STATE_MARCH_2022],
    },
    {
        "term": "invasion",
        "slug": "invasion",
        "variants": ["invaded", "invade", "invades", "invading"],
        "usage": "armenian",
        "topic": ARMED_ACTS,
        "used_by": "Armenian official usage for the Azerbaijani army's move of March 2022",
        "description": (
            "A word for an armed entry into territory that is not the invader's. Armenia's "
            "Prime Minister's office used it for the Azerbaijani units' move into the zone of "
            "the Russian peacekeepers in Nagorno-Karabakh in March 2022; Azerbaijan regards "
            "the area as its own territory."
        ),
        "other_terms": (
            "infiltration (Armenia's Foreign Ministry, the same day); advance or troop "
            "movement (neutral wording)"
        ),
        "sources": [ARMENIAN_PM_PUTIN, ARMENIAN_MFA_PARUKH],
    },
    {
        "term": "provocation",
        "slug": "provocation",
        "variants": ["provocations", "provocative"],
        "usage": "azerbaijani",
        "topic": ARMED_ACTS,
        "used_by": (
            "Azerbaijani official usage for Armenian military acts; Armenian officials use it "
            "of Azerbaijani ones too"
        ),
        "description": (
            "A word that presents the other side's military action as a deliberate attempt to "
            "stir up trouble, and so puts the blame on it. Azerbaijan's Foreign Ministry used "
            "it in August 2023 for an Armenian reconnaissance group it said had tried to cross "
            "into Azerbaijan."
        ),
        "other_terms": "incident, clash or border incident (neutral wording)",
        "sources": [AZERBAIJANI_MFA_438],
    },
    {
        "term": "aggression",
        "slug": "aggression",
        "variants": ["aggressor", "aggressors", "aggressor state"],
        "usage": "azerbaijani",
        "topic": ARMED_ACTS,
        "used_by": (
            "Azerbaijani official usage for Armenia's acts; Armenian officials use it for "
            "Azerbaijan's"
        ),
        "description": (
            "A term of international law for one state's armed attack on another: each side "
            "uses it to name the other as the one that started the fighting. Azerbaijan's "
            "Foreign Ministry called Armenia the “aggressor state” in its October 2020 "
            "statements on Ganja and Barda."
        ),
        "other_terms": (
            "attack or fighting (neutral wording); “fighting erupted” (the EU on 27 September "
            "2020, naming no side)"
        ),
        "sources": [AZERBAIJANI_MFA_GANJA, AZERBAIJANI_MFA_BARDA, EU_SEPTEMBER_2020],
    },
    {
        "term": "Parukh",
        "slug": "parukh",
        "variants": [],
        "usage": "place_name",
        "topic": PARUKH,
        "used_by": "Armenian name",
        "description": (
            "A village in Nagorno-Karabakh, in the Askeran region as the self-proclaimed "
            "republic divided it (Azerbaijan's Khojaly district). In March 2022 Azerbaijani "
            "troops moved into positions near it, in the area patrolled by Russian "
            "peacekeepers since November 2020."
        ),
        "other_terms": "Farrukh (Azerbaijani name, Fərrux)",
        "sources": [ARMENIAN_MFA_PARUKH, AZERBAIJANI_MOD_FARRUKH],
    },
    {
        "term": "Farrukh",
        "slug": "farrukh",
        "variants": ["Fərrux", "Farukh"],
        "usage": "place_name",
        "topic": PARUKH,
        "used_by": "Azerbaijani name (Fərrux)",
        "description": (
            "The Azerbaijani name of the village in Nagorno-Karabakh that Armenians call "
            "Parukh, in Azerbaijan's Khojaly district; in March 2022 Azerbaijani troops and "
            "the area's ethnic Armenian forces faced each other there, in the zone of the "
            "Russian peacekeepers."
        ),
        "other_terms": "Parukh (Armenian name)",
        "sources": [AZERBAIJANI_MOD_FARRUKH, ARMENIAN_MFA_PARUKH],
    },
    {
        "term": "Defense Army",
        "slug": "defense-army",
        "variants": [
            "Defence Army",
            "Artsakh Defense Army",
            "Artsakh Defence Army",
            "Nagorno-Karabakh Defense Army",
            "Nagorno-Karabakh Defence Army",
        ],
        "usage": "armenian",
        "topic": FORCES,
        "used_by": "Armenian usage",
        "description": (
            "The armed forces of the self-proclaimed republic in Nagorno-Karabakh, made up of "
            "local ethnic Armenians and backed by Armenia, from the 1990s until they laid down "
            "their arms in September 2023."
        ),
        "other_terms": (
            "illegal Armenian armed formations (Azerbaijani official usage); ethnic Armenian "
            "forces (international news agencies)"
        ),
        "sources": [ARMENIAN_MFA_PARUKH, TRT_ARTICLE],
    },
    {
        "term": "separatists",
        "slug": "separatists",
        "variants": ["separatist"],
        "usage": "third_party",
        "topic": FORCES,
        "used_by": "International news agencies, and Azerbaijani officials",
        "description": (
            "A name for the ethnic Armenian authorities and forces that held Nagorno-Karabakh "
            "from the early 1990s to 2023, seeking its separation from Azerbaijan. Armenian "
            "sources reject it and speak of the region's self-determination."
        ),
        "other_terms": (
            "the Artsakh authorities or the Defense Army (Armenian usage); illegal armed "
            "formations or the so-called regime (Azerbaijani official usage)"
        ),
        "sources": [WIKINEWS_2016, TRT_ARTICLE],
    },
    {
        "term": "Karabakh",
        "slug": "karabakh",
        "variants": [],
        "usage": "third_party",
        "topic": "The region's name",
        "used_by": (
            "Used by all sides and internationally as the short name; Azerbaijani official "
            "usage prefers it to “Nagorno-Karabakh”"
        ),
        "description": (
            "The short name of the region. Azerbaijani officials use it, or “the Karabakh "
            "region”, for an area wider than Nagorno-Karabakh, a name they avoid; Armenian and "
            "international writers use it too (“the Karabakh conflict”)."
        ),
        "other_terms": "Nagorno-Karabakh (international usage); Artsakh (Armenian usage)",
        "sources": [TRT_ARTICLE, EU_SEPTEMBER_2020],
    },
    {
        "term": "humanitarian ceasefire",
        "slug": "humanitarian-ceasefire",
        "variants": ["humanitarian ceasefires", "humanitarian truce"],
        "usage": "third_party",
        "topic": "The October 2020 ceasefires",
        "used_by": "Both sides and the mediators (Russia, France, the United States), 2020",
        "description": (
            "The truces agreed during the 2020 war so that the dead and prisoners could be "
            "exchanged: in Moscow on 10 October, again from 18 October, and after talks in "
            "Washington from 26 October. None held; each side said the other broke them."
        ),
        "other_terms": "ceasefire or truce",
        "sources": [AZERBAIJANI_MFA_BARDA, AZERBAIJANI_MFA_GANJA, ARMENIAN_PM_OBRIEN],
    },
]


def add_library_terms(apps, schema_editor):
    ContestedTerm = apps.get_model("content", "ContestedTerm")
    ContestedTermSource = apps.get_model("content", "ContestedTermSource")
    existing = {term.lower() for term in ContestedTerm.objects.values_list("term", flat=True)}
    slugs = set(ContestedTerm.objects.values_list("slug", flat=True))
    for data in TERMS:
        if data["term"].lower() in existing or data["slug"] in slugs:
            continue  # a teacher's entry, or one shipped before: leave it as it is
        fields = {key: value for key, value in data.items() if key != "sources"}
        term = ContestedTerm.objects.create(**fields)
        ContestedTermSource.objects.bulk_create(
            ContestedTermSource(term=term, title=title, url=url) for title, url in data["sources"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0010_outlet_attribution_name"),
    ]

    operations = [
        migrations.RunPython(add_library_terms, migrations.RunPython.noop),
    ]
