"""Ship the entities of the seed articles, confirmed, so generation may ask about them.

Only missing rows are created (matched by name): a row a teacher already has, edited or not,
is left exactly as it is, and reversing the migration deletes nothing.

Type choices, where the articles or common usage leave room:
- Aghdam, Kalbajar, Lachin, Fuzuli and Zangilan are districts (rayons) of Azerbaijan named
  after their administrative towns. The articles speak of them as districts: TRT's "provinces
  of Aghdam, Kalbajar, and Lachin" the army had to leave, the airports "in Fuzuli and
  Zangilan" (both district airports), the houses "in Zangilan, Fuzuli, and Lachin". So all
  five are "region", consistently; Shusha, the one town the articles speak of as a town ("the
  symbol city of Karabakh"), is a "city".
- The 2020 war's entity is named neutrally, "Second Karabakh War"; "Patriotic War" (Azerbaijani
  official usage), "44-day war" and "2020 Nagorno-Karabakh war" are aliases, so a question
  always shows the neutral name while every wording is recognised.
- The Trilateral Statement of 10 November 2020 is an "event": it is an agreement signed on a
  day, which is what a question asks about ("Who signed ...?"); an organisation is a body with
  members and it is not one.
- The Alley of Martyrs is a memorial, and no type fits a place that is neither a city nor a
  region: it is left out rather than mistyped.
- A few well-known places and bodies the seeds do not name (Baku, Ganja, Georgia, Iran, the
  United Nations, the OSCE Minsk Group) are shipped too, so each type has at least three
  plausible wrong choices for a question about the seeds' own entities.
"""

from django.db import migrations

SEED_ENTITIES = [
    # cities
    ("Shusha", "city", ["Shushi"]),
    ("Yerevan", "city", []),
    ("Ankara", "city", []),
    ("Baku", "city", []),
    ("Ganja", "city", []),
    # regions (districts included: see above)
    ("Karabakh", "region", []),
    ("Nagorno-Karabakh", "region", ["Nagorno Karabakh"]),
    ("Aghdam", "region", ["Agdam"]),
    ("Kalbajar", "region", ["Kelbajar"]),
    ("Lachin", "region", []),
    ("Fuzuli", "region", ["Fizuli"]),
    ("Zangilan", "region", []),
    # countries
    ("Azerbaijan", "country", []),
    ("Armenia", "country", []),
    ("Russia", "country", ["Russian Federation"]),
    ("Türkiye", "country", ["Turkiye", "Turkey"]),
    ("United States", "country", ["United States of America", "USA"]),
    ("Georgia", "country", []),
    ("Iran", "country", []),
    # organisations
    ("European Union", "organisation", ["EU"]),
    ("United Nations", "organisation", ["UN"]),
    ("OSCE Minsk Group", "organisation", ["Minsk Group"]),
    # people
    ("Ilham Aliyev", "person", ["Aliyev"]),
    ("Recep Tayyip Erdogan", "person", ["Recep Tayyip Erdoğan", "Erdogan", "Erdoğan"]),
    ("Nikol Pashinyan", "person", ["Pashinyan"]),
    ("Vladimir Putin", "person", ["Putin"]),
    ("Mustafa Kemal Ataturk", "person", ["Mustafa Kemal Atatürk", "Ataturk", "Atatürk"]),
    # events
    (
        "Second Karabakh War",
        "event",
        [
            "2020 Nagorno-Karabakh war",
            "2nd Karabakh War",
            "44-day war",
            "44-day Patriotic War",
            "Patriotic War",
        ],
    ),
    ("First Karabakh War", "event", ["First Nagorno-Karabakh War"]),
    ("Victory Day", "event", []),
    ("Trilateral Statement", "event", ["trilateral declaration", "trilateral statement"]),
]


def create_missing_entities(apps, schema_editor):
    Entity = apps.get_model("quizzes", "Entity")
    existing = set(Entity.objects.values_list("name", flat=True))
    Entity.objects.bulk_create(
        Entity(name=name, type=type_, aliases=aliases, confirmed=True)
        for name, type_, aliases in SEED_ENTITIES
        if name not in existing
    )


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0006_generation_runs"),
    ]

    operations = [
        migrations.RunPython(create_missing_entities, migrations.RunPython.noop),
    ]
