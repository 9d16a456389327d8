"""Canonical open-item columns, their dtypes, and the header synonyms that map to them."""

from __future__ import annotations

import re
import unicodedata

import polars as pl

# One row per open document (or instalment). Money is integer cents, dates are pl.Date.
OPEN_ITEM: dict[str, pl.DataType] = {
    "customer_id": pl.String(),
    "customer_name": pl.String(),
    "vat_id": pl.String(),
    "doc_type": pl.String(),  # invoice, credit_note, payment, other
    "doc_number": pl.String(),
    "doc_date": pl.Date(),
    "due_date": pl.Date(),
    "due_estimated": pl.Boolean(),  # due date estimated from a bucket column (summary reports)
    "amount_cents": pl.Int64(),
    "open_cents": pl.Int64(),
    "currency": pl.String(),
    "payment_method": pl.String(),
    "salesperson": pl.String(),
    "email": pl.String(),
    "pec": pl.String(),
    "phone": pl.String(),
    "notes": pl.String(),
    "source_sheet": pl.String(),
    "source_row": pl.Int64(),
}

DOC_TYPES = ("invoice", "credit_note", "payment", "other")

# Fields a user can map a column to. `amount`, `open` and `paid` become the cents columns.
FIELDS = (
    "customer_id",
    "customer_name",
    "vat_id",
    "doc_type",
    "doc_number",
    "doc_date",
    "due_date",
    "amount",
    "open",
    "paid",
    "currency",
    "payment_method",
    "salesperson",
    "email",
    "pec",
    "phone",
    "notes",
)
DATE_FIELDS = ("doc_date", "due_date")
MONEY_FIELDS = ("amount", "open", "paid")

# Header synonyms, compared after `normalise_header` (lower case, no accents or punctuation).
# Sources: ../shared/FORMATS.md §15 and the exports it describes.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_id": (
        "cod cliente",
        "codice cliente",
        "codice",
        "cod",
        "conto",
        "sottoconto",
        "cliente codice",
        "fornitore codice",
        "intcodicepartitario",
        "customer id",
        "customer no",
        "customer number",
        "customer code",
        "account",
        "account no",
        "account number",
        "contact account number",
        "no",
        "nr cliente",
        "debitore",
    ),
    "customer_name": (
        "ragione sociale",
        "rag sociale",
        "rag soc",
        "ragsoc",
        "cliente",
        "cliente ragione sociale",
        "denominazione",
        "intestatario",
        "nominativo",
        "partner",
        "customer",
        "customer name",
        "customer full name",
        "name",
        "contact",
        "client",
        "company",
        "party s name",
        "debtor",
    ),
    "vat_id": (
        "partita iva",
        "p iva",
        "piva",
        "codice fiscale",
        "cf",
        "partita iva codice fiscale",
        "vat",
        "vat number",
        "vat id",
        "tax id",
        "tax number",
    ),
    "doc_type": (
        "tipo doc",
        "tipo documento",
        "documento sigla",
        "docsigla",
        "sigla",
        "causale",
        "tipo",
        "transaction type",
        "type",
        "document type",
        "doc type",
    ),
    "doc_number": (
        "n documento",
        "numero documento",
        "num doc",
        "n doc",
        "nr doc",
        "documento numero",
        "docnumero",
        "numero fattura",
        "n fattura",
        "fattura",
        "rif",
        "riferimento",
        "num",
        "number",
        "invoice number",
        "invoice no",
        "document number",
        "document no",
        "doc no",
        "ref",
        "ref no",
        "reference",
        "entry",
    ),
    "doc_date": (
        "data documento",
        "data doc",
        "documento data",
        "docdata",
        "data fattura",
        "data",
        "date",
        "invoice date",
        "document date",
        "doc date",
        "transaction date",
    ),
    "due_date": (
        "data scadenza",
        "data scad",
        "scadenza",
        "scad",
        "scadenzadataeffett",
        "data di scadenza",
        "due date",
        "due",
        "net due date",
        "due on",
        "payment due date",
    ),
    "amount": (
        "importo",
        "importo documento",
        "totale documento",
        "importo originale",
        "originale",
        "importo rata",
        "totudcimporto",
        "amount",
        "original amount",
        "opening amount",
        "invoice amount",
        "document amount",
    ),
    "open": (
        "residuo",
        "importo residuo",
        "importi in udc residuo",
        "da incassare",
        "scoperto",
        "saldo",
        "saldo residuo",
        "open balance",
        "balance",
        "open amount",
        "remaining amount",
        "residual",
        "amount due",
        "outstanding",
        "pending amount",
        "amount in local currency",
        "pending",
    ),
    "paid": ("pagato", "incassato", "saldato", "importo pagato", "paid", "amount paid", "credited"),
    "currency": (
        "valuta",
        "valuta origine",
        "val",
        "divisa",
        "currency",
        "currency code",
        "cur",
        "document currency",
        "local currency",
    ),
    "payment_method": (
        "tipo pagamento",
        "tipo pagamento descrizione",
        "modalita di pagamento",
        "pagamento",
        "condizioni di pagamento",
        "tipopag",
        "terms",
        "terms of payment",
        "payment method",
        "payment terms",
    ),
    "salesperson": ("agente", "venditore", "commerciale", "salesperson", "sales rep", "rep"),
    "email": ("email", "e mail", "mail", "indirizzo email"),
    "pec": ("pec", "indirizzo pec"),
    "phone": ("telefono", "tel", "cellulare", "phone", "mobile", "telephone"),
    "notes": ("note", "annotazioni", "annotazione scadenza", "notes", "memo", "description"),
}

# A field is "required" when the import cannot work without it (or a stand-in for it).
REQUIRED = ("customer", "money", "date")

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise_header(text: str) -> str:
    """Compare headers without case, accents or punctuation: 'Cod. cliente' -> 'cod cliente'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", plain.lower()).strip()


SYNONYM_INDEX: dict[str, str] = {normalise_header(word): field for field, words in SYNONYMS.items() for word in words}


def empty_items() -> pl.DataFrame:
    """An open-item frame with no rows and the canonical schema."""
    return pl.DataFrame(schema=OPEN_ITEM)
