"""What one account really owes, document by document: its credits allocated to its debts (art.
1193 c.c.), its payments to the interest first where the policy says so (art. 1194 c.c.), and each
debt's late interest and EUR 40 under the customer's regime (lib/interest.py), to a given day.

The account page, the simulator and the letters take their figures here, so they agree to the cent.
One account is a few documents: the allocation walks them in order, in plain Python.

The rules, in the order they apply:
- the contract's date decides the regime (`interest.regime`): the date the user entered for the
  customer, else the document's date, else its due date (a contract always comes before both);
  `basis` says which was used;
- a credit note corrects what was owed: it reduces its debts from the start;
- an unallocated payment (or other credit) reduces them from the day after its date (its document
  date, else its due date), and with `interest_first` pays the interest accrued on a debt before
  its capital (art. 1194 c.c.);
- credits go to the debts in the order of art. 1193 c. 2 c.c.: those overdue first, the oldest
  first (the books do not say which invoice a credit note refers to; all debts of an account are
  taken as equally secured and equally onerous);
- interest runs from the day after the due date of each debt overdue at the books' date, to the
  day asked, and never past the opening of an insolvency procedure (art. 154 CCII: the procedure
  stops interest on unsecured claims).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from lib import interest

BASES = ("contract", "document", "due")  # what the contract's date was taken from


@dataclass(frozen=True)
class Terms:
    """What the law applies to one customer's debts (lib/customers.py profiles it)."""

    consumer: bool = False
    contract_date: dt.date | None = None  # the date the user entered; None: each document's date
    procedure_on: dt.date | None = None  # an insolvency procedure opened that day: interest stops
    interest_first: bool = False  # art. 1194 c.c.: payments settle the interest accrued first

    @classmethod
    def of(cls, profile: Mapping[str, Any] | None, *, interest_first: bool = False) -> Terms:
        """The terms of a customer's profile (lib.customers.PROFILE columns; None: a business)."""
        profile = profile or {}
        return cls(
            consumer=bool(profile.get("consumer")),
            contract_date=profile.get("contract_date"),
            procedure_on=profile.get("procedure_on") if profile.get("procedure") else None,
            interest_first=interest_first,
        )


@dataclass(frozen=True)
class Owed:
    """One account's documents with what they owe, and how the interest was made."""

    docs: pl.DataFrame  # the documents + `capital_cents` (still owed after the credits), `interest_cents`,
    #                     `compensation_cents`, `regime` (interest.REGIMES), `basis` (BASES), `charged`
    periods: tuple[tuple[dt.date, dt.date, float, str], ...]  # every debt's (start, end, rate_pct, regime)
    notes: tuple[interest.Note, ...]  # warnings as data (no rate published, rate unconfirmed)
    interest_paid_cents: int = 0  # what payments settled of the interest (art. 1194 c.c.)

    @property
    def capital_cents(self) -> int:
        return int(self.docs["capital_cents"].sum())


def owed(docs: pl.DataFrame, as_of: dt.date, until: dt.date, terms: Terms) -> Owed:
    """What the documents of one account (customer × currency) owe, with the interest of those
    overdue at `as_of` (the books' date) accrued to `until`.

    `docs` has doc_type, due_date, open_cents, currency and, if known, doc_date and doc_number.
    Returns them in their order with the columns of `Owed.docs`.
    """
    rows = docs.rows(named=True)
    stop = min(until, terms.procedure_on) if terms.procedure_on else until
    contract = [_contract(row, terms) for row in rows]
    charged = [row["open_cents"] > 0 and row["due_date"] < as_of for row in rows]
    # art. 1193 c. 2: the debts overdue first, the oldest first (disputed ones last: the debtor denies them)
    debts = sorted(
        (i for i, row in enumerate(rows) if row["open_cents"] > 0),
        key=lambda i: (
            bool(rows[i].get("disputed")),
            not charged[i],
            rows[i]["due_date"],
            str(rows[i].get("doc_number") or ""),
        ),
    )
    credits = sorted(
        (i for i, row in enumerate(rows) if row["open_cents"] < 0),
        key=lambda i: (rows[i]["doc_type"] != "credit_note", _credit_day(rows[i])),
    )
    base = {i: int(rows[i]["open_cents"]) for i in debts}  # each debt after the credit notes
    pays: dict[int, list[tuple[dt.date, int]]] = {i: [] for i in debts}
    interest_paid = dict.fromkeys(debts, 0)
    left = {i: -int(rows[i]["open_cents"]) for i in credits}  # what each credit has not settled

    def still(i: int) -> int:
        return base[i] - sum(cents for _, cents in pays[i])

    def accrued(i: int, to: dt.date) -> int:
        due, (day, _) = rows[i]["due_date"], contract[i]
        found = interest.late_interest(
            base[i], due, min(to, stop), consumer=terms.consumer, contract_date=day, payments=pays[i]
        )
        return found.interest_cents

    for c in credits:
        note = rows[c]["doc_type"] == "credit_note"
        day = _credit_day(rows[c])
        for i in debts:
            if not left[c]:
                break
            if not note and terms.interest_first and charged[i] and rows[i]["due_date"] < day:
                paid = min(left[c], max(accrued(i, day) - interest_paid[i], 0))
                interest_paid[i] += paid
                left[c] -= paid
            take = min(left[c], still(i))
            if take <= 0:
                continue
            if note:
                base[i] -= take
            else:
                pays[i].append((day, take))
            left[c] -= take

    capital, interests, compensations, regimes = [], [], [], []
    periods: list[tuple[dt.date, dt.date, float, str]] = []
    notes: set[interest.Note] = set()
    for i, row in enumerate(rows):
        day, _ = contract[i]
        kind = interest.regime(terms.consumer, day)
        regimes.append(kind)
        if i in left:
            capital.append(-left[i])
            interests.append(0)
            compensations.append(0)
            continue
        capital.append(still(i))
        if not charged[i]:
            interests.append(0)
            compensations.append(0)
            continue
        found = interest.late_interest(
            base[i], row["due_date"], stop, consumer=terms.consumer, contract_date=day, payments=pays[i],
            currency=str(row["currency"]),
        )  # fmt: skip
        interests.append(max(found.interest_cents - interest_paid[i], 0))
        compensations.append(found.compensation_cents if row["doc_type"] == "invoice" else 0)
        periods += [(p.start, p.end, p.rate_pct, found.regime) for p in found.periods]
        notes.update(found.notes)
    out = docs.with_columns(
        pl.Series("capital_cents", capital, dtype=pl.Int64),
        pl.Series("interest_cents", interests, dtype=pl.Int64),
        pl.Series("compensation_cents", compensations, dtype=pl.Int64),
        pl.Series("regime", regimes, dtype=pl.String),
        pl.Series("basis", [basis for _, basis in contract], dtype=pl.String),
        pl.Series("charged", charged, dtype=pl.Boolean),
    )
    ordered = tuple(sorted(notes, key=lambda note: (note.start, note.code)))
    return Owed(out, tuple(periods), ordered, sum(interest_paid.values()))


def _contract(row: Mapping[str, Any], terms: Terms) -> tuple[dt.date, str]:
    """The contract's date of a document and where it came from (BASES)."""
    if terms.contract_date is not None:
        return terms.contract_date, "contract"
    if row.get("doc_date") is not None:
        return row["doc_date"], "document"
    return row["due_date"], "due"


def _credit_day(row: Mapping[str, Any]) -> dt.date:
    """The day a credit took effect: its document date, else its due date."""
    day: dt.date = row.get("doc_date") or row["due_date"]
    return day
