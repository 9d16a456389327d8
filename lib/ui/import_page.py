"""The import page: an upload read with the user's corrections (sheet, as-of date, currency,
column mapping) and those saved for its layout (lib/ingest/layouts.py), its summary, issues,
reconciliation and preview, and saving it as a snapshot (lib/ui/saving.py)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from lib import clock, exports, i18n, samples
from lib.ageing import totals_by_currency
from lib.ingest import Imported, ImportFailed, import_file, layouts
from lib.schema import FIELDS
from lib.ui.core import KEYS, labels, lang, plain, store, t
from lib.ui.widgets import Columns, date_column, money_column, styled, table

SAMPLE_FILE = samples.NEWEST


CURRENCIES = ("EUR", "USD", "GBP", "CHF")


@st.cache_data(show_spinner=False, max_entries=6, ttl="1h")  # a 500k-row import weighs ~100 MB
def load_import(
    data: bytes,
    file_name: str,
    as_of: dt.date | None,
    sheet: str | None,
    mapping: tuple[tuple[str, str | None], ...],
    currency: str | None,
) -> Imported | ImportFailed:
    """Cached import of uploaded bytes (cache_data hands each caller its own copy). A file that
    cannot be imported is cached too, with its failure: the reruns while the user fixes a mapping
    do not read it again, only a changed setting does."""
    try:
        return import_file(data, file_name, as_of=as_of, sheet=sheet, mapping=dict(mapping), currency=currency)
    except ImportFailed as error:
        return error


@st.cache_data(show_spinner=False, max_entries=len(samples.files()), ttl="1h")
def _sample_import(data: bytes, file_name: str) -> Imported:
    """One sample file imported like any upload; a cache of its own (eight small imports), so that
    uploads do not push the sample out of load_import's."""
    return import_file(data, file_name)


def sample_file(path: Path) -> Imported:
    """A file of the sample (lib.samples.files), imported and cached."""
    return _sample_import(path.read_bytes(), path.name)


def sample() -> Imported:
    """The sample's newest snapshot, the export behind "Load sample data" (cached)."""
    return sample_file(SAMPLE_FILE)


def show_failure(error: ImportFailed) -> None:
    # the file's name, sheets and headers are text ("missing" lists our field codes, worded by i18n)
    params = {k: plain(v) if isinstance(v, str) and k != "missing" else v for k, v in error.params.items()}
    st.error(i18n.failure(error.code, lang(), params))


def import_summary(imported: Imported, as_of_source: str | None = None) -> None:
    """Counts, open and overdue per currency, estimate warning and reconciliation status; where the
    as-of date came from, if not as the report says (`name`: the file name, as saved for the layout)."""
    report = imported.report
    st.markdown(
        t(
            "import.detected",
            sheet=plain(report.sheet),
            row=report.header_row,
            layout=t(f"layout.{report.layout}"),
            as_of=i18n.format_date(report.as_of, lang()),
            source=t(f"source.{as_of_source or report.as_of_source}"),
        )
    )
    # one row per currency, counts on the first; amounts get wide columns (up to 15 characters)
    totals = totals_by_currency(imported.items.lazy(), report.as_of).to_dicts() if report.as_of else []
    for i, total in enumerate(totals or [{}]):
        columns = st.columns([1, 1, 2, 2])
        if i == 0:
            columns[0].metric(t("import.items"), i18n.format_count(imported.items.height, lang()))
            columns[1].metric(
                t("import.customers"), i18n.format_count(imported.items["customer_id"].n_unique(), lang())
            )
        if total:
            cur = total["currency"]
            label, code = plain(cur), lang()
            columns[2].metric(t("import.open", currency=label), i18n.format_money(total["open_cents"], cur, code))
            columns[3].metric(t("import.overdue", currency=label), i18n.format_money(total["overdue_cents"], cur, code))
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
    table(shown.select(columns), {c: t(f"col.{c}") for c in columns})
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
    money = ("report_cents", "rows_cents", "difference_cents")
    table(
        styled(recon.sort(pl.col("difference_cents").abs(), descending=True), money, None),
        {
            "row": t("col.row"),
            "label": t("col.label"),
            "column": t("col.column"),
            "report_cents": money_column(t("col.report")),
            "rows_cents": money_column(t("col.rows")),
            "difference_cents": money_column(t("col.difference")),
        },
    )


def items_preview(items: pl.DataFrame, rows: int = 200) -> None:
    """The first items as read, headed with the field names, in the user's formats."""
    shown = items.head(rows).with_columns(
        pl.col("doc_type").replace_strict(
            {k: t(f"doc.{k}") for k in ("invoice", "credit_note", "payment", "other")}, default=pl.col("doc_type")
        )
    )
    shown = shown.drop([c for c in shown.columns if shown[c].null_count() == shown.height])
    names: Columns = {c: i18n.field_name(c, lang()) for c in shown.columns if c in i18n.FIELD_NAMES}
    money = [c for c in ("amount_cents", "open_cents") if c in shown.columns]
    names |= {c: money_column(i18n.field_name(c.removesuffix("_cents"), lang())) for c in money}
    names |= {c: date_column(i18n.field_name(c, lang())) for c in ("doc_date", "due_date")}
    names |= {
        "due_estimated": st.column_config.CheckboxColumn(t("col.due_estimated")),
        "source_sheet": t("col.sheet"),
        "source_row": t("col.row"),
    }
    table(styled(shown, money, shown["currency"] if "currency" in shown.columns else "EUR"), names)


