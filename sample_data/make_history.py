"""The sample's history: seven weekly snapshots of the gestionale ledger before the newest, what the
credit controller did in those weeks, and a year of monthly credit sales.

Called by make_samples.py (``make samples``) with the newest ledger's rows, which stay exactly as
written to scadenzario_gestionale.xlsx. Everything here draws from its own seed, so the four sample
files do not change. Written into ``history/``:

scadenzario_YYYY-MM-DD.xlsx
    The same layout as of each Friday from 02/10 to 13/11/2026: the newest rows dated by then,
    plus invoices paid before 20/11 (open until their payment, numbered in their own ``/B``
    series), so each week collects something; no deliberate subtotal error.
actions.json
    The log that goes with them (lib/samples.py records it): a promise kept (paid in the week it
    was promised), a promise broken (nothing paid), a dispute still open, an instalment plan whose
    first two instalments were paid on time, and the steps around them; monthly credit sales
    from 11/2025 to 11/2026 (the month to date) for DSO and CEI.
ground_truth.json
    Per snapshot, newest included: items, customers, open and overdue cents, and the cents
    collected since the snapshot before (invoices paid in between); the story's customers.
"""

from __future__ import annotations

import json
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if __package__:
    from sample_data.make_samples import (
        AS_OF,
        GESTIONALE,
        SEED,
        Document,
        Item,
        detail_truth,
        due_date,
        write_gestionale,
    )
else:  # run as a script from make_samples.py
    from make_samples import AS_OF, GESTIONALE, SEED, Document, Item, detail_truth, due_date, write_gestionale

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sample_data.make_samples import Customer

FOLDER = "history"
WEEKS = 7
DATES = tuple(AS_OF - timedelta(weeks=k) for k in range(WEEKS, 0, -1))  # 02/10 … 13/11/2026
ACTIONS = "actions.json"
TRUTH = "ground_truth.json"
GENERIC_PAID = 110  # invoices of other customers paid during the seven weeks (a customer may pay several)
LAST_WEEK_PAID = 4  # of which paid in the newest week, so the newest snapshot collects something
GRACE_DAYS = 5  # config/policy.toml [plans] grace_days, stored on the plan


def file_name(as_of: date) -> str:
    return f"scadenzario_{as_of:%Y-%m-%d}.xlsx"


@dataclass(frozen=True)
class Paid:
    """An invoice open from its date until `paid_on`, when it was paid in full (not in the newest)."""

    item: Item
    paid_on: date

    def open_at(self, as_of: date) -> bool:
        return self.item.document.doc_date <= as_of < self.paid_on


@dataclass(frozen=True)
class Story:
    plan: str  # customer codes
    kept: str
    broken: str
    dispute: str


def rows_at(newest: Sequence[Item], paid: Sequence[Paid], as_of: date) -> list[Item]:
    """The report's rows as of `as_of`, in the file's order."""
    rows = [i for i in newest if i.document.doc_date <= as_of] + [p.item for p in paid if p.open_at(as_of)]
    return sorted(rows, key=lambda i: (i.customer.code, i.due_date, i.document.doc_date, i.document.number))


def open_of(rows: Sequence[Item], code: str) -> int:
    return sum(i.open for i in rows if i.customer.code == code)


def invoice(customer: Customer, doc_date: date, total: int) -> Item:
    """A one-instalment invoice due on the customer's first term (numbered later)."""
    terms = customer.terms
    return Item(
        Document(customer, "invoice", doc_date, total), due_date(doc_date, terms.days[0], terms.month_end), total, 0
    )


def numbered(paid: list[Paid]) -> list[Paid]:
    """Number the paid invoices in date order in their own series: 1/B, 2/B, …"""
    ordered = sorted(paid, key=lambda p: (p.item.document.doc_date, p.item.customer.code, p.paid_on))
    result = []
    for n, p in enumerate(ordered, start=1):
        doc = p.item.document
        numbered_doc = Document(doc.customer, doc.kind, doc.doc_date, doc.total, f"{n}/B")
        result.append(Paid(Item(numbered_doc, p.item.due_date, p.item.amount, 0), p.paid_on))
    return result


