"""The one lib module that imports streamlit: state keys, cached loaders and shared widgets."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib import (
    agreements,
    charts,
    clock,
    exports,
    i18n,
    interest,
    letters,
    plans,
    portfolio,
    settings,
    simulator,
    weekly,
)
from lib.actionlog import OUTCOMES, SENT_BY
from lib.ageing import ACCOUNT, totals_by_currency
from lib.book import Book, policy_of, read_book
from lib.ingest import Imported, ImportFailed, import_file
from lib.policy import CAPACITY_OF_CHANNEL, CHECKS, GRADES, STEPS, TRACKS, PolicyError
from lib.schema import FIELDS
from lib.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FILE = ROOT / "sample_data" / "scadenzario_gestionale.xlsx"
CURRENCIES = ("EUR", "USD", "GBP", "CHF")


@dataclass(frozen=True)
class Keys:
    """Session-state keys: UI state only (data lives in the store)."""

    language: str = "language"  # plain state: a widget's key would be dropped on a run that skips it
    language_switch: str = "language_switch"
    import_settings: str = "import_settings"  # file sha256 -> reading settings
    last_sample: str = "last_sample"
    operator: str = "operator"  # who logs actions, remembered for the session
    flash: str = "flash"  # a message to show after the rerun that follows a saved form


KEYS = Keys()
_LADDER_SCHEMA = {
    "step": pl.String, "channel": pl.String, "template": pl.String, "offset": pl.Int64,
    "after": pl.String, "gap": pl.Int64, "required": pl.Boolean,
}  # fmt: skip


def init_state() -> None:
    if KEYS.language not in st.session_state:  # a new session starts in the language saved in settings
        st.session_state[KEYS.language] = store().settings().get("language", i18n.DEFAULT_LANGUAGE)
    st.session_state.setdefault(KEYS.import_settings, {})


def _switch_language() -> None:
    st.session_state[KEYS.language] = st.session_state[KEYS.language_switch]


def lang() -> str:
    return str(st.session_state.get(KEYS.language, i18n.DEFAULT_LANGUAGE))


def t(key: str, **params: object) -> str:
    return i18n.t(key, lang(), **params)


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")


def plain(text: object) -> str:
    """Text from a file or a user, escaped for st.markdown: shown as typed, never as markup."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def labels(prefix: str, codes: Iterable[str]) -> Callable[[str], str]:
    """A format_func giving each code its UI text, resolved now (a format_func may be called later,
    outside the script run that knows the session's language)."""
    return {code: t(f"{prefix}.{code}") for code in codes}.__getitem__


def store() -> Store:
    return Store.open()


@st.cache_data(show_spinner=False, max_entries=6, ttl="1h")  # a 500k-row import weighs ~100 MB
def load_import(
    data: bytes,
    file_name: str,
    as_of: dt.date | None,
    sheet: str | None,
    mapping: tuple[tuple[str, str | None], ...],
    currency: str | None,
) -> Imported:
    """Cached import of uploaded bytes (cache_data hands each caller its own copy)."""
    return import_file(data, file_name, as_of=as_of, sheet=sheet, mapping=dict(mapping), currency=currency)


def sample() -> Imported:
    """The sample export behind "Load sample data", imported like any upload (and cached)."""
    return load_import(SAMPLE_FILE.read_bytes(), SAMPLE_FILE.name, None, None, (), None)


# --- frame ----------------------------------------------------------------------------------


def sidebar(slot: DeltaGenerator) -> None:
    """Language switch, workspace and latest snapshot: the same on every page."""
    with slot:
        st.session_state[KEYS.language_switch] = lang()
        st.segmented_control(
            i18n.t("sidebar.language", lang()),
            options=list(i18n.LANGUAGES),
            format_func=str.upper,
            key=KEYS.language_switch,
            required=True,
            on_change=_switch_language,
        )
        workspace = store()
        st.caption(f"{t('sidebar.workspace')}: `{workspace.home}`")
        latest = workspace.latest()
        st.caption(t("sidebar.latest"))
        if latest is None:
            st.caption(t("sidebar.none"))
        else:
            st.markdown(
                t(
                    "sidebar.snapshot",
                    file=latest["file_name"],
                    as_of=i18n.format_date(latest["as_of"], lang()),  # type: ignore[arg-type]
                    items=latest["items"],
                    customers=latest["customers"],
                )
            )


def snapshots_table() -> None:
    """Every saved snapshot, newest as-of first, with its open amount per currency."""
    catalogue = store().snapshots()
    if catalogue.height == 0:
        return
    st.subheader(t("start.snapshots"))
    open_text = [
        " · ".join(i18n.format_money(x["open_cents"], x["currency"], lang()) for x in json.loads(totals))
        for totals in catalogue["totals"]
    ]
    _table(
        catalogue.select("id", "as_of", "file_name", "items", "customers", "imported_at").with_columns(
            pl.Series("open", open_text, dtype=pl.String), pl.col("imported_at").str.slice(0, 16).str.replace("T", " ")
        ),
        {
            "id": "#",
            "as_of": st.column_config.DateColumn(t("import.as_of"), format="DD/MM/YYYY"),
            "file_name": t("col.file"),
            "items": t("import.items"),
            "customers": t("import.customers"),
            "open": t("col.open"),
            "imported_at": t("col.imported_at"),
        },
    )


def show_failure(error: ImportFailed) -> None:
    st.error(i18n.failure(error.code, lang(), error.params))


# --- import summary -------------------------------------------------------------------------


def import_summary(imported: Imported) -> None:
    """Counts, open and overdue per currency, estimate warning and reconciliation status."""
    report = imported.report
    st.markdown(
        t(
            "import.detected",
            sheet=report.sheet,
            row=report.header_row,
            layout=t(f"layout.{report.layout}"),
            as_of=i18n.format_date(report.as_of, lang()),
            source=t(f"source.{report.as_of_source}"),
        )
    )
    # one row per currency, counts on the first; amounts get wide columns (up to 15 characters)
    totals = totals_by_currency(imported.items.lazy(), report.as_of).to_dicts() if report.as_of else []
    for i, total in enumerate(totals or [None]):
        columns = st.columns([1, 1, 2, 2])
        if i == 0:
            columns[0].metric(t("import.items"), i18n.format_count(imported.items.height, lang()))
            columns[1].metric(
                t("import.customers"), i18n.format_count(imported.items["customer_id"].n_unique(), lang())
            )
        if total:
            cur = total["currency"]
            columns[2].metric(t("import.open", currency=cur), i18n.format_money(total["open_cents"], cur, lang()))
            columns[3].metric(t("import.overdue", currency=cur), i18n.format_money(total["overdue_cents"], cur, lang()))
    if report.estimated_due_dates:
        st.warning(t("import.estimated"), icon=":material/schedule:")
    unsaved = report.counts.get("unsaved_formulas", 0)
    if unsaved:
        st.warning(t("import.unsaved_formulas", n=i18n.format_count(unsaved, lang())), icon=":material/function:")
    excluded = report.counts.get("excluded_rows", 0)
    if excluded:
        st.warning(t("import.excluded", n=excluded), icon=":material/block:")
    recon = report.reconciliation
    mismatches = recon.filter(pl.col("difference_cents") != 0).height
    if recon.height == 0:
        st.caption(t("import.no_totals"))
    elif mismatches:
        st.warning(t("import.not_reconciled", n=mismatches, total=recon.height), icon=":material/warning:")
    else:
        st.success(t("import.reconciled", n=recon.height), icon=":material/check_circle:")


def import_details(imported: Imported, key: str) -> None:
    """Issues, reconciliation and a preview of the items, in tabs."""
    report = imported.report
    issues, recon, preview = st.tabs(
        [t("import.issues", n=report.issues.height), t("import.reconciliation"), t("import.preview")]
    )
    with issues:
        issues_table(report.issues, key=key)
    with recon:
        reconciliation_table(report.reconciliation)
    with preview:
        items_preview(imported.items)


def _table(frame: pl.DataFrame, columns: dict[str, object]) -> None:
    """A full-width table without the index, with translated column headers and formats."""
    st.dataframe(frame, hide_index=True, width="stretch", column_config=columns)  # type: ignore[arg-type]


def issues_table(issues: pl.DataFrame, key: str) -> None:
    """Translated, filterable, downloadable issues."""
    if issues.height == 0:
        st.caption(t("import.no_issues"))
        return
    severities = issues["severity"].unique(maintain_order=True).to_list()
    chosen = st.pills(
        t("import.issues_filter"),
        options=severities,
        default=[s for s in severities if s != "info"] or severities,
        selection_mode="multi",
        format_func=labels("severity", severities),
        key=f"{key}-severity",
    )
    shown = issues.filter(pl.col("severity").is_in(chosen or severities)).with_columns(
        i18n.issue_messages(pl.col("code"), pl.col("column"), pl.col("value"), lang()).alias("message"),
        pl.col("severity").replace({s: t(f"severity.{s}") for s in severities}),
    )
    columns = ("sheet", "row", "column", "severity", "message")
    _table(shown.select(columns), {c: t(f"col.{c}") for c in columns})
    st.download_button(
        t("import.issues_download"),
        data=exports.csv_bytes(shown),
        file_name="issues.csv",
        mime="text/csv",
        key=f"{key}-download",
        icon=":material/download:",
    )


def reconciliation_table(recon: pl.DataFrame) -> None:
    if recon.height == 0:
        return
    money = recon.with_columns(
        (pl.col(c) / 100).alias(c) for c in ("report_cents", "rows_cents", "difference_cents")
    ).sort(pl.col("difference_cents").abs(), descending=True)
    _table(
        money,
        {
            "row": t("col.row"),
            "label": t("col.label"),
            "column": t("col.column"),
            "report_cents": st.column_config.NumberColumn(t("col.report"), format="%.2f"),
            "rows_cents": st.column_config.NumberColumn(t("col.rows"), format="%.2f"),
            "difference_cents": st.column_config.NumberColumn(t("col.difference"), format="%.2f"),
        },
    )


