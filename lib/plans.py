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
from typing import Any

import polars as pl

from lib.recovery import recoverable_pct

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
#
# Every option is a list of expected cash flows (date, cents, probability already applied);
# its value is their present value. The same flows, summed over time, are the expected cash
# curve of the option.

FLOWS = {"date": pl.Date(), "cents": pl.Float64()}


def npv(rate: float, values: Sequence[float]) -> float:
    """Σ values[t] / (1 + rate) ^ t, t = 0, 1, …: the first value is not discounted (numpy-financial's
    convention)."""
    return sum(value / (1 + rate) ** t for t, value in enumerate(values))


def present_value(flows: pl.DataFrame, as_of: dt.date, yearly_rate: float) -> float:
    """Σ cents × (1 + rate) ^ −(days from `as_of` / 365); flows before `as_of` count undiscounted."""
    days = (pl.col("date") - pl.lit(as_of)).dt.total_days().clip(lower_bound=0)
    return float(flows.select((pl.col("cents") * (1 + yearly_rate) ** (-days / 365)).sum()).item())


def recoverable_share(days_overdue: int, half_life_days: float) -> float:
    """The share of a debt still collectable at an age (data/recovery_by_age.csv, halving every
    `half_life_days` past its last row), 0-1."""
    return float(pl.select(recoverable_pct(pl.lit(float(days_overdue)), half_life_days)).item()) / 100


@dataclass(frozen=True)
class Agency:
    """Hand-over to a collection agency: it keeps `fee` of what it recovers and pays after `days`.

    It recovers `recoverable` of what it is handed, or, when that is None, the share still
    collectable at the debt's age on the day of the hand-over, counted from `overdue_since`, on the
    recovery curve that halves every `half_life_days` past its table (the policy's [recovery]).
    """

    fee: float = 0.20
    recoverable: float | None = 0.5
    days: int = 180
    overdue_since: dt.date | None = None
    half_life_days: float | None = None

    def share(self, on: dt.date) -> float:
        if self.recoverable is not None:
            return self.recoverable
        if self.half_life_days is None:
            msg = "an agency recovering by the debt's age needs half_life_days"
            raise ValueError(msg)
        return recoverable_share((on - (self.overdue_since or on)).days, self.half_life_days)

    def flows(self, cents: float, on: dt.date) -> list[tuple[dt.date, float]]:
        """Handing `cents` over on `on`: what comes back, and when."""
        return [(on + dt.timedelta(days=self.days), cents * self.share(on) * (1 - self.fee))]

    def value(self, cents: float, on: dt.date, as_of: dt.date, yearly_rate: float) -> float:
        """Present value at `as_of` of handing `cents` over on `on`."""
        return present_value(_frame(self.flows(cents, on)), as_of, yearly_rate)


def _frame(flows: list[tuple[dt.date, float]]) -> pl.DataFrame:
    return pl.DataFrame(flows, schema=FLOWS, orient="row").group_by("date").agg(pl.col("cents").sum()).sort("date")


def plan_flows(plan: pl.DataFrame, default_probability: float, agency: Agency) -> pl.DataFrame:
    """Expected cash of a plan: instalment n is paid with probability (1 − p)^n; defaulting on
    it (probability (1 − p)^(n−1) × p) hands the residual capital to the agency on its due date.
    The down payment (n = 0) is taken as paid at signing."""
    p = default_probability
    flows: list[tuple[dt.date, float]] = []
    survival = 1.0
    owed = int(plan["capital_cents"].sum())
    for n, day, capital, _, payment, _ in plan.rows():  # a plan has tens of rows: no frame-wide work here
        if n > 0:
            flows += [(when, survival * p * cents) for when, cents in agency.flows(owed, day)]
            survival *= 1 - p
        flows.append((day, survival * payment))
        owed -= capital
    return _frame(flows)


def lump_sum_flows(
    claim_cents: int, discount: float, deadline: dt.date, default_probability: float, agency: Agency
) -> pl.DataFrame:
    """A discount for payment by `deadline`: paid with probability 1 − p, otherwise the whole
    claim goes to the agency at the deadline."""
    p = default_probability
    paid = [(deadline, (1 - p) * claim_cents * (1 - discount))]
    return _frame(paid + [(day, p * cents) for day, cents in agency.flows(claim_cents, deadline)])


def agency_flows(claim_cents: int, as_of: dt.date, agency: Agency) -> pl.DataFrame:
    """Handing the claim to the agency today."""
    return _frame(agency.flows(claim_cents, as_of))


def legal_flows(claim_cents: int, as_of: dt.date, costs_cents: int, days: int, success: float) -> pl.DataFrame:
    """Legal action: the costs paid today, the claim recovered after `days` with probability `success`."""
    return _frame([(as_of, -float(costs_cents)), (as_of + dt.timedelta(days=days), success * claim_cents)])


def plan_value(
    plan: pl.DataFrame, as_of: dt.date, yearly_rate: float, default_probability: float, agency: Agency
) -> dict[str, float]:
    """`npv`: the plan's present value if every instalment is paid; `expected`: its expected
    value with defaults (see `plan_flows`)."""
    certain = _frame(list(zip(plan["date"], plan["payment_cents"].cast(pl.Float64), strict=True)))
    return {
        "npv": present_value(certain, as_of, yearly_rate),
        "expected": present_value(plan_flows(plan, default_probability, agency), as_of, yearly_rate),
    }


