"""The known outlets ship as data: present after migrate alone, sourced, never overwritten."""

import importlib

import pytest
from django.apps import apps as django_apps

from content.models import Outlet, OutletSource

pytestmark = pytest.mark.django_db

known_outlets = importlib.import_module("content.migrations.0003_known_outlets")


def test_known_outlets_exist_after_migrate_with_structured_notes():
    trt = Outlet.objects.get(name="TRT")
    caspian = Outlet.objects.get(name="Caspian Post")
    assert set(trt.aliases) == {
        "TRT World",
        "Turkish Radio and Television Corporation",
        "TRT Haber",
    }
    assert set(caspian.aliases) == {"The Caspian Post", "caspianpost.com"}
    for outlet in (trt, caspian):
        for field in ("owner", "funding", "state_relation", "stance", "editorial_voice"):
            assert getattr(outlet, field), f"{outlet}.{field} is empty"
        assert outlet.alignment == Outlet.Alignment.AZERBAIJAN
        sentences = outlet.perspective_note.count(". ") + 1
        assert 2 <= sentences <= 4
    assert "decree" in trt.owner and "electricity bills" in trt.funding
    assert "IPI" in trt.state_relation
    assert "About Us" in caspian.perspective_note


def test_each_known_outlet_lists_its_sources_without_invented_urls():
    about = OutletSource.objects.get(outlet__name="Caspian Post", title__contains="About Us")
    assert about.url == "https://caspianpost.com/en/page/who-we-are/about-us"
    ipi = OutletSource.objects.get(outlet__name="TRT", title__startswith="IPI")
    assert "moves farther from objective coverage" in ipi.title
    # 0006 filled the URL of IPI's article; the decree's stays blank rather than guessed.
    assert ipi.url.startswith("https://ipi.media/turkish-public-broadcaster-trt-moves-farther")
    assert OutletSource.objects.get(outlet__name="TRT", title__contains="Decree").url == ""
    for outlet in Outlet.objects.filter(name__in=["TRT", "Caspian Post"]):
        titles = " ".join(outlet.sources.values_list("title", flat=True))
        assert "100,417" in titles and "3,773 killed and 243 missing" in titles


def test_the_migration_leaves_a_teachers_edits_alone():
    trt = Outlet.objects.get(name="TRT")
    trt.perspective_note = "Edited by a teacher."
    trt.save()
    sources = OutletSource.objects.count()
    known_outlets.create_known_outlets(django_apps, None)
    assert Outlet.objects.get(name="TRT").perspective_note == "Edited by a teacher."
    assert OutletSource.objects.count() == sources


def test_the_migration_restores_a_deleted_known_outlet():
    Outlet.objects.filter(name="Caspian Post").delete()
    known_outlets.create_known_outlets(django_apps, None)
    assert Outlet.objects.get(name="Caspian Post").sources.count() == 6
