"""Late-payment interest (D.Lgs. 231/2002), the EUR 40 compensation, and prescription dates.

Rates are data (`data/*.csv`), kept in hundredths of a percent ("basis points") so that every
figure is exact: a period earns capital × days × bp / (10,000 × 365) cents, rounded once.

Which rate a debt earns is its regime (`regime`), fixed by who owes it and when the contract was
concluded: REGIMES says what each one means.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import NamedTuple

import polars as pl

from lib.ageing import is_overdue

DATA = Path(__file__).resolve().parent.parent / "data"
COMPENSATION_CENTS = 4000  # art. 6: EUR 40 per late invoice, business debts only (see `compensation`)
COMPENSATION_CURRENCY = "EUR"  # the currency the law fixes it in, and the only one it is added to
DECREE_FROM = dt.date(2002, 8, 8)  # art. 11: D.Lgs. 231/2002 covers contracts concluded from this day
OLD_CONTRACTS_BEFORE = dt.date(2013, 1, 1)  # earlier contracts: reference + 7 points and no EUR 40
# The regimes a debt's interest follows (`regime` picks one):
#   late      D.Lgs. 231/2002 as amended by D.Lgs. 192/2012 (contracts from 1 January 2013):
#             ECB reference rate + 8 points, and the EUR 40 per late invoice (art. 6);
#   late_old  the decree's first text (contracts from 8 August 2002 to 31 December 2012): reference
#             + 7 points in every semester, no EUR 40 (D.Lgs. 192/2012, art. 3);
#   legal     the legal rate of art. 1284 c.c. (moratory interest, art. 1224 c.c.), no EUR 40:
#             consumers (the decree covers transactions between businesses) and contracts concluded
#             before 8 August 2002.
REGIMES = ("late", "late_old", "legal")
_POINTS = {"late": 800, "late_old": 700}  # basis points over the reference rate
_DENOMINATOR = 100 * 100 * 365  # percent, basis points, days in a year (also in leap years)
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """Days with one capital and one rate."""

    start: dt.date
    end: dt.date
    days: int
    rate_pct: float
    interest_cents: int
    status: str  # confirmed / single-source / unconfirmed, or "legal" for consumer rates
    capital_cents: int = 0


class Note(NamedTuple):
    """A warning as data, for callers that word it themselves: `code` is "no_rate" (no rate
    published: `days` days earn nothing) or "unconfirmed" (the rate `rate_pct` of the period is not
    confirmed), over the days `start` to `end`, both included."""

    code: str
    start: dt.date
    end: dt.date
    days: int = 0
    rate_pct: float = 0.0


@dataclass(frozen=True)
class Interest:
    """Interest on one debt: the total, the EUR 40, the periods adding up to the total, and the
    warnings twice: `warnings` in plain English (the command line), `notes` as codes and figures
    (for callers that word them, e.g. the letters in their language)."""

    interest_cents: int
    compensation_cents: int
    periods: tuple[Period, ...]
    warnings: tuple[str, ...]
    notes: tuple[Note, ...] = ()
    regime: str = "late"  # REGIMES

    def to_dict(self) -> dict[str, object]:
        """The JSON object of `python -m lib interest`."""
        return {
            "interest_cents": self.interest_cents,
            "compensation_cents": self.compensation_cents,
            "regime": self.regime,
            "periods": [
                {
                    "from": p.start.isoformat(),
                    "to": p.end.isoformat(),
                    "days": p.days,
                    "rate_pct": p.rate_pct,
                    "interest_cents": p.interest_cents,
                }
                for p in self.periods
            ],
            "warnings": list(self.warnings),
        }


def regime(consumer: bool = False, contract_date: dt.date | None = None) -> str:
    """The regime (REGIMES) of a debt: a consumer's, or by the date its contract was concluded
    (unknown: the decree as it stands)."""
    if consumer or (contract_date is not None and contract_date < DECREE_FROM):
        return "legal"
    return "late_old" if contract_date is not None and contract_date < OLD_CONTRACTS_BEFORE else "late"


class _Rate(NamedTuple):
    start: dt.date
    end: dt.date
    bp: int
    status: str


@cache
def _rates(kind: str) -> pl.DataFrame:
    """The rates of a regime (REGIMES): start, end, bp (Int64, hundredths of a percent), status;
    sorted by start. The late-payment rates are the reference rate plus the regime's points."""
    if kind == "legal":
        table = pl.read_csv(DATA / "legal_interest_rates_it.csv").select(
            pl.date(pl.col("year"), 1, 1).alias("start"),
            pl.date(pl.col("year"), 12, 31).alias("end"),
            (pl.col("rate_pct") * 100).round().cast(pl.Int64).alias("bp"),
            pl.lit("legal").alias("status"),
        )
    else:
        table = pl.read_csv(DATA / "late_payment_rates_it.csv", try_parse_dates=True).select(
            pl.col("semester_start").alias("start"),
            pl.col("semester_end").alias("end"),
            ((pl.col("reference_rate_pct") * 100).round().cast(pl.Int64) + _POINTS[kind]).alias("bp"),
            pl.col("status"),
        )
    return table.sort("start")


