"""What the user knows of a customer beyond the books, and what follows from it: business or
consumer, its postal, PEC and e-mail addresses, the date of its contract, the prescription term of
its supplies, an insolvency procedure.

The action log's `profile` table keeps every version (the latest row of a customer is in force);
what the user left empty falls back to the file (PEC, e-mail) or to what can be inferred (a
personal codice fiscale and no VAT number: probably a consumer, until the user says otherwise).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from lib.actionlog import SCHEMAS, Entry, Log
from lib.frames import first_rows
from lib.policy import TERMS, Policy

PARTIES = ("business", "consumer")
PROCEDURES = (
    "liquidazione_giudiziale",
    "concordato_preventivo",
    "liquidazione_controllata",
    "amministrazione_straordinaria",
    "liquidazione_coatta",
    "other",
)
# Why a profile cannot be saved (`customer.need_<code>` in lib/i18n).
PROFILE_PROBLEMS = ("party", "term", "procedure", "procedure_on", "deadline")
# A personal codice fiscale: 6 letters of names, birth year, month letter, day, town, check letter
# (the digits may be replaced by letters for homonyms: omocodia). A company's is 11 digits.
_PERSONAL_CF = r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$"

PROFILE = pl.Schema(
    {
        "customer_id": pl.String(),
        "party": pl.String(),  # business | consumer
        "party_basis": pl.String(),  # user (set on the account page) | inferred (a personal codice fiscale) | default
        "consumer": pl.Boolean(),
        "address": pl.String(),
        "pec": pl.String(),
        "email": pl.String(),
        "contract_date": pl.Date(),
        "term": pl.String(),  # TERMS
        "procedure": pl.String(),  # PROCEDURES, or null
        "procedure_on": pl.Date(),
        "claim_deadline": pl.Date(),
    }
)


def probably_consumer(vat_id: pl.Expr) -> pl.Expr:
    """A tax id that is a person's codice fiscale, not a VAT number: probably a consumer (a sole
    trader has both, and the file may carry the codice fiscale: the user confirms)."""
    return vat_id.str.replace_all(r"\s", "").str.to_uppercase().str.contains(_PERSONAL_CF).fill_null(False)


def _latest(log: Log) -> pl.LazyFrame:
    return log.profile.lazy().sort("id").group_by("customer_id").agg(pl.all().exclude("id").last())


def first_known(items: pl.LazyFrame, columns: Sequence[str]) -> pl.LazyFrame:
    """Per customer of `items`, the first value of each of `columns` that is not null (in the
    file's order; null when it has none or the items lack the column).

    Read from each customer's first row, and further down only for the customers that row left
    without a value: a group_by over every row kept half a gigabyte at 10M documents.
    """
    present = items.collect_schema().names()
    known = [name for name in columns if name in present]
    found = first_rows(items.select("customer_id", *known), "customer_id").collect()
    for name in known:
        missing = found.filter(pl.col(name).is_null())["customer_id"]
        if missing.is_empty():
            continue
        later = items.filter(pl.col(name).is_not_null(), pl.col("customer_id").is_in(missing.implode()))
        found = found.update(first_rows(later.select("customer_id", name), "customer_id").collect(), on="customer_id")
    absent = [pl.lit(None, pl.String).alias(name) for name in columns if name not in present]
    return found.lazy().with_columns(absent).select("customer_id", *columns)


def profiles(items: pl.LazyFrame, log: Log, carry: Sequence[str] = ()) -> pl.LazyFrame:
    """One row per customer of `items` (PROFILE): the latest profile of the log over the file's
    contacts and what its tax id suggests; then the first known value of each of the file's
    columns in `carry` (the engine reads the file's first rows once, for both)."""
    from_file = first_known(items, tuple(dict.fromkeys(("vat_id", "address", "pec", "email", *carry)))).select(
        "customer_id", pl.all().exclude("customer_id").name.prefix("_file_")
    )
    inferred = probably_consumer(pl.col("_file_vat_id"))
    party = pl.coalesce(pl.col("party"), pl.when(inferred).then(pl.lit("consumer")), pl.lit("business"))
    basis = (
        pl.when(pl.col("party").is_not_null())
        .then(pl.lit("user"))
        .when(inferred)
        .then(pl.lit("inferred"))
        .otherwise(pl.lit("default"))
    )
    return (
        from_file.join(_latest(log), on="customer_id", how="left")
        .with_columns(party.alias("_party"), basis.alias("party_basis"))
        .select(
            "customer_id",
            pl.col("_party").alias("party"),
            "party_basis",
            (pl.col("_party") == "consumer").alias("consumer"),
            pl.coalesce("address", "_file_address").alias("address"),
            pl.coalesce("pec", "_file_pec").alias("pec"),
            pl.coalesce("email", "_file_email").alias("email"),
            "contract_date",
            pl.col("term").fill_null("ordinary"),
            "procedure",
            pl.when(pl.col("procedure").is_not_null()).then(pl.col("procedure_on")).alias("procedure_on"),
            pl.when(pl.col("procedure").is_not_null()).then(pl.col("claim_deadline")).alias("claim_deadline"),
            *(pl.col(f"_file_{name}").alias(name) for name in carry),
        )
        .cast(PROFILE)
    )


def prescription_years(policy: Policy) -> pl.Expr:
    """The prescription term in years of each row's `term` (TERMS; [prescription] gives the years)."""
    years = {term: policy.prescription.years_of(term) for term in TERMS}
    return pl.col("term").replace_strict(years, default=policy.prescription.years, return_dtype=pl.Int32)


def profile_of(items: pl.DataFrame | pl.LazyFrame, log: Log, customer_id: str) -> dict[str, Any]:
    """`profiles` of one customer (every PROFILE column; a customer the items do not list is a
    business with the log's details only)."""
    mine = items.lazy().filter(pl.col("customer_id") == customer_id)
    found = profiles(mine, log).collect()
    if found.height:
        return found.row(0, named=True)
    empty = pl.LazyFrame({"customer_id": [customer_id]}, schema={"customer_id": pl.String})
    return profiles(empty, log).collect().row(0, named=True)


def profile_entry(customer_id: str, values: Mapping[str, Any]) -> tuple[list[Entry], str | None]:
    """The profile row the account page's form writes (SCHEMAS["profile"]), or no row and the code
    of what is wrong (PROFILE_PROBLEMS): a party or term the app does not know, a procedure
    without its date, a procedure date without a procedure, a claim deadline before the procedure."""
    row = {name: values.get(name) for name in SCHEMAS["profile"] if name != "customer_id"}
    for name in ("address", "pec", "email", "operator"):
        text = str(row[name] or "").strip()
        row[name] = text or None
    if row["party"] not in (None, *PARTIES):
        return [], "party"
    if row["term"] not in (None, *TERMS):
        return [], "term"
    if row["procedure"] not in (None, *PROCEDURES):
        return [], "procedure"
    if (row["procedure"] is None) != (row["procedure_on"] is None):
        return [], "procedure_on"
    deadline, opened = row["claim_deadline"], row["procedure_on"]
    if deadline is not None and (opened is None or deadline < opened):
        return [], "deadline"
    return [("profile", {"customer_id": customer_id, **row})], None


def address_missing(profile: Mapping[str, Any], channel: str) -> bool:
    """A letter going by `channel` (a policy channel) that has nowhere to go: a formal demand by PEC
    or raccomandata needs a PEC address or a postal one; e-mail or PEC, either of them."""
    has = {name: bool(str(profile.get(name) or "").strip()) for name in ("address", "pec", "email")}
    if channel == "pec_or_raccomandata":
        return not (has["pec"] or has["address"])
    if channel == "email_or_pec":
        return not (has["pec"] or has["email"])
    return channel in has and not has[channel]


CLAWBACK = pl.Schema({"date": pl.Date(), "source": pl.String(), "doc_number": pl.String(), "amount_cents": pl.Int64()})


def clawback_risk(
    paid: pl.DataFrame,
    payments: pl.DataFrame,
    customer_id: str,
    currency: str,
    procedure_on: dt.date,
    months: int,
) -> pl.DataFrame:
    """Payments received in the `months` before the procedure opened (CLAWBACK), oldest first: the
    documents the snapshots saw paid (`actionlog.paid_documents`: their last open amount, on the
    first snapshot that no longer listed them) and the payments entered by hand. Art. 166 c. 2 CCII
    lets the receiver claw back payments of debts due made in the six months before the petition,
    if the creditor knew of the insolvency."""
    start = pl.lit(procedure_on).dt.offset_by(f"-{months}mo")
    window = (pl.col("date") >= start) & (pl.col("date") <= procedure_on)
    mine = (pl.col("customer_id") == customer_id) & (pl.col("currency") == currency)
    seen = paid.filter(mine).select(
        pl.col("paid_on").alias("date"), pl.lit("snapshot").alias("source"), "doc_number",
        pl.col("open_cents").alias("amount_cents"),
    )  # fmt: skip
    entered = payments.filter(mine).select(
        pl.col("paid_on").alias("date"), pl.lit("entered").alias("source"), pl.lit(None, pl.String).alias("doc_number"),
        "amount_cents",
    )  # fmt: skip
    return pl.concat([seen.cast(CLAWBACK), entered.cast(CLAWBACK)]).filter(window).sort("date")
