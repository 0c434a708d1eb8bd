"""API shapes for letters (commitments with both statuses) and reports (judgements, recommendations,
responses and the computed `overdue` flag)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accountability.calendar import response_overdue
from accountability.models import (
    CommitmentUpdate,
    Judgement,
    MandateCommitment,
    MandateLetter,
    Recommendation,
    Report,
)


class FigureSerializer(serializers.Serializer):
    status = serializers.CharField()
    status_label = serializers.CharField()
    stale = serializers.BooleanField()
    latest_value = serializers.CharField(allow_blank=True)
    latest_period = serializers.CharField(allow_blank=True)
    trend = serializers.CharField()
    target = serializers.CharField(allow_blank=True)


class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitmentUpdate
        fields = ["status", "rationale", "by_name", "at"]


class CommitmentSerializer(serializers.ModelSerializer):
    """On a restricted metric the reader may not see: a null metric and computed status, and the
    self-assessment's status without its rationale (which may quote the figures)."""

    metric = serializers.SerializerMethodField()
    self_assessment = serializers.SerializerMethodField()
    computed = serializers.SerializerMethodField()

    class Meta:
        model = MandateCommitment
        fields = [
            "id",
            "number",
            "expected_contribution",
            "metric",
            "milestone",
            "self_assessment",
            "computed",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Null for a restricted metric."))
    def get_metric(self, obj):
        return None if self.context["rows"][obj.pk].withheld else obj.metric.slug

    @extend_schema_field(AssessmentSerializer(allow_null=True))
    def get_self_assessment(self, obj):
        row = self.context["rows"][obj.pk]
        if not row.assessment:
            return None
        data = AssessmentSerializer(row.assessment).data
        if row.withheld:
            data["rationale"] = ""
        return data

    @extend_schema_field(FigureSerializer(allow_null=True))
    def get_computed(self, obj):
        row = self.context["rows"][obj.pk]
        return None if row.withheld else FigureSerializer(row.figure).data


class LetterListSerializer(serializers.ModelSerializer):
    department = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    missions = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = MandateLetter
        fields = [
            "id",
            "minister_title",
            "minister_name",
            "department",
            "status",
            "issued_on",
            "missions",
            "illustrative",
            "url",
        ]


class LetterDetailSerializer(LetterListSerializer):
    commitments = serializers.SerializerMethodField()

    class Meta(LetterListSerializer.Meta):
        fields = [*LetterListSerializer.Meta.fields, "summary", "commitments"]

    @extend_schema_field(CommitmentSerializer(many=True))
    def get_commitments(self, obj):
        rows = self.context["rows"]
        return CommitmentSerializer(
            [r.commitment for r in rows.values()], many=True, context=self.context
        ).data


class JudgementSerializer(serializers.ModelSerializer):
    """On a restricted metric the reader may not see (`metrics_withheld_from`): the verdict alone, with a null
    metric and computed status and blank commentary and note."""

    metric = serializers.SerializerMethodField()
    computed = serializers.SerializerMethodField()

    class Meta:
        model = Judgement
        fields = ["metric", "verdict", "commentary", "difference_note", "computed"]

    def _withheld(self, obj) -> bool:
        return obj.metric_id in self.context.get("withheld", ())

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Null for a restricted metric."))
    def get_metric(self, obj):
        return None if self._withheld(obj) else obj.metric.slug

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self._withheld(instance):
            data["commentary"] = data["difference_note"] = ""
        return data

    @extend_schema_field(FigureSerializer(allow_null=True))
    def get_computed(self, obj):
        if self._withheld(obj):
            return None
        figure = self.context["figures"].get(obj.metric_id)
        return FigureSerializer(figure).data if figure else None


class RecommendationSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "number",
            "text",
            "owner",
            "response_due",
            "response",
            "response_text",
            "responded_on",
            "overdue",
        ]

    def get_overdue(self, obj) -> bool:
        return response_overdue(
            due=obj.response_due, responded_on=obj.responded_on, today=timezone.localdate()
        )


class ReportListSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.organisation.name", read_only=True)
    mission = serializers.SlugRelatedField(source="body.mission", slug_field="slug", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "title",
            "body",
            "mission",
            "status",
            "laid_on",
            "government_response_due",
            "as_at",
            "illustrative",
            "url",
        ]


class ReportDetailSerializer(ReportListSerializer):
    judgements = serializers.SerializerMethodField()
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta(ReportListSerializer.Meta):
        fields = [
            *ReportListSerializer.Meta.fields,
            "summary",
            "policy_credibility_share",
            "judgements",
            "recommendations",
        ]

    @extend_schema_field(JudgementSerializer(many=True))
    def get_judgements(self, obj):
        return JudgementSerializer(
            obj.judgements.select_related("metric"), many=True, context=self.context
        ).data


class ResponseSerializer(serializers.Serializer):
    response = serializers.ChoiceField(
        choices=[c for c in Recommendation.Response.choices if c[0] != Recommendation.Response.AWAITED]
    )
    response_text = serializers.CharField(help_text="Comply or explain.")
