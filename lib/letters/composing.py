"""Composing a letter: the checks, the documents of the account, the kind's composer (from the
one table in lib/letters/kinds.py), and what every letter shares (the sender, the addressee, the
placeholders common to all templates)."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from lib import company as details
from lib import customers
from lib.company import Company
from lib.i18n import LANGUAGES, format_date, format_money
from lib.interest import COMPENSATION_CENTS, COMPENSATION_CURRENCY
from lib.letters import figures, tables, templates
from lib.letters.kinds import COMPOSERS, KINDS, LADDER_KINDS, Account
from lib.letters.messages import LetterError, warning_text
from lib.letters.tables import Table, money
from lib.letters.templates import TEMPLATES, Labels
from lib.policy import Policy


@dataclass(frozen=True)
class Letter:
    """One letter to one account. `body` is the plain text; `blocks` the same text with its tables."""

    kind: str
    lang: str
    on: dt.date
    customer_id: str
    customer_name: str
    currency: str
    subject: str
    body: str
    documents: pl.DataFrame = field(compare=False)  # the listed documents with days_late, interest, EUR 40
    totals: dict[str, int]  # capital, interest, compensation, total (what the letter asks), …: cents
    deadline: dt.date | None
    term_days: int | None
    blocks: tuple[str | Table, ...] = field(repr=False)
    letterhead: tuple[str, ...] = field(repr=False)
    addressee: tuple[str, ...] = field(repr=False)
    dateline: str = ""
    warnings: tuple[str, ...] = ()  # in the letter's language, e.g. interest at an unconfirmed rate: check first

    @property
    def email_subject(self) -> str:
        """The subject without its leading label ("Oggetto:", "Subject:")."""
        return re.sub(r"^\w+\s*:\s*", "", self.subject)


def _check_request(kind: str, lang: str) -> None:
    if lang not in LANGUAGES:
        raise LetterError("lang", "en", lang=lang, langs=", ".join(LANGUAGES))
    if kind not in COMPOSERS:
        raise LetterError("kind", lang, kind=kind, kinds=", ".join(KINDS))


def _check_company(kind: str, company: Company, lang: str) -> None:
    """The settings' own check (lib.company.problems) on the details this kind needs."""
    found = details.problems(company, required=COMPOSERS[kind].needs)
    missing = [name for name, code in found if code == "missing"]
    if missing:
        raise LetterError("company", lang, fields=", ".join(missing))
    for name, code in found:  # a detail given that fails its check: the code is the field's
        raise LetterError(code, lang, **{name: getattr(company, name)})


def _contacts(company: Company, labels: Labels) -> str:
    pairs = (("phone", company.phone), ("email", company.email), ("pec", company.pec))
    return " · ".join(f"{labels('contacts', key)} {value}" for key, value in pairs if value)


def _first(customer: Mapping[str, Any], docs: pl.DataFrame, name: str) -> str:
    value = customer.get(name)
    if value is None and name in docs.columns:
        value = docs[name].drop_nulls().first()
    return "" if value is None else str(value).strip()


def _one_line(text: str) -> str:
    return ", ".join(part.strip() for part in text.splitlines() if part.strip())


def compose(
    kind: str,
    customer: Mapping[str, Any],
    items: pl.DataFrame | pl.LazyFrame,
    company: Company,
    on: dt.date,
    lang: str,
    policy: Policy,
    *,
    as_of: dt.date | None = None,
    plan: pl.DataFrame | None = None,
    settlement: Mapping[str, Any] | None = None,
    paid: pl.DataFrame | None = None,
    grace_days: int | None = None,
    template_dir: Path | None = None,
) -> Letter:
    """One letter of `kind` to one account, dated `on`, on the books at `as_of` (the snapshot's
    date, default `on`): it claims what was overdue then, with interest to `on`.

    `customer` holds customer_id and, if known, customer_name, vat_id, address, email, pec,
    currency, and what lib/customers.py knows of it (consumer, contract_date, procedure, …) and
    the engine's `last_step` (the steps done before): the engine's row has them all; what is
    missing is taken from the items. `items` are open items in the canonical schema, optionally
    with a boolean `disputed`; only the customer's, in its currency, are used. An instalment
    agreement needs `plan` (lib.plans.schedule) and states `grace_days` (default the policy's); a
    settlement needs `settlement` with amount_cents, deadline and optionally claim_cents (by
    default the documents' capital). `paid` (actionlog.paid_documents) serves [letters]
    claim_paid_late. Raises LetterError when the letter cannot be made.
    """
    _check_request(kind, lang)
    _check_company(kind, company, lang)
    lazy = items.lazy().filter(pl.col("customer_id") == str(customer["customer_id"]))
    if customer.get("currency"):
        lazy = lazy.filter(pl.col("currency") == customer["currency"])
    docs = figures.documents(lazy, kind, on, as_of or on, policy.letters.courtesy_days)
    extras = _Extras(as_of or on, plan, settlement, paid, grace_days)
    return _compose(kind, customer, docs, company, on, lang, policy, extras, template_dir or TEMPLATES)


