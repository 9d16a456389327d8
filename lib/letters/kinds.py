"""The kinds of letter and one composer for each, chosen through one table (`COMPOSERS`): what a
courtesy reminder, a reminder, a formal demand, an instalment agreement and a settlement add to
what every letter shares (lib/letters/composing.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import polars as pl

from lib import company as details
from lib.i18n import format_date
from lib.letters import figures, tables
from lib.letters.messages import LetterError, Money, Warning
from lib.letters.tables import Table, money
from lib.letters.templates import Labels
from lib.policy_types import Letters


@dataclass(frozen=True)
class Account:
    """What every composer starts from: one account's listed documents and the letter's terms."""

    kind: str
    docs: pl.DataFrame  # figures.documents
    capital: int  # cents, credits netted: positive
    currency: str
    on: dt.date
    lang: str
    rules: Letters  # the policy's [letters]
    labels: Labels
    plan: pl.DataFrame | None
    settlement: Mapping[str, Any] | None

    def money(self, cents: int) -> str:
        return money(cents, self.currency, self.lang)


@dataclass(frozen=True)
class Part:
    """What a composer adds to the letter."""

    docs: pl.DataFrame  # the documents the letter lists, with interest_cents and compensation_cents if claimed
    totals: dict[str, int] = field(default_factory=dict)  # laid over capital, interest 0, compensation 0
    tables: dict[str, Table] = field(default_factory=dict)  # besides the documents table
    values: dict[str, str] = field(default_factory=dict)  # the kind's own placeholders
    warnings: list[Warning] = field(default_factory=list)
    term: int | None = None  # days to pay from the letter's date: sets the deadline
    deadline: dt.date | None = None


def _courtesy(account: Account) -> Part:
    first_due = account.docs.filter(pl.col("open_cents") > 0)["due_date"].min()
    return Part(account.docs, deadline=first_due if isinstance(first_due, dt.date) else None)


def _reminder(account: Account) -> Part:
    return Part(account.docs, term=account.rules.reminder_days)


def _formal_demand(account: Account) -> Part:
    rules, currency, lang, labels = account.rules, account.currency, account.lang, account.labels
    term = rules.demand_days
    if rules.diffida:
        term = max(term, rules.diffida_min_days)
    docs, rates, warnings = figures.late_interest(account.docs, account.on, currency)
    totals = {
        "interest_cents": int(docs["interest_cents"].sum()),
        "compensation_cents": int(docs["compensation_cents"].sum()),
    }
    totals["total_cents"] = account.capital + totals["interest_cents"] + totals["compensation_cents"]
    return Part(
        docs,
        totals=totals,
        tables={
            "interest_table": tables.interest_table(docs, currency, lang, labels),
            "rates_table": tables.rates_table(rates, lang, labels),
            "summary_table": tables.summary_table({"capital_cents": account.capital, **totals}, currency, lang, labels),
        },
        values={k: account.money(totals[f"{k}_cents"]) for k in ("interest", "compensation")},
        warnings=warnings,
        term=term,
    )


def _instalment_agreement(account: Account) -> Part:
    columns = ("n", "date", "capital_cents", "interest_cents", "payment_cents")
    plan, lang, on = account.plan, account.lang, account.on
    if plan is None or plan.is_empty() or not set(columns) <= set(plan.columns):
        raise LetterError("no_plan", lang, columns=", ".join(columns))
    plan = plan.sort("n")
    deadline, last = plan["date"].min(), plan["date"].max()
    if not isinstance(deadline, dt.date) or not isinstance(last, dt.date):
        raise LetterError("no_plan", lang, columns=", ".join(columns))
    debt, plan_interest, plan_total = (int(plan[c].sum()) for c in columns[2:])
    warnings: list[Warning] = []
    if debt != account.capital:
        capitals: dict[str, object] = {
            "debt": Money(debt, account.currency),
            "capital": Money(account.capital, account.currency),
        }
        warnings.append(("plan_capital", capitals))
    if deadline < on:  # the signature is due by the first payment: it cannot be in the past
        raise LetterError("signature", lang, date=format_date(deadline, lang), on=format_date(on, lang))
    return Part(
        account.docs,
        totals={"debt_cents": debt, "plan_interest_cents": plan_interest, "total_cents": plan_total},
        tables={"schedule_table": tables.schedule_table(plan, account.currency, lang, account.labels)},
        values={
            "debt": account.money(debt),
            "plan_interest": account.money(plan_interest),
            "plan_total": account.money(plan_total),
            "instalments": str(plan.filter(pl.col("n") > 0).height),
            "payments": str(plan.height),
            "down_payment": account.money(int(plan.filter(pl.col("n") == 0)["payment_cents"].sum())),
            "first_date": format_date(deadline, lang),
            "last_date": format_date(last, lang),
        },
        warnings=warnings,
        deadline=deadline,
    )


def _settlement_agreement(account: Account) -> Part:
    terms = account.settlement or {}
    claim = int(terms.get("claim_cents") or account.capital)
    amount, deadline = terms.get("amount_cents"), terms.get("deadline")
    if (
        not isinstance(amount, int)
        or not 0 < amount < claim
        or not isinstance(deadline, dt.date)
        or deadline < account.on
    ):
        raise LetterError(
            "settlement", account.lang, claim=account.money(claim), date=format_date(account.on, account.lang)
        )
    return Part(
        account.docs,
        totals={
            "claim_cents": claim,
            "settlement_cents": amount,
            "discount_cents": claim - amount,
            "total_cents": amount,
        },
        values={
            "claim": account.money(claim),
            "settlement_amount": account.money(amount),
            "discount": account.money(claim - amount),
        },
        deadline=deadline,
    )


class Composer(NamedTuple):
    """How to compose one kind of letter, and the company details it cannot go without."""

    make: Callable[[Account], Part]
    needs: tuple[str, ...]  # fields of lib.company.Company


COMPOSERS: dict[str, Composer] = {  # the one table of the kinds, in the order they are offered
    "courtesy": Composer(_courtesy, ("name", "iban")),
    "reminder": Composer(_reminder, ("name", "iban")),
    "formal_demand": Composer(_formal_demand, details.REQUIRED),
    "instalment_agreement": Composer(_instalment_agreement, details.REQUIRED),
    "settlement_agreement": Composer(_settlement_agreement, details.REQUIRED),
}
KINDS = tuple(COMPOSERS)
LADDER_KINDS = KINDS[:3]  # the ones the weekly list sends; the agreements need a plan or an offer
STEP_OF_KIND = {"courtesy": "courtesy", "reminder": "letter_1", "formal_demand": "letter_2"}  # logged when sent
