"""The add/edit form of a data source. Validation beyond field types is the service's (source_create)."""

from __future__ import annotations

import json

from django import forms

from metrics.models import Geography
from sources.connectors import CONNECTORS
from sources.models import DataSource


class JSONObjectField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"})

    def prepare_value(self, value):
        if isinstance(value, dict):
            return json.dumps(value, indent=1, ensure_ascii=False) if value else ""
        return value

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return {}
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"This is not valid JSON (line {exc.lineno}, column {exc.colno}).")
        if not isinstance(data, dict):
            raise forms.ValidationError('Give a JSON object, e.g. {"code": "GBR"}.')
        return data


class SourceForm(forms.Form):
    name = forms.CharField(max_length=200)
    connector = forms.ChoiceField(choices=[(c.id, c.label) for c in CONNECTORS.values()])
    url = forms.URLField(max_length=1000, label="Address (URL) of the release", assume_scheme="https")
    metric = forms.ModelChoiceField(queryset=None, to_field_name="slug", help_text="The metric it feeds.")
    geography = forms.ModelChoiceField(
        queryset=Geography.objects.all(),
        to_field_name="code",
        help_text="Used for rows that name no geography.",
    )
    options = JSONObjectField(required=False, help_text='Connector options, e.g. {"frequency": "quarters"}.')
    geography_map = JSONObjectField(
        required=False, label="Geography map", help_text='Source code → GSS code, e.g. {"GBR": "K02000001"}.'
    )
    scale_factor = forms.DecimalField(initial=1, max_digits=20, decimal_places=10, min_value=0)
    schedule = forms.CharField(
        max_length=100,
        initial="0 9 * * 1-5",
        help_text="Cron: minute hour day-of-month month day-of-week. 0 9 * * 1-5 is 9am on weekdays.",
    )
    enabled = forms.BooleanField(required=False, initial=True, label="Pull on the schedule")
    contact_email = forms.EmailField(required=False, help_text="Told when a pull fails.")

    def __init__(self, *args, metrics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].queryset = metrics

    @classmethod
    def initial_for(cls, source: DataSource) -> dict:
        return {
            **{name: getattr(source, name) for name in cls.base_fields},
            "metric": source.metric.slug,
            "geography": source.geography.code,
        }
