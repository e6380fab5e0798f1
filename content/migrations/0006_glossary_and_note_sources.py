"""Ship the glossary of contested terms, and complete the sources of the known outlets' notes.

Like 0003, the data is frozen here and only fills what is missing: a term is created only when
no term of that name exists, a source's URL is filled only when the source still has the
shipped title and an empty URL, and a new source is added only when its outlet has no source
with that title. A teacher's edits are never overwritten.

Everything stated here is meant to be factual and even-handed: each term says who uses it,
what it refers to in neutral words, and what others call the same thing.
"""

from django.db import migrations

TRT_ARTICLE = (
    "TRT, “Azerbaijan celebrates third anniversary of victory in Karabakh” (8 November 2023)",
    "",
)
CASPIAN_ARTICLE = (
    "Caspian Post, “Azerbaijan's Victory Day: The End of 30 Years of Occupation” "
    "(8 November 2024, opinion)",
    "https://caspianpost.com/en/post/azerbaijan-victory-day-the-end-of-30-years-of-occupation",
)
UN_RESOLUTIONS = (
    "UN Security Council resolutions 822, 853, 874 and 884 (1993)",
    "",
)
ARMENIAN_LOSSES = (
    "Massis Post, “Number of Artsakh War Casualties is 3,773, Another 243 MIA” (24 August 2021), "
    "reporting Prime Minister Nikol Pashinyan to Armenia's parliament",
    "https://massispost.com/2021/08/number-of-artsakh-war-casualties-is-3773-another-243-mia/",
)
EXODUS_ARMENIA = (
    "Government of Armenia, count of arrivals from Nagorno-Karabakh: 100,417 people (2023)",
    "",
)
EXODUS_UNHCR = (
    "UNHCR, the UN Refugee Agency: more than 100,000 refugees arrived in Armenia (2023)",
    "",
)
PASHINYAN_2023 = (
    "Armenian Prime Minister Nikol Pashinyan, statement to his government (28 September 2023)",
    "",
)