def items_preview(items: pl.DataFrame, rows: int = 200) -> None:
    shown = items.head(rows).with_columns((pl.col(c) / 100).alias(c) for c in ("amount_cents", "open_cents"))
    _table(
        shown.drop([c for c in shown.columns if shown[c].null_count() == shown.height]),
        {
            "amount_cents": st.column_config.NumberColumn(i18n.field_name("amount", lang()), format="%.2f"),
            "open_cents": st.column_config.NumberColumn(i18n.field_name("open", lang()), format="%.2f"),
        },
    )


# --- reading settings -----------------------------------------------------------------------


def _field_names() -> dict[str, str]:
    return {field: i18n.field_name(field, lang()) for field in FIELDS}


def settings_for(sha256: str) -> dict[str, object]:
    return dict(st.session_state[KEYS.import_settings].get(sha256, {}))


@dataclass(frozen=True)
class Reading:
    """What the settings form starts from: the last import's findings, or a failure's hints."""

    headers: list[str]
    mapping: dict[str, str]
    sheets: list[str]
    sheet: str | None
    header_row: int | None
    as_of: dt.date | None
    as_of_in_file: dt.date | None
    currency: str
    preview: pl.DataFrame | None
    read: bool  # the file was imported (a failed import knows nothing of its as-of date)


def reading_of(result: Imported | ImportFailed, settings: dict[str, object]) -> Reading:
    if isinstance(result, ImportFailed):
        params = result.params
        return Reading(
            headers=list(params.get("headers", [])),
            mapping=dict(params.get("mapping", {})),
            sheets=[str(params["sheet"])] if "sheet" in params else [],
            sheet=params.get("sheet"),
            header_row=params.get("row"),
            as_of=settings.get("as_of"),  # type: ignore[arg-type]
            as_of_in_file=None,
            currency=str(settings.get("currency") or CURRENCIES[0]),
            preview=params.get("preview"),
            read=False,
        )
    report = result.report
    return Reading(
        headers=list(report.headers),
        mapping=report.mapping,
        sheets=list(report.sheets),
        sheet=report.sheet,
        header_row=report.header_row,
        as_of=report.as_of,
        as_of_in_file=report.as_of_in_file,
        currency=report.default_currency,
        preview=report.columns,
        read=True,
    )


def settings_form(sha256: str, reading: Reading) -> None:
    """Sheet, as-of date, default currency and the column mapping, submitted together."""
    none = t("import.mapping_none")
    with st.form(f"settings-{sha256}"):
        left, middle, right = st.columns(3)
        sheets = reading.sheets or [""]
        chosen_sheet = left.selectbox(
            t("import.sheet"),
            sheets,
            index=sheets.index(reading.sheet) if reading.sheet in sheets else 0,
            help=t("import.sheet_help"),
            disabled=len(sheets) < 2,
        )
        chosen_as_of = middle.date_input(t("import.as_of"), value=reading.as_of, format="DD/MM/YYYY")
        if reading.as_of_in_file:
            middle.caption(t("import.as_of_found", date=i18n.format_date(reading.as_of_in_file, lang())))
        elif reading.read:
            middle.caption(t("import.as_of_missing"))
        chosen_currency = right.selectbox(
            t("import.currency"),
            CURRENCIES,
            index=CURRENCIES.index(reading.currency) if reading.currency in CURRENCIES else 0,
        )
        st.markdown(f"**{t('import.mapping')}**")
        if reading.header_row is not None:
            st.caption(t("import.mapping_help", row=reading.header_row, sheet=reading.sheet))
        if reading.preview is not None:
            _table(
                reading.preview.with_columns(pl.col("field").replace_strict(_field_names(), default=none)),
                {
                    "column": t("import.mapping_column"),
                    "field": t("import.mapping_field"),
                    "examples": t("import.mapping_examples"),
                },
            )
        options = [none, *reading.headers]
        grid = st.columns(4)
        chosen: dict[str, str | None] = {}
        for i, field in enumerate(FIELDS):
            current = reading.mapping.get(field)
            picked = grid[i % 4].selectbox(
                i18n.field_name(field, lang()),
                options,
                index=options.index(current) if current in options else 0,
                key=f"map-{sha256}-{field}",
            )
            chosen[field] = None if picked == none else picked
        if st.form_submit_button(t("import.apply"), icon=":material/refresh:"):
            previous = settings_for(sha256).get("mapping") or {}
            changed = {f: v for f, v in chosen.items() if v != reading.mapping.get(f)}
            st.session_state[KEYS.import_settings][sha256] = {
                "sheet": chosen_sheet or None,
                "as_of": chosen_as_of,
                "currency": chosen_currency,
                "mapping": {**previous, **changed},  # type: ignore[dict-item]
            }
            st.rerun()


def read_upload(data: bytes, file_name: str, sha256: str) -> Imported | ImportFailed:
    """Import with the settings the user chose for this file (cached on bytes + settings)."""
    settings = settings_for(sha256)
    mapping = settings.get("mapping") or {}
    try:
        return load_import(
            data,
            file_name,
            settings.get("as_of"),  # type: ignore[arg-type]
            settings.get("sheet"),  # type: ignore[arg-type]
            tuple(sorted(mapping.items())),  # type: ignore[union-attr]
            settings.get("currency"),  # type: ignore[arg-type]
        )
    except ImportFailed as error:
        return error
    except Exception as error:  # a bug of ours: the log gets the traceback, the user one sentence
        logging.getLogger(__name__).exception("import of %s failed", file_name)
        return ImportFailed("unexpected", file=file_name, error=type(error).__name__)


def save(imported: Imported) -> None:
    """Save a snapshot and say what happened (saved, already there, or failed with nothing stored)."""
    try:
        saved = store().save_snapshot(imported)
    except (OSError, ValueError) as error:
        st.error(t("import.save_failed", error=error))
        return
    if saved.duplicate:
        st.info(t("import.duplicate", id=saved.snapshot_id, when=saved.imported_at[:16].replace("T", " ")))
    else:
        st.success(t("import.saved", id=saved.snapshot_id), icon=":material/save:")


# --- the workspace as the pages see it ------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=4)
def _book(home: str, revision: tuple[object, ...], lang: str, today: dt.date) -> Book | None:
    """The book of the workspace at `home` on `today`, recomputed whenever the store's revision
    or the date changes."""
    del revision  # the cache key: a new snapshot, a log row or a setting makes a new book
    return read_book(Store.open(home), lang, today)


def book() -> Book | None:
    workspace = store()
    return _book(str(workspace.home), workspace.revision(), lang(), clock.today())


def need_book() -> Book:
    """The book, or (empty workspace) say so, link to the import page and the sample data, and stop."""
    current = book()
    if current is None:
        st.info(t("empty.no_snapshot"), icon=":material/inbox:")
        left, right = st.columns(2)
        left.page_link("views/start.py", label=t("empty.sample"), icon=":material/dataset:")
        right.page_link("views/import_data.py", label=t("empty.import"), icon=":material/upload_file:")
        st.stop()
    if current.policy_error:
        error = current.policy_error
        st.warning(
            t("settings.invalid_saved", error=i18n.policy_message(error.code, error.params, lang())),
            icon=":material/warning:",
        )
    return current


