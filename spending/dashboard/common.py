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


def _m(value) -> float:
    return round(float(value), 1)


@dataclass(frozen=True, order=True)
class Link:
    """A table cell naming a thing: shown as a link on the page, as its text in the CSV."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


def fy(year: int) -> str:
    """2026 -> '2026-27'."""
    return f"{year}-{(year + 1) % 100:02d}"
