"""The payment-plan simulator around lib/plans.py: the account's claim and facts, the form's
starting values from the policy, the user's choices turned into an offer (or the problems that
stop it), and the tables and curves the page shows.

- The claim is the account's overdue amount (or an amount typed), plus, if chosen, the late
  interest accrued to the as-of date and the EUR 40 per late invoice (lib/account.py `documents`).
- Values are taken at the newest snapshot's as-of date: the plan is agreed on that date, its down
  payment is due then (paid at signing, as lib/plans.py values it), and the instalments follow.
- The agency recovers the share still collectable at the account's age (data/recovery_by_age.csv).
  Left as proposed, a later hand-over (after a missed instalment) recovers the lower share of that
  later age; a share the user types is used as it is, whenever the hand-over happens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl

from lib import agreements, interest, plans
from lib.actionlog import Log
from lib.policy import Policy

INTEREST = ("none", "contractual", "late")  # the plan's interest: none, a rate agreed, the late-payment rate
PERCENT_TOLERANCE = 0.05  # a percentage within this of the proposal counts as left as proposed


@dataclass(frozen=True)
class Rate:
    """The late-payment rate (D.Lgs. 231/2002) of the semester starting `since`."""

    pct: Decimal
    since: dt.date
    status: str  # confirmed / single-source / unconfirmed (data file), or stale: the table ends earlier


@dataclass(frozen=True)
class Facts:
    """What the simulator knows of one account at the as-of date."""

    customer_id: str
    currency: str
    overdue_cents: int
    open_cents: int
    interest_cents: int  # late interest accrued on its documents to the as-of date
    compensation_cents: int  # EUR 40 per late invoice
    invoices: int  # the invoices that earn the EUR 40
    oldest_days: int
    rating: str | None
    recoverable_pct: float  # share still collectable at `oldest_days`, in percent, one decimal
    half_life_days: int  # the recovery curve's halving past its table (policy [recovery]): later hand-overs
    late_rate: Rate  # the late-payment rate, or the legal rate for a consumer
    consumer: bool = False
    procedure: str | None = None  # an insolvency procedure (lib/customers.py): no discount, no plan
    procedure_on: dt.date | None = None


@dataclass(frozen=True)
class Choices:
    """The simulator form's values (money in cents, rates in percent)."""

    capital_cents: int
    add_interest: bool
    add_compensation: bool
    cost_of_capital_pct: float
    default_probability_pct: float
    discount_pct: float
    deadline: dt.date
    down_cents: int
    instalments: int
    frequency: str
    first: dt.date
    interest: str  # one of INTEREST
    contractual_pct: float
    method: str
    agency_fee_pct: float
    agency_days: int
    recoverable_pct: float
    legal_costs_cents: int
    legal_days: int
    legal_success_pct: float

    def claim_cents(self, facts: Facts) -> int:
        """The capital plus, if chosen, the interest accrued and the EUR 40 per invoice."""
        extra = (facts.interest_cents if self.add_interest else 0) + (
            facts.compensation_cents if self.add_compensation else 0
        )
        return self.capital_cents + extra

    def rate_pct(self, facts: Facts) -> Decimal:
        """The plan's yearly interest rate."""
        if self.interest == "contractual":
            return Decimal(str(self.contractual_pct))
        if self.interest == "late":
            return facts.late_rate.pct
        return Decimal(0)


def late_payment_rate(on: dt.date, consumer: bool = False) -> Rate:
    """The late-payment rate in force on `on` (data/late_payment_rates_it.csv; a consumer's: the
    legal rate); past the table's last period, that period's rate marked stale."""
    return Rate(*interest.rate_in_force(on, consumer=consumer))


def refused(facts: Facts) -> str | None:
    """Why no discount or plan may be offered to the account (`sim.refused_<code>` in lib/i18n), or
    None: a debtor in an insolvency procedure pays its creditors only through it (a deal outside
    would be void against the others, and clawed back)."""
    return "insolvent" if facts.procedure else None


