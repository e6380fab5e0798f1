"""manage.py createteacher USERNAME: a staff account in the Teachers group."""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quizzes.teaching import ensure_teachers_group


class Command(BaseCommand):
    help = (
        "Create a teacher: a staff user in the Teachers group, who works in /admin/. "
        "Run it for an existing user to make them a teacher (their password is kept)."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The teacher's e-mail address.")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable (for scripts).",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt; fail when a new user has no password source.",
        )

    def execute(self, *args, **options):
        # Like createsuperuser: a test (or a script) may hand in its own stdin.
        self.stdin = options.get("stdin", sys.stdin)
        return super().execute(*args, **options)

    def handle(self, *args, username, email, password_from_env, interactive, **options):
        User = get_user_model()
        username = username.strip()
        if not username:
            raise CommandError("Give a username.")
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()

        password = None
        if password_from_env:
            password = os.environ.get(password_from_env)
            if not password:
                raise CommandError(
                    f"The environment variable {password_from_env} is not set or is empty."
                )
        elif user is None:
            if not interactive:
                raise CommandError(
                    "A new teacher needs a password: pass --password-from-env VAR, "
                    "or run without --noinput to type it."
                )
            password = self._prompt_password(
                User(**{User.USERNAME_FIELD: username, "email": email})
            )
        if password_from_env:
            try:
                validate_password(
                    password, user=user or User(**{User.USERNAME_FIELD: username, "email": email})
                )
            except ValidationError as error:
                raise CommandError("Password rejected: " + " ".join(error.messages)) from None

        with transaction.atomic():
            group = ensure_teachers_group()
            created = user is None
            if created:
                user = User(**{User.USERNAME_FIELD: username})
            if email:
                user.email = User.objects.normalize_email(email)
            if password is not None:
                user.set_password(password)
            user.is_staff = True
            user.is_active = True
            user.save()
            user.groups.add(group)

        verb = "Created" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} teacher “{username}”, in the Teachers group.")
        )

    def _prompt_password(self, candidate):
        if not (hasattr(self.stdin, "isatty") and self.stdin.isatty()):
            raise CommandError(
                "Cannot prompt for a password without a terminal: pass --password-from-env VAR."
            )
        for _ in range(3):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords do not match.")
                continue
            try:
                validate_password(password, user=candidate)
            except ValidationError as error:
                self.stderr.write("Password rejected: " + " ".join(error.messages))
                continue
            return password
        raise CommandError("No acceptable password given; nothing was changed.")