@dataclass(frozen=True)
class _Extras:
    """What a letter may need besides the account: the books' date, an agreement's terms, the documents paid."""

    as_of: dt.date
    plan: pl.DataFrame | None = None
    settlement: Mapping[str, Any] | None = None
    paid: pl.DataFrame | None = None
    grace_days: int | None = None


def compose_many(
    kind: str,
    accounts: pl.DataFrame,
    items: pl.DataFrame | pl.LazyFrame,
    company: Company,
    on: dt.date,
    lang: str,
    policy: Policy,
    *,
    as_of: dt.date | None = None,
    paid: pl.DataFrame | None = None,
    template_dir: Path | None = None,
) -> tuple[list[Letter], pl.DataFrame]:
    """One letter of `kind` per account (customer_id, currency) of `accounts`, in their order,
    dated `on`, on the books at `as_of` (default `on`; see `compose`: each row of `accounts` is
    its `customer`).

    Returns (letters, skipped): skipped has customer_id, currency, code and reason for each
    account that gets no letter (SKIPPED: nothing to claim, no address for the channel, an
    insolvency procedure). A company or template problem stops everything (LetterError).
    """
    _check_request(kind, lang)
    if kind not in LADDER_KINDS:
        raise LetterError("batch", lang, kind=kind)
    _check_company(kind, company, lang)
    keys = ["customer_id", "currency"]
    wanted = accounts.unique(subset=keys, keep="first", maintain_order=True)
    mine = items.lazy().join(wanted.lazy().select(keys), on=keys, how="semi")
    docs = figures.documents(mine, kind, on, as_of or on, policy.letters.courtesy_days)
    by_account = docs.partition_by(keys, as_dict=True)
    empty = docs.clear()
    letters, skipped = [], []
    for account in wanted.to_dicts():
        key = (account["customer_id"], account["currency"])
        try:
            letter = _compose(
                kind, account, by_account.get(key, empty), company, on, lang, policy,
                _Extras(as_of or on, paid=paid), template_dir or TEMPLATES,
            )  # fmt: skip
        except LetterError as error:
            if error.code not in SKIPPED:
                raise
            skipped.append((*key, error.code, str(error)))
            continue
        letters.append(letter)
    schema = {"customer_id": pl.String, "currency": pl.String, "code": pl.String, "reason": pl.String}
    return letters, pl.DataFrame(skipped, schema=schema, orient="row")


# Why compose_many leaves an account out (the others stop the batch).
SKIPPED = ("no_documents", "nothing_due", "address_missing", "insolvent")


def _compose(
    kind: str,
    customer: Mapping[str, Any],
    docs: pl.DataFrame,
    company: Company,
    on: dt.date,
    lang: str,
    policy: Policy,
    extras: _Extras,
    template_dir: Path,
) -> Letter:
    rules = policy.letters
    path = templates.template_path(template_dir, lang, kind, rules.diffida)
    template = templates.read_template(path, lang)
    labels = templates.labels(template_dir, lang)

    customer_id = str(customer["customer_id"])
    name = _first(customer, docs, "customer_name") or customer_id
    if customer.get("procedure"):  # individual collection stops: the claim is filed in the procedure
        raise LetterError("insolvent", lang, customer=name)
    currencies = sorted(set(docs["currency"].drop_nulls().to_list()))
    if len(currencies) > 1:
        raise LetterError("currencies", lang, customer=name, currencies=", ".join(currencies))
    currency = str(customer.get("currency") or (currencies[0] if currencies else "EUR"))
    if docs.filter(pl.col("open_cents") > 0).is_empty():
        raise LetterError("no_documents", lang, customer=name)
    capital = int(docs["open_cents"].sum())
    if capital <= 0:
        raise LetterError("nothing_due", lang, customer=name, capital=money(capital, currency, lang))
    contacts = {key: _first(customer, docs, key) for key in ("address", "pec", "email")}
    if kind == "formal_demand" and customers.address_missing(contacts, "pec_or_raccomandata"):
        raise LetterError("address_missing", lang, customer=name)

    account = Account(
        kind, docs, capital, currency, on, extras.as_of, lang, policy, labels, customer,
        extras.plan, extras.settlement, extras.paid, extras.grace_days,
    )  # fmt: skip
    part = COMPOSERS[kind].make(account)
    docs = part.docs
    if "interest_cents" not in docs.columns:
        docs = docs.with_columns(pl.lit(0, pl.Int64).alias(c) for c in ("interest_cents", "compensation_cents"))
    totals = {"capital_cents": capital, "interest_cents": 0, "compensation_cents": 0, "total_cents": capital}
    totals |= part.totals
    capital = totals["capital_cents"]
    deadline = part.deadline if part.term is None else on + dt.timedelta(days=part.term)
    if kind == "formal_demand" and part.term is not None:  # the term runs from receipt: the longest delivery
        deadline = on + dt.timedelta(days=part.term + max(rules.delivery_days.values(), default=0))
    tables_ = {"documents_table": tables.documents_table(account.docs, kind, currency, lang, labels), **part.tables}

    values = (
        part.values | _common_values(company, customer, account, labels) | {key: templates.slot(key) for key in tables_}
    )
    values |= {
        "customer_name": name,
        "documents_count": str(docs.height),
        "capital": money(capital, currency, lang),
        "total": money(totals["total_cents"], currency, lang),
        "deadline": format_date(deadline, lang),
        **({"term_days": str(part.term)} if part.term is not None else {}),
    }
    # a clause is wording from labels.toml with the letter's own placeholders (never user data: a
    # customer's name with a `$` in it stays as it is)
    values |= {key: string.Template(text).safe_substitute(values) for key, text in part.clauses.items()}
    subject, filled = templates.fill(path, template, values, lang)
    blocks = templates.blocks(filled, tables_)

    return Letter(
        kind=kind,
        lang=lang,
        on=on,
        customer_id=customer_id,
        customer_name=name,
        currency=currency,
        subject=subject,
        body="\n\n".join(tables.table_text(b) if isinstance(b, Table) else b for b in blocks),
        documents=docs.drop("claimed"),
        totals=totals,
        deadline=deadline,
        term_days=part.term,
        blocks=blocks,
        letterhead=_letterhead(company, labels),
        addressee=_addressee(customer, docs, name, labels),
        dateline=values["dateline"],
        warnings=tuple(warning_text(w, lang) for w in part.warnings),
    )