TERMS = [
    {
        "term": "liberation",
        "slug": "liberation",
        "variants": ["liberated", "liberate", "liberates", "liberating"],
        "usage": "azerbaijani",
        "used_by": "Azerbaijani official usage, and outlets that follow it",
        "description": (
            "Azerbaijan's word for retaking, in the 2020 war and in September 2023, "
            "territory held by ethnic Armenian forces since the early 1990s. The territory is "
            "internationally recognised as part of Azerbaijan; for its ethnic Armenian "
            "residents the same events meant defeat and, in 2023, departure."
        ),
        "other_terms": (
            "recapture or takeover (international news agencies); the loss or fall of the "
            "territory (Armenian sources)"
        ),
        "sources": [TRT_ARTICLE, CASPIAN_ARTICLE, UN_RESOLUTIONS],
    },
    {
        "term": "occupation",
        "slug": "occupation",
        "variants": ["occupied", "occupying", "occupier", "occupiers"],
        "usage": "azerbaijani",
        "used_by": "Azerbaijani official usage; the 1993 UN Security Council resolutions",
        "description": (
            "The control of Nagorno-Karabakh and the surrounding districts by ethnic Armenian "
            "forces, with Armenia's support, from the war of the early 1990s until 2020–2023. "
            "The 1993 UN Security Council resolutions call for the withdrawal of “occupying "
            "forces” from districts of Azerbaijan."
        ),
        "other_terms": (
            "the self-proclaimed Nagorno-Karabakh Republic, or Artsakh, and a “security zone” "
            "around it (Armenian usage); Armenian-controlled (news agencies)"
        ),
        "sources": [UN_RESOLUTIONS, TRT_ARTICLE],
    },
    {
        "term": "martyrs",
        "slug": "martyrs",
        "variants": ["martyr", "martyrdom"],
        "usage": "azerbaijani",
        "used_by": "Azerbaijani official and everyday usage (şəhid)",
        "description": (
            "Azerbaijan's word for its soldiers and civilians killed in the conflict, honouring "
            "them as having died for the country. Texts that count only one side's martyrs "
            "leave out the other side's dead: Armenia officially counted 3,773 soldiers killed "
            "and 243 missing in the 2020 war."
        ),
        "other_terms": "the dead, those killed, fallen soldiers (neutral wording)",
        "sources": [TRT_ARTICLE, ARMENIAN_LOSSES],
    },
    {
        "term": "Patriotic War",
        "slug": "patriotic-war",
        "variants": ["homeland war"],
        "usage": "azerbaijani",
        "used_by": "Azerbaijani official usage",
        "description": (
            "Azerbaijan's official name (Vətən müharibəsi, also translated “Homeland War”) for "
            "the war of 27 September to 10 November 2020."
        ),
        "other_terms": (
            "the 2020 Nagorno-Karabakh war or Second Karabakh War (international usage); the "
            "44-day war (used on both sides); the Artsakh war (Armenian usage)"
        ),
        "sources": [CASPIAN_ARTICLE, ARMENIAN_LOSSES],
    },
    {
        "term": "anti-terrorist operation",
        "slug": "anti-terrorist-operation",
        "variants": [
            "anti-terror operation",
            "local anti-terror measures",
            "local anti-terrorist measures",
            "anti-terror measures",
            "anti-terrorist measures",
        ],
        "usage": "azerbaijani",
        "used_by": "Azerbaijani official usage",
        "description": (
            "Azerbaijan's official name for its military offensive of 19–20 September 2023 in "
            "Nagorno-Karabakh. The local ethnic Armenian forces laid down their arms, and more "
            "than 100,000 ethnic Armenians then left for Armenia."
        ),
        "other_terms": (
            "a military offensive (international news agencies); an attack or aggression "
            "(Armenian usage)"
        ),
        "sources": [TRT_ARTICLE, EXODUS_UNHCR],
    },
    {
        "term": "Artsakh",
        "slug": "artsakh",
        "variants": [],
        "usage": "armenian",
        "used_by": "Armenian usage",
        "description": (
            "The Armenian name for Nagorno-Karabakh, and the name taken by the self-proclaimed "
            "republic there, which no UN member state recognised. Its authorities decreed its "
            "dissolution in September 2023, effective 1 January 2024."
        ),
        "other_terms": "Karabakh (Azerbaijani usage); Nagorno-Karabakh (international usage)",
        "sources": [ARMENIAN_LOSSES, UN_RESOLUTIONS],
    },
    {
        "term": "ethnic cleansing",
        "slug": "ethnic-cleansing",
        "variants": [],
        "usage": "armenian",
        "used_by": "The Armenian government and many Armenian sources",
        "description": (
            "How they describe the departure of more than 100,000 ethnic Armenians from "
            "Nagorno-Karabakh after Azerbaijan's September 2023 offensive (Armenia counted "
            "100,417 arrivals). Azerbaijan rejects the term and says the residents left of "
            "their own choice."
        ),
        "other_terms": (
            "exodus, flight or departure (international news agencies); voluntary departure "
            "(Azerbaijani officials)"
        ),
        "sources": [PASHINYAN_2023, EXODUS_ARMENIA, EXODUS_UNHCR],
    },
    {
        "term": "forcible displacement",
        "slug": "forcible-displacement",
        "variants": ["forced displacement", "forcibly displaced"],
        "usage": "armenian",
        "used_by": "Armenian usage",
        "description": (
            "A description of the 2023 departure of more than 100,000 ethnic Armenians from "
            "Nagorno-Karabakh that stresses they left under military pressure rather than by "
            "choice. Azerbaijan disputes it."
        ),
        "other_terms": (
            "exodus or departure (international news agencies); voluntary departure "
            "(Azerbaijani officials)"
        ),
        "sources": [EXODUS_ARMENIA, EXODUS_UNHCR],
    },
    {
        "term": "Shusha",
        "slug": "shusha",
        "variants": ["Şuşa"],
        "usage": "place_name",
        "used_by": "Azerbaijani name (Şuşa), also common in international usage",
        "description": (
            "A town in Nagorno-Karabakh, held by ethnic Armenian forces from May 1992 until "
            "Azerbaijan's army took it on 8 November 2020; a symbol for both sides."
        ),
        "other_terms": "Shushi (Armenian name)",
        "sources": [TRT_ARTICLE, CASPIAN_ARTICLE],
    },
    {
        "term": "Shushi",
        "slug": "shushi",
        "variants": [],
        "usage": "place_name",
        "used_by": "Armenian name",
        "description": (
            "The Armenian name of the town Azerbaijan calls Shusha, held by ethnic Armenian "
            "forces from May 1992 until 8 November 2020."
        ),
        "other_terms": "Shusha (Azerbaijani name, common in international usage)",
        "sources": [TRT_ARTICLE],
    },
    {
        "term": "Khankendi",
        "slug": "khankendi",
        "variants": ["Xankəndi", "Khankandi"],
        "usage": "place_name",
        "used_by": "Azerbaijani name",
        "description": (
            "The largest town of Nagorno-Karabakh, under Azerbaijani control since September "
            "2023. Khankendi is its name before 1923, which Azerbaijan restored in 1991."
        ),
        "other_terms": "Stepanakert (Armenian name, common in international usage until 2023)",
        "sources": [],
    },
    {
        "term": "Stepanakert",
        "slug": "stepanakert",
        "variants": [],
        "usage": "place_name",
        "used_by": "Armenian name, common in international usage until 2023",
        "description": (
            "The name given in 1923 to the largest town of Nagorno-Karabakh, after the "
            "Bolshevik leader Stepan Shahumyan; it was the seat of the self-proclaimed "
            "republic until 2023."
        ),
        "other_terms": "Khankendi (Azerbaijani name)",
        "sources": [],
    },
    {
        "term": "Nagorno-Karabakh",
        "slug": "nagorno-karabakh",
        "variants": ["Nagorno Karabakh", "Mountainous Karabakh"],
        "usage": "third_party",
        "used_by": "International usage (from Russian, “Mountainous Karabakh”)",
        "description": (
            "The usual international name of the region, internationally recognised as part of "
            "Azerbaijan. Until 2023 most of its population was ethnic Armenian."
        ),
        "other_terms": "Karabakh (Azerbaijani usage); Artsakh (Armenian usage)",
        "sources": [UN_RESOLUTIONS, EXODUS_UNHCR],
    },
    {
        "term": "offensive",
        "slug": "offensive",
        "variants": ["military offensive"],
        "usage": "third_party",
        "used_by": "International news agencies and most foreign governments",
        "description": (
            "A neutral word for a large attack, used for Azerbaijan's operation of 19–20 "
            "September 2023 in Nagorno-Karabakh."
        ),
        "other_terms": (
            "anti-terrorist operation (Azerbaijani official usage); attack or aggression "
            "(Armenian usage)"
        ),
        "sources": [EXODUS_UNHCR],
    },
]

