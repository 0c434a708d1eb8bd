"""What every /treasury/ section is: a title, a text summary, a table (header + rows), an optional chart."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    key: str
    title: str
    summary: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    figure: str | None = None
    links: dict[int, str] = field(default_factory=dict)  # row index -> URL of the thing the row names


def _m(value) -> float:
    return round(float(value), 1)


def fy(year: int) -> str:
    """2026 -> '2026-27'."""
    return f"{year}-{(year + 1) % 100:02d}"
