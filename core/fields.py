"""API fields shared by the apps."""

from rest_framework import serializers


class SlugRelatedField(serializers.SlugRelatedField):
    """DRF's SlugRelatedField, refusing a NUL byte before the lookup: PostgreSQL cannot compare text that
    holds one, so the query raised DataError and the API answered 500 (found by Schemathesis)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", "\\x00"))
        return super().to_internal_value(data)