def rate_in_force(on: dt.date, *, consumer: bool = False) -> tuple[Decimal, dt.date, str]:
    """The yearly late-payment rate in percent (the legal rate for a consumer) in force on `on`,
    the day its period starts, and its status (the data's, or "stale" past the table's last
    period, whose rate is then given)."""
    table = _rates("legal" if consumer else "late")
    known = table.filter(pl.col("start") <= on)
    start, end, bp, status = (known if known.height else table).row(-1 if known.height else 0)
    return Decimal(bp) / 100, start, "stale" if on > end else status


@cache
def _rate_rows(kind: str) -> tuple[_Rate, ...]:
    return tuple(_Rate(*row) for row in _rates(kind).rows())


@cache
def _daily(kind: str) -> pl.DataFrame:
    """Cumulative bp-days per date, from the day before the first published day (0) to the last.

    Interest from the day after `a` to `b` is capital × (cum(b) − cum(a)) / _DENOMINATOR, with
    both dates clamped to the table: days outside it earn nothing.
    """
    rates = _rates(kind)
    published = rates.select(pl.date_ranges("start", "end").alias("day"), "bp").explode("day")
    # one row per calendar day (a gap in the table would earn 0), so a date's row is found by position
    first, last = rates["start"].min(), rates["end"].max()
    assert isinstance(first, dt.date) and isinstance(last, dt.date), "the rates table is empty"
    every = pl.date_range(first - _ONE_DAY, last, eager=True).alias("day")
    return (
        every.to_frame()
        .join(published, on="day", how="left")
        .sort("day")
        .select("day", pl.col("bp").fill_null(0).cum_sum().cast(pl.Int64).alias("cum"))
    )


def compensation(
    late: pl.Expr | bool = True,
    *,
    consumer: bool = False,
    currency: pl.Expr | str = "currency",
    doc_type: pl.Expr | str = "doc_type",
    kind: pl.Expr | str = "late",
) -> pl.Expr:
    """`compensation_cents` (Int64): the fixed compensation of art. 6 D.Lgs. 231/2002, the one
    place the rule is written (the account page, the simulator and the letters all take it here).

    EUR 40 (COMPENSATION_CENTS) for each `late` document that is an invoice in EUR, 0 otherwise:
    - only invoices: credit notes and payments are not debts paid late;
    - only in the `late` regime (`kind`, a value or an expression; REGIMES): none for consumers
      (the decree covers transactions between businesses and with the public administration) nor
      for contracts concluded before 1 January 2013 (D.Lgs. 192/2012 brought it in);
    - only in EUR: the law fixes the sum in euro, while an account's figures are cents of its own
      currency; adding 40 to a USD or CHF claim would mix currencies, and converting it would need
      an exchange rate the books do not hold. The letters say so when they leave it out.
    `currency` and `doc_type` are columns (by name or expression); `late` is an expression saying
    which documents are overdue and unpaid, or a constant.
    """
    currency, doc_type = (pl.col(c) if isinstance(c, str) else c for c in (currency, doc_type))
    due = pl.lit(late) if isinstance(late, bool) else late
    regime_ = pl.lit(kind) if isinstance(kind, str) else kind
    earns = due & (doc_type == "invoice") & (currency == COMPENSATION_CURRENCY) & pl.lit(not consumer)
    earns = earns & (regime_ == "late")
    return pl.when(earns).then(COMPENSATION_CENTS).otherwise(0).cast(pl.Int64).alias("compensation_cents")


def _warning(note: Note) -> str:
    """Every warning text of this module in one place, plain English (lib/letters words them in
    the letter's language from `Note`)."""
    start, end = note.start, note.end
    span = _format(start) if start == end else f"{_format(start)}–{_format(end)}"
    if note.code == "no_rate":
        counted = "that day" if note.days == 1 else f"those {note.days} days"
        return f"no rate published for {span}: no interest computed for {counted}"
    if note.code == "unconfirmed":
        names = {(1, 6): "the first half of ", (7, 12): "the second half of ", (1, 12): ""}
        name = f"{names[start.month, end.month]}{start.year}" if (start.month, end.month) in names else "the period"
        return (
            f"the rate of {note.rate_pct:.2f}% for {name} ({span}) is unconfirmed: check it before relying on this "
            "figure"
        )
    raise ValueError(note.code)


