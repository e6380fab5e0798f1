"""Create the Teachers group with exactly the permissions a teacher needs.

Permissions are normally created by a post_migrate signal, after every migration has run, so
this migration creates them first for the apps it grants on. The table below is a snapshot of
quizzes.teaching.TEACHER_PERMISSIONS at the time; a model added later gets its permissions
granted by its own migration or by `manage.py createteacher` (ensure_teachers_group).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

TEACHER_PERMISSIONS = {
    ("content", "outlet"): ALL,
    ("content", "outletsource"): ALL,
    ("content", "article"): ALL,
    ("content", "sentence"): ("view",),
    ("quizzes", "question"): ALL,
    ("quizzes", "choice"): ALL,
    ("quizzes", "quiz"): ALL,
    ("quizzes", "quizquestion"): ALL,
    ("quizzes", "entity"): ALL,
    ("quizzes", "classroom"): ALL,
    ("quizzes", "problemreport"): ("change", "view"),
    ("quizzes", "attempt"): ("view",),
    ("quizzes", "response"): ("view",),
    ("quizzes", "card"): ("view",),
}


def create_teachers_group(apps, schema_editor):
    # Historical app configs have no models_module, which makes create_permissions skip them.
    for label in ("content", "quizzes"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {
        (app_label, f"{action}_{model}")
        for (app_label, model), actions in TEACHER_PERMISSIONS.items()
        for action in actions
    }
    group, _ = Group.objects.get_or_create(name="Teachers")
    permissions = Permission.objects.filter(
        content_type__app_label__in={"content", "quizzes"},
        codename__in={codename for _, codename in wanted},
    ).values_list("pk", "content_type__app_label", "codename")
    group.permissions.set([pk for pk, app, codename in permissions if (app, codename) in wanted])


def remove_teachers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Teachers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("content", "0002_outletsource"),
        ("quizzes", "0004_attempt_questions_and_card_introduced"),
    ]

    operations = [
        migrations.RunPython(create_teachers_group, remove_teachers_group),
    ]
