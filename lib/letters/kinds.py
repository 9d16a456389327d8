"""The kinds of letter and one composer for each, chosen through one table (`COMPOSERS`): what a
courtesy reminder, a reminder, a formal demand, an instalment agreement and a settlement add to
what every letter shares (lib/letters/composing.py).

What the law lets a letter say depends on the customer (lib/customers.py): a consumer owes the
legal rate and no EUR 40, a contract's date picks the late-payment regime, the sentences that
state them are the templates' `[clauses]` (labels.toml), chosen here by code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import polars as pl

from lib import claims
from lib import company as details
from lib.i18n import format_date
from lib.letters import figures, tables
from lib.letters.messages import LetterError, Money, Warning
from lib.letters.tables import Table, money
from lib.letters.templates import Labels
from lib.policy_types import Letters, Policy


@dataclass(frozen=True)
class Account:
    """What every composer starts from: one account's listed documents and the letter's terms."""

    kind: str
    docs: pl.DataFrame  # figures.documents
    capital: int  # cents, credits netted: positive
    currency: str
    on: dt.date
    as_of: dt.date  # the books' date
    lang: str
    policy: Policy
    labels: Labels
    customer: Mapping[str, Any]  # the engine's row or what the caller knows: consumer, addresses, last_step, …
    plan: pl.DataFrame | None = None
    settlement: Mapping[str, Any] | None = None
    paid: pl.DataFrame | None = None  # documents seen paid (actionlog.paid_documents), for [letters] claim_paid_late
    grace_days: int | None = None  # an instalment agreement's grace (default: the policy's)

    @property
    def rules(self) -> Letters:
        return self.policy.letters

    @property
    def terms(self) -> claims.Terms:
        return claims.Terms.of(self.customer, interest_first=self.rules.interest_first)

    @property
    def consumer(self) -> bool:
        return bool(self.customer.get("consumer"))

    def money(self, cents: int) -> str:
        return money(cents, self.currency, self.lang)

    def clause(self, key: str) -> str:
        """A sentence of labels.toml's [clauses] (placeholders filled by the composer)."""
        return self.labels("clauses", key)


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
    clauses: dict[str, str] = field(default_factory=dict)  # placeholders worded by [clauses], filled like the template


def _courtesy(account: Account) -> Part:
    first_due = account.docs.filter(pl.col("open_cents") > 0)["due_date"].min()
    return Part(account.docs, deadline=first_due if isinstance(first_due, dt.date) else None)


def _reminder(account: Account) -> Part:
    return Part(account.docs, term=account.rules.reminder_days)


def _late_charges(account: Account) -> str:
    """What is owed for paying late, in words: the interest, and for a business the EUR 40 too."""
    return account.clause("late_charges_consumer" if account.consumer else "late_charges_business")


def _interest_clause(account: Account, owed: claims.Owed) -> str:
    """The law behind the interest claimed: one sentence per regime among the documents, then to
    when it is counted and how the credits were allocated (and art. 1194 c.c. when it applied)."""
    charged = owed.docs.filter(pl.col("charged"))
    regimes = set(charged["regime"])
    keys = [
        key
        for regime, key in (
            ("late", "interest_late"),
            ("late_old", "interest_late_old"),
            ("legal", "interest_legal_consumer" if account.consumer else "interest_legal_pre_decree"),
        )
        if regime in regimes
    ]
    keys.append("interest_until")
    if owed.docs.filter(pl.col("open_cents") < 0).height:
        keys.append("credits_allocated")
    if owed.interest_paid_cents:
        keys.append("interest_first")
    return " ".join(account.clause(key) for key in keys)


def _formal_demand(account: Account) -> Part:
    rules, currency, lang, labels = account.rules, account.currency, account.lang, account.labels
    terms = account.terms
    owed, rates, warnings = figures.claim(account.docs, account.on, account.as_of, currency, terms)
    docs = owed.docs
    capital = owed.capital_cents
    totals = {
        "capital_cents": capital,
        "interest_cents": int(docs["interest_cents"].sum()),
        "compensation_cents": int(docs["compensation_cents"].sum()),
        "interest_paid_cents": owed.interest_paid_cents,
    }
    late = None
    if rules.claim_paid_late:
        late = figures.paid_late(account.paid, str(account.customer["customer_id"]), currency, account.on, terms)
    late_cents = 0 if late is None else sum(int(late.docs[c].sum()) for c in ("interest_cents", "compensation_cents"))
    totals["paid_late_cents"] = late_cents
    totals["total_cents"] = capital + totals["interest_cents"] + totals["compensation_cents"] + late_cents
    business = not account.consumer and set(docs.filter(pl.col("charged"))["regime"]) <= {"late", "late_old"}
    reminded = account.customer.get("last_step") is not None
    part_tables = {
        "interest_table": tables.interest_table(docs, currency, lang, labels),
        "rates_table": tables.rates_table(rates, lang, labels),
        "summary_table": tables.summary_table(totals, currency, lang, labels),
    }
    clauses = {
        "opening": account.clause("opening_reminded" if reminded else "opening_first"),
        "interest_clause": _interest_clause(account, owed),
        "after_deadline": account.clause("after_deadline_business" if business else "after_deadline_plain"),
        "paid_late_clause": "",
    }
    if late is not None:
        part_tables["paid_late_table"] = tables.paid_late_table(late.docs, currency, lang, labels)
        clauses["paid_late_clause"] = account.clause("paid_late")
    return Part(
        docs,
        totals=totals,
        tables=part_tables,
        values={k: account.money(totals[f"{k}_cents"]) for k in ("interest", "compensation", "paid_late")},
        warnings=warnings,
        term=rules.demand_term,
        clauses=clauses,
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
    if account.consumer and plan_interest:
        warnings.append(("consumer_plan_interest", {}))
    mode = "included" if debt > account.capital else "waived" if account.policy.plans.waive_interest else "reserved"
    grace = account.policy.plans.grace_days if account.grace_days is None else account.grace_days
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
            "grace_days": str(grace),
            "late_charges": _late_charges(account),
        },
        warnings=warnings,
        deadline=deadline,
        clauses={"interest_clause": account.clause(f"plan_interest_{mode}")},
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
            "late_charges": _late_charges(account),
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