def lump_sum_value(
    claim_cents: int,
    discount: float,
    deadline: dt.date,
    as_of: dt.date,
    yearly_rate: float,
    default_probability: float,
    agency: Agency,
) -> dict[str, float]:
    """`npv`: the discounted lump sum if paid; `expected`: with the fallback to the agency."""
    lump = _frame([(deadline, claim_cents * (1 - discount))])
    flows = lump_sum_flows(claim_cents, discount, deadline, default_probability, agency)
    return {"npv": present_value(lump, as_of, yearly_rate), "expected": present_value(flows, as_of, yearly_rate)}


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


# --- the options side by side ---------------------------------------------------------------------

OPTIONS = ("discount", "plan", "agency", "legal")


@dataclass(frozen=True)
class Offer:
    """What the user sets in the simulator: the claim, the discount, the plan, the agency and the
    legal route, and the money's cost and the debtor's risk."""

    claim_cents: int
    as_of: dt.date
    cost_of_capital: float  # yearly
    default_probability: float  # per instalment (and for the lump sum)
    discount: float
    deadline: dt.date
    instalments: int
    first: dt.date
    frequency: str = "monthly"
    down_cents: int = 0
    rate_pct: Decimal | float | str = 0
    method: str = "annuity"
    agency: Agency = Agency()
    legal_costs_cents: int = 0
    legal_days: int = 540
    legal_success: float = 0.6

    def plan(self, instalments: int | None = None) -> pl.DataFrame:
        return schedule(
            self.claim_cents,
            instalments or self.instalments,
            self.first,
            frequency=self.frequency,
            down_cents=self.down_cents,
            rate_pct=self.rate_pct,
            method=self.method,
        )

    def flows(self, option: str, discount: float | None = None, instalments: int | None = None) -> pl.DataFrame:
        """The expected cash flows of one option."""
        p = self.default_probability
        if option == "discount":
            rate = self.discount if discount is None else discount
            return lump_sum_flows(self.claim_cents, rate, self.deadline, p, self.agency)
        if option == "plan":
            return plan_flows(self.plan(instalments), p, self.agency)
        if option == "agency":
            return agency_flows(self.claim_cents, self.as_of, self.agency)
        return legal_flows(self.claim_cents, self.as_of, self.legal_costs_cents, self.legal_days, self.legal_success)

    def value(self, option: str, **kwargs: Any) -> float:
        return present_value(self.flows(option, **kwargs), self.as_of, self.cost_of_capital)


def compare(offer: Offer) -> pl.DataFrame:
    """One row per option: expected value (present, in cents), cash expected in total, the date
    the last cash is expected, best first."""
    rows = []
    for option in OPTIONS:
        flows = offer.flows(option)
        rows.append(
            {
                "option": option,
                "expected_cents": round(present_value(flows, offer.as_of, offer.cost_of_capital)),
                "cash_cents": round(float(flows["cents"].sum())),
                "last_cash": flows["date"].max(),
            }
        )
    return pl.DataFrame(rows).sort("expected_cents", descending=True)


def expected_cash(offer: Offer) -> pl.DataFrame:
    """Each option's expected cash received up to each date (undiscounted): option, date, cumulative_cents."""
    return (
        pl.concat([offer.flows(option).with_columns(pl.lit(option).alias("option")) for option in OPTIONS])
        .select("option", "date", pl.col("cents").cum_sum().over("option", order_by="date").alias("cumulative_cents"))
        .sort("option", "date")
    )


CURVE_DISCOUNTS = tuple(d / 100 for d in range(0, 51))  # 0% to 50% in whole points


def discount_curve(offer: Offer, discounts: Sequence[float] = CURVE_DISCOUNTS) -> pl.DataFrame:
    """The lump sum's expected value at each discount."""
    return pl.DataFrame(
        {"discount": list(discounts), "expected_cents": [offer.value("discount", discount=d) for d in discounts]}
    )


def instalment_curve(offer: Offer, counts: Sequence[int] = tuple(range(1, 25))) -> pl.DataFrame:
    """The plan's expected value with each number of instalments."""
    return pl.DataFrame(
        {"instalments": list(counts), "expected_cents": [offer.value("plan", instalments=n) for n in counts]}
    )


def offer_break_even(offer: Offer) -> float | None:
    """The discount at which paying now is worth as much as the plan."""
    return break_even_discount(
        offer.value("plan"),
        offer.claim_cents,
        offer.deadline,
        offer.as_of,
        offer.cost_of_capital,
        offer.default_probability,
        offer.agency,
    )


@dataclass(frozen=True)
class Recommendation:
    """The option worth most and the runner-up, with their expected values (cents), and the
    break-even discount (None when no discount matches the plan); lib.explain words it."""

    best: str
    best_cents: float
    second: str
    second_cents: float
    break_even: float | None


def recommend(offer: Offer) -> Recommendation:
    """The option worth most, by how much over the next, and the break-even discount."""
    (best, value), (second, runner) = compare(offer).select("option", "expected_cents").rows()[:2]
    return Recommendation(best, value, second, runner, offer_break_even(offer))
