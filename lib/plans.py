"""Payment plans and settlement offers: instalment schedules in cents, and what each option is worth.

Schedules are exact: amounts are whole cents, each instalment's interest is rounded half up on
the residual capital, and the last instalment takes the rounding so the capital adds up to the
claim to the cent. Values are present values at the user's cost of capital, discounting each
cash flow by (1 + rate) ^ (days / 365) from the valuation date.

The expected value of a plan: each instalment is defaulted with probability `p` (independently,
the down payment is taken as paid at signing); a default makes the whole residual capital due at
once and it is recovered through the agency, at the share still recoverable at that age, less
the agency fee, after the agency's time to recover.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import polars as pl

FREQUENCIES = {"monthly": 12, "biweekly": 26, "quarterly": 4}  # instalments per year
METHODS = ("annuity", "equal_capital")
SCHEDULE = {
    "n": pl.Int64(),
    "date": pl.Date(),
    "capital_cents": pl.Int64(),
    "interest_cents": pl.Int64(),
    "payment_cents": pl.Int64(),
    "residual_cents": pl.Int64(),  # capital still owed after this payment
}


def _half_up(value: Fraction) -> int:
    """Round a non-negative amount of cents half up."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def due_dates(first: dt.date, count: int, frequency: str) -> list[dt.date]:
    """`count` dates from `first`: each month (quarter) on the same day, clamped to the month's
    end (31 Jan, 28 Feb, 31 Mar, …), or every 14 days."""
    if frequency not in FREQUENCIES:
        msg = f"frequency must be one of {', '.join(FREQUENCIES)}"
        raise ValueError(msg)
    if frequency == "biweekly":
        return [first + dt.timedelta(days=14 * k) for k in range(count)]
    step = 1 if frequency == "monthly" else 3
    offsets = pl.select(pl.lit(first).dt.offset_by(pl.format("{}mo", pl.int_range(0, count) * step)))
    return offsets.to_series().to_list()


def periodic_rate(rate_pct: Decimal | float | str, frequency: str) -> Fraction:
    """The nominal yearly rate split over the instalments: rate / 12 for monthly plans."""
    return Fraction(Decimal(str(rate_pct))) / 100 / FREQUENCIES[frequency]


def annuity_payment(financed_cents: int, count: int, rate: Fraction) -> int:
    """The level payment that repays `financed_cents` in `count` instalments at `rate` per period."""
    if rate == 0:
        return _half_up(Fraction(financed_cents, count))
    growth = (1 + rate) ** count
    return _half_up(financed_cents * rate * growth / (growth - 1))


def schedule(
    claim_cents: int,
    instalments: int,
    first: dt.date,
    *,
    frequency: str = "monthly",
    down_cents: int = 0,
    down_date: dt.date | None = None,
    rate_pct: Decimal | float | str = 0,
    method: str = "annuity",
) -> pl.DataFrame:
    """The plan: the down payment as `n` = 0 (on `down_date`, by default one period before the
    first instalment), then instalments 1…`instalments`.

    Annuity: level payments, the last one adjusted by the rounding. Equal capital: the same
    capital each time (the last takes the remainder) plus the interest on the residual.
    """
    if claim_cents <= 0 or instalments < 1 or not 0 <= down_cents <= claim_cents:
        msg = "a plan needs a positive claim, at least one instalment and a down payment within the claim"
        raise ValueError(msg)
    if method not in METHODS:
        msg = f"method must be one of {', '.join(METHODS)}"
        raise ValueError(msg)
    dates = due_dates(first, instalments + 1, frequency)  # one more, to find the period before
    rate = periodic_rate(rate_pct, frequency)
    residual = claim_cents - down_cents
    rows = []
    if down_cents:
        before = dates[0] - (dates[1] - dates[0])
        rows.append((0, down_date or before, down_cents, 0, down_cents, residual))
    payment = annuity_payment(residual, instalments, rate)
    for n, day in enumerate(dates[:instalments], start=1):
        interest = _half_up(residual * rate)
        if n == instalments:
            capital = residual
        elif method == "annuity":
            capital = min(payment - interest, residual)
        else:
            capital = (claim_cents - down_cents) // instalments
        residual -= capital
        rows.append((n, day, capital, interest, capital + interest, residual))
    return pl.DataFrame(rows, schema=SCHEDULE, orient="row")