def flash() -> None:
    """Show (once) what the last saved form did: the rerun that followed it would lose an st.success."""
    message = st.session_state.pop(KEYS.flash, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def saved(message: str) -> None:
    st.session_state[KEYS.flash] = message
    st.rerun()


def money_column(label: str) -> object:
    return st.column_config.TextColumn(label, alignment="right")


def date_column(label: str) -> object:
    return st.column_config.DateColumn(label, format="DD/MM/YYYY" if lang() == "it" else "DD MMM YYYY")


def account_link(currency: pl.Expr) -> pl.Expr:
    """Each row's account page address, for a LinkColumn (the page reads ?customer=&currency=)."""
    return pl.concat_str(pl.lit("/account?customer="), pl.col("customer_id"), pl.lit("&currency="), currency)


def step_name(step: str | None) -> str:
    return i18n.word(f"step.{step}", lang()) if step else "—"


# --- logging what was done --------------------------------------------------------------------


def log_form(account: dict[str, object], documents: pl.DataFrame, key: str, today: dt.date) -> None:
    """Record on one account: a step done with its outcome, a promise, a dispute, a hold or a note.

    The form is bound to the account's key (customer and currency), never to a position in a list:
    a submit is taken only by the form of the account it was filled for, and names it.
    """
    kinds = ("step", "promise", "dispute", "hold", "note")
    kind = st.segmented_control(
        t("log.kind"), kinds, default="step", format_func=labels("log", kinds), key=f"{key}-kind", required=True
    )
    customer, currency = str(account["customer_id"]), str(account["currency"])
    name = str(account.get("customer_name") or customer)
    with st.form(f"{key}-{kind}-{customer}-{currency}", clear_on_submit=True, border=True):
        st.markdown(t("log.on_account", customer=plain(name), code=plain(customer), currency=currency))
        left, right = st.columns(2)
        on = left.date_input(t("log.date"), value=today, format="DD/MM/YYYY", max_value=today)
        operator = right.text_input(t("log.operator"), value=st.session_state.get(KEYS.operator, ""))
        values: dict[str, object] = {}
        if kind == "step":
            steps = [s for s in (account.get("step"), *STEPS, *CHECKS) if s]
            steps = list(dict.fromkeys(steps))
            step = left.selectbox(t("log.step_done"), steps, format_func={s: step_name(s) for s in steps}.__getitem__)
            policy_channel = str(account.get("channel") or "phone")
            sent_by = SENT_BY.get(policy_channel, (policy_channel,))
            channel = right.selectbox(t("log.channel"), sent_by, format_func=labels("channel", sent_by))
            group = "phone" if channel == "phone" else "handover" if channel in ("agency", "lawyer") else "letter"
            outcome = left.selectbox(t("log.outcome"), OUTCOMES[group], format_func=labels("outcome", OUTCOMES[group]))
            note = right.text_input(t("log.note"))
            values = {"step": step, "date": on, "channel": channel, "outcome": outcome, "note": note or None}
        elif kind == "promise":
            promised = left.date_input(t("log.promised_date"), value=today + dt.timedelta(days=7), format="DD/MM/YYYY")
            amount = right.number_input(
                t("log.amount", currency=currency),
                min_value=0.01,
                value=max(int(account.get("overdue_cents") or 0), 1) / 100,
                step=100.0,
                format="%.2f",
            )
            note = st.text_input(t("log.note"))
            values = {
                "currency": currency,
                "made_on": on,
                "promised_date": promised,
                "amount_cents": round(amount * 100),
                "baseline_open_cents": int(account.get("open_cents") or 0),
                "note": note or None,
            }
        elif kind == "dispute":
            numbers = documents.filter(pl.col("open_cents") > 0)["doc_number"].drop_nulls().unique(maintain_order=True)
            chosen = st.multiselect(t("log.documents"), numbers.to_list())
            reason = st.text_input(t("log.reason"))
            values = {"doc_numbers": chosen, "opened_on": on, "reason": reason or None}
        elif kind == "hold":
            until = left.date_input(t("log.until"), value=today + dt.timedelta(days=14), format="DD/MM/YYYY")
            reason = right.text_input(t("log.reason"))
            values = {"made_on": on, "until": until, "reason": reason or None}
        else:
            values = {"date": on, "text": st.text_area(t("log.text"))}
        if st.form_submit_button(t(f"log.save_{kind}"), type="primary", icon=":material/save:"):
            st.session_state[KEYS.operator] = operator
            problem = _record(kind, customer, values, operator or None)
            if problem:
                st.error(problem)
            else:
                saved(t(f"log.saved_{kind}", customer=name))


def _record(kind: str, customer: str, values: dict[str, object], operator: str | None) -> str | None:
    """Write the entry; the error to show instead, if it cannot be written."""
    workspace = store()
    if kind == "dispute":
        numbers = values.pop("doc_numbers")
        if not numbers:
            return t("log.need_documents")
        for number in numbers:  # type: ignore[attr-defined]
            workspace.record("dispute", customer_id=customer, doc_number=number, operator=operator, **values)
        return None
    if kind == "note" and not str(values["text"]).strip():
        return t("log.need_text")
    if kind == "hold" and values["until"] <= values["made_on"]:  # type: ignore[operator]
        return t("log.need_until")
    table = "action" if kind == "step" else kind
    workspace.record(table, customer_id=customer, operator=operator, **values)
    return None


# --- shared pieces of the analysis pages ------------------------------------------------------


def date(day: dt.date | None) -> str:
    return i18n.format_date(day, lang())


def money(cents: int | None, currency: str) -> str:
    return "—" if cents is None else i18n.format_money(int(cents), currency, lang())


def as_of_caption(current: Book) -> None:
    """Which snapshot the page shows and what it is compared with."""
    text = t("book.as_of", date=date(current.as_of), file=current.snapshot["file_name"])
    if current.previous:
        text += " · " + t("book.compared", date=date(current.previous["as_of"]))
    st.caption(text)
    if current.snapshot["estimated_due_dates"]:
        st.warning(t("book.estimated"), icon=":material/schedule:")


def stale_warning(current: Book) -> None:
    """Before anything is sent or offered: say so when the newest snapshot is out of date."""
    days = current.stale_days
    if days is not None:
        st.warning(t("book.stale", date=date(current.as_of), days=days), icon=":material/history:")
        st.page_link("views/import_data.py", label=t("empty.import"), icon=":material/upload_file:")


def account_filters(accounts: pl.DataFrame, key: str) -> pl.DataFrame:
    """Track, rating, salesperson, payment method and currency filters; the accounts they keep."""
    names = [n for n in portfolio.FILTERS if n in accounts.columns and accounts[n].drop_nulls().n_unique() > 0]
    columns = st.columns(len(names))
    chosen: dict[str, list[object]] = {}
    for column, name in zip(columns, names, strict=True):
        values = sorted(accounts[name].unique().to_list(), key=lambda v: (v is None, str(v)))
        chosen[name] = column.multiselect(
            t(f"filters.{name}"),
            values,
            format_func={v: _filter_value(name, v) for v in values}.__getitem__,
            placeholder=t("filters.all"),
            key=f"{key}-filter-{name}",
        )
    return portfolio.select_accounts(accounts, chosen)


def _filter_value(name: str, value: object) -> str:
    if value is None:
        return t("filters.none")
    if name == "track":
        return i18n.word(f"track.{value}", lang())
    return str(value)


def kpi_cards(row: dict, collected: pl.DataFrame | None, sales: dict[str, pl.DataFrame], current: Book) -> None:
    """One currency's KPI cards, each with its change since the previous snapshot."""
    cur = row["currency"]
    prev = row["prev_open_cents"] is not None
    st.markdown(f"**{cur}**")
    cards = [*st.columns(3), *st.columns(3)]

    def change(name: str) -> str | None:
        """The change since the previous snapshot, signed: "+€1,200.00", "-2.5 pp", "+3"."""
        now, before = row[name], row[f"prev_{name}"]
        if now is None or before is None or now == before:
            return None
        size = abs(now - before)
        if name.endswith("_cents"):
            text = money(round(size), cur)
        elif name == "overdue_share":
            text = f"{size * 100:.1f} pp"
        else:
            text = i18n.format_count(round(size), lang())
        return ("+" if now > before else "-") + text

    cards[0].metric(t("kpi.open"), money(row["open_cents"], cur), change("open_cents"), delta_color="off", border=True)
    cards[1].metric(
        t("kpi.overdue"), money(row["overdue_cents"], cur), change("overdue_cents"), delta_color="inverse", border=True
    )
    share = row["overdue_share"]
    cards[2].metric(t("kpi.share"), "—" if share is None else f"{share * 100:.1f}%", change("overdue_share"),
                    delta_color="inverse", border=True)  # fmt: skip
    days = row["avg_days_delinquent"]
    cards[3].metric(t("kpi.days"), "—" if days is None else f"{days:.0f}", change("avg_days_delinquent"),
                    delta_color="inverse", border=True, help=t("kpi.days_help"))  # fmt: skip
    cards[4].metric(t("kpi.accounts_overdue"), i18n.format_count(row["accounts_overdue"], lang()),
                    change("accounts_overdue"), delta_color="inverse", border=True)  # fmt: skip
    got = collected.filter(pl.col("currency") == cur) if collected is not None else None
    cards[5].metric(
        t("kpi.collected"),
        money(got["collected_cents"].sum(), cur) if got is not None else "—",
        help=t("kpi.collected_help", date=date(current.previous["as_of"]))
        if current.previous
        else t("kpi.no_previous"),
        border=True,
    )
    mine = sales.get(cur)
    before = {"open_cents": row["prev_open_cents"]} if prev else None
    figures = portfolio.sales_figures(
        row, before, mine, current.as_of, current.previous["as_of"] if current.previous else None
    ) if mine is not None else None  # fmt: skip
    if figures is None:
        return
    extra = st.columns(4)
    bound = "" if figures["complete"] else "≥ "
    extra[0].metric(t("kpi.dso"), f"{bound}{figures['dso_days']:.1f}", border=True, help=t("kpi.dso_help"))
    extra[1].metric(t("kpi.best_dso"), f"{figures['best_dso_days']:.1f}", border=True)
    add = figures["add_days"]
    extra[2].metric(t("kpi.add"), "—" if add is None else f"{add:.1f}", border=True)
    cei = figures["cei_pct"]
    extra[3].metric(t("kpi.cei"), "—" if cei is None else f"{cei:.1f}%", border=True, help=t("kpi.cei_help"))


def credit_sales() -> dict[str, pl.DataFrame]:
    """Monthly credit sales per currency as typed on the portfolio page: month, sales_cents."""
    saved_sales = store().settings().get("credit_sales", {})
    return {
        cur: pl.DataFrame(
            {"month": list(months), "sales_cents": list(months.values())},
            schema={"month": pl.String, "sales_cents": pl.Int64},
        ).with_columns(pl.col("month").str.to_date("%Y-%m-%d"))
        for cur, months in saved_sales.items()
        if months
    }


def credit_sales_form(currencies: list[str], as_of: dt.date) -> None:
    """Credit sales per month (not in an ageing report): the DSO, best DSO, ADD and CEI need them."""
    st.caption(t("sales.help"))
    current = credit_sales()
    first = (as_of.replace(day=1) - dt.timedelta(days=365)).replace(day=1)  # the same month a year before
    months = pl.DataFrame({"month": pl.date_range(first, as_of, "1mo", eager=True)})
    for cur in currencies:
        known = current.get(cur, pl.DataFrame(schema={"month": pl.Date, "sales_cents": pl.Int64}))
        months = months.join(
            known.select(pl.col("month").dt.month_start(), (pl.col("sales_cents") / 100).alias(cur)),
            on="month",
            how="left",
        )
    with st.form("credit-sales"):
        edited = st.data_editor(
            months.sort("month", descending=True),
            hide_index=True,
            disabled=["month"],
            column_config={
                "month": st.column_config.DateColumn(t("sales.month"), format="MM/YYYY"),
                **{cur: st.column_config.NumberColumn(cur, min_value=0.0, format="%.2f") for cur in currencies},
            },
            key="credit-sales-editor",
        )
        if st.form_submit_button(t("sales.save"), icon=":material/save:"):
            table = pl.from_pandas(edited) if not isinstance(edited, pl.DataFrame) else edited
            value = {
                cur: {
                    str(m): round(v * 100)
                    for m, v in table.select(pl.col("month").cast(pl.Date), cur).drop_nulls().rows()
                }
                for cur in currencies
            }
            store().save_setting("credit_sales", value)
            saved(t("sales.saved"))


def open_clicked(event: object, currency: str) -> None:
    """A click on a point that stands for an account opens that account's page."""
    points = getattr(getattr(event, "selection", None), "points", None) or (
        event.get("selection", {}).get("points", []) if isinstance(event, dict) else []
    )
    for point in points:
        customer = point.get("customdata")
        if isinstance(customer, list):
            customer = customer[0] if customer else None
        if customer:
            st.switch_page("views/account.py", query_params={"customer": customer, "currency": currency})


def debtors_table(top: pl.DataFrame, currency: str) -> None:
    """The Pareto's debtors as a table; the name opens the account page."""
    shown = top.select(
        "rank",
        account_link(pl.lit(currency)).alias("link"),
        pl.col("customer_name").fill_null(pl.col("customer_id")),
        i18n.money(pl.col("overdue_cents"), currency, lang()).alias("overdue"),
        (pl.col("cum_share") * 100).round(1).alias("cum_share"),
        "rating",
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "rank": "#",
            "link": st.column_config.LinkColumn(t("col.account"), display_text=r"customer=([^&]+)"),
            "customer_name": t("col.customer"),
            "overdue": money_column(t("col.overdue")),
            "cum_share": st.column_config.NumberColumn(t("col.cum_share"), format="%.1f%%"),
            "rating": t("col.rating"),
        },
    )


