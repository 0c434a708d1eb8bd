"""The values metrics.progress takes and returns (kept apart so pure helpers can import them too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Point:
    """One value of a series; ``when`` is the start date of its period (how periods are stored)."""

    when: date
    value: Decimal | float


@dataclass(frozen=True)
class Assessment:
    """The status of one metric, with everything needed to show *why* (DESIGN: method and inputs shown).

    Rates are per year: fractions (0.019 = 1.9%) for the compound method, value units for linear methods.
    ``inputs`` holds only JSON-ready values (ISO dates, floats, strings) so it can be stored in a pack.
    """

    status: str
    label: str
    ratio: float | None
    required_rate: float | None
    observed_rate: float | None
    method: str
    explanation: str
    inputs: dict[str, Any]
