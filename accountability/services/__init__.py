"""Every write of the accountability app: keyword-only, atomic, validated, audited, status changes as rows."""

from accountability.services.common import TransitionNotAllowed
from accountability.services.frameworks import (
    framework_create,
    framework_indicator_add,
    framework_indicator_map,
    framework_indicator_rationalise,
)
from accountability.services.letters import (
    annual_review_draft,
    annual_review_sign_off,
    commitment_update_add,
    mandate_commitment_add,
    mandate_letter_create,
    mandate_letter_issue,
    mandate_letter_publish,
)
from accountability.services.reports import (
    judgement_set,
    recommendation_add,
    recommendation_extend,
    recommendation_respond,
    report_create,
    report_lay,
    report_return,
    report_submit,
    report_update,
)

__all__ = [
    "TransitionNotAllowed",
    "annual_review_draft",
    "annual_review_sign_off",
    "commitment_update_add",
    "framework_create",
    "framework_indicator_add",
    "framework_indicator_map",
    "framework_indicator_rationalise",
    "judgement_set",
    "mandate_commitment_add",
    "mandate_letter_create",
    "mandate_letter_issue",
    "mandate_letter_publish",
    "recommendation_add",
    "recommendation_extend",
    "recommendation_respond",
    "report_create",
    "report_lay",
    "report_return",
    "report_submit",
    "report_update",
]