# --- the weekly list --------------------------------------------------------------------------


def week_summary(listed: pl.DataFrame, not_fitting: pl.DataFrame) -> None:
    kinds = listed["channel"].replace_strict(CAPACITY_OF_CHANNEL, default="other").value_counts()
    count = dict(kinds.rows())
    cards = st.columns(4)
    cards[0].metric(t("weekly.actions"), i18n.format_count(listed.height, lang()), border=True)
    cards[1].metric(t("weekly.calls_listed"), i18n.format_count(count.get("calls", 0), lang()), border=True)
    cards[2].metric(t("weekly.letters_listed"), i18n.format_count(count.get("letters", 0), lang()), border=True)
    cards[3].metric(t("weekly.left_out"), i18n.format_count(not_fitting.height, lang()), border=True)


def account_keys(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """The (customer_id, currency) of each row: what a choice is bound to, never a position."""
    return frame.select(*ACCOUNT).rows()


def _fingerprint(frame: pl.DataFrame) -> str:
    """A short digest of the rows' accounts and steps, in order: a widget keyed on it starts afresh
    when the list under it changes, so a selection made on one list never lands on another."""
    shown = frame.select(*ACCOUNT, "step") if "step" in frame.columns else frame.select(*ACCOUNT)
    return hashlib.sha256(shown.write_csv().encode()).hexdigest()[:12]


def action_table(frame: pl.DataFrame, key: str, selectable: bool = True) -> list[tuple[str, str]]:
    """Entries of the action list (lib.weekly.ENTRY), in words; the accounts the user selected."""
    code = lang()
    shown = frame.select(
        "priority",
        account_link(pl.col("currency")).alias("link"),
        pl.col("customer_name").fill_null(pl.col("customer_id")),
        i18n.names("step", "step", (*STEPS, *CHECKS), code),
        i18n.names("channel", "channel", tuple(SENT_BY), code),
        "due_date",
        "late_days",
        i18n.money(pl.col("overdue_cents"), pl.col("currency"), code).alias("overdue"),
        "oldest_days",
        "rating",
        i18n.names("track", "track", TRACKS, code),
        "phone",
        "email",
        "pec",
        "trace",
        *(["reason"] if "reason" in frame.columns else []),
    )
    columns = {
        "priority": st.column_config.NumberColumn("#", width="small"),
        "link": st.column_config.LinkColumn(t("col.account"), display_text=r"customer=([^&]+)", width="small"),
        "customer_name": st.column_config.TextColumn(t("col.customer"), pinned=True),
        "step": t("col.step"),
        "channel": t("col.channel"),
        "due_date": date_column(t("col.due")),
        "late_days": st.column_config.NumberColumn(t("col.late_days"), help=t("col.late_days_help")),
        "overdue": money_column(t("col.overdue")),
        "oldest_days": st.column_config.NumberColumn(t("col.oldest_days")),
        "rating": st.column_config.TextColumn(t("col.rating"), width="small"),
        "track": t("col.track"),
        "phone": t("col.phone"),
        "email": t("col.email"),
        "pec": t("col.pec"),
        "trace": st.column_config.TextColumn(t("col.trace"), width="large"),
        "reason": t("col.reason"),
    }
    if not selectable:
        st.dataframe(shown, hide_index=True, width="stretch", column_config=columns, key=key)  # type: ignore[arg-type]
        return []
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=columns,  # type: ignore[arg-type]
        on_select="rerun",
        selection_mode="multi-row",
        key=f"{key}-{_fingerprint(frame)}",  # a selection belongs to the list it was made on
    )
    keys = account_keys(frame)
    return [keys[row] for row in event.selection.rows]  # type: ignore[union-attr]


def bulk_letters(listed: pl.DataFrame, chosen: list[tuple[str, str]], today: dt.date) -> None:
    """Mark the selected letters as sent in one go, by the first way their channel allows (e-mail,
    or PEC for a formal demand); the button names the accounts it will record on."""
    if not chosen:
        st.caption(t("weekly.select_hint"))
        return
    picked = listed.join(pl.DataFrame(chosen, schema=list(ACCOUNT), orient="row"), on=list(ACCOUNT), how="semi").filter(
        pl.col("channel").replace_strict(CAPACITY_OF_CHANNEL, default=None) == "letters"
    )
    names = ", ".join(picked["customer_name"].fill_null(picked["customer_id"]))
    if st.button(
        t("weekly.mark_sent", n=picked.height), disabled=picked.is_empty(), icon=":material/mark_email_read:",
        help=names or None, key=f"mark-sent-{_fingerprint(picked)}",
    ):  # fmt: skip
        sent = [
            (c, step, SENT_BY[channel][0])
            for c, step, channel in picked.select("customer_id", "step", "channel").rows()
        ]
        _record_sent(sent, today)
        saved(t("weekly.marked", n=picked.height))


def pick_account(listed: pl.DataFrame, chosen: list[tuple[str, str]], key: str) -> tuple[str, str]:
    """The account to record on, by its key: the one picked before while it is still listed (the
    list may re-rank under it), the first selected row when the selection changes, else the top."""
    keys = account_keys(listed)
    names = listed.select(
        pl.concat_str(
            pl.col("priority").cast(pl.String) + ".",
            pl.col("customer_name").fill_null(pl.col("customer_id")),
            pl.lit("—"),
            i18n.names("step", "step", (*STEPS, *CHECKS), lang()),
            separator=" ",
        )
    ).to_series()
    followed = f"{key}-followed"  # the selection the picker last followed
    if chosen and st.session_state.get(followed) != chosen[0]:
        st.session_state[key] = chosen[0]
    st.session_state[followed] = chosen[0] if chosen else None
    current = st.session_state.get(key)
    # The account is remembered by its key (UI state). The widget is keyed on the list, so when the
    # list re-ranks a new one starts on that account: the browser never keeps showing one account
    # while the server reads another.
    picked = st.selectbox(
        t("weekly.account"), keys, index=keys.index(current) if current in keys else 0,
        format_func=dict(zip(keys, names, strict=True)).__getitem__, key=f"{key}-{_fingerprint(listed)}",
    )  # fmt: skip
    st.session_state[key] = picked
    return picked


# --- one account ------------------------------------------------------------------------------


def choose_account(current: Book) -> tuple[str, str]:
    """The account named in the address (?customer=…&currency=…), or the one the user picks."""
    accounts = current.accounts.sort(["overdue_cents", "customer_id"], descending=[True, False])
    keys = account_keys(accounts)
    names = accounts.select(
        pl.concat_str(
            pl.col("customer_name").fill_null(pl.col("customer_id")),
            pl.lit(" ("),
            pl.col("customer_id"),
            pl.lit(") · "),
            i18n.money(pl.col("overdue_cents"), pl.col("currency"), lang()),
        )
    ).to_series()
    wanted = (st.query_params.get("customer"), st.query_params.get("currency"))
    if wanted[0] and not wanted[1]:  # a link without the currency: the customer's largest account
        wanted = next((k for k in keys if k[0] == wanted[0]), wanted)
    index = keys.index(wanted) if wanted in keys else 0
    customer, currency = st.selectbox(
        t("account.pick"),
        keys,
        index=index,
        format_func=dict(zip(keys, names, strict=True)).__getitem__,
        key=f"account-pick-{_fingerprint(accounts)}",  # a new snapshot re-orders the list: start afresh
    )
    if (customer, currency) != wanted:
        st.query_params.update({"customer": customer, "currency": currency})
    return customer, currency


def chosen_account(current: Book) -> tuple[str, str, dict[str, Any]]:
    """The account the page is about (`choose_account`) and its engine row; stops when it is gone."""
    customer, currency = choose_account(current)
    row = current.account(customer, currency)
    if row is None:
        st.warning(t("account.not_found", customer=customer, currency=currency))
        st.stop()
    return customer, currency, row


def account_header(row: dict[str, object]) -> None:
    """Who the debtor is, how it is rated and why, its exposure and its next step with the rule's trace."""
    cur = str(row["currency"])
    st.header(str(row["customer_name"] or row["customer_id"]))
    contacts = [f"{t(f'col.{c}')}: {row[c]}" for c in ("vat_id", "phone", "email", "pec") if row.get(c)]
    st.caption(" · ".join([f"{t('col.code')}: {row['customer_id']}", *contacts]))
    cards = st.columns([1, 2, 2, 2])
    cards[0].metric(t("col.rating"), str(row["rating"]), border=True, help=f"{t('col.score')}: {row['score']}")
    cards[1].metric(t("kpi.open"), money(row["open_cents"], cur), border=True)  # type: ignore[arg-type]
    cards[2].metric(t("kpi.overdue"), money(row["overdue_cents"], cur), border=True)  # type: ignore[arg-type]
    cards[3].metric(t("col.disputed"), money(row["disputed_cents"], cur), border=True)  # type: ignore[arg-type]
    st.markdown(f"**{t('account.rating_why')}** {row['rating_why']}")
    track = i18n.word(f"track.{row['track']}", lang())
    oldest = "—" if row["oldest_days"] is None else row["oldest_days"]
    st.markdown(f"**{t('col.track')}:** {track} · **{t('col.oldest_days')}:** {oldest}")
    if row["step"]:
        late = int(row["late_days"] or 0)
        when = t("account.late", days=late) if late > 0 else t("account.due_on", date=date(row["due_date"]))  # type: ignore[arg-type]
        st.info(f"**{t('account.next')}: {step_name(row['step'])}** ({when})  \n{row['trace']}", icon=":material/flag:")  # type: ignore[arg-type]
    else:
        st.success(t("account.nothing_to_do"), icon=":material/check_circle:")
    if row.get("prescribes_on"):
        st.caption(t("account.prescribes", date=date(row["prescribes_on"])))  # type: ignore[arg-type]


