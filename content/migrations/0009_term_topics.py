"""Give the shipped glossary terms their topics (only where a term has none yet)."""

from django.db import migrations

TOPICS = {
    "liberation": "Control of the territory, 1990s–2023",
    "occupation": "Control of the territory, 1990s–2023",
    "martyrs": "The war dead",
    "Patriotic War": "The 2020 war",
    "anti-terrorist operation": "The September 2023 offensive",
    "offensive": "The September 2023 offensive",
    "ethnic cleansing": "The departure of ethnic Armenians in 2023",
    "forcible displacement": "The departure of ethnic Armenians in 2023",
    "Artsakh": "The region's name",
    "Nagorno-Karabakh": "The region's name",
    "Shusha": "Shusha / Shushi",
    "Shushi": "Shusha / Shushi",
    "Khankendi": "Khankendi / Stepanakert",
    "Stepanakert": "Khankendi / Stepanakert",
}


def set_topics(apps, schema_editor):
    ContestedTerm = apps.get_model("content", "ContestedTerm")
    for term, topic in TOPICS.items():
        ContestedTerm.objects.filter(term=term, topic="").update(topic=topic)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0008_contested_term_topic"),
    ]

    operations = [
        migrations.RunPython(set_topics, migrations.RunPython.noop),
    ]
