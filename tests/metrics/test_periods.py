"""Tests for metrics.periods: every accepted text form, every error, round trips and properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.periods import (
    DEFAULT_MULTI_YEAR_SPAN,
    FREQUENCIES,
    Frequency,
    Period,
    PeriodError,
    check_aligned,
    is_aligned,
    is_future,
    parse_period,
    period_from_start,
    years_between,
)

A, FY, AY, Q, M, D, MY = (
    "annual",
    "financial_year",
    "academic_year",
    "quarterly",
    "monthly",
    "daily",
    "multi_year",
)


def test_frequency_constants():
    assert FREQUENCIES == (A, FY, AY, Q, M, D, MY)
    assert Frequency.FINANCIAL_YEAR == "financial_year"


# --- accepted forms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "frequency", "start", "label"),
    [
        ("2024", A, date(2024, 1, 1), "2024"),
        (" 2024 ", A, date(2024, 1, 1), "2024"),
        ("2024-Q3", Q, date(2024, 7, 1), "2024-Q3"),
        ("2024 Q3", Q, date(2024, 7, 1), "2024-Q3"),
        ("2024Q3", Q, date(2024, 7, 1), "2024-Q3"),
        ("2024 q1", Q, date(2024, 1, 1), "2024-Q1"),
        ("2024 - Q4", Q, date(2024, 10, 1), "2024-Q4"),
        ("Q2 2024", Q, date(2024, 4, 1), "2024-Q2"),
        ("2024-03", M, date(2024, 3, 1), "2024-03"),
        ("2024-3", M, date(2024, 3, 1), "2024-03"),
        ("2024 MAR", M, date(2024, 3, 1), "2024-03"),
        ("2024 Mar", M, date(2024, 3, 1), "2024-03"),
        ("2024 mar", M, date(2024, 3, 1), "2024-03"),
        ("March 2024", M, date(2024, 3, 1), "2024-03"),
        ("  march   2024 ", M, date(2024, 3, 1), "2024-03"),
        ("2024 SEPT", M, date(2024, 9, 1), "2024-09"),
        ("Dec 2023", M, date(2023, 12, 1), "2023-12"),
        ("2011-12", M, date(2011, 12, 1), "2011-12"),
        ("2024-03-31", D, date(2024, 3, 31), "2024-03-31"),
        ("2024-02-29", D, date(2024, 2, 29), "2024-02-29"),
        ("2023/24", FY, date(2023, 4, 1), "2023/24"),
        ("2023-24", FY, date(2023, 4, 1), "2023/24"),
        ("2023/2024", FY, date(2023, 4, 1), "2023/24"),
        ("2023-2024", FY, date(2023, 4, 1), "2023/24"),
        ("2023 / 24", FY, date(2023, 4, 1), "2023/24"),
        ("1999/00", FY, date(1999, 4, 1), "1999/00"),
        ("2023/24", AY, date(2023, 9, 1), "2023/24"),
        ("2023-24", AY, date(2023, 9, 1), "2023/24"),
        ("2023/2024", AY, date(2023, 9, 1), "2023/24"),
        ("2023-2024", AY, date(2023, 9, 1), "2023/24"),
        ("2018-20", MY, date(2018, 1, 1), "2018-20"),
        ("2018-2020", MY, date(2018, 1, 1), "2018-20"),
        ("2018 - 20", MY, date(2018, 1, 1), "2018-20"),
        ("2010 - 12", MY, date(2010, 1, 1), "2010-12"),
        ("2018\u201320", MY, date(2018, 1, 1), "2018-20"),  # en dash, as copied from publications
        ("2018\u00a0-\u00a020", MY, date(2018, 1, 1), "2018-20"),  # non-breaking spaces from Excel
        ("1998-00", MY, date(1998, 1, 1), "1998-00"),
    ],
)
def test_accepted_forms(text, frequency, start, label):
    period = parse_period(text, frequency)
    assert period.start == start
    assert period.frequency == frequency
    assert period.label == label
    assert str(period) == label


def test_integer_year_from_spreadsheet():
    assert parse_period(2024, A) == Period(date(2024, 1, 1), A)


def test_frequency_disambiguates_year_ranges():
    assert parse_period("2023-24", FY) == Period(date(2023, 4, 1), FY)
    assert parse_period("2023-24", AY) == Period(date(2023, 9, 1), AY)
    pooled = parse_period("2023-24", MY)
    assert (pooled.start, pooled.span, pooled.end) == (date(2023, 1, 1), 2, date(2024, 12, 31))


def test_multi_year_span_read_from_text_or_checked():
    assert parse_period("2018-20", MY).span == 3
    assert parse_period("2018-20", MY, span=3).span == 3
    assert parse_period("2015-19", MY).span == 5
    with pytest.raises(PeriodError, match="covers 4 years, but this metric's pooled periods cover 3 years"):
        parse_period("2018-21", MY, span=3)
    with pytest.raises(PeriodError, match="cover 2 years"):
        parse_period("2018-20", MY, span=2)


def test_parse_is_cached_and_returns_the_same_object():
    first = parse_period("2031-Q2", Q)
    assert parse_period("2031-Q2", Q) is first


def test_frequency_enum_member_is_accepted():
    period = parse_period("2024", Frequency.ANNUAL)
    assert period == Period(date(2024, 1, 1), "annual")
    assert type(Period(date(2024, 1, 1), Frequency.ANNUAL).frequency) is str
    assert hash(Period(date(2024, 1, 1), Frequency.ANNUAL)) == hash(Period(date(2024, 1, 1), "annual"))


# --- errors -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "frequency", "message"),
    [
        ("2024-Q3", A, "'2024-Q3' is a quarter, but this metric is annual"),
        ("2024 Q3", M, "is a quarter, but this metric is monthly"),
        ("2024-Q5", Q, "'2024-Q5' is not a valid quarter"),
        ("2024-Q0", Q, "not a valid quarter"),
        ("2024-13", M, "'2024-13' is not a valid month"),
        ("2024-00", M, "'2024-00' is not a valid month"),
        ("2024-03", A, "'2024-03' is a month, but this metric is annual"),
        ("2024 MAR", Q, "'2024 MAR' is a month, but this metric is quarterly"),
        ("March 2024", D, "is a month, but this metric is daily"),
        ("2024 Foo", M, "'Foo' is not the name of a month"),
        ("2024", FY, "'2024' is a single calendar year, but this metric is by financial year"),
        ("2024", AY, "but this metric is by academic year"),
        ("2024", Q, "is a single calendar year, but this metric is quarterly"),
        ("2024", D, "but this metric is daily"),
        ("2024", MY, "but this metric is multi-year"),
        ("2024-03-31", A, "'2024-03-31' is a single date, but this metric is annual"),
        ("2024-03-31", M, "is a single date, but this metric is monthly"),
        ("2024-02-30", D, "'2024-02-30' is not a valid date"),
        ("2023-02-29", D, "is not a valid date"),
        ("2024-03", D, "is a month, but this metric is daily"),
        ("2023/25", FY, "'2023/25' is not a financial year: the years must be consecutive"),
        ("2023-2025", FY, "the years must be consecutive"),
        ("2024/23", FY, "the years must be consecutive"),
        ("2023/25", AY, "'2023/25' is not an academic year: the years must be consecutive"),
        ("2023/24", A, "'2023/24' is a range of years, but this metric is annual"),
        ("2023-24", Q, "is a range of years, but this metric is quarterly"),
        ("2011-12", A, "is a month or a range of years, but this metric is annual"),
        ("2023-24", M, "'2023-24' is a financial or academic year, but this metric is monthly"),
        ("2023/24", M, "is a range of years, but this metric is monthly"),
        ("2018-18", MY, "the last year must come after the first"),
        ("2018-2", MY, "write the second year with two or four digits"),
        ("2018-2", FY, "write the second year with two or four digits"),
        ("2024-003", M, "'2024-003' is not a recognised period"),
        (
            "hello",
            Q,
            "'hello' is not a recognised period; this metric is quarterly, so write periods like 2024-Q3",
        ),
        ("24", A, "not a recognised period"),
        ("", A, "The period is empty"),
        ("   ", FY, "The period is empty"),
        ("0999", A, "outside the supported years"),
        ("2024", "weekly", "'weekly' is not a known frequency"),
    ],
)
def test_errors(text, frequency, message):
    with pytest.raises(PeriodError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_period(text, frequency)


def test_mismatch_message_suggests_the_expected_form():
    with pytest.raises(PeriodError, match="write periods like 2023/24"):
        parse_period("2024", FY)
    with pytest.raises(PeriodError, match="write periods like 2018-22"):
        parse_period("2018", MY, span=5)


def test_period_error_is_a_value_error():
    assert issubclass(PeriodError, ValueError)


@pytest.mark.parametrize("bad", [None, 2024.0, date(2024, 1, 1), True])
def test_non_text_is_rejected_plainly(bad):
    with pytest.raises(PeriodError, match="must be text"):
        parse_period(bad, A)


def test_non_integer_span_is_rejected():
    with pytest.raises(PeriodError, match="whole number of years"):
        parse_period("2018-20", MY, span="3")


# --- Period behaviour -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "end", "following", "years"),
    [
        (Period(date(2024, 1, 1), A), date(2024, 12, 31), "2025", 1.0),
        (Period(date(2023, 4, 1), FY), date(2024, 3, 31), "2024/25", 1.0),
        (Period(date(2023, 9, 1), AY), date(2024, 8, 31), "2024/25", 1.0),
        (Period(date(2024, 10, 1), Q), date(2024, 12, 31), "2025-Q1", 0.25),
        (Period(date(2024, 2, 1), M), date(2024, 2, 29), "2024-03", 1 / 12),
        (Period(date(2024, 12, 1), M), date(2024, 12, 31), "2025-01", 1 / 12),
        (Period(date(2024, 3, 31), D), date(2024, 3, 31), "2024-04-01", 1 / 365.25),
        (Period(date(2018, 1, 1), MY, 3), date(2020, 12, 31), "2021-23", 3.0),
        (Period(date(1999, 4, 1), FY), date(2000, 3, 31), "2000/01", 1.0),
    ],
)
def test_end_next_and_years(period, end, following, years):
    assert period.end == end
    assert period.next().label == following
    assert period.years == pytest.approx(years)


def test_years_between_periods():
    q1 = parse_period("2024-Q1", Q)
    assert q1.years_between(parse_period("2024-Q2", Q)) == 0.25
    assert q1.years_between(parse_period("2026-Q3", Q)) == 2.5
    assert parse_period("2019", A).years_between(parse_period("2028", A)) == 9.0  # leap days don't matter
    assert parse_period("2028", A).years_between(parse_period("2019", A)) == -9.0
    assert years_between(date(2024, 3, 31), date(2024, 9, 30)) == pytest.approx(183 / 365.25)


def test_ordering_is_by_start():
    periods = [parse_period(t, Q) for t in ("2024-Q3", "2023-Q4", "2024-Q1")]
    assert [p.label for p in sorted(periods)] == ["2023-Q4", "2024-Q1", "2024-Q3"]


def test_period_is_immutable_and_hashable():
    period = parse_period("2024", A)
    with pytest.raises(AttributeError):
        period.start = date(2025, 1, 1)
    assert {period, parse_period(" 2024", A)} == {period}


@pytest.mark.parametrize(
    ("start", "frequency", "aligned"),
    [
        (date(2024, 1, 1), A, True),
        (date(2024, 4, 1), A, False),
        (date(2024, 4, 1), FY, True),
        (date(2024, 1, 1), FY, False),
        (date(2024, 9, 1), AY, True),
        (date(2024, 8, 1), AY, False),
        (date(2024, 7, 1), Q, True),
        (date(2024, 2, 1), Q, False),
        (date(2024, 7, 2), Q, False),
        (date(2024, 2, 1), M, True),
        (date(2024, 2, 15), M, False),
        (date(2024, 2, 15), D, True),
        (date(2018, 1, 1), MY, True),
        (date(2018, 6, 1), MY, False),
    ],
)
def test_alignment(start, frequency, aligned):
    span = 3 if frequency == MY else 1
    assert is_aligned(start, frequency, span) is aligned


def test_alignment_messages():
    with pytest.raises(PeriodError, match="A quarter must start on 1 January, 1 April, 1 July or 1 October"):
        check_aligned(date(2024, 2, 1), Q)
    with pytest.raises(PeriodError, match="must start on 1 April, not 2024-01-01"):
        Period(date(2024, 1, 1), FY)
    with pytest.raises(PeriodError, match="A month must start on its 1st day"):
        period_from_start(date(2024, 2, 3), M)
    with pytest.raises(PeriodError, match="span 2 to 99 years"):
        Period(date(2018, 1, 1), MY)  # span defaults to 1, which is not a pooled period
    with pytest.raises(PeriodError, match="span must be 1"):
        Period(date(2018, 1, 1), A, 2)
    with pytest.raises(PeriodError, match="not a known frequency"):
        Period(date(2018, 1, 1), "weekly")


def test_period_from_start_defaults_span():
    assert period_from_start(date(2018, 1, 1), MY).span == DEFAULT_MULTI_YEAR_SPAN
    assert period_from_start(date(2018, 1, 1), MY, 5).label == "2018-22"
    assert period_from_start(date(2023, 4, 1), FY) == parse_period("2023/24", FY)


def test_is_future_compares_the_start():
    today = date(2024, 6, 30)
    assert not is_future(parse_period("2024", A), today)  # started, not finished: not future
    assert not is_future(parse_period("2024-06-30", D), today)
    assert is_future(parse_period("2024-07-01", D), today)
    assert is_future(parse_period("2024-Q3", Q), today)
    assert not is_future(parse_period("2024/25", FY), today)


# --- round trips and properties ---------------------------------------------------------------------------

ROUND_TRIP_LABELS = {
    A: ["1990", "2024"],
    FY: ["1999/00", "2023/24"],
    AY: ["2009/10", "2023/24"],
    Q: ["2024-Q1", "2024-Q4"],
    M: ["2024-01", "2024-12"],
    D: ["2024-02-29", "2024-12-31"],
    MY: ["2018-20", "1998-00", "2023-24"],
}


@pytest.mark.parametrize(
    ("frequency", "label"), [(f, label) for f, labels in ROUND_TRIP_LABELS.items() for label in labels]
)
def test_label_parse_label_round_trip(frequency, label):
    assert parse_period(label, frequency).label == label


def _periods(frequency: str) -> st.SearchStrategy[Period]:
    years = st.integers(min_value=1000, max_value=9000)
    if frequency == D:
        return st.dates(min_value=date(1000, 1, 1), max_value=date(9000, 12, 31)).map(lambda d: Period(d, D))
    if frequency == Q:
        return st.builds(lambda y, q: Period(date(y, 3 * q - 2, 1), Q), years, st.integers(1, 4))
    if frequency == M:
        return st.builds(lambda y, m: Period(date(y, m, 1), M), years, st.integers(1, 12))
    if frequency == MY:
        return st.builds(lambda y, s: Period(date(y, 1, 1), MY, s), years, st.integers(2, 99))
    month = {A: 1, FY: 4, AY: 9}[frequency]
    return years.map(lambda y: Period(date(y, month, 1), frequency))


any_period = st.sampled_from(FREQUENCIES).flatmap(_periods)


@given(any_period)
def test_property_label_round_trips(period):
    assert parse_period(period.label, period.frequency) == period
    if period.frequency == MY:
        assert parse_period(period.label, MY, span=period.span) == period


@given(any_period)
def test_property_next_is_later_and_contiguous(period):
    following = period.next()
    assert following.start > period.start
    assert following > period
    assert period.end >= period.start
    assert period.end + timedelta(days=1) == following.start
    assert following.frequency == period.frequency and following.span == period.span


@given(any_period)
def test_property_years_between_next_is_the_period_length(period):
    assert period.years_between(period.next()) == pytest.approx(period.years)
    assert period.years > 0


_fragments = st.sampled_from(
    [
        "2024",
        "1999",
        "0999",
        "9999",
        "-",
        "/",
        " ",
        "Q",
        "q",
        "3",
        "13",
        "24",
        "00",
        "MAR",
        "march",
        "Foo",
        "\u2013",
    ]
)
_texts = st.one_of(st.text(max_size=20), st.lists(_fragments, max_size=6).map("".join))


@given(_texts, st.sampled_from(FREQUENCIES), st.one_of(st.none(), st.integers(2, 5)))
def test_property_parse_returns_period_or_raises_period_error(text, frequency, span):
    try:
        result = parse_period(text, frequency, span=span)
    except PeriodError as error:
        assert str(error)
    else:
        assert isinstance(result, Period)
        assert result.frequency == frequency
        assert parse_period(result.label, frequency, span=span) == result
