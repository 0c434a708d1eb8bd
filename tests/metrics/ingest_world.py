"""Set-up shared by the ingest, API and upload tests: metrics of DfE, DHSC and HMT (supplied by the ONS)."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import MetricFactory, MissionFactory


def build(organisations) -> dict:
    mission = MissionFactory(slug="opportunity", title="Opportunity", lead_organisation=organisations["dfe"])
    health = MissionFactory(slug="health", title="Health", lead_organisation=organisations["dhsc"])
    return {
        "gld": MetricFactory(
            slug="gld",
            name="Good level of development",
            mission=mission,
            owner=organisations["dfe"],
            min_value=Decimal(0),
            max_value=Decimal(100),
        ),
        "growth": MetricFactory(
            slug="growth", mission=mission, owner=organisations["dfe"], tier="comprehensive", kind="output"
        ),
        "waiting": MetricFactory(
            slug="waiting", mission=health, owner=organisations["dhsc"], frequency="monthly"
        ),
        "gdp": MetricFactory(
            slug="gdp",
            mission=mission,
            owner=organisations["hmt"],
            frequency="quarterly",
            suppliers=[organisations["ons"]],
        ),
    }


def csv_file(
    text: str, name: str = "data.csv", *, bom: bool = False, crlf: bool = False
) -> SimpleUploadedFile:
    if crlf:
        text = text.replace("\n", "\r\n")
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_file(rows: list[list], name: str = "data.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(
        name, out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


HEADER = "metric,period,geography,value,status,note\n"
