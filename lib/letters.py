"""Collection letters (IT/EN) from editable templates, as plain text for e-mail and as PDF.

The wording lives in `templates/letters/<lang>/<kind>.txt` (first line: the subject) and the
table labels in `templates/letters/<lang>/labels.toml`; see `templates/letters/README.md`.
This module picks the documents, computes the figures, fills `$placeholders` and draws the
PDF with the bundled DejaVu font (`assets/fonts`), so nothing depends on system fonts.

A letter covers one account (customer × currency): every overdue document not disputed, with
credit notes and unallocated payments (negative open amounts) netted in the capital.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import string
import tomllib
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import polars as pl
from fpdf import FPDF
from fpdf.fonts import FontFace

from lib.i18n import LANGUAGES, format_date, format_money
from lib.interest import COMPENSATION_CENTS, late_interest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates" / "letters"
FONTS = ROOT / "assets" / "fonts"

KINDS = ("courtesy", "reminder", "formal_demand", "instalment_agreement", "settlement_agreement")
LADDER_KINDS = KINDS[:3]  # the ones the weekly list sends; the agreements need a plan or an offer
STEP_OF_KIND = {"courtesy": "courtesy", "reminder": "letter_1", "formal_demand": "letter_2"}  # logged when sent
COURTESY_DAYS = 7  # a courtesy reminder lists what falls due within this many days of its date
_REQUIRED = {  # company details each letter cannot go without
    "courtesy": ("name", "iban"),
    "reminder": ("name", "iban"),
    "formal_demand": ("name", "vat_id", "address", "iban"),
    "instalment_agreement": ("name", "vat_id", "address", "iban"),
    "settlement_agreement": ("name", "vat_id", "address", "iban"),
}
_TABLE = re.compile("\x00(\\w+)\x00")  # where a table block stands in the filled template

ERRORS: dict[str, tuple[str, str]] = {
    "kind": ("Tipo di lettera sconosciuto: {kind}. Tipi: {kinds}.", "Unknown letter kind {kind}. Kinds: {kinds}."),
    "lang": ("Lingua non prevista: {lang}. Lingue: {langs}.", "Unsupported language {lang}. Languages: {langs}."),
    "company": (
        "Mancano dati dell'azienda necessari per questa lettera: {fields}. Completali nelle impostazioni.",
        "Company details this letter needs are missing: {fields}. Fill them in the settings.",
    ),
    "iban": (
        "L'IBAN {iban} non è valido (cifre di controllo errate): correggilo nelle impostazioni.",
        "The IBAN {iban} is not valid (wrong check digits): correct it in the settings.",
    ),
    "no_documents": (
        "{customer}: nessun documento da sollecitare (i documenti contestati sono esclusi).",
        "{customer}: no document to claim (disputed documents are left out).",
    ),
    "nothing_due": (
        "{customer}: le note di credito coprono i documenti scaduti ({capital}): nulla da chiedere.",
        "{customer}: credit notes cover the overdue documents ({capital}): nothing to claim.",
    ),
    "currencies": (
        "{customer}: documenti in più valute ({currencies}): indica la valuta, una lettera per valuta.",
        "{customer}: documents in several currencies ({currencies}): give the currency, one letter each.",
    ),
    "no_plan": (
        "Il piano di rientro richiede il calendario delle rate (colonne {columns}).",
        "An instalment agreement needs the plan's schedule (columns {columns}).",
    ),
    "settlement": (
        "Il saldo e stralcio richiede un importo tra zero e il credito ({claim}) e una scadenza dopo il {date}.",
        "A settlement needs an amount between zero and the claim ({claim}) and a deadline after {date}.",
    ),
    "signature": (
        "Il primo pagamento del piano ({date}), entro cui firmare, è anteriore alla data della lettera ({on}): "
        "concorda di nuovo il piano con date future.",
        "The plan's first payment ({date}), the date to sign by, is before the letter's date ({on}): agree the plan "
        "again with dates to come.",
    ),
    "batch": (
        "Il tipo {kind} non si prepara in serie: richiede un piano o un'offerta per ogni cliente.",
        "The kind {kind} cannot be made in bulk: it needs a plan or an offer for each customer.",
    ),
    "template_missing": ("Modello {path} non trovato.", "Template {path} not found."),
    "template_empty": (
        "Il modello {path} è vuoto: la prima riga deve essere l'oggetto.",
        "Template {path} is empty: its first line must be the subject.",
    ),
    "placeholder": (
        "Modello {path}: segnaposto sconosciuto {names}. Disponibili: {known}.",
        "Template {path}: unknown placeholder {names}. Available: {known}.",
    ),
    "syntax": (
        "Modello {path}: {error}. Dopo '$' va il nome di un segnaposto; per il simbolo del dollaro scrivi $$.",
        "Template {path}: {error}. A '$' must be followed by a placeholder name; write $$ for a dollar sign.",
    ),
    "labels": ("Etichette {path}: {error}.", "Labels {path}: {error}."),
}


class LetterError(ValueError):
    """A letter that cannot be made; the message (in the letter's language) says what to fix.

    `code` is a key of ERRORS and `params` its values, for a caller that words it differently.
    """

    def __init__(self, code: str, lang: str = "en", /, **params: object) -> None:
        self.code, self.params = code, params
        italian, english = ERRORS[code]
        super().__init__((italian if lang == "it" else english).format(**params))


@dataclass(frozen=True)
class Company:
    """The sender: from the saved settings (`Company.from_mapping(store.settings())`)."""

    name: str
    vat_id: str
    address: str  # several lines allowed
    iban: str
    signature: str = ""  # who signs, e.g. "Mario Rossi, ufficio crediti"; several lines allowed
    email: str = ""
    pec: str = ""
    phone: str = ""
    place: str = ""  # the town written before the letter's date

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Company:
        """Take each field from `values[field]` or `values["company_" + field]`; the rest are ignored."""
        found = {}
        for item in fields(cls):
            value = values.get(item.name, values.get(f"company_{item.name}"))
            found[item.name] = "" if value is None else str(value).strip()
        return cls(**found)


@dataclass(frozen=True)
class Table:
    """A table inside a letter, already formatted: text cells, the numeric columns right-aligned."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    footer: tuple[tuple[str, ...], ...] = ()  # total lines, in bold


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
    warnings: tuple[str, ...] = ()  # e.g. interest at an unconfirmed rate: check before sending

    @property
    def email_subject(self) -> str:
        """The subject without its leading label ("Oggetto:", "Subject:")."""
        return re.sub(r"^\w+\s*:\s*", "", self.subject)


# --- templates -----------------------------------------------------------------------------------


def _template_path(template_dir: Path, lang: str, kind: str, diffida: bool) -> Path:
    name = "formal_demand_diffida" if kind == "formal_demand" and diffida else kind
    return template_dir / lang / f"{name}.txt"


def _read_template(path: Path, lang: str) -> string.Template:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise LetterError("template_missing", lang, path=path) from error
    if not text.strip():
        raise LetterError("template_empty", lang, path=path)
    template = string.Template(text.lstrip("\ufeff"))
    if not template.is_valid():
        try:
            template.substitute({name: "" for name in template.get_identifiers()})
        except ValueError as error:
            raise LetterError("syntax", lang, path=path, error=error) from error
    return template


def _fill(path: Path, template: string.Template, values: Mapping[str, str], lang: str) -> tuple[str, str]:
    """(subject, body) of the filled template; every placeholder must be one of `values`."""
    unknown = [name for name in template.get_identifiers() if name not in values]
    if unknown:
        names = ", ".join(f"${name}" for name in unknown)
        known = ", ".join(f"${name}" for name in sorted(values))
        raise LetterError("placeholder", lang, path=path, names=names, known=known)
    text = template.substitute(values).replace("\r\n", "\n")
    subject, _, body = text.partition("\n")
    return _TABLE.sub("", subject).strip(), body


def _labels(template_dir: Path, lang: str) -> _Labels:
    path = template_dir / lang / "labels.toml"
    try:
        with path.open("rb") as handle:
            labels = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise LetterError("labels", lang, path=path, error=error) from error
    return _Labels(path, lang, labels)


class _Labels(dict[str, Any]):
    """labels.toml with a clear error for a missing label."""

    def __init__(self, path: Path, lang: str, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.path, self.lang = path, lang

    def section(self, name: str) -> dict[str, str]:
        table = self.get(name)
        if not isinstance(table, dict):
            raise LetterError("labels", self.lang, path=self.path, error=f"no [{name}] table")
        return {key: str(value) for key, value in table.items()}

    def __call__(self, section: str, key: str) -> str:
        try:
            return str(self[section][key])
        except (KeyError, TypeError) as error:
            raise LetterError("labels", self.lang, path=self.path, error=f"no [{section}] {key}") from error


# --- documents and figures -----------------------------------------------------------------------


def iban_is_valid(iban: str) -> bool:
    """ISO 13616 check digits (mod 97), spaces ignored."""
    compact = re.sub(r"\s+", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    return int("".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])) % 97 == 1


def format_iban(iban: str) -> str:
    """The IBAN in groups of four, as printed on paper: `IT60 X054 2811 …`."""
    compact = re.sub(r"\s+", "", iban).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _documents(items: pl.DataFrame | pl.LazyFrame, kind: str, on: dt.date, as_of: dt.date) -> pl.DataFrame:
    """The documents a letter dated `on` lists from the books at `as_of`: not disputed; credits
    always (netted), debts by due date.

    A courtesy reminder lists what falls due by `on` + COURTESY_DAYS; every other letter what was
    overdue at `as_of` (one that fell due after it may be paid already: the books do not say).
    Adds `days_late` (at `on`) and `claimed` (a positive amount overdue at `as_of`).
    """
    lazy = items.lazy()
    names = lazy.collect_schema().names()
    disputed = pl.col("disputed").fill_null(False) if "disputed" in names else pl.lit(False)
    last_due = on + dt.timedelta(days=COURTESY_DAYS) if kind == "courtesy" else as_of - dt.timedelta(days=1)
    debt = (pl.col("open_cents") > 0) & (pl.col("due_date") <= last_due)
    days_late = (pl.lit(on) - pl.col("due_date")).dt.total_days().clip(lower_bound=0)
    return (
        lazy.filter(~disputed & (debt | (pl.col("open_cents") < 0)))
        .with_columns(
            days_late.cast(pl.Int64).alias("days_late"),
            ((pl.col("open_cents") > 0) & (pl.col("due_date") < as_of)).alias("claimed"),
        )
        .sort("customer_id", "currency", "due_date", "doc_number", nulls_last=True)
        .collect()
    )


def _interest(docs: pl.DataFrame, on: dt.date, currency: str) -> tuple[pl.DataFrame, pl.DataFrame, list[str]]:
    """Per document interest to `on` (late_interest) and the EUR 40 for each late invoice.

    Returns the documents with `interest_cents` and `compensation_cents`, the rates applied
    (from, to, rate_pct) and the warnings.
    """
    interest, compensation, periods, warnings = [], [], [], set()
    for open_cents, due, doc_type, claimed in docs.select("open_cents", "due_date", "doc_type", "claimed").rows():
        if not claimed:
            interest.append(0)
            compensation.append(0)
            continue
        result = late_interest(open_cents, due, on)
        interest.append(result.interest_cents)
        compensation.append(result.compensation_cents if doc_type == "invoice" and currency == "EUR" else 0)
        periods += [(p.start, p.end, p.rate_pct) for p in result.periods]
        warnings.update(result.warnings)
    if currency != "EUR" and docs["claimed"].any():
        warnings.add(f"the EUR 40 compensation is not added: the account is in {currency}")
    if "due_estimated" in docs.columns and docs["due_estimated"].fill_null(False).any():
        warnings.add("some due dates are estimated from ageing buckets: the interest is approximate")
    semester = [pl.col("from").dt.year().alias("_year"), (pl.col("from").dt.month() <= 6).alias("_first_half")]
    rates = (
        pl.DataFrame(periods, schema={"from": pl.Date, "to": pl.Date, "rate_pct": pl.Float64}, orient="row")
        .group_by(semester)
        .agg(pl.col("from").min(), pl.col("to").max(), pl.col("rate_pct").first())
        .sort("from")
        .select("from", "to", "rate_pct")
    )
    with_interest = docs.with_columns(
        pl.Series("interest_cents", interest, dtype=pl.Int64),
        pl.Series("compensation_cents", compensation, dtype=pl.Int64),
    )
    return with_interest, rates, sorted(warnings)


# --- tables --------------------------------------------------------------------------------------


def _money(cents: int, currency: str, lang: str) -> str:
    return format_money(int(cents), currency, lang)


def _doc_names(docs: pl.DataFrame, labels: _Labels) -> list[str]:
    kinds = labels.section("doc_types")
    name = pl.concat_str(
        pl.col("doc_type").replace_strict(kinds, default=pl.col("doc_type"), return_dtype=pl.String),
        pl.col("doc_number").fill_null(""),
        separator=" ",
    )
    return docs.select(name.str.strip_chars().alias("name"))["name"].to_list()


def _documents_table(docs: pl.DataFrame, kind: str, currency: str, lang: str, labels: _Labels) -> Table:
    late = kind != "courtesy"
    heads = ["document", "doc_date", "due_date", *(["days_late"] if late else []), "open"]
    rows = []
    for name, (doc_date, due, days, cents) in zip(
        _doc_names(docs, labels), docs.select("doc_date", "due_date", "days_late", "open_cents").rows(), strict=True
    ):
        days_text = [str(days) if cents > 0 and days else ""] if late else []
        rows.append(
            (name, format_date(doc_date, lang), format_date(due, lang), *days_text, _money(cents, currency, lang))
        )
    total = (
        labels("totals", "documents"),
        "",
        "",
        *([""] if late else []),
        _money(docs["open_cents"].sum(), currency, lang),
    )
    return Table(
        tuple(labels("columns", h) for h in heads),
        tuple(rows),
        (False, False, False, *([True] if late else []), True),
        (total,),
    )


def _interest_table(docs: pl.DataFrame, currency: str, lang: str, labels: _Labels) -> Table:
    heads = ["document", "doc_date", "due_date", "open", "days_late", "interest", "compensation"]
    columns = ("doc_date", "due_date", "open_cents", "days_late", "interest_cents", "compensation_cents", "claimed")
    rows = []
    for name, (doc_date, due, cents, days, interest, comp, claimed) in zip(
        _doc_names(docs, labels), docs.select(columns).rows(), strict=True
    ):
        money = [_money(c, currency, lang) if claimed else "" for c in (interest, comp)]
        dates = (format_date(doc_date, lang), format_date(due, lang))
        rows.append((name, *dates, _money(cents, currency, lang), str(days) if claimed else "", *money))
    sums = [_money(docs[c].sum(), currency, lang) for c in ("open_cents", "interest_cents", "compensation_cents")]
    total = (labels("totals", "documents"), "", "", sums[0], "", sums[1], sums[2])
    return Table(
        tuple(labels("columns", h) for h in heads),
        tuple(rows),
        (False, False, False, True, True, True, True),
        (total,),
    )


def _summary_table(totals: Mapping[str, int], currency: str, lang: str, labels: _Labels) -> Table:
    keys = ("capital", "interest", "compensation")
    rows = tuple((labels("totals", k), _money(totals[f"{k}_cents"], currency, lang)) for k in keys)
    total = (labels("totals", "total"), _money(totals["total_cents"], currency, lang))
    return Table((), rows, (False, True), (total,))


def _rates_table(rates: pl.DataFrame, lang: str, labels: _Labels) -> Table:
    def pct(value: float) -> str:
        text = f"{value:.2f}%"
        return text.replace(".", ",") if lang == "it" else text

    rows = tuple((format_date(a, lang), format_date(b, lang), pct(r)) for a, b, r in rates.rows())
    heads = tuple(labels("columns", h) for h in ("from", "to", "rate"))
    return Table(heads, rows, (False, False, True))


def _schedule_table(plan: pl.DataFrame, currency: str, lang: str, labels: _Labels) -> Table:
    with_interest = bool(plan["interest_cents"].sum())
    heads = ["instalment", "due_date", "capital", *(["plan_interest"] if with_interest else []), "payment"]
    rows = []
    for n, day, capital, interest, payment in plan.select(
        "n", "date", "capital_cents", "interest_cents", "payment_cents"
    ).rows():
        money = [capital, *([interest] if with_interest else []), payment]
        label = labels("totals", "down_payment") if n == 0 else str(n)
        rows.append((label, format_date(day, lang), *(_money(c, currency, lang) for c in money)))
    sums = [plan[c].sum() for c in ("capital_cents", *(["interest_cents"] if with_interest else []), "payment_cents")]
    total = (labels("totals", "documents"), "", *(_money(c, currency, lang) for c in sums))
    return Table(
        tuple(labels("columns", h) for h in heads),
        tuple(rows),
        (False, False, *[True] * len(money)),
        (total,),
    )


def table_text(table: Table) -> str:
    """The table as aligned plain text: numbers to the right, a rule under the headers and above the total."""
    lines = [*([table.headers] if table.headers else []), *table.rows, *table.footer]
    widths = [max(len(line[i]) for line in lines) for i in range(len(table.numeric))]

    def line(cells: Sequence[str]) -> str:
        parts = (c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, table.numeric, strict=True))
        return "  ".join(parts).rstrip()

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    out = [*([line(table.headers), rule] if table.headers else []), *map(line, table.rows)]
    if table.footer:
        out += [rule, *map(line, table.footer)]
    return "\n".join(out)


