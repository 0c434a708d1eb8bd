"""/treasury/: the Treasury's view of spending against missions, built from plain rows with pandas."""

from spending.dashboard.build import SECTION_KEYS, Section, build_sections

__all__ = ["SECTION_KEYS", "Section", "build_sections"]