def facts(account: Mapping[str, Any], documents: pl.DataFrame, on: dt.date, policy: Policy) -> Facts:
    """The account's facts on `on` (the day offers are valued: today) from its engine row and its
    documents (lib.book.Book.documents, with interest to that day), on the policy's recovery curve."""
    sums = documents.select(
        pl.col("interest_cents").sum(),
        pl.col("compensation_cents").sum(),
        (pl.col("compensation_cents") > 0).sum().alias("invoices"),
    ).row(0, named=True)
    oldest_due = account.get("oldest_due")  # the age on `on`, not at the snapshot
    oldest = max((on - oldest_due).days if oldest_due else int(account.get("oldest_days") or 0), 0)
    half_life = policy.recovery.half_life_days
    return Facts(
        customer_id=str(account["customer_id"]),
        currency=str(account["currency"]),
        overdue_cents=int(account.get("overdue_cents") or 0),
        open_cents=int(account.get("open_cents") or 0),
        interest_cents=int(sums["interest_cents"] or 0),
        compensation_cents=int(sums["compensation_cents"] or 0),
        invoices=int(sums["invoices"] or 0),
        oldest_days=oldest,
        rating=account.get("rating"),
        recoverable_pct=round(plans.recoverable_share(oldest, half_life) * 100, 1),
        half_life_days=half_life,
        late_rate=late_payment_rate(on, bool(account.get("consumer"))),
        consumer=bool(account.get("consumer")),
        procedure=account.get("procedure"),
        procedure_on=account.get("procedure_on") if account.get("procedure") else None,
    )


def proposal(policy: Policy, account: Facts, as_of: dt.date) -> Choices:
    """The form's starting values: the policy's [offers] for this account's rating and age."""
    offers = policy.offers
    by_rating = offers.default_probability_pct
    rating = account.rating or ""
    probability = by_rating[rating] if rating in by_rating else max(by_rating.values())  # unrated: the worst
    return Choices(
        capital_cents=account.overdue_cents if account.overdue_cents > 0 else max(account.open_cents, 0),
        add_interest=False,
        add_compensation=False,
        cost_of_capital_pct=offers.cost_of_capital_pct,
        default_probability_pct=float(probability),
        discount_pct=offers.discount_pct,
        deadline=as_of + dt.timedelta(days=offers.discount_deadline_days),
        down_cents=0,
        instalments=offers.instalments,
        frequency="monthly",
        first=plans.due_dates(as_of, 2, "monthly")[1],
        interest="none",
        contractual_pct=offers.cost_of_capital_pct,
        method="annuity",
        agency_fee_pct=offers.agency_fee_pct,
        agency_days=offers.agency_days,
        recoverable_pct=account.recoverable_pct,
        legal_costs_cents=round(offers.legal_costs * 100),
        legal_days=offers.legal_days,
        legal_success_pct=offers.legal_success_pct,
    )


class Simulated(plans.Offer):
    """plans.Offer whose down payment is due on the valuation date: paid at signing, as the plan
    is valued, and so as it is saved (plans.schedule puts it one period before the first
    instalment, which could fall before the plan was agreed)."""

    def plan(self, instalments: int | None = None) -> pl.DataFrame:
        return plans.schedule(
            self.claim_cents,
            instalments or self.instalments,
            self.first,
            frequency=self.frequency,
            down_cents=self.down_cents,
            down_date=self.as_of,
            rate_pct=self.rate_pct,
            method=self.method,
        )


def agency(choices: Choices, account: Facts, as_of: dt.date) -> plans.Agency:
    """The agency of the choices: the share following the debt's age when left as proposed."""
    follows_age = abs(choices.recoverable_pct - account.recoverable_pct) < PERCENT_TOLERANCE
    return plans.Agency(
        fee=choices.agency_fee_pct / 100,
        recoverable=None if follows_age else choices.recoverable_pct / 100,
        days=choices.agency_days,
        overdue_since=as_of - dt.timedelta(days=account.oldest_days),
        half_life_days=account.half_life_days,
    )