# --- composing -----------------------------------------------------------------------------------


def _check_company(kind: str, company: Company, lang: str) -> None:
    missing = [name for name in _REQUIRED[kind] if not getattr(company, name)]
    if missing:
        raise LetterError("company", lang, fields=", ".join(missing))
    if not iban_is_valid(company.iban):
        raise LetterError("iban", lang, iban=company.iban)


def _contacts(company: Company, labels: _Labels) -> str:
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
    policy: Mapping[str, Any],
    *,
    as_of: dt.date | None = None,
    plan: pl.DataFrame | None = None,
    settlement: Mapping[str, Any] | None = None,
    template_dir: Path | None = None,
) -> Letter:
    """One letter of `kind` to one account, dated `on`, on the books at `as_of` (the snapshot's
    date, default `on`): it claims what was overdue then, with interest to `on`.

    `customer` holds customer_id and, if known, customer_name, vat_id, address, email, pec and
    currency (what is missing is taken from the items). `items` are open items in the canonical
    schema, optionally with a boolean `disputed`; only the customer's, in its currency, are used.
    An instalment agreement needs `plan` (lib.plans.schedule); a settlement needs `settlement`
    with amount_cents, deadline and optionally claim_cents (by default the documents' capital).
    Raises LetterError when the letter cannot be made.
    """
    _check_request(kind, lang)
    _check_company(kind, company, lang)
    lazy = items.lazy().filter(pl.col("customer_id") == str(customer["customer_id"]))
    if customer.get("currency"):
        lazy = lazy.filter(pl.col("currency") == customer["currency"])
    docs = _documents(lazy, kind, on, as_of or on)
    return _compose(kind, customer, docs, company, on, lang, policy, plan, settlement, template_dir or TEMPLATES)


