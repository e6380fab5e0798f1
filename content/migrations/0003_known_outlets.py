"""The outlets the app knows before any import: the seeds' TRT and Caspian Post.

Creates only outlets that are missing (by name or alias, case-insensitively), so a teacher's
later edits are never overwritten. The data is frozen here on purpose: a migration must give
the same result whatever the models' code says later.
"""

from django.db import migrations

CONTEXT_EXODUS = (
    "More than 100,000 ethnic Armenians left Nagorno-Karabakh after Azerbaijan's September 2023 "
    "offensive"
)
SOURCE_EXODUS_ARMENIA = (
    "Armenians who left Nagorno-Karabakh in 2023",
    "Government of Armenia, count of arrivals from Nagorno-Karabakh: 100,417 people (2023)",
)
SOURCE_EXODUS_UNHCR = (
    "Armenians who left Nagorno-Karabakh in 2023",
    "UNHCR, the UN Refugee Agency: more than 100,000 refugees arrived in Armenia (2023)",
)
SOURCE_LOSSES = (
    "Armenian military losses in the 2020 war",
    "Official Armenian count, August 2021: 3,773 killed and 243 missing",
)
SOURCE_RECOGNITION = (
    "Nagorno-Karabakh is internationally recognised as part of Azerbaijan",
    "UN Security Council resolutions 822, 853, 874 and 884 (1993), reaffirming Azerbaijan's "
    "sovereignty and territorial integrity",
)

OUTLETS = [
    {
        "name": "TRT",
        "slug": "trt",
        "aliases": ["TRT World", "Turkish Radio and Television Corporation", "TRT Haber"],
        "homepage": "https://www.trt.net.tr/",
        "country": "Türkiye",
        "alignment": "azerbaijan",
        "owner": (
            "The Turkish state. TRT (Turkish Radio and Television Corporation) is Türkiye's "
            "public broadcaster; since a 2018 presidential decree (decree 703) the President of "
            "Türkiye appoints its board, and in July 2021 the whole board was replaced by "
            "presidential decree."
        ),
        "funding": (
            "State-funded. Until late 2021 it was also funded partly by a levy on electricity "
            "bills."
        ),
        "state_relation": (
            "State broadcaster whose board the president appoints. After the board was replaced "
            "in July 2021, the press-freedom group IPI (International Press Institute) warned "
            "that TRT was moving further away from impartial coverage."
        ),
        "stance": (
            "Türkiye openly backed Azerbaijan in the 2020 war. TRT's report in this library "
            'uses Azerbaijani official terms ("liberation", "occupation", "martyrs", '
            '"anti-terrorist operation") and does not mention that more than 100,000 ethnic '
            "Armenians left Nagorno-Karabakh after the September 2023 offensive, nor Armenian "
            "military losses. Nagorno-Karabakh is internationally recognised as part of "
            "Azerbaijan."
        ),
        "editorial_voice": (
            "News reports. The text in this library is a TRT report republished by a Turkish "
            'news site (it ends "Source: TRT").'
        ),
        "perspective_note": (
            "TRT is Türkiye's state-funded public broadcaster; since 2018 the Turkish president "
            "appoints its board, and the press-freedom group IPI has warned of a loss of "
            "impartiality. Türkiye openly backed Azerbaijan in the 2020 war. Its report here "
            'uses Azerbaijani official terms such as "liberation" and "occupation", and does '
            "not mention that more than 100,000 ethnic Armenians left Nagorno-Karabakh in 2023."
        ),
        "sources": [
            ("President appoints the board since 2018", "Presidential Decree No. 703 (2018)", ""),
            (
                "Whole board replaced by decree in July 2021; IPI's warning on impartiality",
                "IPI, “Turkish public broadcaster TRT moves farther from objective coverage "
                "with new appointees” (2021)",
                "",
            ),
            (
                "Türkiye openly backed Azerbaijan in the 2020 war",
                "TRT, “Azerbaijan celebrates third anniversary of victory in Karabakh” "
                "(8 November 2023): Turkish officials “frequently declared their support for "
                "Azerbaijan”",
                "",
            ),
            (*SOURCE_EXODUS_ARMENIA, ""),
            (*SOURCE_EXODUS_UNHCR, ""),
            (*SOURCE_LOSSES, ""),
            (*SOURCE_RECOGNITION, ""),
        ],
    },
    {
        "name": "Caspian Post",
        "slug": "caspian-post",
        "aliases": ["The Caspian Post", "caspianpost.com"],
        "homepage": "https://caspianpost.com/",
        "country": "",
        "alignment": "azerbaijan",
        "owner": "Not known: no independent information on who owns the site was found.",
        "funding": "Not known: no independent information on how the site is funded was found.",
        "state_relation": (
            "No documented relation to a state was found. Its own “About Us” page says it "
            "gives priority to explaining and interpreting Azerbaijani perspectives."
        ),
        "stance": (
            "Presents Azerbaijani perspectives by its own description. The piece in this "
            'library uses Azerbaijani official terms ("liberation", "occupation", "martyrs") '
            "and does not mention that more than 100,000 ethnic Armenians left Nagorno-Karabakh "
            "after the September 2023 offensive, nor Armenian military losses. Nagorno-Karabakh "
            "is internationally recognised as part of Azerbaijan."
        ),
        "editorial_voice": (
            "English-language site. The piece in this library is an opinion piece written in "
            'the first person plural ("our Victory").'
        ),
        "perspective_note": (
            "The Caspian Post is an English-language site whose own “About Us” page says it "
            "gives priority to explaining and interpreting Azerbaijani perspectives; no "
            "independent information on its ownership or funding was found. Its piece here is "
            'an opinion article written in the first person plural ("our Victory") and uses '
            'Azerbaijani official terms such as "liberation" and "occupation". It does not '
            "mention that more than 100,000 ethnic Armenians left Nagorno-Karabakh in 2023."
        ),
        "sources": [
            (
                "Gives priority to Azerbaijani perspectives (its own description)",
                "Caspian Post, “About Us”",
                "https://caspianpost.com/en/page/who-we-are/about-us",
            ),
            (
                "Opinion piece in the first person plural",
                "Caspian Post, “Azerbaijan's Victory Day: The End of 30 Years of Occupation” "
                "(8 November 2024)",
                "https://caspianpost.com/en/post/azerbaijan-victory-day-the-end-of-30-years-of-"
                "occupation",
            ),
            (*SOURCE_EXODUS_ARMENIA, ""),
            (*SOURCE_EXODUS_UNHCR, ""),
            (*SOURCE_LOSSES, ""),
            (*SOURCE_RECOGNITION, ""),
        ],
    },
]


def create_known_outlets(apps, schema_editor):
    Outlet = apps.get_model("content", "Outlet")
    OutletSource = apps.get_model("content", "OutletSource")
    known = set()
    for outlet in Outlet.objects.all():
        known.add(outlet.name.lower())
        known.update(str(alias).lower() for alias in outlet.aliases or [])
    for data in OUTLETS:
        names = {data["name"].lower(), *(alias.lower() for alias in data["aliases"])}
        if names & known or Outlet.objects.filter(slug=data["slug"]).exists():
            continue  # already there: a teacher may have edited it
        fields = {key: value for key, value in data.items() if key != "sources"}
        outlet = Outlet.objects.create(**fields)
        OutletSource.objects.bulk_create(
            OutletSource(outlet=outlet, statement=statement, title=title, url=url)
            for statement, title, url in data["sources"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_outletsource"),
    ]

    operations = [
        migrations.RunPython(create_known_outlets, migrations.RunPython.noop),
    ]