def offer(choices: Choices, account: Facts, as_of: dt.date) -> tuple[Simulated | None, list[str]]:
    """The offer of the choices valued at `as_of`, or None and the codes of what stops it
    (`sim.problem_<code>` in lib/i18n.py): claim, down, first, deadline, instalments, percent."""
    claim = choices.claim_cents(account)
    percents = (
        choices.cost_of_capital_pct, choices.default_probability_pct, choices.discount_pct, choices.contractual_pct,
        choices.agency_fee_pct, choices.recoverable_pct, choices.legal_success_pct,
    )  # fmt: skip
    checks = {
        "claim": claim <= 0,
        "down": claim > 0 and not 0 <= choices.down_cents < claim,
        "first": choices.first <= as_of,
        "deadline": choices.deadline < as_of,
        "instalments": choices.instalments < 1,
        "percent": any(not 0 <= p <= 100 for p in percents),
    }
    problems = [code for code, failed in checks.items() if failed]
    if problems:
        return None, problems
    return Simulated(
        claim_cents=claim,
        as_of=as_of,
        cost_of_capital=choices.cost_of_capital_pct / 100,
        default_probability=choices.default_probability_pct / 100,
        discount=choices.discount_pct / 100,
        deadline=choices.deadline,
        instalments=choices.instalments,
        first=choices.first,
        frequency=choices.frequency,
        down_cents=choices.down_cents,
        rate_pct=choices.rate_pct(account),
        method=choices.method,
        agency=agency(choices, account, as_of),
        legal_costs_cents=choices.legal_costs_cents,
        legal_days=choices.legal_days,
        legal_success=choices.legal_success_pct / 100,
    ), []