def _field_names() -> dict[str, str]:
    return {field: i18n.field_name(field, lang()) for field in FIELDS}


def settings_for(sha256: str) -> dict[str, Any]:
    return dict(st.session_state[KEYS.import_settings].get(sha256, {}))


@dataclass(frozen=True)
class Read:
    """An upload as read: the result, the layout the importer found on its own, the corrections
    saved for that layout and the settings the file was read with."""

    result: Imported | ImportFailed
    found: layouts.Detected | None
    saved: layouts.Corrections | None
    settings: layouts.Settings
    misfit: bool = False  # the saved corrections did not fit this file: it was read without them

    @property
    def corrected(self) -> bool:
        """Read with the corrections saved for its layout."""
        return self.saved is not None and self.saved.reading and not self.misfit


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


def reading_of(result: Imported | ImportFailed, settings: layouts.Settings) -> Reading:
    if isinstance(result, ImportFailed):
        params = result.params
        return Reading(
            headers=list(params.get("headers", [])),
            mapping=dict(params.get("mapping", {})),
            sheets=[str(params["sheet"])] if "sheet" in params else [],
            sheet=params.get("sheet"),
            header_row=params.get("row"),
            as_of=settings.as_of,
            as_of_in_file=None,
            currency=settings.currency or layouts.OFFERED_CURRENCY,
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
            st.caption(t("import.mapping_help", row=reading.header_row, sheet=plain(reading.sheet)))
        if reading.preview is not None:
            table(
                reading.preview.with_columns(
                    pl.col("field").replace_strict(_field_names(), default=none),
                    i18n.cell_texts(pl.col("examples"), lang()),
                ),
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
                "mapping": {**previous, **changed},
            }
            st.rerun()


def read_upload(data: bytes, file_name: str, sha256: str) -> Read:
    """Read a file as the importer sees it, find its layout, and read it again with the corrections
    saved for that layout and those the user chose for this file (lib.ingest.layouts.merge); each
    read cached on bytes + settings."""
    user = settings_for(sha256)
    first = _load(data, file_name, layouts.Settings())
    found = layouts.detected(first.report if isinstance(first, Imported) else first)
    stored = store().layout(found.fingerprint) if found else None
    saved = layouts.Corrections.from_json(stored) if stored else None
    settings = layouts.merge(saved, user, found)
    if settings.empty:
        return Read(first, found, saved, settings)
    result = _load(data, file_name, settings)
    if isinstance(result, ImportFailed) and isinstance(first, Imported) and not user:
        return Read(first, found, saved, layouts.Settings(), misfit=True)
    return Read(result, found, saved, settings)


def _load(data: bytes, file_name: str, settings: layouts.Settings) -> Imported | ImportFailed:
    try:
        return load_import(
            data,
            file_name,
            settings.as_of,
            settings.sheet,
            tuple(sorted(settings.mapping.items())),
            settings.currency,
        )
    except Exception as error:  # a bug of ours: the log gets the traceback, the user one sentence
        logging.getLogger(__name__).exception("import of %s failed", file_name)
        return ImportFailed("unexpected", file=file_name, error=type(error).__name__)


def layout_notice(read: Read, key: str) -> None:
    """Say when the file was read with the corrections saved for its layout (and offer to forget
    them), when they did not fit, and when the layout's as-of date must be typed again."""
    saved = read.saved
    if read.found is not None and saved is not None and saved.reading and saved.saved_on is not None:
        when = i18n.format_date(saved.saved_on, lang())
        if read.misfit:
            st.warning(t("layouts.misfit", date=when), icon=":material/warning:")
        else:
            what = _corrections_text(saved, read.found.headers)
            st.info(t("layouts.applied", date=when, what=what), icon=":material/bookmark:")
        if st.button(t("layouts.forget"), key=f"forget-{key}", icon=":material/bookmark_remove:"):
            store().save_layout(read.found.fingerprint, None)
            st.rerun()
    if read.settings.ask_as_of:
        st.warning(t("layouts.ask_as_of"), icon=":material/event:")


def _corrections_text(saved: layouts.Corrections, headers: tuple[str, ...]) -> str:
    """The saved corrections in words, with this file's column labels."""
    none = t("import.mapping_none")
    parts = [
        f"{i18n.field_name(f, lang())} ← {layouts.label_for(key, headers) if key else none}"
        for f, key in saved.mapping.items()
    ]
    if saved.sheet:
        parts.append(t("layouts.sheet"))
    if saved.currency:
        parts.append(t("layouts.currency", currency=saved.currency))
    if saved.as_of:
        parts.append(t("layouts.as_of_name" if saved.as_of.startswith("name:") else "layouts.as_of_ask"))
    return plain("; ".join(parts))


def remember(read: Read, sha256: str, ledger: str) -> None:
    """Keep this file's corrections (and the ledger it went to) for the next file of its layout."""
    if read.found is not None:
        corrections = layouts.remember(read.saved, settings_for(sha256), read.found, clock.today(), ledger)
        store().save_layout(read.found.fingerprint, corrections.to_json())


def has_corrections(read: Read, sha256: str) -> bool:
    """Anything to remember beyond the ledger: corrections made here or saved for the layout."""
    return bool(settings_for(sha256)) or read.corrected