def _format(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _round_half_up(value: Fraction) -> int:
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def _allocate(total: int, exact: Sequence[Fraction]) -> list[int]:
    """Whole cents per period adding up to `total`: floors, then +1 by largest remainder."""
    floors = [int(value // 1) for value in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


def late_interest(
    capital_cents: int,
    due: dt.date,
    until: dt.date,
    *,
    consumer: bool = False,
    contract_date: dt.date | None = None,
    payments: Sequence[tuple[dt.date, int]] = (),
    currency: str = COMPENSATION_CURRENCY,
) -> Interest:
    """Simple interest from the day after `due` to `until`, both included, each day at its own rate.

    The rate follows the debt's regime (`regime`: REGIMES): business debts the late-payment rate of
    the semester (reference + 8 points and the EUR 40 compensation, `compensation`: an invoice in
    `currency`, only EUR earns it; reference + 7 and no EUR 40 for a contract concluded before
    2013); consumer debts and contracts before 8 August 2002 the legal rate of the calendar year,
    without compensation. The compensation is due only when the debt is actually late: `until`
    after `due` with some capital still unpaid on the day after `due`.

    A payment reduces the capital from the day after its date (never below zero). Periods are split
    at rate boundaries and payment dates. Days without a published rate earn nothing and produce a
    warning, as do days at an unconfirmed rate.

    Example: `late_interest(1_000_000, date(2025, 1, 31), date(2025, 9, 30))` gives 71405 cents
    (150 days at 11.15% + 92 days at 10.15%) and 4000 cents compensation.
    """
    first = due + _ONE_DAY
    paid = sorted((day, cents) for day, cents in payments if day < until)

    def capital_on(day: dt.date) -> int:
        return max(0, capital_cents - sum(cents for when, cents in paid if when < day))

    kind = regime(consumer, contract_date)
    if until <= due or capital_on(first) <= 0:
        return Interest(0, 0, (), (), regime=kind)

    rows = [row for row in _rate_rows(kind) if row.end >= first and row.start <= until]  # the periods it spans
    cuts = {first, until + _ONE_DAY}
    cuts |= {day for row in rows for day in (row.start, row.end + _ONE_DAY)}
    cuts |= {day + _ONE_DAY for day, _ in paid}
    bounds = sorted(day for day in cuts if first <= day <= until + _ONE_DAY)

    spans: list[tuple[dt.date, dt.date, int, _Rate]] = []
    missing: list[list[dt.date]] = []  # runs of days without a rate: [first, last]
    for start, stop in itertools.pairwise(bounds):
        end = stop - _ONE_DAY
        row = next((r for r in rows if r.start <= start <= r.end), None)
        if row is None:
            if missing and missing[-1][1] + _ONE_DAY == start:
                missing[-1][1] = end
            else:
                missing.append([start, end])
        elif (capital := capital_on(start)) > 0:
            spans.append((start, end, capital, row))

    exact = [Fraction(capital * ((end - start).days + 1) * row.bp, _DENOMINATOR) for start, end, capital, row in spans]
    total = _round_half_up(sum(exact, Fraction(0)))
    periods = tuple(
        Period(start, end, (end - start).days + 1, row.bp / 100, cents, row.status, capital)
        for (start, end, capital, row), cents in zip(spans, _allocate(total, exact), strict=True)
    )

    notes = [Note("no_rate", a, b, days=(b - a).days + 1) for a, b in missing]
    unconfirmed = dict.fromkeys(row for *_, row in spans if row.status == "unconfirmed")
    notes += [Note("unconfirmed", row.start, row.end, rate_pct=row.bp / 100) for row in unconfirmed]
    notes.sort(key=lambda note: (note.start, note.code))
    warnings = tuple(map(_warning, notes))
    return Interest(total, _compensation_of(currency, kind), periods, warnings, tuple(notes), regime=kind)


@cache
def _compensation_of(currency: str, kind: str) -> int:
    """`compensation` of one late invoice, for `late_interest` (evaluated once per pair)."""
    return pl.select(compensation(currency=pl.lit(currency), doc_type=pl.lit("invoice"), kind=kind)).item()


def accrued_interest(
    items: pl.LazyFrame, as_of: dt.date, *, until: dt.date | None = None, consumer: bool = False
) -> pl.LazyFrame:
    """Add `interest_cents` and `compensation_cents` (Int64) to open items overdue at `as_of`.

    Interest runs on `open_cents` from the day after `due_date` to `until` (default `as_of`: a
    page shows it to today, from what the snapshot showed overdue) and agrees to the cent with
    `late_interest` on each row (no payments, contract from 2013 on). The EUR 40 goes to each
    overdue business invoice still open, in EUR (`compensation`). A portfolio-wide figure: one
    account's claim (its credits allocated, the customer's regime) is lib/claims.py's.
    """
    daily = _daily("legal" if consumer else "late")
    low, high = daily["day"][0], daily["day"][-1]
    at = daily["cum"][(min(max(until or as_of, low), high) - low).days]
    charged = is_overdue(as_of) & (pl.col("open_cents") > 0)
    # capital × bp-days can pass 2^63 for very large amounts: multiply in Int128, round half up.
    numerator = pl.col("open_cents").cast(pl.Int128) * (at - pl.col("_cum")) * 2 + _DENOMINATOR
    return (
        items.with_columns(pl.col("due_date").clip(low, high).alias("_day"))
        .join(daily.lazy().rename({"day": "_day", "cum": "_cum"}), on="_day", how="left")
        .with_columns(
            pl.when(charged).then(numerator // (2 * _DENOMINATOR)).otherwise(0).cast(pl.Int64).alias("interest_cents"),
            compensation(charged, consumer=consumer),
        )
        .drop("_day", "_cum")
    )
