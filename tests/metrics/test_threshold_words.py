"""The thresholds shown beside a status are written from the constants that decide it."""

from metrics import progress
from metrics.views.context import threshold_words


def test_wording_follows_the_constants(monkeypatch):
    assert threshold_words() == (
        "on track 0.95 or more; at risk 0.6 to 0.95; off track 0 to 0.6; deteriorating below 0"
    )
    monkeypatch.setattr(progress, "THRESHOLD_AT_RISK", 0.5)
    assert "at risk 0.5 to 0.95; off track 0 to 0.5" in threshold_words()
