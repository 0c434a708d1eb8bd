"""Forms for meetings, actions, action status and pack requests (GOV.UK markup in the templates)."""

from django import forms
from django.utils import timezone

from councils.models import Action, Meeting
from metrics.models import Metric
from missions.models import Organisation

DEPARTMENT_KINDS = [Organisation.Kind.DEPARTMENT, Organisation.Kind.TREASURY, Organisation.Kind.CENTRE]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class GovukMixin:
    """GOV.UK Frontend classes on every widget (the markup around them is in councils/_field.html)."""

    CLASSES = {forms.Select: "govuk-select", forms.Textarea: "govuk-textarea"}

    def govukify(self):
        for field in self.fields.values():
            css = next((c for w, c in self.CLASSES.items() if isinstance(field.widget, w)), "govuk-input")
            field.widget.attrs.setdefault("class", css)


class MeetingForm(GovukMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "starts_at", "location", "department", "minutes"]
        labels = {"starts_at": "Date and time", "department": "Department under review (for a check-in)"}
        widgets = {"starts_at": DateTimeLocalInput(), "minutes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Organisation.objects.filter(kind__in=DEPARTMENT_KINDS)
        self.govukify()

    def clean(self):
        data = super().clean()
        if data.get("kind") == Meeting.Kind.CHECK_IN and not data.get("department"):
            self.add_error("department", "Choose the department under review for a check-in")
        return data


class ActionForm(GovukMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "detail", "owner_organisation", "owner_name", "due_date", "metric"]
        labels = {"owner_organisation": "Owner (organisation)", "owner_name": "Owner (person)"}
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "detail": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, mission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.INDEPENDENT_BODY
        )
        self.fields["metric"].queryset = Metric.objects.filter(mission=mission, restricted=False)
        self.govukify()


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Action.Status.choices, widget=forms.Select(attrs={"class": "govuk-select"})
    )


class PackRequestForm(forms.Form):
    as_at = forms.DateTimeField(
        required=False,
        widget=DateTimeLocalInput(attrs={"class": "govuk-input govuk-input--width-20"}),
        label="Figures as at (leave blank for now)",
        help_text="Build the pack from the figures as they were known at this moment.",
    )

    def clean_as_at(self):
        as_at = self.cleaned_data.get("as_at")
        if as_at and as_at > timezone.now():
            raise forms.ValidationError("The moment must be now or in the past")
        return as_at