def quiet_customers(newest: Sequence[Item]) -> list[Customer]:
    """Customers with something overdue, all of it invoices issued before the history starts, no
    credit note and a mid-sized debt: their open amount moves only when the story says so."""
    by_code: dict[str, list[Item]] = defaultdict(list)
    for item in newest:
        by_code[item.customer.code].append(item)
    chosen = []
    for rows in by_code.values():
        customer = rows[0].customer
        overdue = sum(i.open for i in rows if i.due_date < AS_OF)
        if (
            not customer.stuck
            and all(i.document.kind == "invoice" and i.document.doc_date < DATES[0] for i in rows)
            and 300_000 <= overdue <= 3_000_000
        ):
            chosen.append(customer)
    return sorted(chosen, key=lambda c: c.code)


def story(rng: random.Random, newest: Sequence[Item]) -> tuple[Story, list[Paid], list[dict[str, Any]], dict[str, Any]]:
    """The four accounts with a story: their paid invoices, log rows and the plan."""
    plan_c, kept_c, broken_c, dispute_c = rng.sample(quiet_customers(newest), 4)
    tale = Story(plan_c.code, kept_c.code, broken_c.code, dispute_c.code)
    paid: list[Paid] = []
    log: list[dict[str, Any]] = []

    # The plan: agreed on the first Friday for twice what is open today; the two instalments
    # paid so far each cleared an older invoice.
    half = open_of(newest, plan_c.code)
    first, second = half - half // 2, half // 2
    paid += [
        Paid(invoice(plan_c, date(2026, 7, 10), first), date(2026, 10, 14)),
        Paid(invoice(plan_c, date(2026, 8, 7), second), date(2026, 11, 12)),
    ]
    agreed = DATES[0]
    schedule = [
        {"n": n, "date": day.isoformat(), "capital_cents": cents, "interest_cents": 0, "payment_cents": cents}
        for n, (day, cents) in enumerate(
            zip(
                (date(2026, 10, 16), date(2026, 11, 13), date(2026, 12, 11), date(2027, 1, 8)),
                (first, second, first, second),
                strict=True,
            ),
            start=1,
        )
    ]
    plan = {
        "plan": {
            "customer_id": plan_c.code,
            "currency": "EUR",
            "kind": "instalments",
            "agreed_on": agreed.isoformat(),
            "claim_cents": 2 * half,
            "baseline_open_cents": 2 * half,
            "grace_days": GRACE_DAYS,
        },
        "schedule": schedule,
    }
    log.append(_step(plan_c.code, "call_2", date(2026, 10, 1), "phone", "reached"))

    # The kept promise: called on Wednesday 14/10, promised the August invoice by 21/10, paid 20/10.
    promised = int(round(rng.lognormvariate(12.4, 0.3), -2))
    paid.append(Paid(invoice(kept_c, date(2026, 8, 20), promised), date(2026, 10, 20)))
    made_on = date(2026, 10, 14)
    log.append(_step(kept_c.code, "call_1", made_on, "phone", "reached"))
    log.append(_promise(kept_c.code, made_on, date(2026, 10, 21), promised, open_of(newest, kept_c.code) + promised))

    # The broken promise: called on 03/11, promised the oldest invoice by 10/11; nothing came.
    oldest = min((i for i in newest if i.customer.code == broken_c.code and i.open > 0), key=lambda i: i.due_date)
    made_on = date(2026, 11, 3)
    log.append(_step(broken_c.code, "letter_1", date(2026, 10, 27), "email", "sent"))
    log.append(_step(broken_c.code, "call_2", made_on, "phone", "reached"))
    log.append(_promise(broken_c.code, made_on, date(2026, 11, 10), oldest.open, open_of(newest, broken_c.code)))

    # The dispute: after the reminder, the customer contests its largest overdue invoice.
    contested = max(
        (i for i in newest if i.customer.code == dispute_c.code and i.due_date < AS_OF), key=lambda i: i.open
    )
    log.append(_step(dispute_c.code, "letter_1", date(2026, 10, 30), "email", "sent"))
    log.append(
        {
            "table": "dispute",
            "row": {
                "customer_id": dispute_c.code,
                "doc_number": contested.document.number,
                "opened_on": date(2026, 11, 6).isoformat(),
                "reason": "Merce non conforme all'ordine",
            },
        }
    )
    return tale, paid, log, plan


def _step(customer: str, step: str, on: date, channel: str, outcome: str) -> dict[str, Any]:
    row = {"customer_id": customer, "step": step, "date": on.isoformat(), "channel": channel, "outcome": outcome}
    return {"table": "action", "row": {**row, "currency": "EUR"}}


