"""Spending reviews, fiscal events, allocations, the Mission Fund and business cases judged by their impact
on missions. Money is in £ million with the price base stated; fiscal years run April–March and are named by
the calendar year they start in (2025 = 2025-26).

Nothing here stores a test result: the three tests are computed when read (spending.appraisal).
"""

from spending.models.cases import (
    MAX_HORIZON,
    OPTIMISM_BIAS_UPLIFT_BY_KEY,
    Assessment,
    BusinessCase,
    BusinessCaseStatusChange,
    CostLine,
    ModelledImpact,
    OptimismBias,
    PartnerSignOff,
    PreventionLevel,
    Valuation,
)
from spending.models.reviews import (
    MONEY,
    TEN_YEAR_HORIZON,
    Budget,
    DepartmentalAllocation,
    FiscalEvent,
    FiscalEventImpact,
    MissionFundAward,
    MissionFundEnvelope,
    SpendingReview,
    TriggerEvent,
)

__all__ = [
    "MAX_HORIZON",
    "MONEY",
    "OPTIMISM_BIAS_UPLIFT_BY_KEY",
    "TEN_YEAR_HORIZON",
    "Assessment",
    "Budget",
    "BusinessCase",
    "BusinessCaseStatusChange",
    "CostLine",
    "DepartmentalAllocation",
    "FiscalEvent",
    "FiscalEventImpact",
    "MissionFundAward",
    "MissionFundEnvelope",
    "ModelledImpact",
    "OptimismBias",
    "PartnerSignOff",
    "PreventionLevel",
    "SpendingReview",
    "TriggerEvent",
    "Valuation",
]
