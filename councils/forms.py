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


# --- agenda, returns, decisions, minutes (issue 14) -------------------------------------------------------

AGENDA_GROUPS = [
    ("metric", "Metrics"),
    ("contribution", "Contributions"),
    ("action", "Actions"),
    ("business_case", "Business cases"),
    ("commitment", "Mandate commitments"),
]


class AgendaItemForm(GovukMixin, forms.Form):
    """Pick what the item is about from the mission's papers (or write a title), its owner and minutes."""

    item = forms.ChoiceField(label="What the item is about", required=False)
    title = forms.CharField(
        max_length=300, required=False, help_text="Leave blank to use the name of what you picked."
    )
    owner = forms.CharField(max_length=200, required=False, label="Who leads the item")
    minutes_allotted = forms.IntegerField(
        min_value=1, max_value=600, required=False, label="Minutes allotted"
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.querysets = choices
        grouped = [("", "Nothing: a free-text item")]
        for key, label in AGENDA_GROUPS:
            options = [(f"{key}:{obj.pk}", str(getattr(obj, "title", None) or obj)) for obj in choices[key]]
            if options:
                grouped.append((label, options))
        self.fields["item"].choices = grouped
        self.govukify()

    def clean(self):
        data = super().clean()
        picked = data.get("item")
        links = {}
        if picked:
            key, _, pk = picked.partition(":")
            links[key] = self.querysets[key].get(pk=pk)
        elif not data.get("title"):
            raise forms.ValidationError("Give a title, or pick what the item is about")
        data["links"] = links
        return data


class ReturnRequestForm(GovukMixin, forms.Form):
    deadline = forms.DateTimeField(
        widget=DateTimeLocalInput(), help_text="The department submits its return by this moment."
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.govukify()

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if self.meeting and deadline > self.meeting.starts_at:
            raise forms.ValidationError("The deadline must be before the meeting")
        return deadline


class DecisionForm(GovukMixin, forms.Form):
    """A decision and, optionally, the action it creates."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Decision")
    action_title = forms.CharField(max_length=300, required=False, label="Action (optional)")
    owner_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.INDEPENDENT_BODY),
        required=False,
        label="Owner (organisation)",
    )
    owner_name = forms.CharField(max_length=200, required=False, label="Owner (person)")
    due_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    metric = forms.ModelChoiceField(
        queryset=Metric.objects.none(), required=False, label="The metric it serves"
    )

    def __init__(self, *args, mission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].queryset = Metric.objects.filter(mission=mission, restricted=False)
        self.govukify()

    def clean(self):
        data = super().clean()
        if data.get("action_title"):
            for field in ("owner_organisation", "due_date"):
                if not data.get(field):
                    self.add_error(field, "An action needs an owner organisation and a due date")
        return data

    def actions(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("action_title"):
            return []
        return [
            {
                "title": data["action_title"],
                "owner_organisation": data["owner_organisation"],
                "owner_name": data["owner_name"],
                "due_date": data["due_date"],
                "metric": data["metric"],
            }
        ]


class MinutesForm(GovukMixin, forms.Form):
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govukify()