def _check_request(kind: str, lang: str) -> None:
    if lang not in LANGUAGES:
        raise LetterError("lang", "en", lang=lang, langs=", ".join(LANGUAGES))
    if kind not in KINDS:
        raise LetterError("kind", lang, kind=kind, kinds=", ".join(KINDS))


def _compose(
    kind: str,
    customer: Mapping[str, Any],
    docs: pl.DataFrame,
    company: Company,
    on: dt.date,
    lang: str,
    policy: Mapping[str, Any],
    plan: pl.DataFrame | None,
    settlement: Mapping[str, Any] | None,
    template_dir: Path,
) -> Letter:
    rules = {"reminder_days": 10, "demand_days": 10, "diffida": False, "diffida_min_days": 15}
    rules |= policy.get("letters", {})
    path = _template_path(template_dir, lang, kind, bool(rules["diffida"]))
    template = _read_template(path, lang)
    labels = _labels(template_dir, lang)

    customer_id = str(customer["customer_id"])
    name = _first(customer, docs, "customer_name") or customer_id
    currencies = sorted(set(docs["currency"].drop_nulls().to_list()))
    if len(currencies) > 1:
        raise LetterError("currencies", lang, customer=name, currencies=", ".join(currencies))
    currency = str(customer.get("currency") or (currencies[0] if currencies else "EUR"))
    if docs.filter(pl.col("open_cents") > 0).is_empty():
        raise LetterError("no_documents", lang, customer=name)
    capital = int(docs["open_cents"].sum())
    if capital <= 0:
        raise LetterError("nothing_due", lang, customer=name, capital=_money(capital, currency, lang))

    def money(cents: int) -> str:
        return _money(cents, currency, lang)

    totals = {"capital_cents": capital, "interest_cents": 0, "compensation_cents": 0, "total_cents": capital}
    tables: dict[str, Table] = {"documents_table": _documents_table(docs, kind, currency, lang, labels)}
    values: dict[str, str] = {}
    warnings: list[str] = []
    term: int | None = None
    deadline: dt.date | None = None

    if kind == "courtesy":
        deadline = docs.filter(pl.col("open_cents") > 0)["due_date"].min()
    elif kind == "reminder":
        term = int(rules["reminder_days"])
    elif kind == "formal_demand":
        term = int(rules["demand_days"])
        if rules["diffida"]:
            term = max(term, int(rules["diffida_min_days"]))
        docs, rates, warnings = _interest(docs, on, currency)
        totals["interest_cents"] = int(docs["interest_cents"].sum())
        totals["compensation_cents"] = int(docs["compensation_cents"].sum())
        totals["total_cents"] = capital + totals["interest_cents"] + totals["compensation_cents"]
        tables["interest_table"] = _interest_table(docs, currency, lang, labels)
        tables["rates_table"] = _rates_table(rates, lang, labels)
        tables["summary_table"] = _summary_table(totals, currency, lang, labels)
        values |= {k: money(totals[f"{k}_cents"]) for k in ("interest", "compensation")}
    elif kind == "instalment_agreement":
        columns = ("n", "date", "capital_cents", "interest_cents", "payment_cents")
        if plan is None or plan.is_empty() or not set(columns) <= set(plan.columns):
            raise LetterError("no_plan", lang, columns=", ".join(columns))
        plan = plan.sort("n")
        debt, plan_interest, plan_total = (int(plan[c].sum()) for c in columns[2:])
        totals |= {"debt_cents": debt, "plan_interest_cents": plan_interest, "total_cents": plan_total}
        if debt != capital:
            warnings.append(f"the plan's capital ({money(debt)}) differs from the listed documents' ({money(capital)})")
        deadline = plan["date"].min()
        if deadline < on:  # the signature is due by the first payment: it cannot be in the past
            raise LetterError("signature", lang, date=format_date(deadline, lang), on=format_date(on, lang))
        tables["schedule_table"] = _schedule_table(plan, currency, lang, labels)
        values |= {
            "debt": money(debt),
            "plan_interest": money(plan_interest),
            "plan_total": money(plan_total),
            "instalments": str(plan.filter(pl.col("n") > 0).height),
            "payments": str(plan.height),
            "down_payment": money(int(plan.filter(pl.col("n") == 0)["payment_cents"].sum())),
            "first_date": format_date(plan["date"].min(), lang),
            "last_date": format_date(plan["date"].max(), lang),
        }
    else:  # settlement_agreement
        claim = int((settlement or {}).get("claim_cents") or capital)
        amount = (settlement or {}).get("amount_cents")
        deadline = (settlement or {}).get("deadline")
        if not isinstance(amount, int) or not 0 < amount < claim or not isinstance(deadline, dt.date) or deadline < on:
            raise LetterError("settlement", lang, claim=money(claim), date=format_date(on, lang))
        totals |= {"claim_cents": claim, "settlement_cents": amount, "discount_cents": claim - amount}
        totals["total_cents"] = amount
        values |= {"claim": money(claim), "settlement_amount": money(amount), "discount": money(claim - amount)}

    if term is not None:
        deadline = on + dt.timedelta(days=term)
        values["term_days"] = str(term)
    values |= {
        "date": format_date(on, lang),
        "place": company.place,
        "company_name": company.name,
        "company_vat": company.vat_id,
        "company_address": _one_line(company.address),
        "company_email": company.email,
        "company_pec": company.pec,
        "company_phone": company.phone,
        "contacts": _contacts(company, labels),
        "iban": format_iban(company.iban),
        "signature": company.signature,
        "dateline": ", ".join(part for part in (company.place, format_date(on, lang)) if part),
        "customer_id": customer_id,
        "customer_name": name,
        "customer_vat": _first(customer, docs, "vat_id"),
        "customer_address": _one_line(_first(customer, docs, "address")),
        "customer_email": _first(customer, docs, "email"),
        "customer_pec": _first(customer, docs, "pec"),
        "currency": currency,
        "documents_count": str(docs.height),
        "capital": money(capital),
        "total": money(totals["total_cents"]),
        "deadline": format_date(deadline, lang),
        "compensation_each": format_money(COMPENSATION_CENTS, "EUR", lang),
    }
    if "interest_cents" not in docs.columns:
        docs = docs.with_columns(pl.lit(0, pl.Int64).alias(c) for c in ("interest_cents", "compensation_cents"))
    values |= {key: f"\x00{key}\x00" for key in tables}
    subject, filled = _fill(path, template, values, lang)
    blocks = _blocks(filled, tables)

    vat = labels("letterhead", "vat")
    letterhead = (
        company.name,
        *company.address.splitlines(),
        f"{vat} {company.vat_id}" if company.vat_id else "",
        _contacts(company, labels),
    )
    address = _first(customer, docs, "address")
    addressee = (
        labels("letterhead", "to"),
        name,
        *address.splitlines(),
        *([f"{vat} {values['customer_vat']}"] if values["customer_vat"] else []),
        *([f"{labels('contacts', 'pec')} {values['customer_pec']}"] if values["customer_pec"] else []),
    )
    return Letter(
        kind=kind,
        lang=lang,
        on=on,
        customer_id=customer_id,
        customer_name=name,
        currency=currency,
        subject=subject,
        body="\n\n".join(table_text(b) if isinstance(b, Table) else b for b in blocks),
        documents=docs.drop("claimed"),
        totals=totals,
        deadline=deadline,
        term_days=term,
        blocks=blocks,
        letterhead=tuple(line for line in letterhead if line.strip()),
        addressee=tuple(line for line in addressee if line.strip()),
        dateline=values["dateline"],
        warnings=tuple(warnings),
    )


