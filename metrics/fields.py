"""A decimal column that keeps every digit on both databases.

PostgreSQL's numeric(32, 17) keeps every digit already. SQLite has no decimal type: a "decimal" column has
NUMERIC affinity, so SQLite turns the text Django sends into a double (15 significant digits kept) and
Django reads it back through a 15-digit context. 0.06083064944535502 came back as 0.0608306494453550,
contrary to "nothing is rounded". On SQLite this field therefore stores the figure as text in its
canonical form (normalised, so equal numbers are equal strings and `value=` lookups still match) and reads
it back with Decimal(text). Nothing orders or sums observation values in SQL, which is what text would
get wrong. See docs/decisions/0017-release-shapes-and-exact-values.md.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models


def canonical(value: Decimal) -> str:
    """'68.3' for 68.30000, '0' for 0.000, '-1.5' for -1.50: one spelling per number."""
    if value == 0:
        return "0"
    text = f"{value:f}"  # not normalize(): it rounds to the context's 28 digits
    return text.rstrip("0").rstrip(".") if "." in text else text


class ExactDecimalField(models.DecimalField):
    def get_internal_type(self) -> str:
        # Not "DecimalField": Django's SQLite backend would read the column through a float (15 digits).
        return "ExactDecimalField"

    def db_type(self, connection) -> str:
        if connection.vendor == "sqlite":
            return "text"
        return connection.data_types["DecimalField"] % self.db_type_parameters(connection)

    def rel_db_type(self, connection) -> str:
        return self.db_type(connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor != "sqlite":
            return super().get_db_prep_value(value, connection, prepared)
        value = models.Field.get_db_prep_value(self, value, connection, prepared)
        if value is None or hasattr(value, "as_sql"):
            return value
        return canonical(self.to_python(value))

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, Decimal):
            return value
        return Decimal(str(value))
