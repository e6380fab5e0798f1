"""Outlets get a short attribution name ("Armenia's Foreign Ministry", "the U.S. State
Department"), the one a question credits a claim to; this fills it for the outlets the library
knows.

Only empty values are filled, and only on outlets that exist: no outlet is created here, and a
teacher's edit is never overwritten. An outlet is matched by its name, then by its name without
anything in brackets ("Ministry of Foreign Affairs of Azerbaijan (Embassy in Berlin)"), then by
its aliases, case-insensitively. The data is frozen here on purpose: a migration must give the
same result whatever the code says later (content.ingest fills the same names on outlets an
import creates).
"""

import re

from django.db import migrations, models

ATTRIBUTION_NAMES = {
    "trt": "TRT",
    "caspian post": "the Caspian Post",
    "ministry of foreign affairs of armenia": "Armenia's Foreign Ministry",
    "ministry of foreign affairs of the republic of armenia": "Armenia's Foreign Ministry",
    "ministry of foreign affairs of azerbaijan": "Azerbaijan's Foreign Ministry",
    "ministry of foreign affairs of the republic of azerbaijan": "Azerbaijan's Foreign Ministry",
    "office of the prime minister of armenia": "Armenia's prime minister's office",
    "u.s. department of state": "the U.S. State Department",
    "u.s. state department": "the U.S. State Department",
    "european external action service (eu high representative)": "the EU's foreign policy chief",
    "european external action service": "the EU's diplomatic service",
    "wikinews": "Wikinews",
    "nasa": "NASA",
    "nasa space station blog": "NASA",
    "u.s. geological survey": "the U.S. Geological Survey",
    "united states geological survey": "the U.S. Geological Survey",
    "usgs": "the U.S. Geological Survey",
    "u.s. armed forces sports (department of defense)": "U.S. Armed Forces Sports",
    "u.s. armed forces sports": "U.S. Armed Forces Sports",
}

_BRACKETS = re.compile(r"\s*\([^)]*\)")


def _keys(name):
    name = " ".join(str(name).split()).lower()
    return [name, " ".join(_BRACKETS.sub("", name).split())]


def fill_attribution_names(apps, schema_editor):
    Outlet = apps.get_model("content", "Outlet")
    for outlet in Outlet.objects.filter(attribution_name=""):
        keys = _keys(outlet.name) + [key for alias in outlet.aliases or [] for key in _keys(alias)]
        found = next((ATTRIBUTION_NAMES[key] for key in keys if key in ATTRIBUTION_NAMES), None)
        if found:
            Outlet.objects.filter(pk=outlet.pk, attribution_name="").update(attribution_name=found)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0009_term_topics"),
    ]

    operations = [
        migrations.AddField(
            model_name="outlet",
            name="attribution_name",
            field=models.CharField(
                blank=True,
                help_text='The short name a question credits a claim to, as it reads after '
                '"According to": "TRT", "the Caspian Post", "Armenia\'s Foreign Ministry", "the '
                'U.S. State Department". Blank: the name, without anything in brackets.',
                max_length=100,
            ),
        ),
        migrations.RunPython(fill_attribution_names, migrations.RunPython.noop),
    ]