def account_links(customer: str, currency: str) -> None:
    """To this account's letters and to the payment-plan simulator, the account already chosen there."""
    query = {"customer": customer, "currency": currency}
    left, right = st.columns(2)
    left.page_link("views/letters.py", label=t("account.letters"), icon=":material/mail:", query_params=query)
    right.page_link("views/simulator.py", label=t("account.simulator"), icon=":material/calculate:", query_params=query)


def documents_table(docs: pl.DataFrame, currency: str) -> None:
    code = lang()
    shown = docs.select(
        "doc_number",
        pl.col("doc_type").replace_strict(
            {k: t(f"doc.{k}") for k in ("invoice", "credit_note", "payment", "other")}, default=pl.col("doc_type")
        ),
        "doc_date",
        "due_date",
        "days_overdue",
        pl.col("bucket")
        .cast(pl.String)
        .replace_strict(
            {b: charts.bucket_name(b, code) for b in docs["bucket"].dtype.categories.to_list()},  # type: ignore[union-attr]
        ),
        i18n.money(pl.col("open_cents"), currency, code).alias("open"),
        i18n.money(pl.col("interest_cents"), currency, code).alias("interest"),
        i18n.money(pl.col("compensation_cents"), currency, code).alias("compensation"),
        "prescribes_on",
        "disputed",
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "doc_number": t("col.doc_number"),
            "doc_type": t("col.doc_type"),
            "doc_date": date_column(t("col.doc_date")),
            "due_date": date_column(t("col.due")),
            "days_overdue": st.column_config.NumberColumn(t("col.days_overdue")),
            "bucket": t("col.bucket"),
            "open": money_column(t("col.open")),
            "interest": money_column(t("col.interest")),
            "compensation": money_column(t("col.compensation")),
            "prescribes_on": date_column(t("col.prescribes_on")),
            "disputed": st.column_config.CheckboxColumn(t("col.disputed")),
        },
    )
    totals = docs.select(pl.col("open_cents", "interest_cents", "compensation_cents").sum()).row(0, named=True)
    st.markdown(
        t(
            "account.totals",
            open=money(totals["open_cents"], currency),
            interest=money(totals["interest_cents"], currency),
            compensation=money(totals["compensation_cents"], currency),
            total=money(sum(totals.values()), currency),
        )
    )
    st.caption(t("account.interest_help"))


def prescription_note(docs: pl.DataFrame, current: Book) -> None:
    """Documents prescribing within the policy's warning months, or already prescribed."""
    months = current.policy["weekly"]["prescription_warning_months"]
    soon = docs.filter(interest.prescribing_within(current.as_of, months))
    if soon.height:
        numbers = ", ".join(soon["doc_number"].fill_null("—").to_list())
        st.warning(t("account.prescribing", n=soon.height, months=months, numbers=numbers), icon=":material/gavel:")


def account_log(log: object, customer: str, currency: str) -> None:
    """Everything recorded on the customer, newest first."""
    tables = {
        "action": ("date", ["step", "channel", "outcome", "note", "operator"]),
        "promise": ("made_on", ["promised_date", "amount_cents", "operator", "note"]),
        "dispute": ("opened_on", ["doc_number", "reason", "closed_on", "closed_reason", "operator"]),
        "hold": ("made_on", ["until", "reason", "operator"]),
        "note": ("date", ["text", "operator"]),
    }
    rows = []
    for table, (when, fields) in tables.items():
        mine = getattr(log, table).filter(pl.col("customer_id") == customer)
        if table == "promise":
            mine = mine.filter(pl.col("currency") == currency).with_columns(
                i18n.money(pl.col("amount_cents"), currency, lang()).alias("amount_cents")
            )
        if table == "action":
            channels = tuple({c for sent in SENT_BY.values() for c in sent} | set(SENT_BY))
            outcomes = tuple(o for group in OUTCOMES.values() for o in group)
            mine = mine.with_columns(
                i18n.names("step", "step", (*STEPS, *CHECKS), lang()),
                i18n.names("channel", "channel", channels, lang()),
                i18n.names("outcome", "outcome", outcomes, lang()),
            )
        rows.append(
            mine.select(
                pl.col(when).alias("date"),
                pl.lit(t(f"log.{'step' if table == 'action' else table}")).alias("kind"),
                pl.concat_str([pl.col(f).cast(pl.String) for f in fields], separator=" · ", ignore_nulls=True).alias(
                    "details"
                ),
            )
        )
    history = pl.concat(rows).sort("date", descending=True)
    if history.is_empty():
        st.caption(t("account.no_log"))
        return
    shown = history.head(100).select(
        pl.col("date").dt.to_string(i18n.date_format(lang())).alias(t("log.date")),
        pl.col("kind").alias(t("log.kind")),
        pl.col("details").alias(t("col.details")),
    )
    st.table(shown, hide_index=True)  # a short history reads better as plain text than as a grid


# --- settings ---------------------------------------------------------------------------------


def language_setting() -> None:
    """The language new sessions start in (the sidebar switch changes only this session)."""
    saved_language = store().settings().get("language", i18n.DEFAULT_LANGUAGE)
    picked = st.segmented_control(
        t("settings.language"), i18n.LANGUAGES, default=saved_language, format_func=labels("language", i18n.LANGUAGES),
        key="settings-language", required=True,
    )  # fmt: skip
    if picked != saved_language:
        store().save_setting("language", picked)
        st.session_state[KEYS.language] = picked
        saved(t("settings.language_saved"))


def company_form() -> None:
    """Company details printed on letters."""
    company = store().settings().get("company", {})
    st.subheader(t("settings.company"))
    with st.form("company"):
        values = {}
        grid = st.columns(2)
        for i, field in enumerate(f for f in settings.COMPANY_FIELDS if f != "signature"):
            values[field] = grid[i % 2].text_input(t(f"company.{field}"), value=company.get(field, ""))
        values["signature"] = st.text_area(t("company.signature"), value=company.get("signature", ""))
        if st.form_submit_button(t("settings.save_company"), type="primary", icon=":material/save:"):
            values = {k: v.strip() for k, v in values.items()}
            problems = settings.company_problems(values)
            for field, problem in problems:
                st.error(t(f"company.problem_{problem}", field=t(f"company.{field}")))
            if not problems:
                store().save_setting("company", values)
                saved(t("settings.company_saved"))


def _rows(edited: object) -> list[dict[str, object]]:
    """Rows of a data editor's result (pandas or polars), NaN as None."""
    frame = edited if isinstance(edited, pl.DataFrame) else pl.from_pandas(edited)  # type: ignore[arg-type]
    return frame.fill_nan(None).to_dicts() if frame.height else []


def policy_form() -> None:
    """The collection policy: buckets, tracks and their ladders, capacity, offers and letter terms."""
    policy, _ = policy_of(store())
    st.caption(t("settings.policy_help"))
    with st.form("policy"):
        st.markdown(f"**{t('settings.buckets')}**")
        edges = st.text_input(
            t("settings.edges"),
            value=", ".join(map(str, policy["ageing"]["bucket_edges"])),
            help=t("settings.edges_help"),
        )
        st.markdown(f"**{t('settings.tracks')}**")
        tracks = policy["tracks"]
        left, middle, right = st.columns(3)
        fast_ratings = left.multiselect(t("settings.fast_ratings"), GRADES, default=tracks["fast"]["ratings"])
        fast_days = middle.number_input(
            t("settings.fast_days"), min_value=0, value=int(tracks["fast"]["oldest_days_over"]), step=10
        )
        white_ratings = right.multiselect(
            t("settings.white_ratings"), GRADES, default=tracks["white_gloves"]["ratings"]
        )
        st.caption(t("settings.tracks_help"))
        ladders = {}
        for tab, track in zip(st.tabs([i18n.word(f"track.{k}", lang()) for k in TRACKS]), TRACKS, strict=True):
            with tab:
                ladders[track] = st.data_editor(
                    pl.DataFrame(settings.ladder_rows(tracks[track]["ladder"]), schema=_LADDER_SCHEMA, orient="row"),
                    num_rows="dynamic",
                    hide_index=True,
                    width="stretch",
                    key=f"ladder-{track}",
                    column_config={
                        "step": st.column_config.SelectboxColumn(t("col.step"), options=list(STEPS), required=True),
                        "channel": st.column_config.SelectboxColumn(
                            t("col.channel"), options=list(SENT_BY), required=True
                        ),
                        "template": t("settings.template"),
                        "offset": st.column_config.NumberColumn(
                            t("settings.offset"), help=t("settings.offset_help"), step=1
                        ),
                        "after": st.column_config.SelectboxColumn(t("settings.after"), options=list(STEPS)),
                        "gap": st.column_config.NumberColumn(t("settings.gap"), help=t("settings.gap_help"), step=1),
                        "required": st.column_config.CheckboxColumn(
                            t("settings.required"), help=t("settings.required_help")
                        ),
                    },
                )
        st.markdown(f"**{t('settings.capacity')}**")
        left, right = st.columns(2)
        calls = left.number_input(t("weekly.calls"), min_value=0, value=int(policy["weekly"]["calls"]), step=5)
        letters = right.number_input(t("weekly.letters"), min_value=0, value=int(policy["weekly"]["letters"]), step=5)
        st.markdown(f"**{t('settings.offers')}**")
        left, middle, right = st.columns(3)
        capital = left.number_input(
            t("settings.cost_of_capital"), value=float(policy["offers"]["cost_of_capital_pct"]), step=0.5, format="%.2f"
        )
        fee = middle.number_input(
            t("settings.agency_fee"), value=float(policy["offers"]["agency_fee_pct"]), step=1.0, format="%.1f"
        )
        demand_days = right.number_input(t("settings.demand_days"), value=int(policy["letters"]["demand_days"]), step=1)
        diffida = st.checkbox(
            t("settings.diffida"), value=bool(policy["letters"]["diffida"]), help=t("settings.diffida_help")
        )
        if st.form_submit_button(t("settings.save_policy"), type="primary", icon=":material/save:"):
            try:
                overrides = {
                    "ageing": {"bucket_edges": settings.parse_edges(edges)},
                    "tracks": {
                        "fast": {"ratings": fast_ratings, "oldest_days_over": int(fast_days),
                                 "ladder": settings.ladder_from_rows(_rows(ladders["fast"]))},
                        "white_gloves": {"ratings": white_ratings,
                                         "ladder": settings.ladder_from_rows(_rows(ladders["white_gloves"]))},
                        "standard": {"ladder": settings.ladder_from_rows(_rows(ladders["standard"]))},
                    },
                    "weekly": {"calls": int(calls), "letters": int(letters)},
                    "offers": {"cost_of_capital_pct": float(capital), "agency_fee_pct": float(fee)},
                    "letters": {"demand_days": int(demand_days), "diffida": bool(diffida)},
                }  # fmt: skip
                settings.checked(overrides)
            except PolicyError as error:
                st.error(
                    t("settings.invalid", error=i18n.policy_message(error.code, error.params, lang())),
                    icon=":material/error:",
                )
            else:
                store().save_setting("policy", overrides)
                saved(t("settings.policy_saved"))
    if st.button(t("settings.reset"), icon=":material/restart_alt:", help=t("settings.reset_help")):
        store().save_setting("policy", None)
        saved(t("settings.reset_done"))


