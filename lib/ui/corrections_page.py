"""Correcting the log from the account page: an entry of the history edited or voided (lib.corrections
decides what may be; the store appends the correction, the entry itself stays as recorded)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from lib import corrections, i18n
from lib.actionlog import OUTCOMES, SENT_BY, Log
from lib.policy import CHECKS, STEPS
from lib.store import Refused
from lib.ui import login
from lib.ui.core import KEYS, labels, lang, saved, step_name, store, t

_CHANNELS = tuple(dict.fromkeys([*SENT_BY, *(c for sent in SENT_BY.values() for c in sent)]))
_OUTCOMES = tuple(dict.fromkeys(o for group in OUTCOMES.values() for o in group))
_KINDS = ("step", "promise", "dispute", "hold", "note")


def state_words(history: pl.DataFrame) -> pl.Expr:
    """Each history row's correction in words: voided or corrected, by whom and when (else empty)."""
    day = pl.col("corrected_on").dt.to_string(i18n.date_format(lang())).fill_null("")
    who = pl.col("corrected_by").fill_null(t("fix.someone"))
    parts = {"\x00": who, "\x01": day}
    words = {
        state: pl.concat_str(
            [
                parts.get(piece, pl.lit(piece))
                for piece in re.split("([\x00\x01])", t(f"fix.state_{state}", who="\x00", date="\x01"))
            ]
        )
        for state in ("edited", "voided")
    }
    return (
        pl.when(pl.col("state") == "voided")
        .then(words["voided"])
        .when(pl.col("state") == "edited")
        .then(words["edited"])
        .otherwise(pl.lit(""))
    )


def correction_form(history: pl.DataFrame, log: Log, currency: str) -> None:
    """Pick an entry of the history (not voided) and correct its fields or void it, saying why."""
    if login.refused("correct"):
        return
    open_entries = history.filter(pl.col("state").fill_null("") != "voided")
    if open_entries.is_empty():
        st.caption(t("fix.none"))
        return
    kinds = {k: t(f"log.{k}") for k in _KINDS}
    keys = open_entries.select("table", "entry_id").rows()
    names = open_entries.select(
        pl.concat_str(
            pl.col("date").dt.to_string(i18n.date_format(lang())),
            pl.col("kind").replace_strict(kinds),
            pl.col("details"),
            separator=" · ",
        )
    ).to_series()
    chosen = st.selectbox(
        t("fix.entry"), keys, format_func=dict(zip(keys, names, strict=True)).__getitem__, key="fix-entry"
    )
    table, entry_id = chosen
    entry = corrections.entry(log, table, int(entry_id))
    if entry is None:
        return
    with st.form(f"fix-{table}-{entry_id}", border=True):  # bound to the entry, never to a row of the list
        changes = _fields(table, entry, currency)
        left, right = st.columns(2)
        reason = left.text_input(t("fix.reason"))
        operator = login.operator_input(right)
        left, right = st.columns(2)
        edit = left.form_submit_button(t("fix.save"), type="primary", icon=":material/edit:")
        void = right.form_submit_button(t("fix.void"), icon=":material/block:")
    if edit or void:
        st.session_state[KEYS.operator] = operator
        kind = "void" if void else "edit"
        try:
            store().correct(table, int(entry_id), kind, None if void else changes, reason, operator or None)
        except Refused as refused:
            st.error(t(f"fix.need_{refused.code}"))
        else:
            saved(t("fix.voided" if void else "fix.edited"))


def _fields(table: str, entry: Mapping[str, Any], currency: str) -> dict[str, Any]:
    """The entry's editable fields as widgets, starting from its current values; what they now say."""
    values: dict[str, Any] = {}
    columns = st.columns(2)
    for n, name in enumerate(corrections.EDITABLE[table]):
        where, current = columns[n % 2], entry[name]
        label = t("fix.amount", currency=currency) if name == "amount_cents" else t(f"fix.field_{name}")
        if name == "amount_cents":
            amount = where.number_input(label, min_value=0.0, step=100.0,
                                        format="%.2f", value=int(current or 0) / 100)  # fmt: skip
            values[name] = round(amount * 100)
        elif isinstance(current, dt.date) or name in ("date", "made_on", "promised_date", "opened_on", "until"):
            values[name] = where.date_input(label, value=current, format="DD/MM/YYYY")
        elif name in ("step", "channel", "outcome"):
            options = {"step": (*STEPS, *CHECKS), "channel": _CHANNELS, "outcome": _OUTCOMES}[name]
            words = {s: step_name(s) for s in options}.__getitem__ if name == "step" else labels(name, options)
            values[name] = where.selectbox(label, options, index=options.index(current) if current in options else 0,
                                           format_func=words)  # fmt: skip
        else:
            values[name] = where.text_input(label, value=current or "") or None
    return values
