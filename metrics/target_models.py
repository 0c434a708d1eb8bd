"""Targets in their five forms, trajectories, comparator series and declared series breaks.

Imported by `metrics.models` (import `Target` and friends from there). The status each form gives is worked
out in the pure module `metrics.target_forms`; this module only holds the figures, as published.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from metrics.models import VALUE_DECIMALS, VALUE_DIGITS
from metrics.target_forms import BUDGET, COMPARATOR, FORM_LABELS, GAP, LEVEL, RELATIVE, factor_words


def _number(**options) -> models.DecimalField:
    return models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, **options)


class Target(models.Model):
    class Kind(models.TextChoices):
        AMBITION = "ambition", "Mission ambition"
        MILESTONE = "milestone", "Milestone"
        INTERIM = "interim", "Interim ambition"

    Form = models.TextChoices("Form", [(key.upper(), (key, label)) for key, label in FORM_LABELS.items()])

    metric = models.ForeignKey("metrics.Metric", on_delete=models.CASCADE, related_name="targets")
    geography = models.ForeignKey("metrics.Geography", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    form = models.CharField(max_length=16, choices=Form.choices, default=LEVEL)
    value = _number(
        null=True,
        blank=True,
        help_text="The level (or a budget's total, or a gap's level). Blank for relative targets, whose "
        "level is derived from the baseline, and for comparator targets.",
    )
    factor = _number(
        null=True,
        blank=True,
        help_text="Relative and gap targets: the share of the baseline to reach (0.5 halves).",
    )
    rank = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Comparator targets: the rank to reach (1 = the best)."
    )
    comparator_label = models.CharField(max_length=100, blank=True, help_text="e.g. 'the G7'.")
    gap_geographies = models.ManyToManyField(
        "metrics.Geography",
        blank=True,
        related_name="+",
        help_text="Gap targets between geographies: the gap is the highest minus the lowest of these.",
    )
    gap_metrics = models.ManyToManyField(
        "metrics.Metric",
        blank=True,
        related_name="+",
        help_text="Gap targets between groups: the other groups' metrics (this metric is one group).",
    )
    budget_start = models.DateField(null=True, blank=True, help_text="Budgets: the first period counted.")
    due_date = models.DateField(
        null=True,
        blank=True,
        help_text="The date by which the target should be met (for budgets, the last period counted). "
        "Blank only where the publisher gives no date.",
    )
    due_label = models.CharField(
        max_length=100, help_text="As the source words it, e.g. 'end of Parliament'."
    )
    baseline_date = models.DateField(null=True, blank=True)
    baseline_value = _number(null=True, blank=True)
    wording = models.TextField(help_text="The commitment as published.")
    source_document = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["metric", "due_date"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "geography", "kind", "due_date"], name="uniq_target"),
            models.CheckConstraint(
                condition=Q(baseline_date__isnull=True)
                | Q(due_date__isnull=True)
                | Q(baseline_date__lt=models.F("due_date")),
                name="target_baseline_before_due",
            ),
            models.CheckConstraint(
                condition=Q(factor__isnull=True) | Q(factor__gt=0), name="target_factor_positive"
            ),
            models.CheckConstraint(
                condition=Q(budget_start__isnull=True) | Q(budget_start__lte=models.F("due_date")),
                name="target_budget_start_before_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric}: {self.headline()} by {self.due_label}"

    def clean(self) -> None:
        needs = {
            RELATIVE: ("factor",),
            COMPARATOR: ("rank",),
            BUDGET: ("value", "budget_start", "due_date"),
        }.get(self.form, ())
        missing = [name for name in needs if getattr(self, name) is None]
        if self.form == GAP and self.factor is None and self.value is None:
            missing.append("factor or value")
        if missing:
            raise ValidationError(f"A {self.get_form_display().lower()} target needs: {', '.join(missing)}.")

    @property
    def is_judged(self) -> bool:
        """Whether a status can be worked out against this target (a level needs a number)."""
        return self.form != LEVEL or self.value is not None

    def headline(self) -> str:
        """The target in a few words, for tables (the level as stored: formatting is the page's job)."""
        if self.form == RELATIVE and self.factor is not None:
            return f"{factor_words(self.factor)} the baseline (level derived)"
        if self.form == GAP:
            if self.factor is not None:
                return f"gap {factor_words(self.factor)} the baseline (level derived)"
            return f"gap of {self.value.normalize():f}" if self.value is not None else "gap"
        if self.form == COMPARATOR:
            among = f" in {self.comparator_label}" if self.comparator_label else ""
            return "the highest" + among if self.rank == 1 else f"rank {self.rank}{among}"
        if self.form == BUDGET and self.value is not None:
            return f"total of {self.value.normalize():f}"
        return "no numeric level" if self.value is None else f"{self.value.normalize():f}"


class TrajectoryPoint(models.Model):
    """A planned value on the way to a target: status compares the latest value with this path."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="trajectory")
    period_start = models.DateField()
    value = _number()

    class Meta:
        ordering = ["target", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["target", "period_start"], name="uniq_trajectory_point"),
        ]

    def __str__(self) -> str:
        return f"{self.target.metric} trajectory {self.period_start}: {self.value.normalize():f}"


class ComparatorValue(models.Model):
    """One value of a comparator series (another country, say) that a comparator target ranks us among."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="comparator_values")
    name = models.CharField(max_length=100, help_text="The comparator, e.g. 'Germany'.")
    period_start = models.DateField()
    value = _number()
    source = models.CharField(max_length=500)

    class Meta:
        ordering = ["target", "name", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["target", "name", "period_start"], name="uniq_comparator_value"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.period_start}: {self.value.normalize():f}"


class SeriesBreak(models.Model):
    """A declared discontinuity: values either side of `starts` (or inside `starts`..`ends`) are not
    comparable, so a chart must not join them with a line and a status must not measure across them."""

    class Kind(models.TextChoices):
        BREAK = "break", "Break in the series (not comparable before and after)"
        SPAN = "span", "Span not comparable with the rest of the series"
        GAP = "gap", "No data published for these periods"

    metric = models.ForeignKey("metrics.Metric", on_delete=models.CASCADE, related_name="breaks")
    geography = models.ForeignKey(
        "metrics.Geography",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Blank when the break applies to every geography.",
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.BREAK)
    starts = models.DateField(help_text="Start of the first period affected.")
    ends = models.DateField(
        null=True, blank=True, help_text="Start of the last period affected (spans, gaps)."
    )
    note = models.TextField(help_text="What changed, as the publisher explains it.")
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["metric", "starts"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "kind", "starts"], name="uniq_series_break"),
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=models.F("starts")), name="series_break_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric}: {self.get_kind_display()} from {self.starts}"
