"""Shared state of the UI: session keys, the language and its words, the workspace and its book
(cached on the store's revision and today's date), messages kept across a rerun, formats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NoReturn

import streamlit as st

from lib import clock, db, i18n
from lib.book import Book, read_book
from lib.ledgers import DEFAULT_LEDGER
from lib.store import Store
from lib.ui.safe import plain
from lib.workspace import WorkspaceError


@dataclass(frozen=True)
class Keys:
    """Session-state keys: UI state only (data lives in the store)."""

    language: str = "language"  # plain state: a widget's key would be dropped on a run that skips it
    language_switch: str = "language_switch"
    import_settings: str = "import_settings"  # file sha256 -> reading settings
    last_sample: str = "last_sample"
    operator: str = "operator"  # who logs actions, remembered for the session (login off)
    user: str = "user"  # the user logged in with a password (lib.users.User; lib/ui/login.py)
    flash: str = "flash"  # a message to show after the rerun that follows a saved form
    week_view: str = "week_view"  # the weekly page's week, capacity and filters: the letters page's too
    ledger: str = "ledger"  # the ledger the pages show (plain state, like the language)
    ledger_switch: str = "ledger_switch"
    replacing: str = "replacing"  # save key -> the snapshot of the same ledger and date it would replace
    deleting: str = "deleting"  # the snapshot whose deletion waits for a confirmation


KEYS = Keys()


def init_state() -> None:
    try:
        workspace = store()
    except WorkspaceError as error:  # damaged, or written by a newer version: one sentence, not a traceback
        st.error(plain(error.words(lang())), icon=":material/error:")
        st.stop()
    if KEYS.language not in st.session_state:  # a new session starts in the language saved in settings
        st.session_state[KEYS.language] = workspace.settings().get("language", i18n.DEFAULT_LANGUAGE)
    if workspace.read_only:
        st.info(t("data.read_only"), icon=":material/lock:")
    st.session_state.setdefault(KEYS.import_settings, {})
    st.session_state.setdefault(KEYS.replacing, {})


def lang() -> str:
    return str(st.session_state.get(KEYS.language, i18n.DEFAULT_LANGUAGE))


def t(key: str, **params: object) -> str:
    return i18n.t(key, lang(), **params)


def labels(prefix: str, codes: Iterable[str]) -> Callable[[str], str]:
    """A format_func giving each code its UI text, resolved now (a format_func may be called later,
    outside the script run that knows the session's language)."""
    return {code: t(f"{prefix}.{code}") for code in codes}.__getitem__


def store() -> Store:
    return Store.open(database_url())


def database_url() -> str | None:
    """The database of a team's workspace: $SOLLECITO_DATABASE_URL, else `database_url` in
    .streamlit/secrets.toml; None: the workspace folder ($SOLLECITO_HOME)."""
    if url := db.database_url():
        return url
    try:
        url = st.secrets.get("database_url")
    except FileNotFoundError:  # no secrets file at all
        return None
    return str(url or "").strip() or None


def ledger() -> str | None:
    """The ledger the pages show: the session's choice while it has snapshots, else the ledger of
    the latest import; None in an empty workspace."""
    ledgers = store().ledgers()
    if ledgers.is_empty():
        return None
    current = st.session_state.get(KEYS.ledger)
    if current not in ledgers["ledger"].to_list():
        current = st.session_state[KEYS.ledger] = ledgers.sort("last_id")["ledger"][-1]
    return str(current)


def ledger_name(code: str) -> str:
    """A ledger as the user reads it: the default ledger in words, the others as named."""
    return t("ledger.default") if code == DEFAULT_LEDGER else code


@st.cache_resource(show_spinner=False, max_entries=4)
def _book(home: str, revision: int, today: dt.date, ledger: str | None) -> Book | None:
    """The book of a ledger of the workspace at `home` (a folder or a database URL) on `today`,
    recomputed whenever the store's revision or the date changes. Shared, not copied: st.cache_data
    pickled the Book on every run (91 MB at 100k documents: 1.4 s to store, 0.56 s to read back, half
    a read_book, on every cached page; bench/README.md). A Book is frozen and its frames are only
    read: nothing may change them."""
    del revision  # the cache key: a new snapshot, a log row or a setting makes a new book
    return read_book(Store.open(home), today, ledger=ledger)


def book() -> Book | None:
    return _book(*book_key())


def book_key() -> tuple[str, int, dt.date, str | None]:
    """What the book of this session is read from: the workspace, its revision, today and the ledger
    (what anything computed from the book is cached on: lib/ui/figures.py)."""
    workspace = store()
    return workspace.location, workspace.revision(), clock.today(), ledger()


class PageEnd(Exception):
    """A page has said all it can (an empty workspace, an account gone): app.py catches it and
    still draws the sidebar. st.stop() would not do: after it, every element raises again."""


def end_page() -> NoReturn:
    raise PageEnd


def need_book() -> Book:
    """The book, or (empty workspace) say so, link to the import page and the sample data, and stop."""
    current = book()
    if current is None:
        st.info(t("empty.no_snapshot"), icon=":material/inbox:")
        left, right = st.columns(2)
        left.page_link("views/start.py", label=t("empty.sample"), icon=":material/dataset:")
        right.page_link("views/import_data.py", label=t("empty.import"), icon=":material/upload_file:")
        end_page()
    if current.left_out:
        st.warning(t("workspace.left_out", names=plain(", ".join(current.left_out))), icon=":material/broken_image:")
    if current.policy_error:
        error = current.policy_error
        st.warning(
            t("settings.invalid_saved", error=i18n.policy_message(error.code, error.params, lang())),
            icon=":material/warning:",
        )
    return current


def flash() -> None:
    """Show (once) what the last saved form did: the rerun that followed it would lose an st.success.
    The slot is there on every run, so the elements below keep their place: tabs drawn at a new place
    would open afresh on their first tab, away from the one the user saved from."""
    slot = st.empty()
    message = st.session_state.pop(KEYS.flash, None)
    if message:
        slot.success(message, icon=":material/check_circle:")


def saved(message: str) -> None:
    st.session_state[KEYS.flash] = message
    st.rerun()


def date(day: dt.date | None) -> str:
    return i18n.format_date(day, lang())


def money(cents: int | None, currency: str) -> str:
    return "—" if cents is None else i18n.format_money(int(cents), currency, lang())


def step_name(step: str | None) -> str:
    return i18n.word(f"step.{step}", lang()) if step else "—"


def as_of_caption(current: Book) -> None:
    """Which snapshot the page shows and what it is compared with."""
    text = t("book.as_of", date=date(current.as_of), file=plain(current.snapshot["file_name"]))
    if store().ledgers().height > 1:
        text = f"{plain(ledger_name(current.ledger))} · {text}"
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
