"""Every user-facing string in Italian and English, and how numbers and dates are written: words
at the edge.

Each entry is `key: (italiano, english)`; placeholders use `str.format` names. Codes stay
English in data (issue codes, failure codes, field names); they are translated only here.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib.i18n.engine import ENGINE
from lib.i18n.messages import FAILURES, FIELD_NAMES, ISSUES, POLICY
from lib.i18n.ui_customer import UI as _CUSTOMER
from lib.i18n.ui_frame import UI as _FRAME
from lib.i18n.ui_ledgers import UI as _LEDGERS
from lib.i18n.ui_mail import UI as _MAIL
from lib.i18n.ui_portfolio import UI as _PORTFOLIO
from lib.i18n.ui_post import UI as _POST
from lib.i18n.ui_queue import UI as _QUEUE
from lib.i18n.ui_safety import UI as _SAFETY
from lib.i18n.ui_settings import UI as _SETTINGS
from lib.i18n.ui_simulator import UI as _SIMULATOR
from lib.i18n.ui_team import UI as _TEAM
from lib.i18n.ui_work import UI as _WORK
from lib.i18n.ui_workspace import UI as _WORKSPACE

LANGUAGES = ("it", "en")
DEFAULT_LANGUAGE = "it"

_PAGES = (
    _FRAME,
    _SIMULATOR,
    _PORTFOLIO,
    _WORK,
    _SETTINGS,
    _LEDGERS,
    _CUSTOMER,
    _WORKSPACE,
    _SAFETY,
    _MAIL,
    _QUEUE,
    _TEAM,
    _POST,
)
UI: dict[str, tuple[str, str]] = {key: entry for page in _PAGES for key, entry in page.items()}
if len(UI) != sum(map(len, _PAGES)):  # a key in two catalogues: one would silently win
    raise RuntimeError(f"UI keys defined twice: {[k for k in UI if sum(k in p for p in _PAGES) > 1]}")

__all__ = ["DEFAULT_LANGUAGE", "ENGINE", "FAILURES", "FIELD_NAMES", "ISSUES", "LANGUAGES", "POLICY", "UI"]


def _pick(entry: tuple[str, str], lang: str) -> str:
    return entry[LANGUAGES.index(lang)] if lang in LANGUAGES else entry[1]


def t(key: str, lang: str, **params: object) -> str:
    """The UI string `key` in `lang`, with its placeholders filled."""
    text = _pick(UI[key], lang)
    return text.format(**params) if params else text


def word(key: str, lang: str, **params: object) -> str:
    """An ENGINE phrase in `lang`, with its placeholders filled."""
    text = _pick(ENGINE[key], lang)
    return text.format(**params) if params else text


def policy_message(code: str, params: dict[str, object], lang: str) -> str:
    """Why a policy cannot work, in `lang` (lib.policy.PolicyError carries the code and params)."""
    return _pick(POLICY[code], lang).format(**params)


def date_format(lang: str) -> str:
    """The strftime pattern of `format_date`, for formatting date columns in expressions."""
    return "%d/%m/%Y" if lang == "it" else "%d %b %Y"


def field_name(field: str, lang: str) -> str:
    return _pick(FIELD_NAMES[field], lang)


def failure(code: str, lang: str, params: dict[str, object]) -> str:
    """One sentence saying why a file could not be imported."""
    safe = {k: v for k, v in params.items() if isinstance(v, (str, int, float))}
    if code == "missing_columns" and isinstance(params.get("missing"), str):
        safe["missing"] = ", ".join(field_name(m.strip(), lang) for m in str(params["missing"]).split(","))
    try:
        return _pick(FAILURES[code], lang).format(**safe)
    except KeyError:
        return _pick(FAILURES["unexpected"], lang).format(file=safe.get("file", "?"), error=code)


def issue_messages(code: pl.Expr, column: pl.Expr, value: pl.Expr, lang: str) -> pl.Expr:
    """Vectorised issue text: the template for `code` with `{column}` and `{value}` filled."""
    templates = {c: _pick(texts, lang) for c, texts in ISSUES.items()}
    template = code.replace_strict(templates, default="{value}", return_dtype=pl.String)
    # a total that does not match is "label: 4402.64 ≠ 4392.64" in the report: its amounts in words here
    mismatch = value.str.extract_groups(r"^(.*): (-?\d+)\.(\d{2}) ≠ (-?\d+)\.(\d{2})$")
    figures = pl.concat_str(
        mismatch.struct[0],
        pl.lit(": "),
        amount(_cents(mismatch.struct[1], mismatch.struct[2]), lang),
        pl.lit(" ≠ "),
        amount(_cents(mismatch.struct[3], mismatch.struct[4]), lang),
    )
    value = pl.when(code == "total_mismatch").then(pl.coalesce(figures, value)).otherwise(value)
    return template.str.replace("{column}", column.fill_null(""), literal=True).str.replace(
        "{value}", value.fill_null(""), literal=True
    )


def _cents(units: pl.Expr, hundredths: pl.Expr) -> pl.Expr:
    """The cents of a decimal split at its point ("-0", "50" is -50)."""
    sign = pl.when(units.str.starts_with("-")).then(-1).otherwise(1)
    return units.cast(pl.Int64) * 100 + sign * hundredths.cast(pl.Int64)


def cell_texts(texts: pl.Expr, lang: str) -> pl.Expr:
    """Cell texts joined by " · " (a column's examples) with their plain decimals (9889.02, as a
    spreadsheet stores them) and ISO dates written as the user reads them."""
    cell = pl.element()
    iso = cell.str.contains(r"^\d{4}-\d{2}-\d{2}$")
    day = cell.str.to_date("%Y-%m-%d", strict=False).dt.to_string(date_format(lang))
    decimal = cell.str.contains(r"^-?\d+\.\d+$")
    units, fraction = cell.str.extract(r"^-?(\d+)\."), cell.str.extract(r"\.(\d+)$")
    number = pl.concat_str(
        pl.when(cell.str.starts_with("-")).then(pl.lit("-")).otherwise(pl.lit("")),
        _grouped(units, "." if lang == "it" else ","),
        pl.lit("," if lang == "it" else "."),
        fraction,
    )
    return (
        texts.str.split(" · ")
        .list.eval(pl.when(iso).then(day).when(decimal).then(number).otherwise(cell))
        .list.join(" · ")
    )


def _grouped(digits: pl.Expr, mark: str) -> pl.Expr:
    """Digits with a `mark` every three from the right: reverse, mark, reverse back."""
    return digits.str.reverse().str.replace_all(r"(\d{3})", f"${{1}}{mark}").str.strip_suffix(mark).str.reverse()


def names(column: str, prefix: str, codes: tuple[str, ...], lang: str) -> pl.Expr:
    """Codes of a column (steps, tracks, channels) in words: the ENGINE or UI entry `prefix.code`."""
    table = ENGINE if f"{prefix}.{codes[0]}" in ENGINE else UI
    return pl.col(column).replace_strict(
        {c: _pick(table[f"{prefix}.{c}"], lang) for c in codes}, default=pl.col(column)
    )


def format_number(value: float, lang: str, decimals: int = 1) -> str:
    """`1.234,5` in Italian, `1,234.5` in English."""
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "it" else text


def format_percent(value: float, lang: str, decimals: int = 1) -> str:
    """A percentage given in percent: `72,2%` in Italian, `72.2%` in English."""
    return f"{format_number(value, lang, decimals)}%"


def format_count(number: int, lang: str) -> str:
    """`1.234` in Italian, `1,234` in English."""
    grouped = f"{number:,}"
    return grouped.replace(",", ".") if lang == "it" else grouped


_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def format_money(cents: int, currency: str, lang: str) -> str:
    """`1.234,56 EUR` in Italian, `€1,234.56` in English; exact (no float)."""
    sign = "-" if cents < 0 else ""
    units, hundredths = divmod(abs(cents), 100)
    grouped = format_count(units, lang)
    if lang == "it":
        return f"{sign}{grouped},{hundredths:02d} {currency}"
    symbol = _SYMBOLS.get(currency, currency)
    return f"{sign}{symbol}{'' if len(symbol) == 1 else ' '}{grouped}.{hundredths:02d}"


def money(cents: pl.Expr, currency: pl.Expr | str, lang: str) -> pl.Expr:
    """`format_money` as an expression, for whole columns (null cents give null)."""
    currency = pl.lit(currency) if isinstance(currency, str) else currency
    if lang == "it":
        return pl.concat_str(amount(cents, lang), pl.lit(" "), currency)
    symbol = currency.replace_strict(_SYMBOLS, default=currency + " ")
    sign = pl.when(cents < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.concat_str(sign, symbol, amount(cents.abs(), lang))


def amount(cents: pl.Expr, lang: str) -> pl.Expr:
    """Cents as a number without currency: `-1.234,56` in Italian, `-1,234.56` in English."""
    grouped = _grouped((cents.abs() // 100).cast(pl.String), "." if lang == "it" else ",")
    hundredths = (cents.abs() % 100).cast(pl.String).str.zfill(2)
    sign = pl.when(cents < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.concat_str(sign, grouped, pl.lit("," if lang == "it" else "."), hundredths)


def format_date(day: dt.date | None, lang: str) -> str:
    """`20/11/2026` in Italian, `20 Nov 2026` in English (never the ambiguous 11/20)."""
    if day is None:
        return "—"
    return day.strftime(date_format(lang))