def _blocks(filled: str, tables: Mapping[str, Table]) -> tuple[str | Table, ...]:
    """Text paragraphs and tables in order; runs of blank lines shrink to one."""
    blocks: list[str | Table] = []
    for i, part in enumerate(_TABLE.split(filled)):
        if i % 2:
            blocks.append(tables[part])
            continue
        text = "\n".join(line.rstrip() for line in part.splitlines())
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
        if text.strip():
            blocks.append(text)
    return tuple(blocks)


def compose_many(
    kind: str,
    accounts: pl.DataFrame,
    items: pl.DataFrame | pl.LazyFrame,
    company: Company,
    on: dt.date,
    lang: str,
    policy: Mapping[str, Any],
    *,
    as_of: dt.date | None = None,
    template_dir: Path | None = None,
) -> tuple[list[Letter], pl.DataFrame]:
    """One letter of `kind` per account (customer_id, currency) of `accounts`, in their order,
    dated `on`, on the books at `as_of` (default `on`; see `compose`).

    Returns (letters, skipped): skipped has customer_id, currency, code and reason for each
    account with nothing to claim. A company or template problem stops everything (LetterError).
    """
    _check_request(kind, lang)
    if kind not in LADDER_KINDS:
        raise LetterError("batch", lang, kind=kind)
    _check_company(kind, company, lang)
    keys = ["customer_id", "currency"]
    wanted = accounts.unique(subset=keys, keep="first", maintain_order=True)
    docs = _documents(items.lazy().join(wanted.lazy().select(keys), on=keys, how="semi"), kind, on, as_of or on)
    by_account = docs.partition_by(keys, as_dict=True)
    empty = docs.clear()
    letters, skipped = [], []
    for account in wanted.to_dicts():
        key = (account["customer_id"], account["currency"])
        try:
            letter = _compose(
                kind, account, by_account.get(key, empty), company, on, lang, policy, None, None,
                template_dir or TEMPLATES,
            )  # fmt: skip
        except LetterError as error:
            if error.code not in ("no_documents", "nothing_due"):
                raise
            skipped.append((*key, error.code, str(error)))
            continue
        letters.append(letter)
    schema = {"customer_id": pl.String, "currency": pl.String, "code": pl.String, "reason": pl.String}
    return letters, pl.DataFrame(skipped, schema=schema, orient="row")


