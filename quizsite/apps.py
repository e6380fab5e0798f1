from django.contrib.admin.apps import AdminConfig


class TeachingAdminConfig(AdminConfig):
    """django.contrib.admin, with quizsite's site (quizsite.admin.TeachingSite) as the default
    `admin.site` that every app's admin module registers with."""

    default_site = "quizsite.admin.TeachingSite"
