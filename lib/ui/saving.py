"""Saving an import as a snapshot: the ledger it goes to, and the question asked before a snapshot
of the same ledger and date is replaced (the Import page); loading the sample with its history
(the Start page)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib import db, i18n, ledgers, samples
from lib.ingest import Imported
from lib.ingest.layouts import company_name
from lib.store import SameDate, Saved
from lib.ui import login
from lib.ui.core import KEYS, date, lang, ledger_name, plain, store, t
from lib.workspace import WorkspaceError


def existing_ledgers() -> list[str]:
    return store().ledgers()["ledger"].to_list()


def _typed(name: str, existing: Sequence[str]) -> str:
    """The ledger a name picked or typed means (the default ledger's name in either language too)."""
    aliases = [i18n.t("ledger.default", lang) for lang in i18n.LANGUAGES]
    return ledgers.resolve(name, existing, aliases)


def choose_ledger(imported: Imported, key: str, remembered: str | None = None) -> str:
    """The ledger to save to: suggested (lib.ledgers.suggest), changed by picking another or by
    typing a new name."""
    report = imported.report
    existing = existing_ledgers()
    suggestion = ledgers.suggest(report.title, report.file_name, existing, remembered)
    typed = st.session_state.get(f"ledger-{key}")  # a new name typed on an earlier run stays offered
    options = list(dict.fromkeys([*existing, suggestion, *([typed] if isinstance(typed, str) and typed else [])]))
    picked = st.selectbox(
        t("ledger.choose"),
        options,
        index=options.index(suggestion),
        format_func=ledger_name,
        accept_new_options=True,
        key=f"ledger-{key}",
        help=t("ledger.choose_help"),
    )
    chosen = _typed(str(picked or suggestion), existing)
    if chosen not in existing:
        st.caption(t("ledger.new", ledger=plain(ledger_name(chosen))))
    return chosen


def sample_ledger(imported: Imported) -> str:
    """The sample's own ledger, named after its company: it never mixes with the user's files."""
    report = imported.report
    return _typed(company_name(report.title) or ledgers.file_stem(report.file_name), existing_ledgers())


def load_sample(read: Callable[[Path], Imported]) -> list[Saved]:
    """ "Load sample data": the sample's snapshots (oldest first) into its own ledger, each replacing
    a snapshot of its date there without asking (the ledger is the sample's), then the log rows,
    plans and months of credit sales not there yet (lib.samples.load), so a second load adds
    nothing. `read` imports a sample file (cached). Returns what saving each snapshot did."""
    workspace = store()
    try:
        loaded = samples.load(workspace.log(), workspace.settings().get("credit_sales", {}), read)
        ledger = sample_ledger(loaded.imports[-1])
        saved = [workspace.save_snapshot(imported, ledger, replace=True) for imported in loaded.imports]
        if loaded.entries:
            workspace.record_entries(loaded.entries)
        for plan in loaded.plans:
            workspace.save_plan(plan.schedule, **plan.values)
        if loaded.credit_sales is not None:
            workspace.save_setting("credit_sales", loaded.credit_sales)
    except SAVE_ERRORS as error:
        save_failed(error, "the sample")
        return []
    st.session_state[KEYS.ledger] = ledger
    login.noted("import", "sample")
    return saved


def sample_message(ids: Sequence[int], duplicate: bool, read: Callable[[Path], Imported]) -> None:
    """What loading the sample did: the snapshots saved (from the first week to the newest), or that
    it was all there already."""
    if duplicate:
        st.success(t("start.sample_again", id=ids[-1]))
        return
    first, newest = read(samples.files()[0]), read(samples.NEWEST)
    st.success(
        t(
            "start.sample_done",
            snapshots=len(ids),
            first=date(first.report.as_of),
            last=date(newest.report.as_of),
            id=ids[-1],
            items=newest.items.height,
            customers=newest.items["customer_id"].n_unique(),
        )
    )


def pending(key: str) -> bool:
    """A save waits for the answer to the same-date question."""
    return key in st.session_state[KEYS.replacing]


def _answer(key: str, action: str) -> None:
    """A click on save, replace or cancel: remembered for the run it starts (a callback, so the
    save button is drawn knowing whether a question waits)."""
    st.session_state[f"save-action-{key}"] = action


def save_button(
    slot: DeltaGenerator,
    label: str,
    key: str,
    load: Callable[[], tuple[Imported, str]],
    disabled: bool = False,
    help: str | None = None,
    icon: str = ":material/save:",
) -> Saved | None:
    """The save button in `slot`; a click saves `load()` (the import and its ledger). When the ledger
    already has a snapshot of that date, ask (replace or cancel) until answered, saving disabled
    meanwhile. Returns what was saved (then the pages show that ledger), else None."""
    questions = st.session_state[KEYS.replacing]
    action = st.session_state.pop(f"save-action-{key}", None)
    result = None
    if action in ("save", "replace"):
        questions.pop(key, None)
        result = _save(load, key, replace=action == "replace")
    elif action == "keep" and key in questions:
        st.info(t("ledger.kept", id=questions.pop(key)["id"]))
    if key in questions:
        existing = questions[key]
        st.warning(
            t(
                "ledger.same_date",
                ledger=plain(ledger_name(existing["ledger"])),
                date=date(existing["as_of"]),
                id=existing["id"],
                file=plain(existing["file_name"]),
            ),
            icon=":material/help:",
        )
        left, right = st.columns(2)
        left.button(
            t("ledger.replace", id=existing["id"]),
            key=f"replace-{key}",
            type="primary",
            on_click=_answer,
            args=(key, "replace"),
        )
        right.button(t("ledger.keep"), key=f"keep-{key}", on_click=_answer, args=(key, "keep"))
    slot.button(
        label,
        key=f"save-{key}",
        type="primary",
        disabled=disabled or key in questions,
        on_click=_answer,
        args=(key, "save"),
        help=help,
        icon=icon,
    )
    return result


def _save(load: Callable[[], tuple[Imported, str]], key: str, replace: bool) -> Saved | None:
    """Save what `load()` gives; a database or data error (locked, damaged, a polars failure) while
    reading or saving it is one message (the log keeps the traceback)."""
    try:
        saved = store().save_snapshot(*load(), replace=replace)
    except SameDate as clash:
        st.session_state[KEYS.replacing][key] = clash.existing
        return None
    except SAVE_ERRORS as error:
        save_failed(error, key)
        return None
    st.session_state[KEYS.ledger] = saved.ledger
    if not saved.duplicate:
        login.noted("import", f"{saved.ledger} #{saved.snapshot_id}")
    return saved


# What a save may meet: the workspace refusing (read-only, damaged), a locked or damaged database, a
# folder in the way, a polars failure while reading or writing.
SAVE_ERRORS: tuple[type[Exception], ...] = (WorkspaceError, OSError, ValueError, *db.ERRORS, pl.exceptions.PolarsError)


def save_failed(error: BaseException, what: str) -> None:
    """One message for a failed save, in the user's language (the log keeps the traceback)."""
    if isinstance(error, WorkspaceError):  # its own sentence
        st.error(plain(error.words(lang())))
        return
    logging.getLogger(__name__).exception("saving %s failed", what)
    st.error(t("import.save_failed", error=plain(" ".join(str(error).split()))))


def saved_message(saved: Saved) -> None:
    """What saving did: saved (into which ledger, replacing what), or already there."""
    if saved.duplicate:
        when = saved.imported_at[:16].replace("T", " ")
        st.info(t("import.duplicate", id=saved.snapshot_id, when=when))
        return
    st.success(t("import.saved", id=saved.snapshot_id), icon=":material/save:")
    text = t("ledger.saved_in", ledger=plain(ledger_name(saved.ledger)))
    if saved.replaced:
        text += " " + t("ledger.replaced", ids=", ".join(f"#{i}" for i in saved.replaced))
    st.caption(text)