def totals(plan: pl.DataFrame) -> dict[str, int]:
    return {name: int(plan[name].sum()) for name in ("capital_cents", "interest_cents", "payment_cents")}


# --- value ---------------------------------------------------------------------------------------


def npv(rate: float, values: Sequence[float]) -> float:
    """Σ values[t] / (1 + rate) ^ t, t = 0, 1, …: the first value is not discounted (numpy-financial's
    convention)."""
    return sum(value / (1 + rate) ** t for t, value in enumerate(values))


def discount_factor(on: dt.date, as_of: dt.date, yearly_rate: float) -> float:
    """What one cent received `on` is worth at `as_of`: (1 + rate) ^ −(days / 365)."""
    return (1 + yearly_rate) ** (-max((on - as_of).days, 0) / 365)


@dataclass(frozen=True)
class Agency:
    """Hand-over to a collection agency: it keeps `fee` of what it recovers, `recoverable` of the
    claim (a share, from the age of the debt), after `days` days."""

    fee: float = 0.20
    recoverable: float = 0.5
    days: int = 180

    def value(self, cents: float, on: dt.date, as_of: dt.date, yearly_rate: float) -> float:
        """Present value at `as_of` of handing `cents` over on `on`."""
        paid_on = on + dt.timedelta(days=self.days)
        return cents * self.recoverable * (1 - self.fee) * discount_factor(paid_on, as_of, yearly_rate)


def plan_value(
    plan: pl.DataFrame, as_of: dt.date, yearly_rate: float, default_probability: float, agency: Agency
) -> dict[str, float]:
    """`npv`: the plan's present value if every instalment is paid; `expected`: its expected
    value when each instalment (n ≥ 1) defaults with `default_probability` and a default hands
    the residual capital before that instalment to the agency on its due date."""
    p = default_probability
    npv_cents = expected = 0.0
    survival = 1.0  # probability that every instalment so far was paid
    owed = int(plan["capital_cents"].sum())
    for n, day, capital, _, payment, _ in plan.rows():
        factor = discount_factor(day, as_of, yearly_rate)
        npv_cents += payment * factor
        if n == 0:
            expected += payment * factor
        else:
            expected += survival * p * agency.value(owed, day, as_of, yearly_rate)
            survival *= 1 - p
            expected += survival * payment * factor
        owed -= capital
    return {"npv": npv_cents, "expected": expected}


def lump_sum_value(
    claim_cents: int,
    discount: float,
    deadline: dt.date,
    as_of: dt.date,
    yearly_rate: float,
    default_probability: float,
    agency: Agency,
) -> dict[str, float]:
    """A discount for payment by `deadline`: paid with probability 1 − p, otherwise the whole
    claim goes to the agency at the deadline."""
    lump = claim_cents * (1 - discount) * discount_factor(deadline, as_of, yearly_rate)
    fallback = agency.value(claim_cents, deadline, as_of, yearly_rate)
    p = default_probability
    return {"npv": lump, "expected": (1 - p) * lump + p * fallback}


def break_even_discount(
    target: float,
    claim_cents: int,
    deadline: dt.date,
    as_of: dt.date,
    yearly_rate: float,
    default_probability: float,
    agency: Agency,
) -> float | None:
    """The discount at which the lump sum's expected value equals `target` (e.g. a plan's);
    None when even no discount reaches it. Solved exactly: the value is linear in the discount."""
    at_zero = lump_sum_value(claim_cents, 0.0, deadline, as_of, yearly_rate, default_probability, agency)
    slope = (1 - default_probability) * at_zero["npv"]  # value lost per unit of discount
    if at_zero["expected"] < target or slope <= 0:
        return None
    return min((at_zero["expected"] - target) / slope, 1.0)
