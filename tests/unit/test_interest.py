"""lib/interest.py: late-payment interest by hand-checked figures, its vectorised twin, prescription."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from fractions import Fraction

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import account, letters, simulator
from lib.actionlog import Log
from lib.ageing import age
from lib.company import Company
from lib.interest import (
    COMPENSATION_CENTS,
    Interest,
    Period,
    accrued_interest,
    compensation,
    late_interest,
)
from lib.policy import load_policy
from lib.prescription import prescribing_soon, prescription
from tests.unit.frames import AS_OF, days_ago, items

D = dt.date


def figures(result: Interest) -> list[tuple[str, str, int, float, int]]:
    return [(p.start.isoformat(), p.end.isoformat(), p.days, p.rate_pct, p.interest_cents) for p in result.periods]


# ---------------------------------------------------------------- late_interest, worked by hand


def test_worked_example_of_the_data_readme() -> None:
    # EUR 10,000 due 31/01/2025, to 30/09/2025:
    #   01/02–30/06/2025: 28+31+30+31+30 = 150 days at 11.15%: 1,000,000 × 0.1115 × 150 / 365 = 45,821.917…
    #   01/07–30/09/2025: 31+31+30 = 92 days at 10.15%:       1,000,000 × 0.1015 × 92 / 365  = 25,583.561…
    #   exact sum 71,405.479 → 71,405 (rounding each period first would give 45,822 + 25,584 = 71,406);
    #   floors 45,821 + 25,583 = 71,404, the missing cent goes to the larger remainder (.917).
    result = late_interest(1_000_000, D(2025, 1, 31), D(2025, 9, 30))
    assert result.interest_cents == 71405
    assert result.compensation_cents == 4000
    assert figures(result) == [
        ("2025-02-01", "2025-06-30", 150, 11.15, 45822),
        ("2025-07-01", "2025-09-30", 92, 10.15, 25583),
    ]
    assert [p.status for p in result.periods] == ["confirmed", "confirmed"]
    assert result.warnings == ()


def test_to_dict_is_the_cli_contract() -> None:
    result = late_interest(1_000_000, D(2025, 1, 31), D(2025, 9, 30))
    assert json.loads(json.dumps(result.to_dict())) == {
        "interest_cents": 71405,
        "compensation_cents": 4000,
        "regime": "late",
        "periods": [
            {"from": "2025-02-01", "to": "2025-06-30", "days": 150, "rate_pct": 11.15, "interest_cents": 45822},
            {"from": "2025-07-01", "to": "2025-09-30", "days": 92, "rate_pct": 10.15, "interest_cents": 25583},
        ],
        "warnings": [],
    }


def test_three_semesters() -> None:
    # EUR 10,000 due 15/06/2023, to 10/02/2024:
    #   16/06–30/06/2023:  15 days at 10.50%: 105,000 × 15 / 365  =  1,575,000 / 365 =  4,315.068…
    #   01/07–31/12/2023: 184 days at 12.00%: 120,000 × 184 / 365 = 22,080,000 / 365 = 60,493.150…
    #   01/01–10/02/2024:  41 days at 12.50%: 125,000 × 41 / 365  =  5,125,000 / 365 = 14,041.095…
    #   sum 28,780,000 / 365 = 78,849.315 → 78,849 = 4,315 + 60,493 + 14,041 (no cent left to allocate)
    result = late_interest(1_000_000, D(2023, 6, 15), D(2024, 2, 10))
    assert result.interest_cents == 78849
    assert figures(result) == [
        ("2023-06-16", "2023-06-30", 15, 10.5, 4315),
        ("2023-07-01", "2023-12-31", 184, 12.0, 60493),
        ("2024-01-01", "2024-02-10", 41, 12.5, 14041),
    ]


def test_leap_year_still_divides_by_365() -> None:
    # due 31/01/2024, to 01/03/2024: 29 February days + 1 = 30 days at 12.50%
    #   1,000,000 × 0.125 × 30 / 365 = 3,750,000 / 365 = 10,273.97 → 10,274
    result = late_interest(1_000_000, D(2024, 1, 31), D(2024, 3, 1))
    assert figures(result) == [("2024-02-01", "2024-03-01", 30, 12.5, 10274)]


def test_contract_before_2013_uses_seven_points() -> None:
    # EUR 5,000, contract 01/11/2012, due 31/03/2013, to 31/08/2013, reference + 7 = late rate − 1:
    #   01/04–30/06/2013: 91 days at 7.75%: 500,000 × 0.0775 × 91 / 365 = 3,526,250 / 365 = 9,660.958…
    #   01/07–31/08/2013: 62 days at 7.50%: 500,000 × 0.0750 × 62 / 365 = 2,325,000 / 365 = 6,369.863…
    #   sum 5,851,250 / 365 = 16,030.82 → 16,031; floors 9,660 + 6,369 = 16,029, both get one more cent
    old = late_interest(500_000, D(2013, 3, 31), D(2013, 8, 31), contract_date=D(2012, 11, 1))
    assert old.interest_cents == 16031
    assert figures(old) == [("2013-04-01", "2013-06-30", 91, 7.75, 9661), ("2013-07-01", "2013-08-31", 62, 7.5, 6370)]
    # the same debt under a 2013 contract, at 8.75% and 8.50%:
    #   (500,000 × 0.0875 × 91 + 500,000 × 0.085 × 62) / 365 = (3,981,250 + 2,635,000) / 365 = 18,126.71 → 18,127
    new = late_interest(500_000, D(2013, 3, 31), D(2013, 8, 31), contract_date=D(2013, 1, 1))
    assert new.interest_cents == 18127


def test_days_in_2012_earn_interest_for_an_old_contract_art_5_dlgs_231_2002() -> None:
    # The table reaches back to 2002 (data/README.md): EUR 10,000, contract 01/11/2012 (reference + 7,
    # no EUR 40: D.Lgs. 192/2012 art. 3), due 15/12/2012, to 15/01/2013:
    #   16/12–31/12/2012: 16 days at 1.00% + 7 = 8.00%:  1,000,000 × 800 × 16 / 3,650,000 = 3,506.85
    #   01/01–15/01/2013: 15 days at 0.75% + 7 = 7.75%:  1,000,000 × 775 × 15 / 3,650,000 = 3,184.93
    #   sum 24,425,000,000 / 3,650,000 = 6,691.78 → 6,692; floors 3,506 + 3,184, a cent each to .85 and .93
    result = late_interest(1_000_000, D(2012, 12, 15), D(2013, 1, 15), contract_date=D(2012, 11, 1))
    assert figures(result) == [
        ("2012-12-16", "2012-12-31", 16, 8.0, 3507),
        ("2013-01-01", "2013-01-15", 15, 7.75, 3185),
    ]
    assert result.interest_cents == 6692
    assert (result.compensation_cents, result.regime, result.warnings) == (0, "late_old", ())


def test_a_contract_before_8_august_2002_earns_the_legal_rate_art_11_dlgs_231_2002() -> None:
    # Outside the decree: legal interest (artt. 1224, 1284 c.c.), no EUR 40. EUR 10,000 due 31/10/2002,
    # to 31/03/2003: 01/11–31/12/2002: 61 days at 3.00% (DM 11/12/2001): 1,000,000 × 300 × 61 / 3,650,000
    #   = 5,013.70; 01/01–31/03/2003: 90 days at 3.00%: 1,000,000 × 300 × 90 / 3,650,000 = 7,397.26;
    #   sum 45,300,000,000 / 3,650,000 = 12,410.96 → 12,411
    result = late_interest(1_000_000, D(2002, 10, 31), D(2003, 3, 31), contract_date=D(2001, 5, 10))
    assert result.interest_cents == 12411
    assert (result.compensation_cents, result.regime) == (0, "legal")
    assert {p.rate_pct for p in result.periods} == {3.0}


def test_consumer_legal_rate_by_calendar_year_and_no_compensation() -> None:
    # EUR 2,000 due 31/10/2025, to 31/03/2026, legal rate:
    #   01/11–31/12/2025: 30+31 = 61 days at 2.00%: 200,000 × 0.02 × 61 / 365 = 244,000 / 365 = 668.49
    #   01/01–31/03/2026: 31+28+31 = 90 days at 1.60%: 200,000 × 0.016 × 90 / 365 = 288,000 / 365 = 789.04
    #   sum 532,000 / 365 = 1,457.53 → 1,458; floors 668 + 789 = 1,457, the cent goes to .49
    result = late_interest(200_000, D(2025, 10, 31), D(2026, 3, 31), consumer=True)
    assert result.interest_cents == 1458
    assert result.compensation_cents == 0
    assert figures(result) == [("2025-11-01", "2025-12-31", 61, 2.0, 669), ("2026-01-01", "2026-03-31", 90, 1.6, 789)]
    assert {p.status for p in result.periods} == {"legal"}


def test_partial_payment_rebases_the_capital_from_the_next_day() -> None:
    # EUR 10,000 due 31/01/2025, EUR 4,000 paid on 15/03/2025, to 30/09/2025:
    #   01/02–15/03/2025: 28+15 = 43 days on 1,000,000 at 11.15%: 111,500 × 43 / 365 = 4,794,500 / 365 = 13,135.616…
    #   16/03–30/06/2025: 16+30+31+30 = 107 days on 600,000 at 11.15%: 66,900 × 107 / 365 = 7,158,300 / 365
    #                                                                                     = 19,611.781…
    #   01/07–30/09/2025: 92 days on 600,000 at 10.15%: 60,900 × 92 / 365 = 5,602,800 / 365 = 15,350.137…
    #   sum 17,555,600 / 365 = 48,097.534 → 48,098; floors add to 48,096, cents to .781 and .616
    result = late_interest(1_000_000, D(2025, 1, 31), D(2025, 9, 30), payments=[(D(2025, 3, 15), 400_000)])
    assert result.interest_cents == 48098
    assert figures(result) == [
        ("2025-02-01", "2025-03-15", 43, 11.15, 13136),
        ("2025-03-16", "2025-06-30", 107, 11.15, 19612),
        ("2025-07-01", "2025-09-30", 92, 10.15, 15350),
    ]
    assert [p.capital_cents for p in result.periods] == [1_000_000, 600_000, 600_000]


def test_payment_of_everything_stops_interest_but_keeps_compensation() -> None:
    # EUR 1,000 due 31/05/2025 paid in full on 10/06/2025: 10 days at 11.15%:
    #   100,000 × 0.1115 × 10 / 365 = 111,500 / 365 = 305.48 → 305
    result = late_interest(100_000, D(2025, 5, 31), D(2025, 12, 31), payments=[(D(2025, 6, 10), 150_000)])
    assert figures(result) == [("2025-06-01", "2025-06-10", 10, 11.15, 305)]
    assert result.compensation_cents == 4000


def test_payment_before_the_due_date_reduces_the_capital_from_the_start() -> None:
    # EUR 1,000 of which 600 paid before the due date 30/06/2025; 400 for 01/07–31/07/2025 = 31 days at 10.15%:
    #   40,000 × 0.1015 × 31 / 365 = 125,860 / 365 = 344.82 → 345
    result = late_interest(100_000, D(2025, 6, 30), D(2025, 7, 31), payments=[(D(2025, 6, 1), 60_000)])
    assert figures(result) == [("2025-07-01", "2025-07-31", 31, 10.15, 345)]
    paid_in_time = late_interest(100_000, D(2025, 6, 30), D(2025, 7, 31), payments=[(D(2025, 6, 30), 100_000)])
    assert paid_in_time == Interest(0, 0, (), ())


def test_days_after_the_last_published_rate_warn_and_earn_nothing() -> None:
    # EUR 10,000 due 30/11/2026, to 31/01/2027:
    #   01/12–31/12/2026: 31 days at 10.40% (unconfirmed): 104,000 × 31 / 365 = 3,224,000 / 365 = 8,832.88 → 8,833
    #   01/01–31/01/2027: no rate yet, 31 days without interest
    result = late_interest(1_000_000, D(2026, 11, 30), D(2027, 1, 31))
    assert result.interest_cents == 8833
    assert figures(result) == [("2026-12-01", "2026-12-31", 31, 10.4, 8833)]
    assert result.periods[0].status == "unconfirmed"
    assert result.warnings == (
        "the rate of 10.40% for the second half of 2026 (01/07/2026–31/12/2026) is unconfirmed: "
        "check it before relying on this figure",
        "no rate published for 01/01/2027–31/01/2027: no interest computed for those 31 days",
    )


def test_days_before_the_first_published_rate_warn_and_earn_nothing() -> None:
    # The table starts with the decree's first semester (2nd half of 2002): due 15/06/2002, to
    # 15/07/2002: 16/06–30/06/2002 (15 days) has no rate;
    #   01/07–15/07/2002: 15 days at 3.35% + 8 = 11.35%: 1,000,000 × 1135 × 15 / 3,650,000 = 4,664.38 → 4,664
    result = late_interest(1_000_000, D(2002, 6, 15), D(2002, 7, 15))
    assert figures(result) == [("2002-07-01", "2002-07-15", 15, 11.35, 4664)]
    assert result.warnings == ("no rate published for 16/06/2002–30/06/2002: no interest computed for those 15 days",)
    one_day = late_interest(1_000_000, D(2026, 12, 31), D(2027, 1, 1))
    assert one_day.warnings == ("no rate published for 01/01/2027: no interest computed for that day",)
    assert one_day.periods == ()
    assert one_day.compensation_cents == 4000


@pytest.mark.parametrize("until", [D(2025, 1, 31), D(2025, 1, 1)])
def test_not_late_gives_nothing(until: dt.date) -> None:
    assert late_interest(1_000_000, D(2025, 1, 31), until) == Interest(0, 0, (), ())


def test_no_capital_gives_nothing() -> None:
    assert late_interest(0, D(2025, 1, 31), D(2025, 9, 30)) == Interest(0, 0, (), ())
    assert late_interest(-5_000, D(2025, 1, 31), D(2025, 9, 30)) == Interest(0, 0, (), ())


dates = st.dates(D(2012, 6, 1), D(2027, 6, 30))


@settings(max_examples=300, deadline=None)
@given(
    capital=st.integers(1, 10**11),
    due=dates,
    until=dates,
    payments=st.lists(st.tuples(dates, st.integers(1, 10**10)), max_size=4),
    consumer=st.booleans(),
)
def test_periods_add_up_to_the_total_and_stay_within_a_cent(
    capital: int, due: dt.date, until: dt.date, payments: list[tuple[dt.date, int]], consumer: bool
) -> None:
    result = late_interest(capital, due, until, consumer=consumer, payments=payments)
    assert sum(p.interest_cents for p in result.periods) == result.interest_cents
    for p in result.periods:
        exact = Fraction(p.capital_cents * p.days * round(p.rate_pct * 100), 100 * 100 * 365)
        assert abs(p.interest_cents - exact) < 1
        assert p.days == (p.end - p.start).days + 1 and p.start > due and p.end <= until
    assert all(a.end + dt.timedelta(days=1) <= b.start for a, b in itertools.pairwise(result.periods))


# ---------------------------------------------------------------- accrued_interest


def frame(rows: list[tuple[str, dt.date, int]]) -> pl.LazyFrame:
    return pl.LazyFrame(
        {
            "doc_number": [str(i) for i in range(len(rows))],
            "doc_type": [kind for kind, _, _ in rows],
            "due_date": [due for _, due, _ in rows],
            "open_cents": [cents for _, _, cents in rows],
            "currency": ["EUR"] * len(rows),  # the EUR 40 depends on it (interest.compensation)
        },
        schema={
            "doc_number": pl.String,
            "doc_type": pl.String,
            "due_date": pl.Date,
            "open_cents": pl.Int64,
            "currency": pl.String,
        },
    )


def test_accrued_interest_per_row() -> None:
    items = frame(
        [
            ("invoice", D(2025, 1, 31), 1_000_000),  # the worked example: 71,405
            ("invoice", D(2025, 9, 30), 1_000_000),  # due on the as-of date: not overdue
            ("invoice", D(2025, 12, 1), 1_000_000),  # not due yet
            ("invoice", D(2025, 1, 31), 0),  # paid
            ("credit_note", D(2025, 1, 31), -50_000),  # credits earn nothing
            ("other", D(2025, 1, 31), 1_000_000),  # interest, but the EUR 40 is per invoice
            ("invoice", None, 1_000_000),  # no due date
        ]
    )
    out = accrued_interest(items, D(2025, 9, 30)).collect().sort("doc_number")
    assert out.schema["interest_cents"] == pl.Int64 and out.schema["compensation_cents"] == pl.Int64
    assert out["interest_cents"].to_list() == [71405, 0, 0, 0, 0, 71405, 0]
    assert out["compensation_cents"].to_list() == [4000, 0, 0, 0, 0, 0, 0]
    consumer = accrued_interest(items, D(2025, 9, 30), consumer=True).collect().sort("doc_number")
    # 242 days at the 2025 legal rate of 2%: 1,000,000 × 0.02 × 242 / 365 = 4,840,000 / 365 = 13,260.27 → 13,260
    assert consumer["interest_cents"].to_list() == [13260, 0, 0, 0, 0, 13260, 0]
    assert consumer["compensation_cents"].to_list() == [0] * 7


def test_accrued_interest_to_a_later_day_on_what_was_overdue_at_the_snapshot() -> None:
    """A page shows interest to today on the documents the snapshot showed overdue: one due after
    the snapshot earns nothing (it may be paid), the others run to `until` as late_interest does."""
    items = frame([("invoice", D(2025, 1, 31), 1_000_000), ("invoice", D(2025, 10, 2), 1_000_000)])
    out = accrued_interest(items, D(2025, 9, 30), until=D(2025, 10, 10)).collect().sort("doc_number")
    assert out["interest_cents"].to_list() == [
        late_interest(1_000_000, D(2025, 1, 31), D(2025, 10, 10)).interest_cents,
        0,
    ]
    assert out["interest_cents"][0] > 71405 and out["compensation_cents"].to_list() == [4000, 0]


def test_accrued_interest_outside_the_table() -> None:
    # due 15/06/2002 as of 15/07/2002 (15 days before the table): 4,664 as by hand above;
    # due 30/11/2026 as of 31/01/2027 (31 days after it): 8,833; wholly after the table: 0.
    items = frame([("invoice", D(2002, 6, 15), 1_000_000), ("invoice", D(2026, 11, 30), 1_000_000)])
    assert accrued_interest(items, D(2002, 7, 15)).collect().sort("doc_number")["interest_cents"][0] == 4664
    assert accrued_interest(items, D(2027, 1, 31)).collect().sort("doc_number")["interest_cents"][1] == 8833
    assert accrued_interest(items, D(2028, 1, 1)).collect()["interest_cents"].min() > 0
    late = frame([("invoice", D(2027, 2, 1), 1_000_000)])
    assert accrued_interest(late, D(2027, 12, 31)).collect()["interest_cents"].to_list() == [0]


def test_accrued_interest_huge_amount_does_not_overflow() -> None:
    # EUR 10 billion from 31/12/2012 to 31/12/2026: capital × bp-days passes 2^63 before the division
    items = frame([("invoice", D(2012, 12, 31), 10**12)])
    out = accrued_interest(items, D(2026, 12, 31)).collect()["interest_cents"].item()
    assert out == late_interest(10**12, D(2012, 12, 31), D(2026, 12, 31)).interest_cents


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(st.integers(-(10**6), 10**10), st.dates(D(2012, 1, 1), D(2027, 12, 31))), max_size=30),
    as_of=st.dates(D(2012, 1, 1), D(2027, 12, 31)),
    consumer=st.booleans(),
)
def test_accrued_interest_equals_late_interest_row_by_row(
    rows: list[tuple[int, dt.date]], as_of: dt.date, consumer: bool
) -> None:
    items = frame([("invoice", due, cents) for cents, due in rows])
    out = accrued_interest(items, as_of, consumer=consumer).collect().sort(pl.col("doc_number").cast(pl.Int64))
    expected = [late_interest(cents, due, as_of, consumer=consumer) for cents, due in rows]
    assert out["interest_cents"].to_list() == [e.interest_cents for e in expected]
    assert out["compensation_cents"].to_list() == [e.compensation_cents for e in expected]


# ---------------------------------------------------------------- prescription

SCHEMA = {
    "customer_id": pl.String,
    "customer_name": pl.String,
    "doc_number": pl.String,
    "due_date": pl.Date,
    "open_cents": pl.Int64,
    "currency": pl.String,
}


def documents(rows: list[tuple[str, str, dt.date, int]]) -> pl.LazyFrame:
    return pl.LazyFrame(
        {
            "customer_id": [c for c, _, _, _ in rows],
            "customer_name": [f"Cliente {c}" for c, _, _, _ in rows],
            "doc_number": [n for _, n, _, _ in rows],
            "due_date": [d for _, _, d, _ in rows],
            "open_cents": [o for _, _, _, o in rows],
            "currency": ["EUR"] * len(rows),
        },
        schema=SCHEMA,
    )


def acts(rows: list[tuple[str, dt.date]]) -> pl.LazyFrame:
    return pl.LazyFrame(
        {"customer_id": [c for c, _ in rows], "date": [d for _, d in rows]},
        schema={"customer_id": pl.String, "date": pl.Date},
    )


def prescribes(items: pl.LazyFrame, interruptions: pl.LazyFrame, **kwargs: int) -> dict[str, dt.date | None]:
    out = prescription(items, interruptions, **kwargs).collect()
    return dict(zip(out["doc_number"], out["prescribes_on"], strict=True))


ITEMS = documents(
    [
        ("A", "A1", D(2015, 3, 31), 100),  # no act
        ("B", "B1", D(2016, 5, 31), 100),  # letter after the due date
        ("B", "B2", D(2023, 1, 31), 100),  # due after B's letter: untouched by it
        ("C", "C1", D(2021, 5, 31), 100),  # letter before the due date only
        ("D", "D1", D(2016, 2, 29), 100),  # leap day
        ("E", "E1", D(2010, 1, 31), 100),  # letter after it had prescribed
        ("F", "F1", D(2010, 1, 31), 100),  # a chain of acts, each in time
        ("G", "G1", None, 100),
    ]
)
ACTS = acts(
    [
        ("B", D(2020, 6, 10)),
        ("C", D(2021, 1, 15)),
        ("E", D(2021, 6, 1)),
        ("F", D(2019, 12, 1)),
        ("F", D(2028, 1, 1)),
        ("F", D(2028, 1, 1)),
        ("Z", D(2020, 1, 1)),
    ]
)


def test_prescription_ten_years_restarted_by_later_acts() -> None:
    assert prescribes(ITEMS, ACTS) == {
        "A1": D(2025, 3, 31),
        "B1": D(2030, 6, 10),
        "B2": D(2033, 1, 31),
        "C1": D(2031, 5, 31),
        "D1": D(2026, 2, 28),
        "E1": D(2020, 1, 31),
        "F1": D(2038, 1, 1),
        "G1": None,
    }
    assert prescription(ITEMS, ACTS).collect().schema["prescribes_on"] == pl.Date


def test_prescription_five_years() -> None:
    out = prescribes(ITEMS, ACTS, years=5)
    # B1: letter 10/06/2020 within 5 years of 31/05/2016 → 10/06/2025; F1: 01/12/2019 is after 31/01/2015 → no restart
    assert out["A1"] == D(2020, 3, 31)
    assert out["B1"] == D(2025, 6, 10)
    assert out["C1"] == D(2026, 5, 31)
    assert out["F1"] == D(2015, 1, 31)


def test_act_on_the_last_day_still_counts() -> None:
    items = documents([("A", "A1", D(2015, 3, 31), 100)])
    assert prescribes(items, acts([("A", D(2025, 3, 31))])) == {"A1": D(2035, 3, 31)}
    assert prescribes(items, acts([("A", D(2025, 4, 1))])) == {"A1": D(2025, 3, 31)}


def test_prescribing_soon() -> None:
    items = documents(
        [
            ("A", "in", D(2017, 3, 31), 500),  # 31/03/2027: within six months of 20/11/2026
            ("A", "edge", D(2017, 5, 20), 500),  # 20/05/2027: the last day of the window
            ("A", "later", D(2017, 6, 30), 500),  # 30/06/2027: outside
            ("B", "gone", D(2016, 10, 31), 700),  # 31/10/2026: already prescribed
            ("B", "today", D(2016, 11, 20), 700),  # 20/11/2026: an act today still counts
            ("B", "paid", D(2017, 1, 31), 0),
            ("B", "credit", D(2017, 1, 31), -300),
            ("C", "saved", D(2016, 12, 31), 900),  # a letter in 2025 moved it to 2035
        ]
    )
    out = prescribing_soon(items, acts([("C", D(2025, 2, 1))]), D(2026, 11, 20))
    assert out.columns == [
        "customer_id",
        "customer_name",
        "doc_number",
        "due_date",
        "open_cents",
        "currency",
        "prescribes_on",
        "prescribed",
    ]
    assert out.select("doc_number", "prescribes_on", "prescribed").rows() == [
        ("gone", D(2026, 10, 31), True),
        ("today", D(2026, 11, 20), False),
        ("in", D(2027, 3, 31), False),
        ("edge", D(2027, 5, 20), False),
    ]
    three_months = prescribing_soon(items, acts([]), D(2026, 11, 20), months=3)
    assert three_months["doc_number"].to_list() == ["gone", "today", "saved"]


def test_period_is_frozen() -> None:
    period = Period(D(2025, 1, 1), D(2025, 1, 2), 2, 11.15, 6, "confirmed")
    with pytest.raises(AttributeError):
        period.days = 3  # type: ignore[misc]


# ---------------------------------------------------------------- the EUR 40: one rule everywhere


def test_compensation_only_on_late_business_invoices_in_eur() -> None:
    docs = pl.DataFrame(
        {
            "doc_type": ["invoice", "invoice", "invoice", "credit_note", "invoice"],
            "currency": ["EUR", "USD", "CHF", "EUR", "EUR"],
            "late": [True, True, True, True, False],
        }
    )
    assert docs.select(compensation(pl.col("late")))["compensation_cents"].to_list() == [4000, 0, 0, 0, 0]
    assert docs.select(compensation(pl.col("late"), consumer=True))["compensation_cents"].sum() == 0
    assert late_interest(100_000, D(2025, 1, 31), D(2025, 9, 30)).compensation_cents == COMPENSATION_CENTS
    assert late_interest(100_000, D(2025, 1, 31), D(2025, 9, 30), currency="USD").compensation_cents == 0
    assert late_interest(100_000, D(2025, 1, 31), D(2025, 9, 30), consumer=True).compensation_cents == 0


@pytest.mark.parametrize(("currency", "each"), [("EUR", 4_000), ("USD", 0), ("CHF", 0)])
def test_the_account_a_formal_demand_and_the_simulator_agree_on_the_eur_40(currency: str, each: int) -> None:
    """Two late invoices, a credit note and an invoice not yet due: the EUR 40 twice in EUR, never
    in another currency, on the account page, in the letter and in the simulator's claim."""
    policy = load_policy()
    books = items(
        doc_number=["F1", "F2", "NC1", "F3"],
        open_cents=[100_000, 50_000, -20_000, 30_000],
        due_date=[days_ago(90), days_ago(30), days_ago(20), AS_OF + dt.timedelta(days=10)],
        currency=[currency] * 4,
    )
    docs = account.documents(age(books.lazy(), AS_OF).collect(), "C1", currency, AS_OF, Log.empty(), policy)
    row = {
        "customer_id": "C1", "currency": currency, "oldest_due": days_ago(90), "overdue_cents": 130_000,
        "pec": "c1@pec.example",
    }  # fmt: skip
    facts = simulator.facts(row, docs, AS_OF, policy)
    company = Company("Rossi S.r.l.", "IT01234560157", "Via Roma 1, Milano", "IT60X0542811101000000123456")
    letter = letters.compose("formal_demand", row, books, company, AS_OF, "en", policy)

    by_document = dict(zip(docs["doc_number"], docs["compensation_cents"], strict=True))
    assert by_document == {"F1": each, "F2": each, "NC1": 0, "F3": 0}
    assert dict(zip(letter.documents["doc_number"], letter.documents["compensation_cents"], strict=True)) == {
        "F1": each,
        "F2": each,
        "NC1": 0,
    }
    assert letter.totals["compensation_cents"] == facts.compensation_cents == 2 * each
    assert facts.invoices == (2 if each else 0)
    # the interest agrees too, and runs in every currency
    assert letter.totals["interest_cents"] == facts.interest_cents == docs["interest_cents"].sum() > 0
    warned = any(f"the account is in {currency}" in warning for warning in letter.warnings)
    assert warned is (each == 0)
