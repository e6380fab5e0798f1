"""Teachers edit the glossary: grant the Teachers group the contested-term permissions.

The Teachers group is created by quizzes' migration 0005 (which sets its permissions from a
snapshot), so this migration runs after it: a dependency of the migration graph only, the
content code still never imports quizzes. It adds, never removes, and does nothing when the
group is gone. `manage.py createteacher` grants the same from
quizzes.teaching.TEACHER_PERMISSIONS.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    f"{action}_{model}"
    for model in ("contestedterm", "contestedtermsource")
    for action in ("add", "change", "delete", "view")
]


def grant_teachers_glossary(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Teachers").first()
    if group is None:
        return
    # Permissions are normally created after all migrations: create content's first.
    app_config = apps.get_app_config("content")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="content", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("content", "0006_glossary_and_note_sources"),
        ("quizzes", "0005_teachers_group"),
    ]

    operations = [
        migrations.RunPython(grant_teachers_glossary, migrations.RunPython.noop),
    ]
