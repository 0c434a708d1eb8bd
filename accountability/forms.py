"""Forms for letters, commitments, reviews, reports, recommendations, responses and frameworks (GOV.UK markup
in templates/accountability/includes/field.html). They validate input; the services decide and write."""

from django import forms

from accountability.models import (
    AnnualReview,
    CommitmentUpdate,
    Framework,
    FrameworkIndicator,
    Judgement,
    Recommendation,
)
from councils.forms import DEPARTMENT_KINDS, DateTimeLocalInput, GovukMixin
from metrics.models import Metric, Target
from missions.models import Mission, Organisation


class DateInput(forms.DateInput):
    input_type = "date"


class Form(GovukMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govukify()


def departments():
    return Organisation.objects.filter(kind__in=DEPARTMENT_KINDS).order_by("name")


class LetterForm(Form):
    department = forms.ModelChoiceField(queryset=Organisation.objects.none())
    minister_title = forms.CharField(max_length=200, label="Minister's title")
    minister_name = forms.CharField(max_length=200, required=False, label="Minister's name")
    missions = forms.ModelMultipleChoiceField(
        queryset=Mission.objects.order_by("number"),
        required=False,
        help_text="The missions the letter embeds; a commitment's mission is added when you add it.",
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    illustrative = forms.BooleanField(required=False, label="This letter is an illustrative example")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments()
        self.fields["missions"].widget.attrs = {"class": "govuk-select", "size": 6}
        self.fields["illustrative"].widget.attrs = {}


class CommitmentForm(Form):
    metric = forms.ModelChoiceField(queryset=Metric.objects.none(), label="Mission metric")
    milestone = forms.ModelChoiceField(queryset=Target.objects.none(), required=False, label="Milestone")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="The bullet, as the letter words it"
    )

    def __init__(self, *args, metrics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].queryset = metrics if metrics is not None else Metric.objects.none()
        self.fields["milestone"].queryset = Target.objects.filter(metric__in=self.fields["metric"].queryset)


class IssueForm(Form):
    issued_on = forms.DateField(widget=DateInput(), required=False, label="Issued on (today if blank)")


class CommitmentUpdateForm(Form):
    status = forms.ChoiceField(choices=CommitmentUpdate.Status.choices)
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class ReviewDraftForm(Form):
    reviewed_on = forms.DateField(widget=DateInput(), label="Review date (figures as known at its end)")


class SignOffForm(Form):
    rating = forms.ChoiceField(choices=AnnualReview.Rating.choices)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="The centre's judgement")


class ReportForm(Form):
    title = forms.CharField(max_length=300)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    as_at = forms.DateTimeField(widget=DateTimeLocalInput(), label="Figures as known at")
    policy_credibility_share = forms.DecimalField(
        min_value=0,
        max_value=100,
        decimal_places=1,
        required=False,
        label="Share of required progress backed by credible policy (%)",
    )


class JudgementForm(Form):
    metric = forms.ModelChoiceField(queryset=Metric.objects.none())
    verdict = forms.ChoiceField(choices=Judgement.Verdict.choices, label="Your verdict")
    commentary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    difference_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Where your verdict differs from the computed status, why",
    )

    def __init__(self, *args, metrics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].queryset = metrics if metrics is not None else Metric.objects.none()


class RecommendationForm(Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Recommendation")
    owner = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Department that must respond")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = departments()


class ReturnForm(Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class LayForm(Form):
    laid_on = forms.DateField(widget=DateInput(), label="Date laid before Parliament")


class ResponseForm(Form):
    response = forms.ChoiceField(
        choices=[c for c in Recommendation.Response.choices if c[0] != Recommendation.Response.AWAITED]
    )
    response_text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Comply or explain")


class ExtendForm(Form):
    new_due = forms.DateField(widget=DateInput(), label="New due date")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class FrameworkForm(Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Framework.Kind.choices)
    owner = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"))
    document_url = forms.URLField(required=False, label="Document address", assume_scheme="https")


class IndicatorForm(Form):
    name = forms.CharField(max_length=300, label="Indicator")
    alignment = forms.ChoiceField(choices=FrameworkIndicator.Alignment.choices)
    metric = forms.ModelChoiceField(queryset=Metric.objects.none(), required=False, label="Mission metric")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, metrics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].queryset = metrics if metrics is not None else Metric.objects.none()


class MapForm(IndicatorForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["name"]


class RationaliseForm(Form):
    to = forms.ChoiceField(choices=FrameworkIndicator.Rationalisation.choices, label="Rationalisation")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