# (outlet, shipped source title, URL to fill when the URL is still empty)
SOURCE_URLS = [
    (
        "TRT",
        "IPI, “Turkish public broadcaster TRT moves farther from objective coverage with new "
        "appointees” (2021)",
        "https://ipi.media/turkish-public-broadcaster-trt-moves-farther-from-objective-coverage-"
        "with-new-appointees/",
    ),
    ("TRT", "Official Armenian count, August 2021: 3,773 killed and 243 missing", ARMENIAN_LOSSES[1]),
    (
        "Caspian Post",
        "Official Armenian count, August 2021: 3,773 killed and 243 missing",
        ARMENIAN_LOSSES[1],
    ),
]

# (outlet, statement, title, url): sources the shipped notes lacked.
NEW_SOURCES = [
    (
        "TRT",
        "Funded partly by a levy on electricity bills until late 2021",
        "Hürriyet Daily News, “Government to abolish public TV share from electricity bills” "
        "(9 November 2021)",
        "https://www.hurriyetdailynews.com/government-to-abolish-some-fees-from-electricity-"
        "bills-169245",
    ),
]


def ship_glossary_and_sources(apps, schema_editor):
    ContestedTerm = apps.get_model("content", "ContestedTerm")
    ContestedTermSource = apps.get_model("content", "ContestedTermSource")
    Outlet = apps.get_model("content", "Outlet")
    OutletSource = apps.get_model("content", "OutletSource")

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

    for outlet_name, title, url in SOURCE_URLS:
        OutletSource.objects.filter(outlet__name=outlet_name, title=title, url="").update(url=url)
    for outlet_name, statement, title, url in NEW_SOURCES:
        outlet = Outlet.objects.filter(name=outlet_name).first()
        if outlet is None or OutletSource.objects.filter(outlet=outlet, title=title).exists():
            continue
        OutletSource.objects.create(outlet=outlet, statement=statement, title=title, url=url)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0005_contested_terms"),
    ]

    operations = [
        migrations.RunPython(ship_glossary_and_sources, migrations.RunPython.noop),
    ]
