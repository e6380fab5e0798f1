"""Classes: a teacher's group of learners, joined with a code."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.crypto import get_random_string

# No 0/O, 1/I/L or 5/S: codes are copied from a projector or read out in class.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
JOIN_CODE_LENGTH = 6


def new_join_code():
    """A fresh random join code: six characters a learner can read aloud without confusion."""
    return get_random_string(JOIN_CODE_LENGTH, allowed_chars=JOIN_CODE_ALPHABET)


class ClassroomQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The classes a staff user may follow: every class for a superuser, else their own."""
        if user.is_superuser:
            return self
        return self.filter(teacher=user)


class Classroom(models.Model):
    """A teacher's group of learners, who join it with a short code."""

    name = models.CharField(max_length=200)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms_taught"
    )
    join_code = models.CharField(
        max_length=12,
        unique=True,
        default=new_join_code,
        help_text="Learners type this on their dashboard to join the class.",
    )
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="classrooms"
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("quizzes:class_detail", args=[self.pk])