def settlement_cents(offer: plans.Offer) -> int:
    """The reduced amount of the discount for payment now, rounded half up to the cent."""
    kept = Decimal(offer.claim_cents) * (1 - Decimal(str(offer.discount)))
    return int(kept.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- what the page shows -------------------------------------------------------------------------

COMPARISON = pl.Schema(
    {
        "option": pl.String(),
        "npv_cents": pl.Int64(),  # present value if the option goes as agreed (no default, legal action won)
        "expected_cents": pl.Int64(),  # present value of the expected cash (plans.compare)
        "cash_cents": pl.Int64(),  # expected cash, undiscounted
        "last_cash": pl.Date(),
    }
)


def comparison(offer: plans.Offer) -> pl.DataFrame:
    """plans.compare (best first) with each option's net present value if it goes as agreed: the
    lump sum paid by the deadline, every instalment paid, the legal action won; the agency's is
    its expected value (its share is already what it is expected to recover)."""
    rate, as_of = offer.cost_of_capital, offer.as_of
    p, agency_ = offer.default_probability, offer.agency
    won = plans.legal_flows(offer.claim_cents, as_of, offer.legal_costs_cents, offer.legal_days, 1.0)
    npv = {
        "discount": plans.lump_sum_value(offer.claim_cents, offer.discount, offer.deadline, as_of, rate, p, agency_),
        "plan": plans.plan_value(offer.plan(), as_of, rate, p, agency_),
        "agency": {"npv": offer.value("agency")},
        "legal": {"npv": plans.present_value(won, as_of, rate)},
    }
    return (
        plans.compare(offer)
        .select(
            "option",
            pl.col("option")
            .replace_strict({o: round(v["npv"]) for o, v in npv.items()}, return_dtype=pl.Int64)
            .alias("npv_cents"),
            "expected_cents",
            "cash_cents",
            "last_cash",
        )
        .cast(COMPARISON)
    )


CASH_TAIL_DAYS = 30  # the curves run on past the last cash, so that its step shows as a level


def cash_curves(offer: plans.Offer) -> pl.DataFrame:
    """plans.expected_cash drawn from the valuation date (0 there) to CASH_TAIL_DAYS after the
    last date any option expects cash, each option's total carried to that end: option, date,
    cumulative_cents."""
    cash = plans.expected_cash(offer).with_columns(pl.lit(1).alias("_order"))
    end = cash["date"].max() + dt.timedelta(days=CASH_TAIL_DAYS)  # type: ignore[operator]
    starts = pl.DataFrame(
        {"option": plans.OPTIONS, "date": [offer.as_of] * len(plans.OPTIONS), "cumulative_cents": 0.0, "_order": 0},
        schema_overrides={"_order": pl.Int32},
    )
    ends = (
        cash.group_by("option")
        .agg(pl.col("cumulative_cents").sort_by("date").last())
        .select("option", pl.lit(end).alias("date"), "cumulative_cents", pl.lit(2).alias("_order"))
    )
    return (
        pl.concat([starts, cash, ends], how="vertical_relaxed")
        .sort("option", "date", "_order")
        .select("option", "date", "cumulative_cents")
    )


def schedule_rows(plan: pl.DataFrame) -> pl.DataFrame:
    """The schedule to show and export: `n` (0 the down payment, then 1, 2, …), date, capital,
    interest, payment and residual cents, and a last row of totals with a null `n` (the capital's
    total is the claim); lib.explain.schedule_labels words `n`."""
    total = plan.select(
        pl.lit(None, pl.Int64).alias("n"),
        pl.lit(None, pl.Date).alias("date"),
        *(pl.col(name).sum() for name in ("capital_cents", "interest_cents", "payment_cents")),
        pl.lit(None, pl.Int64).alias("residual_cents"),
    )
    return pl.concat([plan.with_columns(pl.col("n").cast(pl.Int64)), total], how="vertical_relaxed")


def account_plans(
    log: Log,
    observations: pl.LazyFrame,
    as_of: dt.date,
    customer_id: str,
    currency: str,
    through: dt.date | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The account's plans not cancelled, newest first (agreements.plan_state at `as_of`, those
    recorded up to `through` included, with `cancellable`: honoured or defaulted), and their
    instalments (agreements.instalment_status)."""
    if log.plan.filter(pl.col("customer_id") == customer_id, pl.col("currency") == currency).is_empty():
        states = pl.DataFrame(schema={**agreements.PLAN_STATE, "cancellable": pl.Boolean()})
        return states, pl.DataFrame(schema=agreements.INSTALMENT_STATUS)
    mine = (pl.col("customer_id") == customer_id) & (pl.col("currency") == currency)
    states = (
        agreements.plan_state(log, observations, as_of, through)
        .filter(mine, pl.col("state") != "cancelled")
        .with_columns(pl.col("state").is_in(["honoured", "defaulted"]).alias("cancellable"))
        .sort("agreed_on", "plan_id", descending=True)
    )
    instalments = agreements.instalment_status(log, observations, as_of, through).filter(
        pl.col("plan_id").is_in(states["plan_id"].implode())
    )
    return states, instalments


@dataclass(frozen=True)
class Results:
    """Everything the page shows of one simulation."""

    comparison: pl.DataFrame  # `comparison`
    plan: pl.DataFrame  # the plan's schedule
    break_even: float | None  # plans.offer_break_even
    recommendation: plans.Recommendation  # lib.explain.recommendation words it
    by_discount: pl.DataFrame  # plans.discount_curve
    by_instalments: pl.DataFrame  # plans.instalment_curve, 1 to max(CURVE_INSTALMENTS, the plan's)
    cash: pl.DataFrame  # `cash_curves`


CURVE_INSTALMENTS = 24


def results(offer: plans.Offer) -> Results:
    return Results(
        comparison=comparison(offer),
        plan=offer.plan(),
        break_even=plans.offer_break_even(offer),
        recommendation=plans.recommend(offer),
        by_discount=plans.discount_curve(offer),
        by_instalments=plans.instalment_curve(offer, tuple(range(1, max(CURVE_INSTALMENTS, offer.instalments) + 1))),
        cash=cash_curves(offer),
    )


def in_force(states: pl.DataFrame) -> bool:
    """Whether one of the plans (`account_plans`) is still awaiting payments."""
    return not states.filter(pl.col("state") == "honoured").is_empty()