def _promise(customer: str, made_on: date, promised: date, cents: int, baseline: int) -> dict[str, Any]:
    row = {
        "customer_id": customer,
        "currency": "EUR",
        "made_on": made_on.isoformat(),
        "promised_date": promised.isoformat(),
        "amount_cents": cents,
        "baseline_open_cents": baseline,
    }
    return {"table": "promise", "row": row}


def generic(rng: random.Random, newest: Sequence[Item], tale: Story) -> tuple[list[Paid], list[dict[str, Any]]]:
    """Invoices of other customers paid during the weeks: about on time by customers with nothing
    long overdue today, weeks late by the others (so the rating's payment history tells them
    apart); each listed in at least one snapshot before it was paid; a reminder before some."""
    skip = {tale.plan, tale.kept, tale.broken, tale.dispute}
    customers = sorted(
        {i.customer.code: i.customer for i in newest if not i.customer.stuck and i.customer.code not in skip}.values(),
        key=lambda c: c.code,
    )
    oldest: dict[str, int] = defaultdict(int)
    for item in newest:
        if item.open > 0:
            oldest[item.customer.code] = max(oldest[item.customer.code], (AS_OF - item.due_date).days)
    paid, log = [], []
    for n, customer in enumerate(rng.choices(customers, k=GENERIC_PAID)):
        if n < LAST_WEEK_PAID:
            paid_on = AS_OF - timedelta(days=rng.randint(0, 6))
        else:
            paid_on = DATES[0] + timedelta(days=rng.randint(1, 7 * WEEKS))
        late = rng.randint(-7, 7) if oldest[customer.code] < 30 else rng.randint(15, 75)
        listed = max(d for d in DATES if d < paid_on)  # the last snapshot before the payment
        doc_date = min(paid_on - timedelta(days=late + customer.terms.days[0]), listed)
        total = max(5_000, int(round(rng.lognormvariate(math.log(customer.scale), 0.4), -2)))
        paid.append(Paid(invoice(customer, doc_date, total), paid_on))
        reminded = paid_on - timedelta(days=8)
        if n % 5 == 0 and reminded > DATES[0] and oldest[customer.code] >= 30:
            log.append(_step(customer.code, "letter_1", reminded, "email", "sent"))
    return paid, log


def credit_sales(rng: random.Random) -> dict[str, dict[str, int]]:
    """Monthly credit sales from 11/2025 to 11/2026 (the month to date): about what the ledger's
    invoices add up to, quieter in August and at the turn of the year."""
    season = {8: 0.6, 12: 0.85, 1: 0.9}
    months = [date(2025 + (10 + k) // 12, (10 + k) % 12 + 1, 1) for k in range(13)]
    sales = {}
    for month in months:
        cents = 16_000_000 * season.get(month.month, 1.0) * rng.uniform(0.92, 1.08)
        if month == AS_OF.replace(day=1):
            cents *= AS_OF.day / 30
        sales[month.isoformat()] = round(cents, -2)
    return {"EUR": {k: int(v) for k, v in sales.items()}}


def build(newest: Sequence[Item], folder: Path) -> None:
    """Write the history files, actions.json and ground_truth.json into folder/history."""
    out = folder / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED + 1)
    tale, story_paid, story_log, plan = story(rng, newest)
    generic_paid, generic_log = generic(rng, newest, tale)
    paid = numbered(story_paid + generic_paid)
    snapshots = []
    before: date | None = None
    for as_of in (*DATES, AS_OF):
        rows = rows_at(newest, paid, as_of)
        name = GESTIONALE if as_of == AS_OF else f"{FOLDER}/{file_name(as_of)}"
        if as_of != AS_OF:
            write_gestionale(out / file_name(as_of), rows, glitch="", as_of=as_of)
        truth = detail_truth(rows, subtotal_rows=len({i.customer.code for i in rows}) + 1, as_of=as_of)
        collected = sum(p.item.open for p in paid if before is not None and p.open_at(before) and p.paid_on <= as_of)
        snapshots.append({"file": name, **truth, "collected_cents": {"EUR": collected} if before else None})
        before = as_of
    log = sorted(
        story_log + generic_log, key=lambda e: e["row"].get("date") or e["row"].get("made_on") or e["row"]["opened_on"]
    )
    actions = {"log": log, "plans": [plan], "credit_sales": credit_sales(rng)}
    (out / ACTIONS).write_text(json.dumps(actions, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    truth = {"snapshots": snapshots, "story": tale.__dict__, "log_rows": len(log), "plans": 1}
    (out / TRUTH).write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