def _common_values(company: Company, customer: Mapping[str, Any], account: Account, labels: Labels) -> dict[str, str]:
    """The placeholders every template may use: the sender, the addressee, the date."""
    docs, lang, on = account.docs, account.lang, account.on
    return {
        "date": format_date(on, lang),
        "place": company.place,
        "company_name": company.name,
        "company_vat": company.vat_id,
        "company_address": _one_line(company.address),
        "company_email": company.email,
        "company_pec": company.pec,
        "company_phone": company.phone,
        "contacts": _contacts(company, labels),
        "iban": details.format_iban(company.iban),
        "signature": company.signature,
        "dateline": ", ".join(part for part in (company.place, format_date(on, lang)) if part),
        "customer_id": str(customer["customer_id"]),
        "customer_vat": _first(customer, docs, "vat_id"),
        "customer_tax_id": _tax_id(customer, docs, labels),
        "sent_by": _sent_by(customer, docs, labels),
        "customer_address": _one_line(_first(customer, docs, "address")),
        "customer_email": _first(customer, docs, "email"),
        "customer_pec": _first(customer, docs, "pec"),
        "currency": account.currency,
        "compensation_each": format_money(COMPENSATION_CENTS, COMPENSATION_CURRENCY, lang),
        "salutation": labels("clauses", "salutation_consumer" if customer.get("consumer") else "salutation_business"),
    }


def _tax_id(customer: Mapping[str, Any], docs: pl.DataFrame, labels: Labels) -> str:
    """`, P.IVA IT01234567890` for a business, `, C.F. RSSMRA…` for a consumer, nothing when unknown."""
    number = _first(customer, docs, "vat_id")
    if not number:
        return ""
    return f", {labels('letterhead', 'tax_code' if customer.get('consumer') else 'vat')} {number}"


def _sent_by(customer: Mapping[str, Any], docs: pl.DataFrame, labels: Labels) -> str:
    """How a formal demand goes: by PEC, by raccomandata, or either, as the addresses known allow."""
    pec, address = (_first(customer, docs, key) for key in ("pec", "address"))
    return labels("sent_by", "pec" if pec and not address else "raccomandata" if address and not pec else "either")


def _letterhead(company: Company, labels: Labels) -> tuple[str, ...]:
    vat = labels("letterhead", "vat")
    lines = (
        company.name,
        *company.address.splitlines(),
        f"{vat} {company.vat_id}" if company.vat_id else "",
        _contacts(company, labels),
    )
    return tuple(line for line in lines if line.strip())


def _addressee(customer: Mapping[str, Any], docs: pl.DataFrame, name: str, labels: Labels) -> tuple[str, ...]:
    vat, pec = _first(customer, docs, "vat_id"), _first(customer, docs, "pec")
    tax = labels("letterhead", "tax_code" if customer.get("consumer") else "vat")
    lines = (
        labels("letterhead", "to"),
        name,
        *_first(customer, docs, "address").splitlines(),
        *([f"{tax} {vat}"] if vat else []),
        *([f"{labels('contacts', 'pec')} {pec}"] if pec else []),
    )
    return tuple(line for line in lines if line.strip())