def policy_file() -> None:
    """The policy in force as a TOML file, and a TOML file to put in force."""
    policy, _ = policy_of(store())
    st.download_button(
        t("settings.export"), data=settings.policy_toml(policy).encode(), file_name="policy.toml",
        mime="application/toml", icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    upload = st.file_uploader(t("settings.import"), type=["toml"], help=t("settings.import_help"))
    if upload is None:
        return
    try:
        imported = settings.policy_from_toml(upload.getvalue(), upload.name)
    except PolicyError as error:
        st.error(
            t("settings.invalid", error=i18n.policy_message(error.code, error.params, lang())), icon=":material/error:"
        )
        return
    st.success(t("settings.import_ok", file=upload.name))
    if st.button(t("settings.import_use"), type="primary", icon=":material/upload:"):
        store().save_setting("policy", imported)
        saved(t("settings.policy_saved"))


# --- letters ----------------------------------------------------------------------------------


def week_asked(today: dt.date) -> dt.date:
    """The Monday of the week in the address (?week=2026-W48, from the weekly page), else today."""
    try:
        return weekly.week_bounds(st.query_params.get("week", ""))[0]
    except ValueError:
        return today


def company_for_letters() -> letters.Company | None:
    """The company details letters are signed with; None (and a link to Settings) when incomplete."""
    details = store().settings().get("company", {})
    problems = settings.company_problems(details)
    if problems:
        missing = ", ".join(t(f"company.{field}") for field, _ in problems)
        st.warning(t("letters.no_company", missing=missing), icon=":material/domain:")
        st.page_link("views/settings.py", label=t("nav.settings"), icon=":material/settings:")
        return None
    return letters.Company.from_mapping(details)


def _record_sent(sent: list[tuple[str, str, str]], on: dt.date) -> None:
    """Log each (customer, step, channel) as sent on `on`."""
    workspace = store()
    operator = st.session_state.get(KEYS.operator) or None
    for customer, step, channel in sent:
        workspace.record("action", customer_id=customer, step=step, date=on, channel=channel, outcome="sent",
                         operator=operator)  # fmt: skip


def week_letters(current: Book, listed: pl.DataFrame, week: str, company: letters.Company | None) -> None:
    """The letters the week's list asks for: one zip of PDFs and texts, then confirm them as sent."""
    due = (
        listed.join(current.accounts.select(*ACCOUNT, "template"), on=list(ACCOUNT))
        .filter(pl.col("template").is_in(letters.LADDER_KINDS))
        .sort("priority")
    )
    if due.is_empty():
        st.info(t("letters.none_due", week=week))
        return
    st.dataframe(
        due.select(
            "priority",
            pl.col("customer_name").fill_null(pl.col("customer_id")),
            i18n.names("step", "step", STEPS, lang()),
            i18n.names("channel", "channel", tuple(SENT_BY), lang()),
            i18n.money(pl.col("overdue_cents"), pl.col("currency"), lang()).alias("overdue"),
        ),
        hide_index=True,
        width="stretch",
        column_config={"priority": "#", "customer_name": t("col.customer"), "step": t("col.step"),
                       "channel": t("col.channel"), "overdue": money_column(t("col.overdue"))},
    )  # fmt: skip
    if company is None:
        return
    # What was prepared is remembered by its accounts and letters: if the list changes before the
    # confirmation (a step logged, a new snapshot), the letters are prepared afresh, never confirmed
    # for accounts the user did not download.
    prepared = f"letters-prepared-{week}"
    batch_key = _fingerprint(due.select(*ACCOUNT, "step", "template"))
    if st.button(t("letters.prepare", n=due.height), type="primary", icon=":material/description:"):
        st.session_state[prepared] = batch_key
    if st.session_state.get(prepared) != batch_key:
        if st.session_state.pop(prepared, None):
            st.warning(t("letters.list_changed"), icon=":material/sync_problem:")
        return
    today = current.today
    made: list[letters.Letter] = []
    try:
        for (kind,), group in due.partition_by("template", as_dict=True).items():
            batch, skipped = letters.compose_many(
                str(kind), group, current.items, company, today, lang(), current.policy, as_of=current.as_of
            )
            made += batch
            for reason in skipped["reason"]:
                st.caption(reason)
    except letters.LetterError as error:
        st.error(str(error))
        return
    st.download_button(
        t("letters.download_zip", n=len(made)), data=functools.partial(letters.zip_letters, made),
        file_name=f"lettere_{week}.zip",
        mime="application/zip", icon=":material/folder_zip:", on_click="ignore",
    )  # fmt: skip
    channels = {(c, cur): ch for c, cur, ch in due.select("customer_id", "currency", "channel").rows()}
    if st.button(t("letters.confirm_all", n=len(made)), icon=":material/mark_email_read:", key=f"confirm-{batch_key}"):
        sent = [
            (x.customer_id, letters.STEP_OF_KIND[x.kind], SENT_BY[channels[x.customer_id, x.currency]][0]) for x in made
        ]
        _record_sent(sent, today)
        st.session_state.pop(prepared, None)
        saved(t("weekly.marked", n=len(sent)))


def one_letter(current: Book, customer: str, currency: str, company: letters.Company | None) -> None:
    """One account's letter: preview, PDF and text, and confirm it as sent."""
    row = current.account(customer, currency)
    if row is None or company is None:
        return
    kinds = letters.LADDER_KINDS
    kind = st.segmented_control(
        t("letters.kind"), kinds, default=row["template"] if row["template"] in kinds else "reminder",
        format_func=labels("letters.kind", kinds), key=f"letter-kind-{customer}-{currency}", required=True,
    )  # fmt: skip
    today = current.today
    try:
        letter = letters.compose(kind, row, current.items, company, today, lang(), current.policy, as_of=current.as_of)
    except letters.LetterError as error:
        st.warning(str(error))
        return
    for warning in letter.warnings:
        st.caption(warning)
    with st.container(border=True):
        st.text(letters.to_text(letter))
    stem = letters.file_stem(letter)
    left, right = st.columns(2)
    left.download_button(t("letters.pdf"), data=functools.partial(letters.to_pdf, letter), file_name=f"{stem}.pdf",
                         mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore")  # fmt: skip
    right.download_button(t("letters.txt"), data=letters.to_text(letter).encode(), file_name=f"{stem}.txt",
                          mime="text/plain", icon=":material/mail:", on_click="ignore")  # fmt: skip
    step = letters.STEP_OF_KIND[kind]
    ladder = {s["step"]: s for s in current.policy["tracks"][row["track"]]["ladder"]}
    options = SENT_BY.get(ladder.get(step, {}).get("channel", "email"), ("email",))
    with st.form(f"sent-{customer}-{currency}-{kind}"):
        left, right = st.columns(2)
        channel = left.selectbox(t("log.channel"), options, format_func=labels("channel", options))
        on = right.date_input(t("log.date"), value=today, max_value=today, format="DD/MM/YYYY")
        if st.form_submit_button(t("letters.confirm_one"), type="primary", icon=":material/mark_email_read:"):
            _record_sent([(customer, step, channel)], on)
            saved(t("letters.sent", customer=row["customer_name"] or customer))


# --- the simulator ---

_SIM_TOAST = "sim-toast"  # a saved agreement or payment, said again where the user is looking


def _pct(value: float) -> str:
    """A percentage with one decimal, in the language's decimal mark."""
    text = f"{value:.1f}%"
    return text.replace(".", ",") if lang() == "it" else text


def _day_text(column: str) -> pl.Expr:
    """A date column as text in the language's format, "—" when missing (a total row, not yet paid)."""
    return pl.col(column).dt.to_string(i18n.date_format(lang())).fill_null("—")


def _sim_saved(message: str, forget: str | None = None) -> None:
    """Like `saved`, with a toast too (the flash is at the top of a long page); `forget` drops a
    session key (the simulation just agreed on)."""
    if forget:
        st.session_state.pop(forget, None)
    st.session_state[_SIM_TOAST] = message
    saved(message)


def simulator_toast() -> None:
    message = st.session_state.pop(_SIM_TOAST, None)
    if message:
        st.toast(message, icon=":material/check_circle:")


def observations(current: Book) -> pl.LazyFrame:
    """The stored snapshots up to the book's as-of date (what plans are checked against)."""
    return store().observations(current.as_of)


def simulator_form(facts: simulator.Facts, start: simulator.Choices, key: str) -> simulator.Choices | None:
    """The claim, the risk and the four options' assumptions, submitted together; the choices of
    the last submission for this account (kept for the session), None before the first."""
    cur = facts.currency
    pct = {"min_value": 0.0, "max_value": 100.0, "step": 0.5, "format": "%.1f"}
    days = {"min_value": 0, "max_value": 3650, "step": 30}
    with st.form(key):
        st.markdown(f"**{t('sim.claim')}**")
        claim, extras, capital_cost, risk = st.columns([1.1, 1.8, 1.1, 1])
        capital = claim.number_input(
            t("sim.capital", currency=cur), min_value=0.0, value=start.capital_cents / 100, step=100.0, format="%.2f",
            help=t("sim.capital_help", overdue=money(facts.overdue_cents, cur)), key=f"{key}-capital",
        )  # fmt: skip
        add_interest = extras.checkbox(
            t("sim.add_interest", amount=money(facts.interest_cents, cur)), value=start.add_interest,
            key=f"{key}-add-interest",
        )  # fmt: skip
        add_compensation = extras.checkbox(
            t("sim.add_compensation", n=facts.invoices, amount=money(facts.compensation_cents, cur)),
            value=start.add_compensation, key=f"{key}-add-compensation",
        )  # fmt: skip
        cost = capital_cost.number_input(
            t("sim.cost_of_capital"), value=start.cost_of_capital_pct, help=t("sim.cost_of_capital_help"),
            key=f"{key}-cost", **pct,
        )  # fmt: skip
        probability = risk.number_input(
            t("sim.default_probability"), value=start.default_probability_pct,
            help=t("sim.default_probability_help", rating=facts.rating or "—"), key=f"{key}-risk", **pct,
        )  # fmt: skip
        discount_box, plan_box, agency_box, legal_box = (c.container(border=True) for c in st.columns([1, 2, 1, 1]))
        with discount_box:
            st.markdown(f"**{t('sim.discount')}**")
            discount = st.number_input(t("sim.discount_pct"), value=start.discount_pct, key=f"{key}-discount", **pct)
            deadline = st.date_input(
                t("sim.deadline"), value=start.deadline, format="DD/MM/YYYY", key=f"{key}-deadline"
            )
        with plan_box:
            st.markdown(f"**{t('sim.plan')}**")
            left, right = st.columns(2)
            down = left.number_input(
                t("sim.down", currency=cur), min_value=0.0, value=start.down_cents / 100, step=100.0, format="%.2f",
                help=t("sim.down_help"), key=f"{key}-down",
            )  # fmt: skip
            count = right.number_input(
                t("sim.instalments"), min_value=1, max_value=60, value=start.instalments, step=1, key=f"{key}-count"
            )
            left, right = st.columns(2)
            frequency = left.selectbox(
                t("sim.frequency"), tuple(plans.FREQUENCIES), format_func=labels("sim_frequency", plans.FREQUENCIES),
                index=tuple(plans.FREQUENCIES).index(start.frequency), key=f"{key}-frequency",
            )  # fmt: skip
            first = right.date_input(t("sim.first"), value=start.first, format="DD/MM/YYYY", key=f"{key}-first")
            left, right = st.columns(2)
            kinds = {k: t(f"sim_interest.{k}") for k in simulator.INTEREST} | {
                "late": t("sim_interest.late", rate=_pct(float(facts.late_rate.pct)))
            }
            interest_kind = left.selectbox(
                t("sim.interest"), simulator.INTEREST, index=simulator.INTEREST.index(start.interest),
                format_func=kinds.__getitem__, key=f"{key}-interest",
            )  # fmt: skip
            contractual = right.number_input(
                t("sim.contractual_pct"), value=start.contractual_pct, help=t("sim.contractual_help"),
                key=f"{key}-contractual", **pct,
            )  # fmt: skip
            method = left.selectbox(
                t("sim.method"), plans.METHODS, index=plans.METHODS.index(start.method),
                format_func=labels("sim_method", plans.METHODS), key=f"{key}-method",
            )  # fmt: skip
        with agency_box:
            st.markdown(f"**{t('sim.agency')}**")
            fee = st.number_input(t("sim.agency_fee"), value=start.agency_fee_pct, key=f"{key}-fee", **pct)
            agency_days = st.number_input(
                t("sim.agency_days"), value=start.agency_days, key=f"{key}-agency-days", **days
            )
            recoverable = st.number_input(
                t("sim.recoverable"), value=start.recoverable_pct,
                help=t("sim.recoverable_help", days=facts.oldest_days), key=f"{key}-recoverable", **pct,
            )  # fmt: skip
        with legal_box:
            st.markdown(f"**{t('sim.legal')}**")
            costs = st.number_input(
                t("sim.legal_costs", currency=cur), min_value=0.0, value=start.legal_costs_cents / 100, step=100.0,
                format="%.2f", help=t("sim.legal_costs_help"), key=f"{key}-legal-costs",
            )  # fmt: skip
            legal_days = st.number_input(t("sim.legal_days"), value=start.legal_days, key=f"{key}-legal-days", **days)
            success = st.number_input(
                t("sim.legal_success"), value=start.legal_success_pct, key=f"{key}-success", **pct
            )
        submitted = st.form_submit_button(t("sim.run"), type="primary", icon=":material/calculate:")
    if submitted:
        st.session_state[f"{key}-choices"] = simulator.Choices(
            capital_cents=round(capital * 100), add_interest=add_interest, add_compensation=add_compensation,
            cost_of_capital_pct=cost, default_probability_pct=probability, discount_pct=discount,
            deadline=deadline, down_cents=round(down * 100), instalments=int(count), frequency=frequency,
            first=first, interest=interest_kind, contractual_pct=contractual, method=method,
            agency_fee_pct=fee, agency_days=int(agency_days), recoverable_pct=recoverable,
            legal_costs_cents=round(costs * 100), legal_days=int(legal_days), legal_success_pct=success,
        )  # fmt: skip
    return st.session_state.get(f"{key}-choices")


def rate_warning(facts: simulator.Facts, choices: simulator.Choices, as_of: dt.date) -> None:
    """Say so when the plan uses a late-payment rate that is unconfirmed or out of date."""
    rate = facts.late_rate
    if choices.interest != "late" or rate.status == "confirmed":
        return
    key = "sim.rate_stale" if rate.status == "stale" else "sim.rate_unconfirmed"
    st.warning(t(key, since=date(rate.since), rate=_pct(float(rate.pct)), date=date(as_of)), icon=":material/percent:")


def simulation_problems(problems: list[str], as_of: dt.date) -> None:
    for code in problems:
        st.error(t(f"sim.problem_{code}", date=date(as_of)), icon=":material/error:")


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False, max_entries=16)
def _results(offer: simulator.Simulated, currency: str, code: str) -> simulator.Results:
    """The simulation's figures, once per offer (a long plan takes a second or two to value)."""
    return simulator.results(offer, currency, code)


def simulation(offer: simulator.Simulated, currency: str) -> None:
    """The options compared: the recommendation, the key figures and the table, then the curves,
    the expected cash over time and the plan's schedule in tabs; both tables downloadable."""
    code = lang()
    found = _results(offer, currency, code)
    table, plan, even = found.comparison, found.plan, found.break_even
    expected = dict(table.select("option", "expected_cents").rows())
    st.subheader(t("sim.results"))
    st.success(found.recommendation, icon=":material/lightbulb:")
    cards = st.columns(3)
    cards[0].metric(
        t("sim.break_even"), "—" if even is None else _pct(even * 100), help=t("sim.break_even_help"), border=True
    )
    cards[1].metric(
        t("sim.settlement_metric", date=date(offer.deadline)),
        money(simulator.settlement_cents(offer), currency),
        f"-{_pct(offer.discount * 100)}",
        delta_color="off",
        border=True,
    )
    first = plan.filter(pl.col("n") == 1)["payment_cents"].item()
    frequency = t(f"sim_frequency.{offer.frequency}")
    cards[2].metric(
        t("sim.instalment_metric", n=offer.instalments, frequency=frequency), money(first, currency), border=True
    )
    shown = table.select(
        i18n.names("option", "sim_option", plans.OPTIONS, code),
        *(i18n.money(pl.col(c), currency, code).alias(c) for c in ("npv_cents", "expected_cents", "cash_cents")),
        _day_text("last_cash"),
    )
    headers = {
        "option": t("sim.col_option"),
        "npv_cents": t("sim.col_npv"),
        "expected_cents": t("sim.col_expected"),
        "cash_cents": t("sim.col_cash"),
        "last_cash": t("sim.col_last_cash"),
    }
    money_names = ("npv_cents", "expected_cents", "cash_cents")
    columns: dict[str, object] = {name: money_column(label) for name, label in headers.items() if name in money_names}
    columns |= {
        "option": headers["option"],
        "last_cash": st.column_config.TextColumn(headers["last_cash"], help=t("sim.col_last_cash_help")),
    }
    st.dataframe(shown, hide_index=True, width="stretch", column_config=columns)  # type: ignore[arg-type]
    st.caption(
        t("sim.valued", claim=money(offer.claim_cents, currency), date=date(offer.as_of),
          rate=_pct(offer.cost_of_capital * 100))
    )  # fmt: skip
    st.download_button(
        t("sim.download_comparison"),
        data=exports.xlsx_bytes(
            table.with_columns(i18n.names("option", "sim_option", plans.OPTIONS, code)).rename(headers),
            t("sim.results"),
            [headers[n] for n in money_names],
        ),
        file_name="confronto.xlsx" if code == "it" else "comparison.xlsx",
        mime=_XLSX, icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    schedule_tab, values_tab, cash_tab = st.tabs([t("sim.schedule"), t("sim.tab_values"), t("sim.tab_cash")])
    with schedule_tab:
        _schedule(plan, currency)
    with values_tab:
        left, right = st.columns(2)
        left.plotly_chart(
            charts.value_by_discount(
                found.by_discount,
                expected["plan"],
                (offer.discount, expected["discount"]),
                even,
                currency,
                code,
            ),
            key="sim-by-discount",
        )
        right.plotly_chart(
            charts.value_by_instalments(found.by_instalments, offer.instalments, expected["discount"], currency, code),
            key="sim-by-instalments",
        )
    with cash_tab:
        st.plotly_chart(charts.expected_cash(found.cash, currency, code), key="sim-cash")


def _schedule(plan: pl.DataFrame, currency: str) -> None:
    """The plan's schedule with its totals row, the check that it adds up, and its download."""
    code = lang()
    rows = simulator.schedule_rows(plan, code)
    money_names = ("capital_cents", "interest_cents", "payment_cents", "residual_cents")
    headers = {name: t(f"sim.col_{name.removesuffix('_cents')}") for name in ("n", "date", *money_names)}
    st.dataframe(
        rows.select(
            "n", _day_text("date"), *(i18n.money(pl.col(c), currency, code).fill_null("").alias(c) for c in money_names)
        ),
        hide_index=True,
        width="stretch",
        column_config={name: money_column(label) if name in money_names else label for name, label in headers.items()},  # type: ignore[arg-type]
    )
    sums = plans.totals(plan)
    st.caption(
        t(
            "sim.schedule_check",
            claim=money(sums["capital_cents"], currency),
            interest=money(sums["interest_cents"], currency),
            total=money(sums["payment_cents"], currency),
        )
    )
    st.download_button(
        t("sim.download_schedule"),
        data=exports.xlsx_bytes(rows.rename(headers), t("sim.schedule"), [headers[n] for n in money_names]),
        file_name="piano_di_rientro.xlsx" if code == "it" else "instalment_plan.xlsx",
        mime=_XLSX, icon=":material/download:", on_click="ignore",
    )  # fmt: skip


def agree_form(
    offer: simulator.Simulated, facts: simulator.Facts, current: Book, in_force: bool, customer_name: str, key: str
) -> None:
    """Save the plan simulated, or the settlement at the discount simulated, as agreed at the as-of date."""
    cur = facts.currency
    grace = int(current.policy["plans"]["grace_days"])
    st.subheader(t("sim.agree"))
    st.caption(t("sim.agree_help", date=date(current.today), grace=grace))
    if in_force:
        st.warning(t("sim.already"), icon=":material/warning:")
    settlement = simulator.settlement_cents(offer)
    with st.form(f"{key}-agree"):
        left, right = st.columns(2)
        operator = left.text_input(t("log.operator"), value=st.session_state.get(KEYS.operator, ""))
        note = right.text_input(t("log.note"))
        left, right = st.columns(2)
        save_plan = left.form_submit_button(
            t("sim.save_plan", n=offer.instalments), type="primary", icon=":material/event_repeat:"
        )
        save_settlement = right.form_submit_button(
            t("sim.save_settlement", amount=money(settlement, cur), date=date(offer.deadline)),
            icon=":material/handshake:",
        )
    if not (save_plan or save_settlement):
        return
    st.session_state[KEYS.operator] = operator
    schedule = offer.plan() if save_plan else agreements.settlement_schedule(settlement, offer.deadline)
    store().save_plan(
        schedule, customer_id=facts.customer_id, currency=cur, kind="instalments" if save_plan else "settlement",
        agreed_on=current.today, claim_cents=offer.claim_cents, baseline_open_cents=facts.open_cents,
        grace_days=grace, operator=operator or None, note=note or None,
    )  # fmt: skip
    message = t("sim.saved_plan" if save_plan else "sim.saved_settlement", customer=customer_name)
    _sim_saved(message, forget=f"{key}-choices")


def agreements_in_force(
    states: pl.DataFrame, instalments: pl.DataFrame, facts: simulator.Facts, current: Book, key: str
) -> None:
    """The account's agreements with each instalment's status, a cancel button each, and a form
    for a payment the snapshots do not show yet; one line when there is none."""
    cur, code = facts.currency, lang()
    if states.is_empty():
        st.caption(t("sim.no_agreements"))
        return
    st.subheader(t("sim.agreements"))
    st.caption(t("sim.status_at", date=date(current.as_of)))
    shown = instalments.select(
        "plan_id",
        pl.when(pl.col("n") == 0).then(pl.lit(t("sim.down_payment"))).otherwise(pl.col("n").cast(pl.String)).alias("n"),
        _day_text("due_date"),
        _day_text("deadline"),
        *(i18n.money(pl.col(c), cur, code).alias(c) for c in ("payment_cents", "cumulative_cents")),
        i18n.money(pl.col("paid_cents_by_then"), cur, code).alias("paid_cents_by_then"),
        _day_text("paid_on"),
        i18n.names("status", "instalment_status", agreements.STATUSES, code),
    )
    columns = {
        "n": t("sim.col_n"),
        "due_date": t("sim.col_date"),
        "deadline": t("sim.col_deadline"),
        "payment_cents": money_column(t("sim.col_payment")),
        "cumulative_cents": money_column(t("sim.col_cumulative")),
        "paid_cents_by_then": money_column(t("sim.col_paid")),
        "paid_on": t("sim.col_paid_on"),
        "status": t("sim.col_status"),
    }
    for plan in states.rows(named=True):
        state = i18n.word(f"plan_state.{plan['state']}", code)
        title = t("sim.agreement_title", kind=t(f"sim_kind.{plan['kind']}"), date=date(plan["agreed_on"]), state=state)
        with st.expander(title, expanded=plan["state"] in ("honoured", "defaulted"), icon=":material/handshake:"):
            figures = t(
                "sim.agreement_figures",
                paid=money(plan["paid_cents"], cur),
                scheduled=money(plan["scheduled_cents"], cur),
                residual=money(plan["residual_cents"], cur),
            )
            if plan["state"] == "honoured" and plan["next_due_date"]:
                figures += " " + t("sim.next", amount=money(plan["next_payment_cents"], cur),
                                   date=date(plan["next_deadline"]))  # fmt: skip
            if plan["state"] == "defaulted":
                defaulted = t("sim.defaulted", date=date(plan["defaulted_on"]))
                st.warning(f"{figures} {defaulted}", icon=":material/gpp_bad:")
            else:
                st.markdown(figures)
            mine = shown.filter(pl.col("plan_id") == plan["plan_id"]).drop("plan_id")
            st.dataframe(mine, hide_index=True, width="stretch", column_config=columns)  # type: ignore[arg-type]
            schedule = instalments.filter(pl.col("plan_id") == plan["plan_id"])
            _agreement_letter(plan, schedule, facts, current, f"{key}-letter-{plan['plan_id']}")
            if plan["cancellable"] and st.button(
                t("sim.cancel"), key=f"{key}-cancel-{plan['plan_id']}", icon=":material/cancel:",
                help=t("sim.cancel_help", date=date(current.today)),
            ):  # fmt: skip
                store().close_plan(plan["plan_id"], current.today, "cancelled")
                _sim_saved(t("sim.cancelled"))
    awaited = states.filter(pl.col("state") == "honoured")["next_payment_cents"].drop_nulls()
    with st.expander(t("sim.payment"), icon=":material/payments:"):
        _payment_form(facts, current, int(awaited[0]) if awaited.len() else 0, key)


def _agreement_letter(
    plan: dict[str, object], schedule: pl.DataFrame, facts: simulator.Facts, current: Book, key: str
) -> None:
    """The signed terms of a saved plan or settlement as a letter (PDF and e-mail text)."""
    details = store().settings().get("company", {})
    if settings.company_problems(details):
        st.caption(t("sim.letter_needs_company"))
        return
    row = current.account(facts.customer_id, facts.currency)
    if row is None:
        return
    if plan["kind"] == "settlement":
        first = schedule.row(0, named=True)
        terms = {"settlement": {"amount_cents": first["payment_cents"], "deadline": first["due_date"],
                                "claim_cents": plan["claim_cents"]}}  # fmt: skip
    else:
        terms = {"plan": schedule.select("n", pl.col("due_date").alias("date"), "capital_cents", "interest_cents",
                                         "payment_cents")}  # fmt: skip
    kind = "settlement_agreement" if plan["kind"] == "settlement" else "instalment_agreement"
    try:
        letter = letters.compose(kind, row, current.items, letters.Company.from_mapping(details),
                                 plan["agreed_on"], lang(), current.policy, **terms)  # type: ignore[arg-type]  # fmt: skip
    except letters.LetterError as error:
        st.caption(str(error))
        return
    stem = letters.file_stem(letter)
    left, right = st.columns(2)
    pdf = functools.partial(letters.to_pdf, letter)
    text = letters.to_text(letter).encode()
    left.download_button(t("sim.letter_pdf"), data=pdf, file_name=f"{stem}.pdf", mime="application/pdf",
                         icon=":material/picture_as_pdf:", on_click="ignore", key=f"{key}-pdf")  # fmt: skip
    right.download_button(t("letters.txt"), data=text, file_name=f"{stem}.txt", mime="text/plain",
                          icon=":material/mail:", on_click="ignore", key=f"{key}-txt")  # fmt: skip


def _payment_form(facts: simulator.Facts, current: Book, proposed_cents: int, key: str) -> None:
    cur = facts.currency
    today = current.today
    st.caption(t("sim.payment_help", date=date(current.as_of)))
    with st.form(f"{key}-payment", clear_on_submit=True, border=False):
        left, middle, right = st.columns(3)
        paid_on = left.date_input(t("sim.paid_on"), value=today, max_value=today, format="DD/MM/YYYY")
        amount = middle.number_input(
            t("log.amount", currency=cur), min_value=0.01, value=max(proposed_cents, 1) / 100, step=100.0, format="%.2f"
        )
        operator = right.text_input(t("log.operator"), value=st.session_state.get(KEYS.operator, ""))
        note = st.text_input(t("log.note"))
        if st.form_submit_button(t("sim.save_payment"), icon=":material/payments:"):
            st.session_state[KEYS.operator] = operator
            cents = round(amount * 100)
            store().record(
                "payment", customer_id=facts.customer_id, currency=cur, paid_on=paid_on, amount_cents=cents,
                operator=operator or None, note=note or None,
            )  # fmt: skip
            _sim_saved(t("sim.saved_payment", amount=money(cents, cur)))
