"""Small serializers per operation for the meeting API (agenda, returns, decisions, action status)."""

from __future__ import annotations

from rest_framework import serializers

from accountability.models import MandateCommitment
from core.fields import SlugRelatedField
from councils.models import Action, AgendaItem, Confidence, Decision
from councils.returns import Row
from metrics.models import Metric
from missions.models import Contribution, Organisation
from spending.models import BusinessCase


class AgendaItemSerializer(serializers.ModelSerializer):
    metric = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    business_case = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = AgendaItem
        fields = [
            "id", "order", "title", "owner", "minutes_allotted", "metric", "contribution", "action",
            "business_case", "commitment",
        ]  # fmt: skip
        read_only_fields = fields


class AgendaItemCreateSerializer(serializers.Serializer):
    """Pick at most one of the mission's metrics, contributions, actions, business cases or commitments."""

    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    owner = serializers.CharField(max_length=200, required=False, allow_blank=True)
    minutes_allotted = serializers.IntegerField(min_value=1, max_value=600, required=False, allow_null=True)
    metric = SlugRelatedField(slug_field="slug", queryset=Metric.objects.none(), required=False)
    contribution = serializers.PrimaryKeyRelatedField(queryset=Contribution.objects.none(), required=False)
    action = serializers.PrimaryKeyRelatedField(queryset=Action.objects.none(), required=False)
    business_case = SlugRelatedField(slug_field="slug", queryset=BusinessCase.objects.none(), required=False)
    commitment = serializers.PrimaryKeyRelatedField(queryset=MandateCommitment.objects.none(), required=False)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in (choices or {}).items():
            self.fields[name].queryset = queryset

    def validate(self, data):
        links = [
            k for k in ("metric", "contribution", "action", "business_case", "commitment") if data.get(k)
        ]
        if len(links) > 1:
            raise serializers.ValidationError("An agenda item links to one thing at most.")
        if not links and not data.get("title"):
            raise serializers.ValidationError("Give a title, or pick what the item is about.")
        return data


class ReturnEntryInSerializer(serializers.Serializer):
    metric = SlugRelatedField(slug_field="slug", queryset=Metric.objects.all(), required=False)
    contribution = serializers.PrimaryKeyRelatedField(queryset=Contribution.objects.all(), required=False)
    confidence = serializers.ChoiceField(choices=Confidence.choices, required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    risks = serializers.CharField(required=False, allow_blank=True)
    asks = serializers.CharField(required=False, allow_blank=True)

    def validate(self, data):
        if bool(data.get("metric")) == bool(data.get("contribution")):
            raise serializers.ValidationError("Each entry is about one metric or one contribution.")
        return data


class ReturnPostSerializer(serializers.Serializer):
    """Either the secretariat's request (`deadline`) or the department's filing (`entries`, `submit`)."""

    deadline = serializers.DateTimeField(required=False)
    entries = ReturnEntryInSerializer(many=True, required=False)
    submit = serializers.BooleanField(default=False)

    def validate(self, data):
        if ("deadline" in data) == ("entries" in data):
            raise serializers.ValidationError(
                "Send a deadline (to request the return) or entries (to file it), not both."
            )
        return data


class ReturnRowSerializer(serializers.Serializer):
    """One entry beside the data: the department's judgement, the computed status and the mismatch."""

    kind = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    confidence = serializers.CharField()
    reason = serializers.CharField()
    risks = serializers.CharField()
    asks = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    trend = serializers.CharField()
    mismatch = serializers.CharField()

    class Meta:
        ref_name = "ReturnRow"

    @staticmethod
    def of(row: Row) -> dict:
        return {field: getattr(row, field) for field in ReturnRowSerializer().fields}


class ReturnVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    late = serializers.BooleanField()
    entries = ReturnRowSerializer(many=True)


class ReturnSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meeting = serializers.IntegerField()
    organisation = serializers.CharField()
    deadline = serializers.DateTimeField()
    state = serializers.CharField()
    late = serializers.BooleanField()
    versions = ReturnVersionSerializer(many=True)


class ActionInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    detail = serializers.CharField(required=False, allow_blank=True)
    owner_organisation = SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    owner_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    due_date = serializers.DateField()
    metric = SlugRelatedField(
        slug_field="slug", queryset=Metric.objects.filter(restricted=False), required=False, allow_null=True
    )


class ActionSerializer(serializers.ModelSerializer):
    owner_organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    metric = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Action
        fields = [
            "id", "title", "detail", "owner_organisation", "owner_name", "due_date", "status", "metric",
            "meeting", "decision", "completed_at",
        ]  # fmt: skip
        read_only_fields = fields


class ActionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Action.Status.choices)


class DecisionSerializer(serializers.ModelSerializer):
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "text", "recorded_at", "actions"]
        read_only_fields = fields


class DecisionCreateSerializer(serializers.Serializer):
    text = serializers.CharField()
    actions = ActionInSerializer(many=True, required=False)
