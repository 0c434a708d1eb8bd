"""Small serializers per operation. A case's `tests` are computed by spending.appraisal when it is read."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import SlugRelatedField
from missions.models import Mission, Organisation
from spending.models import BusinessCase, CostLine, ModelledImpact, SpendingReview

RESULTS = ["pass", "fail", "not_assessable"]


class TestSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=RESULTS)
    summary = serializers.CharField()
    inputs = serializers.DictField()


class CostPerUnitSerializer(serializers.Serializer):
    metric = serializers.CharField()
    unit = serializers.CharField()
    m_per_unit_year = serializers.FloatField(allow_null=True)


class TenYearSerializer(TestSerializer):
    pv_costs_m = serializers.FloatField()
    pv_benefits_m = serializers.FloatField()
    npsv_m = serializers.FloatField()
    bcr = serializers.FloatField(
        allow_null=True, help_text="Null when nothing is monetised; never pass/fail."
    )
    cost_per_unit_of_impact_m = CostPerUnitSerializer(many=True)


class TestsSerializer(serializers.Serializer):
    affordability = TestSerializer()
    mission_critical = TestSerializer()
    ten_year = TenYearSerializer()


class StatusChangeSerializer(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    at = serializers.DateTimeField()
    by = serializers.CharField(source="by.username", default=None)
    note = serializers.CharField()


class SignOffSerializer(serializers.Serializer):
    department = serializers.CharField(source="department.slug")
    at = serializers.DateTimeField()
    current = serializers.SerializerMethodField()

    def get_current(self, obj) -> bool:
        return obj.superseded_at is None


class BusinessCaseSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    lead_department = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partner_departments = SlugRelatedField(
        slug_field="slug", many=True, queryset=Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT)
    )
    missions = SlugRelatedField(slug_field="slug", many=True, queryset=Mission.objects.all())
    spending_review = SlugRelatedField(
        slug_field="slug", queryset=SpendingReview.objects.all(), allow_null=True, required=False
    )
    prevention_investment = serializers.BooleanField(source="prevention", read_only=True)
    raw_cost_total_m = serializers.SerializerMethodField()
    uplifted_cost_total_m = serializers.SerializerMethodField()
    tests = serializers.SerializerMethodField()
    sign_offs = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta:
        model = BusinessCase
        fields = [
            "slug", "url", "title", "status", "stage", "lead_department", "partner_departments", "missions",
            "spending_review", "category", "prevention_level", "prevention_investment", "prevention_evidence",
            "mission_fund_bid", "strategic_case", "economic_case", "commercial_case", "financial_case",
            "management_case", "price_base", "price_base_year", "start_year", "optimism_bias",
            "optimism_bias_mitigation", "raw_cost_total_m", "uplifted_cost_total_m", "illustrative",
            "tests", "sign_offs", "history",
        ]  # fmt: skip
        read_only_fields = ["slug", "status", "illustrative"]

    def _appraisal(self, obj):
        return self.context["appraisals"][obj.pk]

    def get_raw_cost_total_m(self, obj) -> float:
        return round(float(self._appraisal(obj).raw_total_m), 3)

    def get_uplifted_cost_total_m(self, obj) -> float:
        return round(float(self._appraisal(obj).uplifted_total_m), 3)

    @extend_schema_field(TestsSerializer)
    def get_tests(self, obj) -> dict:
        return self._appraisal(obj).as_dict()

    def get_sign_offs(self, obj) -> list[dict]:
        if not self.context.get("detail"):
            return []
        return SignOffSerializer(obj.sign_offs.all(), many=True).data

    def get_history(self, obj) -> list[dict]:
        if not self.context.get("detail"):
            return []
        return StatusChangeSerializer(obj.status_changes.all(), many=True).data


class CostLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = CostLine
        fields = ["fiscal_year", "budget", "amount_m"]


class ImpactSerializer(serializers.ModelSerializer):
    metric = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    geography = serializers.SlugRelatedField(slug_field="code", read_only=True)
    valuation = serializers.SerializerMethodField()

    class Meta:
        model = ModelledImpact
        fields = [
            "metric", "geography", "year", "impact", "method", "evidence", "evidence_rating", "probability",
            "valuation", "valued_units",
        ]  # fmt: skip

    def get_valuation(self, obj) -> str | None:
        return f"{obj.valuation.key} v{obj.valuation.version}" if obj.valuation else None


class ImpactRowSerializer(serializers.Serializer):
    """One row sent to POST …/impacts/ (the same columns as the CSV header)."""

    metric = serializers.CharField()
    year = serializers.IntegerField()
    impact = serializers.DecimalField(max_digits=32, decimal_places=17)
    method = serializers.CharField()
    geography = serializers.CharField(required=False, help_text="GSS code; the metric's default when absent.")
    evidence_rating = serializers.ChoiceField(choices=ModelledImpact.Evidence.choices, required=False)
    probability = serializers.DecimalField(max_digits=4, decimal_places=3, required=False)
    evidence = serializers.CharField(required=False)
    valuation = serializers.CharField(required=False, help_text="Library key, e.g. qaly or wellby.")
    valued_units = serializers.DecimalField(max_digits=32, decimal_places=17, required=False)


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()


class ImpactSummarySerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()
    errors = RowErrorSerializer(many=True)
    error_count = serializers.IntegerField()
    dry_run = serializers.BooleanField()
    written = serializers.BooleanField()


class ImpactFileSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV: metric,year,impact,method[,geography,evidence_rating,…]")


class JudgementSerializer(serializers.Serializer):
    judgement = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["approved", "rejected", "returned"])
    reasons = serializers.CharField()


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True)
