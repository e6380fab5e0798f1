from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Library"

    def ready(self):
        # Connects the receivers that clear the cached glossary when a term changes, in every
        # process (a command or the admin may change a term before any template is rendered).
        from . import balance  # noqa: F401  (clears the cached topic balance on changes)
        from .templatetags import glossary  # noqa: F401
