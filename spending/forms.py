"""GOV.UK forms for the case workflow and the Treasury's records (markup in councils/_field.html)."""

from django import forms

from councils.forms import GovukMixin
from metrics.models import Geography, Metric
from missions.models import Mission, Organisation
from spending.models import Budget, BusinessCase, FiscalEvent, MissionFundAward, ModelledImpact, Valuation

CASE_FIELDS = [
    "title", "stage", "spending_review", "category", "start_year", "price_base", "price_base_year",
    "optimism_bias", "optimism_bias_mitigation", "prevention_level", "prevention_evidence",
    "mission_fund_bid", "strategic_case", "economic_case", "commercial_case", "financial_case",
    "management_case",
]  # fmt: skip
TEXT = forms.Textarea(attrs={"rows": 4})


class CaseForm(GovukMixin, forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Partner departments",
        help_text="For a shared case: each partner signs off before you submit.",
    )
    mission_links = forms.ModelMultipleChoiceField(
        queryset=Mission.objects.all(), widget=forms.CheckboxSelectMultiple, label="Missions"
    )

    class Meta:
        model = BusinessCase
        fields = CASE_FIELDS
        widgets = {
            name: TEXT for name in CASE_FIELDS if name.endswith("_case") or name == "prevention_evidence"
        }
        labels = {"optimism_bias": "Optimism-bias category", "optimism_bias_mitigation": "Mitigation (%)"}

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT)
        self.fields["partners"].queryset = partners.exclude(pk=lead.pk) if lead else partners
        if self.instance.pk:
            self.fields["partners"].initial = list(self.instance.partner_departments.all())
            self.fields["mission_links"].initial = list(self.instance.missions.all())
        self.govukify()
        for name in ("partners", "mission_links", "mission_fund_bid"):
            self.fields[name].widget.attrs["class"] = "govuk-checkboxes__input"

    def clean(self):
        data = super().clean()
        level = data.get("prevention_level")
        if level and level != "none" and not (data.get("prevention_evidence") or "").strip():
            self.add_error(
                "prevention_evidence", "Give the evidence that prevention is the principal purpose"
            )
        return data


class CostForm(GovukMixin, forms.Form):
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2200, help_text="2026 means 2026-27.")
    budget = forms.ChoiceField(choices=Budget.choices, label="Control total")
    amount_m = forms.DecimalField(max_digits=14, decimal_places=3, min_value=0, label="Raw cost (£ million)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govukify()


class ImpactForm(GovukMixin, forms.Form):
    metric = forms.ModelChoiceField(queryset=Metric.objects.none(), to_field_name="slug")
    geography = forms.ModelChoiceField(
        queryset=Geography.objects.order_by("code"),
        to_field_name="code",
        required=False,
        help_text="Leave blank for the metric's headline geography.",
    )
    year = forms.IntegerField(
        min_value=1, max_value=60, help_text="Year of the horizon (1 = the start year)."
    )
    impact = forms.DecimalField(
        max_digits=32, decimal_places=17, help_text="Change in the metric, in its unit."
    )
    probability = forms.DecimalField(max_digits=4, decimal_places=3, min_value=0, max_value=1, initial=1)
    evidence_rating = forms.ChoiceField(choices=ModelledImpact.Evidence.choices)
    method = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    valuation = forms.ModelChoiceField(
        queryset=Valuation.objects.all(),
        required=False,
        to_field_name="key",
        help_text="To monetise: the library value (latest version) and the units below.",
    )
    valued_units = forms.DecimalField(max_digits=32, decimal_places=17, required=False)

    def __init__(self, *args, metrics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].queryset = metrics if metrics is not None else Metric.objects.none()
        self.govukify()

    def rows(self) -> list[dict]:
        d = self.cleaned_data
        row = {k: d[k] for k in ("year", "impact", "probability", "evidence_rating", "method", "evidence")}
        row["metric"] = d["metric"].slug
        row["geography"] = d["geography"].code if d.get("geography") else ""
        row["valuation"] = d["valuation"].key if d.get("valuation") else ""
        row["valued_units"] = d.get("valued_units") if d.get("valued_units") is not None else ""
        return [row]


class ImpactFileForm(forms.Form):
    file = forms.FileField(
        label="CSV file", widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"})
    )


class AssessForm(forms.Form):
    judgement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "class": "govuk-textarea"}),
        help_text="Your reading of the three tests and the case; the tests themselves are computed above.",
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approved", "Approve"), ("rejected", "Reject"), ("returned", "Return for revision")],
        widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
    )
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}))


class AllocationForm(GovukMixin, forms.Form):
    department = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT)
    )
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2200)
    budget = forms.ChoiceField(choices=Budget.choices, label="Control total")
    amount_m = forms.DecimalField(
        max_digits=14, decimal_places=3, min_value=0, label="Allocation (£ million)"
    )
    prevention_ringfence_m = forms.DecimalField(
        max_digits=14, decimal_places=3, min_value=0, initial=0, label="Prevention ring-fence (£ million)"
    )
    price_base = forms.CharField(max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govukify()


class TriggerForm(GovukMixin, forms.Form):
    occurred_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Date of the event")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govukify()


class FiscalEventForm(GovukMixin, forms.ModelForm):
    document_url = forms.URLField(required=False, max_length=500, assume_scheme="https", label="Document URL")

    class Meta:
        model = FiscalEvent
        fields = ["name", "kind", "date", "document_url", "gdp_m", "gdp_source"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
        labels = {
            "gdp_m": "Nominal GDP (£ million), for the fiscal lock",
            "gdp_source": "Source of the GDP figure",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govukify()


class CarryForm(GovukMixin, forms.Form):
    case = forms.ModelChoiceField(
        queryset=BusinessCase.objects.none(), to_field_name="slug", label="Approved case"
    )

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases if cases is not None else BusinessCase.objects.none()
        self.govukify()


class EnvelopeForm(GovukMixin, forms.Form):
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2200)
    amount_m = forms.DecimalField(max_digits=14, decimal_places=3, min_value=0, label="Envelope (£ million)")
    price_base = forms.CharField(max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govukify()


class AwardForm(GovukMixin, forms.Form):
    case = forms.ModelChoiceField(
        queryset=BusinessCase.objects.none(), to_field_name="slug", label="Approved bid"
    )
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2200)
    amount_m = forms.DecimalField(max_digits=14, decimal_places=3, min_value=0, label="Award (£ million)")
    pilot_places = forms.IntegerField(min_value=0, initial=0)
    evaluation_plan = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases if cases is not None else BusinessCase.objects.none()
        self.govukify()


class ScaleUpForm(GovukMixin, forms.Form):
    decision = forms.ChoiceField(choices=MissionFundAward.ScaleUp.choices[1:])
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govukify()
