"""Scale learners, teachers and their classes, and how to recognise and delete them."""

import math
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from content.models import Article
from quizzes.models import (
    Attempt,
    Card,
    Classroom,
    LearnerProfile,
    Quiz,
    Response,
    ReviewLog,
)

PREFIX = "scale-"
# Every scale learner and teacher logs in with this password (the benchmark logs in with it).
# The data is synthetic and for benchmarks only: never seed a production database.
BENCH_PASSWORD = "scale-bench-password"
# The history reaches this far back; learners joined before it.
HISTORY_DAYS = 90
LEARNERS_PER_CLASS = 30
CLASSES_PER_TEACHER = 3


def learner_username(number):
    return f"{PREFIX}learner-{number:05d}"


def teacher_username(number):
    return f"{PREFIX}teacher-{number:04d}"


def has_scale_data():
    """True when an earlier run left scale learners or scale articles in the database."""
    return (
        get_user_model().objects.filter(username__startswith=PREFIX).exists()
        or Article.objects.filter(slug__startswith=PREFIX).exists()
    )


def delete_scale_data():
    """Delete everything an earlier seed_scale created, leaves first so deletes stay set-based."""
    users = get_user_model().objects.filter(username__startswith=PREFIX)
    ReviewLog.objects.filter(card__learner__in=users).delete()
    Response.objects.filter(attempt__learner__in=users).delete()
    Card.objects.filter(learner__in=users).delete()
    Attempt.objects.filter(learner__in=users).delete()
    Quiz.objects.filter(slug__startswith=PREFIX).delete()
    Article.objects.filter(slug__startswith=PREFIX).delete()
    users.delete()


def create_people(*, learners):
    """Create the learners (with profiles) and their teachers; return both lists of ids."""
    User = get_user_model()
    # One hash for everyone: hashing 10,000 passwords would take minutes.
    password = make_password(BENCH_PASSWORD)
    joined = timezone.now() - timedelta(days=HISTORY_DAYS + 30)
    users = User.objects.bulk_create(
        [
            User(
                username=learner_username(n),
                email=f"{learner_username(n)}@example.org",
                password=password,
                date_joined=joined,
            )
            for n in range(1, learners + 1)
        ],
        batch_size=2000,
    )
    LearnerProfile.objects.bulk_create(
        [LearnerProfile(user_id=user.pk) for user in users], batch_size=2000
    )
    classes = math.ceil(learners / LEARNERS_PER_CLASS)
    teachers = User.objects.bulk_create(
        [
            User(
                username=teacher_username(n),
                email=f"{teacher_username(n)}@example.org",
                password=password,
                is_staff=True,
                date_joined=joined,
            )
            for n in range(1, math.ceil(classes / CLASSES_PER_TEACHER) + 1)
        ]
    )
    group = Group.objects.filter(name="Teachers").first()
    if group is not None:
        group.user_set.add(*teachers)
    return [user.pk for user in users], [teacher.pk for teacher in teachers]


def create_classes(*, learner_ids, teacher_ids):
    """Put learners in classes of 30, three classes per teacher; return how many classes."""
    rooms = Classroom.objects.bulk_create(
        [
            Classroom(
                name=f"Scale class {index + 1}",
                teacher_id=teacher_ids[index // CLASSES_PER_TEACHER],
                join_code=f"SC{index + 1:06d}",
            )
            for index in range(math.ceil(len(learner_ids) / LEARNERS_PER_CLASS))
        ],
        batch_size=1000,
    )
    Membership = Classroom.learners.through
    Membership.objects.bulk_create(
        [
            Membership(classroom_id=rooms[index // LEARNERS_PER_CLASS].pk, user_id=learner_id)
            for index, learner_id in enumerate(learner_ids)
        ],
        batch_size=5000,
    )
    return len(rooms)