# --- output --------------------------------------------------------------------------------------


def to_text(letter: Letter) -> str:
    """The plain text for an e-mail: the subject line, a blank line, the body."""
    return f"{letter.subject}\n\n{letter.body}\n"


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=7.5)
        self.set_text_color(110)
        self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")


_FONT = 10
_TABLE_FONT = 8.5
_LINE = 5.0


def to_pdf(letter: Letter) -> bytes:
    """The letter on A4 with the bundled DejaVu Sans: letterhead, addressee, date, subject, body."""
    pdf = _Pdf(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(letter.email_subject)
    pdf.set_author(letter.letterhead[0] if letter.letterhead else "")
    pdf.set_lang(letter.lang)
    pdf.set_creation_date(dt.datetime.combine(letter.on, dt.time(), tzinfo=dt.UTC))
    pdf.add_page()

    name, *details = letter.letterhead or ("",)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(0, 7, name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=8.5)
    pdf.set_text_color(80)
    for line in details:
        pdf.cell(0, 4.2, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(10)

    pdf.set_font("DejaVu", size=_FONT)
    for i, line in enumerate(letter.addressee):
        pdf.set_x(115)
        pdf.set_font("DejaVu", "B" if i == 1 else "", _FONT)
        pdf.multi_cell(75, _LINE, line, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("DejaVu", size=_FONT)
    pdf.cell(0, _LINE, letter.dateline, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", _FONT)
    pdf.multi_cell(0, _LINE, letter.subject, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    for block in letter.blocks:
        if isinstance(block, Table):
            _pdf_table(pdf, block)
        else:
            pdf.set_font("DejaVu", size=_FONT)
            pdf.multi_cell(0, _LINE, block, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def _pdf_table(pdf: FPDF, table: Table) -> None:
    """Columns as wide as their longest cell (headers may wrap between words), scaled to the page."""
    pad = 1.2
    pdf.set_font("DejaVu", "B", _TABLE_FONT)
    heads = [max((pdf.get_string_width(w) for w in h.split()), default=0) for h in table.headers] or [0] * len(
        table.numeric
    )
    bold = [max((pdf.get_string_width(row[i]) for row in table.footer), default=0) for i in range(len(heads))]
    pdf.set_font("DejaVu", size=_TABLE_FONT)
    body = [max((pdf.get_string_width(row[i]) for row in table.rows), default=0) for i in range(len(heads))]
    natural = [max(parts) + 2 * pad + 1 for parts in zip(heads, bold, body, strict=True)]
    width = pdf.epw if sum(natural) > 0.6 * pdf.epw else sum(natural) * 1.2
    with pdf.table(
        col_widths=natural,
        text_align=tuple("RIGHT" if num else "LEFT" for num in table.numeric),
        first_row_as_headings=bool(table.headers),
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        borders_layout="HORIZONTAL_LINES",
        line_height=4.6,
        padding=(0.8, pad),
        width=width,
        align="LEFT",
    ) as grid:
        for cells in (*([table.headers] if table.headers else []), *table.rows):
            row = grid.row()
            for cell in cells:
                row.cell(cell)
        for cells in table.footer:
            row = grid.row()
            for cell in cells:
                row.cell(cell, style=FontFace(emphasis="BOLD"))


def file_stem(letter: Letter, with_currency: bool = False) -> str:
    """`2026-11-23_C001_formal_demand`: the date, a safe form of the customer code, the kind."""
    plain = unicodedata.normalize("NFKD", letter.customer_id).encode("ascii", "ignore").decode()
    code = re.sub(r"[^A-Za-z0-9-]+", "_", plain).strip("_-")[:40] or "customer"
    currency = f"_{re.sub(r'[^A-Za-z0-9]+', '', letter.currency)}" if with_currency else ""
    return f"{letter.on.isoformat()}_{code}{currency}_{letter.kind}"


def zip_letters(letters: Sequence[Letter]) -> bytes:
    """A zip with `<stem>.pdf` and `<stem>.txt` for each letter (the currency added when a customer
    has letters in several; `-2`, `-3`… for what still collides)."""
    stems = [file_stem(letter) for letter in letters]
    stems = [file_stem(lt, True) if stems.count(s) > 1 else s for lt, s in zip(letters, stems, strict=True)]
    seen: dict[str, int] = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter, stem in zip(letters, stems, strict=True):
            seen[stem] = seen.get(stem, 0) + 1
            unique = stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"
            stamp = (letter.on.year, letter.on.month, letter.on.day, 0, 0, 0)
            for name, data in ((f"{unique}.pdf", to_pdf(letter)), (f"{unique}.txt", to_text(letter).encode())):
                archive.writestr(zipfile.ZipInfo(name, stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
