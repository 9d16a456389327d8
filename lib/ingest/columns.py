"""Choose columns by what their values are, not only by what their headers say.

A header names a column, its values tell what it holds: a `Pagato` column of `Sì` / `No` /
`Parziale` is a payment status, not an amount; a `Conto` of `Banca Intesa c/c 1234` is the
account the money went to, not the customer; one `Documento` cell may hold the type, number
and date of a document (`Fattura n. 112/2026 del 15/03/2026`). This module checks the mapping
the header suggested against a sample of the values, drops what does not fit, takes a column
whose name only hints at a field when its values fit it, splits packed document cells, and
says why for each choice (info issues shown with the import report).

The user's own mapping is never second-guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from lib.schema import SYNONYMS, normalise_header

SAMPLE_ROWS = 2000
# `1.234,56` `(2,000.00)` `€ 1.234,56` `1.234,56-` `-129,729.53` `$2,000.00` `1234.5`
_MONEY = (
    r"(?i)^[\s(+\-]*(?:[€$£]|eur|usd|chf|gbp)?\s*-?[\d.,'’\u00a0 ]*\d[\d.,'’\u00a0 ]*"
    r"\s*(?:[€$£]|eur|usd|chf|gbp)?\s*-?\)?$"
)
_DATE = (
    r"(?i)^(\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4}|\d{2})|\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d+)?)?"
    r"|[2-7]\d{4}(\.\d+)?"
    r"|\d{1,2}[\s.\-/]+[a-zà-ù]{3,}\.?[\s.\-/,]+(\d{4}|\d{2})|[a-z]{3,}\.?\s+\d{1,2},?\s+(\d{4}|\d{2}))$"
)
# payment accounts (`Banca Intesa c/c 1234`, `Cassa`) and ledger accounts (`1210 Crediti v/clienti`)
_BANK = (
    r"(?i)\b(banca|banco|bank|c/c|c\.c\.|conto corrente|iban|cassa|contanti|paypal|unicredit|intesa|bpm|bper"
    r"|monte dei paschi|mps|credem|poste|fineco|widiba|bnl|sella|carige|credit agricole|deutsche bank|cash"
    r"|crediti|credito v|clienti|receivables?|debtors|debitori)\b"
    r"|\bIT\d{2}[A-Z]\d{10}"
)
# `Fattura n. 112/2026 del 15/03/2026`, `Nota di credito n. 5 del 20/03/2026`, `FT 12/A del 1.2.26`
COMPOSITE = (
    r"(?i)^\s*(?P<type>[a-zà-ù][a-zà-ù .'/]*?)\.?\s*(?:n\.|nr\.?|num\.?|numero|no\.|n°|#)?\s*"
    r"(?P<number>[a-z0-9][\w/\-.]*?)\s+(?:del|dd\.?|d\.|of|dated|date)\s+"
    r"(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2})(?:[\s,;(\-].*)?$"
)
_CURRENCY = r"(?i)^([a-z]{3}|€|\$|£|euro|us\$)$"
PAID = (
    *("si", "s", "yes", "y", "x", "pagato", "pagata", "pagati", "saldato", "saldata", "paid", "incassato"),
    *("incassata", "chiuso", "chiusa", "closed", "riscosso", "riscossa"),
)
UNPAID = (
    *("no", "n", "non pagato", "non pagata", "da pagare", "da saldare", "da incassare", "unpaid", "not paid"),
    *("open", "aperto", "aperta", "insoluto", "insoluta", "non saldato", "non saldata"),
)
PARTIAL = (
    *("parziale", "parz", "parzialmente pagato", "parzialmente pagata", "parzialmente saldato"),
    *("parzialmente saldata", "in parte", "partial", "partially paid", "acconto", "pagato parzialmente"),
)
RECEIVABLE = ("entrata", "entrate", "incasso", "incassi", "attivo", "receivable", "cliente", "clienti", "customer")
PAYABLE = ("uscita", "uscite", "passivo", "payable", "fornitore", "fornitori", "supplier", "vendor")
_STATUS_LABEL = r"\b(pag\w*|sald\w*|incass\w*|stato|status|state|paid|esito)\b"
_AS_OF_LABEL = (
    r"^(reporting date|aging date|ageing date|as of date|as of|as at|key date|stichtag|data di riferimento"
    r"|data riferimento|data situazione)$"
)
# words in a header that hint at a field when no synonym matched it exactly
_HINTS: dict[str, str] = {
    "open": (
        r"\b(residu\w*|saldare|da incassare|scoperto|apert\w*|outstanding|remaining|open|balance|unpaid"
        r"|insolut\w*|restante|rimanente)\b"
    ),
    "amount": r"\b(importo|amount|totale|total|valore|value|ammontare)\b",
    "due_date": r"\b(scad\w*|due|expiry|fallig\w*|vencimiento)\b",
    "doc_date": r"\b(data|date|emission\w*|emess\w*)\b",
    "doc_number": (
        r"\b(n|nr|no|num|numero|number|doc|documento|document|fattura|fatt|invoice|inv|rif|riferimento|ref"
        r"|reference|protocollo|prot)\b"
    ),
    "currency": r"\b(valuta|currency|curr|divisa|crcy)\b",
}
# dates and amounts that are something else: the report date, a posting or payment date, a bucket edge
_NOT_A_HINT = (
    r"\b(posting|registrazione|period|periodo|reporting|riferimento|stampa|print|pagamento|payment|incasso"
    r"|clearing|as of|as at|key|giorni|days|age|aging|ageing|lcy|local|interna)\b"
)
_MONEY_FIELDS = ("amount", "open", "paid")
_DATE_FIELDS = ("due_date", "doc_date")
_LOCAL = r"\b(lc|lcy|local|loc|interna|hw|company)\b|^l ?curr"
_DOCUMENT_CURRENCY = r"\b(dc|doc|document|documento|bw|transaction)\b"


@dataclass(frozen=True)
class Choice:
    """Why a column was taken, left out or split: an issue of the import report."""

    column: str
    severity: str
    code: str
    value: str


@dataclass(frozen=True)
class Chosen:
    fields: dict[str, str]
    derived: list[pl.Expr]  # grid columns made from others (a packed document cell, split)
    names: dict[str, str]  # grid column -> label, the derived columns included
    status: str | None = None  # a column of payment states (paid / not paid / partly)
    direction: str | None = None  # a column telling receipts from payments
    as_of_column: str | None = None  # a column holding the report date on every row
    choices: list[Choice] = field(default_factory=list)


def plain_words(text: pl.Expr) -> pl.Expr:
    """Lower case, no accents or punctuation: `Sì` -> `si`, `Parz.` -> `parz`."""
    return (
        text.str.to_lowercase()
        .str.normalize("NFKD")
        .str.replace_all(r"[^a-z0-9 ]+", " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def choose(body: pl.DataFrame, labels: dict[str, str], fields: dict[str, str], fixed: set[str]) -> Chosen:
    """Check the header's mapping against the values below it; `fixed` fields are the user's."""
    stats = _stats(body, labels)
    fields = dict(fields)
    choices: list[Choice] = []
    status: str | None = None
    direction: str | None = None

    def used() -> set[str | None]:
        return set(fields.values())

    def drop(field_name: str, severity: str, code: str) -> None:
        column = fields.pop(field_name)
        choices.append(Choice(column, severity, code, stats[column]["example"]))

    for column, s in stats.items():  # receipts and payments in one list (Danea Pagamenti)
        if s["n"] >= 2 and s["direction"] >= 0.9 * s["n"] and s["payable"] > 0:
            direction = column
            fields = {f: c for f, c in fields.items() if c != column or f in fixed}
            choices.append(Choice(column, "info", "column_direction", s["example"]))
            break
    for name in [f for f in list(fields) if f not in fixed]:
        if stats[fields[name]]["n"] == 0 and stats[fields[name]]["blank"]:
            drop(name, "info", "column_empty")  # a column the export writes but leaves empty (Odoo's dates when folded)
    for name in [f for f in _MONEY_FIELDS if f in fields and f not in fixed]:
        s = stats[fields[name]]
        if s["n"] >= 2 and s["money"] < 0.5 * s["n"]:
            if s["status"] >= 0.5 * s["n"] and status is None:
                status = fields[name]
                drop(name, "info", "column_status")
            else:
                drop(name, "info", "column_not_amount")
    for name in [f for f in _DATE_FIELDS if f in fields and f not in fixed]:
        s = stats[fields[name]]
        if s["n"] >= 2 and s["date"] < 0.5 * s["n"]:
            drop(name, "info", "column_not_date")
    for name in [f for f in ("customer_id", "customer_name") if f in fields and f not in fixed]:
        s = stats[fields[name]]
        other = fields.get("customer_name" if name == "customer_id" else "customer_id")
        # one code on every row beside many names: a ledger account (`1210`), not the customer's code
        single = name == "customer_id" and s["n"] >= 5 and s["unique"] == 1
        single = single and other is not None and stats[other]["unique"] > 1
        if s["n"] >= 2 and (s["bank"] >= 0.5 * s["n"] or single):
            drop(name, "info", "column_not_customer")
    if status is None:
        for column, s in stats.items():
            hinted = bool(re.search(_STATUS_LABEL, normalise_header(labels[column])))
            if column not in used() and hinted and s["n"] >= 2 and s["status"] >= 0.9 * s["n"] and s["money"] == 0:
                status = column
                choices.append(Choice(column, "info", "column_status", s["example"]))
                break

    # a field with no column: a synonym whose column was left out above, or a hint in a header
    # whose values fit (dates for a date, amounts for an amount, text for a name)
    for name in ("open", "amount", "due_date", "doc_date", "currency", "doc_number"):
        if name in fields:
            continue
        taken = used() | {status, direction}
        for column in _candidates(name, labels, taken):
            if _fits(name, stats[column]):
                fields[name] = column
                code = "column_residual" if name == "open" and "amount" in fields else "column_by_values"
                choices.append(Choice(column, "info", code, stats[column]["example"]))
                break
    said = {(c.column, c.code) for c in choices}
    if (
        "open" in fields
        and "amount" in fields
        and "open" not in fixed
        and _instalment(labels[fields["amount"]])
        and (fields["open"], "column_residual") not in said
    ):
        choices.append(Choice(fields["open"], "info", "column_residual", stats[fields["open"]]["example"]))

    derived, names = _split_documents(stats, labels, fields, fixed, used() | {status, direction}, choices)
    _pair_currency(labels, fields, fixed)
    as_of_column = next(
        (c for c, s in stats.items() if s["as_of"] and c not in used() and s["unique"] == 1 and s["date"] > 0), None
    )
    return Chosen(fields, derived, {**labels, **names}, status, direction, as_of_column, choices)


def _stats(body: pl.DataFrame, labels: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per labelled column, over the rows that look like records (most cells filled): how many
    values, and how many read as amounts, dates, payment states, bank accounts, packed documents."""
    cells = [c for c in body.columns if c.startswith("c")]
    filled = pl.sum_horizontal(pl.col(cells).is_not_null())
    sample = body.head(SAMPLE_ROWS).filter(filled >= max(3, min(len(labels), 10) * 2 // 5))
    sample = sample.with_columns(plain_words(pl.col(c)).alias(f"{c}|words") for c in labels)
    exprs = []
    for column, label in labels.items():
        v = pl.col(column)
        keep = v.is_not_null() & (v.str.to_lowercase() != label.lower()) & ~v.str.contains(r"(?i)^(total|totale)\b")
        words = pl.col(f"{column}|words")
        exprs += [
            keep.sum().alias(f"{column}|n"),
            (keep & v.str.contains(_MONEY)).sum().alias(f"{column}|money"),
            (keep & v.str.contains(_DATE)).sum().alias(f"{column}|date"),
            (keep & words.is_in(PAID + UNPAID + PARTIAL)).sum().alias(f"{column}|status"),
            (keep & words.is_in(RECEIVABLE + PAYABLE)).sum().alias(f"{column}|direction"),
            (keep & words.is_in(PAYABLE)).sum().alias(f"{column}|payable"),
            (keep & v.str.contains(_BANK)).sum().alias(f"{column}|bank"),
            (keep & v.str.contains(COMPOSITE)).sum().alias(f"{column}|composite"),
            (keep & v.str.contains(_CURRENCY)).sum().alias(f"{column}|currency"),
            v.filter(keep).n_unique().alias(f"{column}|unique"),
            v.filter(keep).first().fill_null("").alias(f"{column}|example"),
        ]

    row = sample.select(exprs).row(0, named=True) if exprs else {}
    stats: dict[str, dict[str, Any]] = {c: {} for c in labels}
    for key, value in row.items():
        column, stat = key.split("|")
        stats[column][stat] = value
    # a column with no value anywhere below the header (not only in the sample), in a table of rows
    written = body.select(pl.col(c).is_not_null().sum().alias(c) for c in labels).row(0, named=True) if labels else {}
    for column in labels:
        stats[column]["blank"] = body.height >= 3 and written[column] == 0
    for column, label in labels.items():
        stats[column]["as_of"] = bool(re.search(_AS_OF_LABEL, normalise_header(label)))
    return stats


def _candidates(name: str, labels: dict[str, str], taken: set[str | None]) -> list[str]:
    """Free columns that may hold `name`: its synonyms first (in rank order), then header hints."""
    synonyms = [normalise_header(w) for w in SYNONYMS[name]]
    free = {c: normalise_header(label) for c, label in labels.items() if c not in taken}
    by_synonym = sorted((synonyms.index(t), c) for c, t in free.items() if t in synonyms)
    hint = _HINTS.get(name)
    hinted = [c for c, t in free.items() if hint and re.search(hint, t) and not re.search(_NOT_A_HINT, t)]
    return [c for _, c in by_synonym] + [c for c in hinted if c not in {c for _, c in by_synonym}]


def _fits(name: str, s: dict[str, Any]) -> bool:
    n = int(s["n"])
    if n < 1:
        return False
    count = {k: int(v) for k, v in s.items() if isinstance(v, int) and not isinstance(v, bool)}
    if name in _MONEY_FIELDS:
        return count["money"] >= 0.8 * n and count["date"] < 0.5 * n
    if name in _DATE_FIELDS:
        return count["date"] >= 0.8 * n
    if name == "currency":
        return count["currency"] >= 0.8 * n
    if name == "doc_number":
        return count["date"] < 0.5 * n and count["status"] < 0.5 * n and count["bank"] < 0.5 * n
    # names: text, not amounts, dates or accounts
    return count["money"] < 0.5 * n and count["date"] < 0.5 * n and count["bank"] < 0.5 * n


def _instalment(label: str) -> bool:
    return bool(re.search(r"\b(rata|rate|instalment|installment)\b", normalise_header(label)))


def _split_documents(
    stats: dict[str, dict[str, Any]],
    labels: dict[str, str],
    fields: dict[str, str],
    fixed: set[str],
    taken: set[str | None],
    choices: list[Choice],
) -> tuple[list[pl.Expr], dict[str, str]]:
    """A column whose cells pack type, number and date (`Fattura n. 112/2026 del 15/03/2026`)
    feeds the three fields (those the user did not map elsewhere)."""
    documents = ("doc_type", "doc_number", "doc_date")
    for column, s in stats.items():
        packs = int(s["composite"]) >= max(1, 0.5 * int(s["n"]))
        owner = [f for f, c in fields.items() if c == column]
        if not packs or (column in taken and not set(owner) <= {*documents, "notes"}):
            continue
        parts = pl.col(column).str.extract_groups(COMPOSITE)
        names = {f"{column}_{part}": f"{labels[column]} ({part})" for part in ("type", "number", "date")}
        derived = [parts.struct.field(part).alias(f"{column}_{part}") for part in ("type", "number", "date")]
        for f, part in zip(documents, ("type", "number", "date"), strict=True):
            # a field mapped (by the user too) to the packed column reads its part of it
            if fields.get(f) == column or (f not in fixed and f not in fields):
                fields[f] = f"{column}_{part}"
        choices.append(Choice(column, "info", "column_split", str(s["example"])))
        return derived, names
    if "doc_number" not in fields:
        choices.append(Choice("", "warning", "no_doc_numbers", ""))
    return [], {}


def _pair_currency(labels: dict[str, str], fields: dict[str, str], fixed: set[str]) -> None:
    """SAP lists amounts in document and in local currency: the currency column must be the one
    that goes with the amount taken."""
    if "currency" not in fields or "currency" in fixed or "open" not in fields:
        return
    amount_local = _is_local(labels.get(fields["open"], ""))
    currency_local = _is_local(labels.get(fields["currency"], ""))
    if amount_local == currency_local:
        return
    for column, label in labels.items():
        if column not in fields.values() and _is_currency_label(label) and _is_local(label) == amount_local:
            fields["currency"] = column
            return


def _is_local(label: str) -> bool:
    text = normalise_header(label)
    return bool(re.search(_LOCAL, text))


def _is_currency_label(label: str) -> bool:
    text = normalise_header(label)
    return any(text == normalise_header(w) for w in SYNONYMS["currency"]) or "curr" in text or "valuta" in text


def status_of(text: pl.Expr) -> pl.Expr:
    """`paid`, `unpaid` or `partial` from a payment-state cell, else null."""
    words = plain_words(text)
    return (
        pl.when(words.is_in(PAID))
        .then(pl.lit("paid"))
        .when(words.is_in(PARTIAL))
        .then(pl.lit("partial"))
        .when(words.is_in(UNPAID))
        .then(pl.lit("unpaid"))
        .otherwise(None)
    )


def payable(text: pl.Expr) -> pl.Expr:
    """A row of a receipts-and-payments list that is a payment to a supplier."""
    return plain_words(text).is_in(PAYABLE).fill_null(False)
