"""Issue 10, item 3: a check-in pack is assembled for the council audience (councils.permissions), not read
as a stand-in centre user, so an unpublished mandate letter's commitments never reach the council."""

import datetime as dt

import pytest

from accountability.models import MandateCommitment, MandateLetter
from councils.packs import content
from tests.factories import MetricFactory

pytestmark = pytest.mark.django_db


def letter(department, *, published, metric, title):
    made = MandateLetter.objects.create(
        minister_name="Illustrative Minister",
        minister_title=title,
        department=department,
        issued_on=dt.date(2024, 1, 15),
        status="published" if published else "issued",
        illustrative=True,
    )
    MandateCommitment.objects.create(
        letter=made, number=1, metric=metric, expected_contribution=f"{title} commitment"
    )
    return made


def test_the_pack_shows_commitments_of_published_letters_only(opportunity, organisations):
    dfe = organisations["dfe"]
    readiness, neet = opportunity["metrics"]
    letter(dfe, published=False, metric=readiness, title="Secret Secretary")
    letter(dfe, published=True, metric=neet, title="Public Secretary")
    secret_metric = MetricFactory(slug="restricted-one", owner=dfe, restricted=True)
    letter(dfe, published=True, metric=secret_metric, title="Restricted Secretary")
    shown = content.commitments(opportunity["check_in"], dt.datetime.now(dt.UTC))
    assert [c["expected_contribution"] for c in shown] == ["Public Secretary commitment"]


def test_no_stand_in_centre_reader_is_left_in_the_pack_code():
    import inspect

    source = inspect.getsource(content)
    assert "CouncilReader" not in source and "Role.CENTRE" not in source
