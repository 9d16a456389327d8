"""Nothing shown falsified, nothing typed lost: user data escaped for Markdown, saves the store
refuses said in one sentence with the form kept, forms cleared only after a save."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import TypeVar

import polars as pl
import streamlit as st

from lib import db, i18n, settings

T = TypeVar("T")

# What makes Markdown, HTML, LaTeX or Streamlit's `:red[…]` directives and `:emoji:` shortcodes
# anywhere in a line; each becomes a backslash escape, which renders as the character itself.
_ANYWHERE = re.compile(r"([\\`*\[\]#<>~$:|])")
# What is markup only in some places: `_` at a word's edge (inside a word it is text), a list or
# quote at the start (`- `, `+ `, `1. `), an entity (`&lt;`), a `www.` link, and the slash of
# `:material/icon:` (Streamlit rewrites it before parsing, escaped colon or not).
_IN_PLACE = (
    (re.compile(r"(?<![^\W_])_|_(?![^\W_])"), r"\\\g<0>"),
    (re.compile(r"^([-+=])"), r"\\\1"),
    (re.compile(r"^(\d+)([.)])"), r"\1\\\2"),
    (re.compile(r"&(?=#?\w+;)"), r"\\&"),
    (re.compile(r"(?i)(?<=www)\."), r"\\."),
    (re.compile(r"(?<=material)/"), r"\\/"),
)
# For a polars column (no look-around there): every punctuation mark that can be markup, escaped.
_SPECIAL = r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&/])"


def plain(text: object) -> str:
    """Text from a file or a user, escaped for Markdown (st.markdown, captions, headings, alerts,
    labels, help, st.table cells): shown as typed, never as markup; plain names ("Bruno & Figli
    S.n.c.", "scadenzario_2026.xlsx") stay as they are. Runs of white space become one space, as
    Markdown shows them anyway (a line break could start a heading or a list)."""
    escaped = _ANYWHERE.sub(r"\\\1", " ".join(str(text).split()))
    for pattern, replacement in _IN_PLACE:
        escaped = pattern.sub(replacement, escaped)
    return escaped


def plain_column(column: str | pl.Expr) -> pl.Expr:
    """`plain` as a polars expression, for a table that renders Markdown (st.table): every
    punctuation mark that can be markup is escaped (it renders the same as `plain`)."""
    expr = pl.col(column) if isinstance(column, str) else column
    return expr.str.replace_all(r"\s+", " ").str.strip_chars().str.replace_all(_SPECIAL, r"\$1")


# What a save can meet: the database busy with another writer (db.busy), a damaged or read-only
# workspace, a database server gone (either backend's errors: db.ERRORS; OSError).
STORE_ERRORS: tuple[type[Exception], ...] = (*db.ERRORS, OSError)


def stored(save: Callable[[], T], lang: str) -> tuple[bool, T | None]:
    """Run `save`; when the store refuses it, say so (not saved, try again) and return (False, None):
    the form stays as the user filled it."""
    try:
        return True, save()
    except STORE_ERRORS as error:
        key = "safety.busy" if db.busy(error) else "safety.not_saved"
        st.error(i18n.t(key, lang, error=plain(error)), icon=":material/error:")
        return False, None


def form_key(key: str) -> str:
    """A form's key for this round: a form is emptied by starting a new round after a save (so a
    failed save, or a rerun, keeps what was typed; `clear_on_submit` would drop it)."""
    return f"{key}-{st.session_state.get(f'round-{key}', 0)}"


def next_round(key: str) -> None:
    """After a save: the form of `key` starts empty on the next run."""
    st.session_state[f"round-{key}"] = st.session_state.get(f"round-{key}", 0) + 1


def drawn(name: str, saved: object) -> object:
    """What this session's form of the setting `name` shows: the value saved when the form was
    first drawn, kept (with what the user types over it) until the session saves or takes the
    saved value; so a save over a change made elsewhere (another tab) is seen, not lost."""
    return st.session_state.setdefault(f"drawn-{name}", copy.deepcopy(saved))


def stale(name: str, saved: object) -> bool:
    """The setting was saved elsewhere since this session's form of it was drawn."""
    return settings.revision(st.session_state.get(f"drawn-{name}", saved)) != settings.revision(saved)


def redraw(name: str) -> None:
    """The form of `name` is drawn afresh from the saved value on the next run."""
    st.session_state.pop(f"drawn-{name}", None)
    st.session_state.pop(f"pending-{name}", None)
