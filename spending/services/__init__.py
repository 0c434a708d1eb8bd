"""Every write of the spending app. Keyword-only, atomic, validated, audited; status changes are rows.

A transition not allowed from the case's current status raises `TransitionNotAllowed` (answered with 409).
Who may call each service is decided by spending.permissions in the view or API view that calls it.
"""

from spending.services.cases import (
    TransitionNotAllowed,
    business_case_assess,
    business_case_create,
    business_case_decide,
    business_case_sign_off,
    business_case_submit,
    business_case_update,
    cost_line_delete,
    cost_line_set,
)
from spending.services.impacts import ImpactSummary, modelled_impact_import
from spending.services.treasury import (
    allocation_set,
    fiscal_event_carry,
    fiscal_event_create,
    mission_fund_award,
    mission_fund_envelope_set,
    mission_fund_scale_up,
    trigger_event_log,
    valuation_publish,
)

__all__ = [
    "ImpactSummary",
    "TransitionNotAllowed",
    "allocation_set",
    "business_case_assess",
    "business_case_create",
    "business_case_decide",
    "business_case_sign_off",
    "business_case_submit",
    "business_case_update",
    "cost_line_delete",
    "cost_line_set",
    "fiscal_event_carry",
    "fiscal_event_create",
    "mission_fund_award",
    "mission_fund_envelope_set",
    "mission_fund_scale_up",
    "modelled_impact_import",
    "trigger_event_log",
    "valuation_publish",
]
