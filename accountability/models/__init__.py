"""Mandate letters, independent mission bodies and their reports, and the frameworks mapped to missions."""

from accountability.models.frameworks import Framework, FrameworkIndicator
from accountability.models.history import CommitmentUpdate, StatusChange
from accountability.models.letters import AnnualReview, MandateCommitment, MandateLetter
from accountability.models.reports import AccountabilityBody, Judgement, Recommendation, Report

__all__ = [
    "AccountabilityBody",
    "AnnualReview",
    "CommitmentUpdate",
    "Framework",
    "FrameworkIndicator",
    "Judgement",
    "MandateCommitment",
    "MandateLetter",
    "Recommendation",
    "Report",
    "StatusChange",
]
