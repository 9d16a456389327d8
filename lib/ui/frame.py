"""The frame around every page: the sidebar (language, workspace, newest snapshot) and the table
of saved snapshots."""

from __future__ import annotations

import json

import polars as pl
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib import i18n
from lib.ui.core import KEYS, lang, store, t
from lib.ui.widgets import table


def _switch_language() -> None:
    st.session_state[KEYS.language] = st.session_state[KEYS.language_switch]


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
                    as_of=i18n.format_date(latest["as_of"], lang()),
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
    table(
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
