"""The frame around every page: the sidebar (language, ledger, workspace, newest snapshot) and the
table of the ledger's snapshots, where one can be deleted."""

from __future__ import annotations

import json

import polars as pl
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib import i18n
from lib.ui.core import KEYS, date, lang, ledger, ledger_name, plain, saved, store, t
from lib.ui.widgets import table


def _switch_language() -> None:
    st.session_state[KEYS.language] = st.session_state[KEYS.language_switch]


def _switch_ledger() -> None:
    st.session_state[KEYS.ledger] = st.session_state[KEYS.ledger_switch]


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
        current = ledger()
        names = workspace.ledgers()["ledger"].to_list()
        if len(names) > 1:  # one ledger at a time: the pages show the one chosen here
            st.session_state[KEYS.ledger_switch] = current
            st.selectbox(
                t("sidebar.ledger"),
                names,
                format_func=ledger_name,
                key=KEYS.ledger_switch,
                on_change=_switch_ledger,
                help=t("sidebar.ledger_help"),
            )
        elif current is not None:
            st.caption(f"{t('sidebar.ledger')}: {plain(ledger_name(current))}")
        st.caption(f"{t('sidebar.workspace')}: `{workspace.where}`")
        latest = workspace.latest(current)
        st.caption(t("sidebar.latest"))
        if latest is None:
            st.caption(t("sidebar.none"))
        else:
            st.markdown(
                t(
                    "sidebar.snapshot",
                    file=plain(latest["file_name"]),
                    as_of=i18n.format_date(latest["as_of"], lang()),
                    items=latest["items"],
                    customers=latest["customers"],
                )
            )


def snapshots_table() -> None:
    """The ledger's snapshots, newest as-of first, with the open amount per currency; one of them
    can be deleted."""
    current = ledger()
    if current is None:
        return
    catalogue = store().snapshots(current)
    st.subheader(t("start.snapshots"))
    if store().ledgers().height > 1:
        st.caption(t("snapshots.of_ledger", ledger=plain(ledger_name(current))))
    open_text = [
        " · ".join(i18n.format_money(x["open_cents"], x["currency"], lang()) for x in json.loads(totals))
        for totals in catalogue["totals"]
    ]
    table(
        catalogue.select("id", "as_of", "file_name", "items", "customers", "imported_at").with_columns(
            pl.Series("open", open_text, dtype=pl.String),
            pl.col("imported_at")
            .str.slice(0, 16)
            .str.to_datetime("%Y-%m-%dT%H:%M", strict=False)
            .dt.to_string(f"{i18n.date_format(lang())} %H:%M"),
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
    delete_form(catalogue)


def delete_form(catalogue: pl.DataFrame) -> None:
    """Pick a snapshot, delete it after a confirmation (the action log stays)."""
    rows = {row["id"]: row for row in catalogue.to_dicts()}
    names = {i: f"#{i} · {date(row['as_of'])} · {row['file_name']}" for i, row in rows.items()}
    with st.expander(t("snapshots.delete"), icon=":material/delete:"):
        chosen = st.selectbox(t("snapshots.which"), list(rows), format_func=names.__getitem__, key="delete-which")
        if st.button(t("snapshots.delete_button"), key="delete-ask", icon=":material/delete:"):
            st.session_state[KEYS.deleting] = chosen
        if chosen is None or st.session_state.get(KEYS.deleting) != chosen:
            return
        row = rows[chosen]
        st.warning(t("snapshots.confirm", id=chosen, date=date(row["as_of"]), file=plain(row["file_name"])))
        left, right = st.columns(2)
        if left.button(t("snapshots.confirm_yes", id=chosen), key="delete-yes", type="primary"):
            st.session_state.pop(KEYS.deleting, None)
            if store().delete_snapshot(chosen):
                saved(t("snapshots.deleted", id=chosen, date=date(row["as_of"])))
        if right.button(t("snapshots.confirm_no"), key="delete-no"):
            st.session_state.pop(KEYS.deleting, None)
            st.rerun()
