"""Widgets every page uses: tables, money and date columns, account links, filters, and the
account pickers, bound to an account's key (customer, currency), never to a row's position."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import polars as pl
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.elements.lib.column_types import ColumnConfig

from lib import i18n, portfolio
from lib.ageing import ACCOUNT
from lib.book import Book
from lib.policy import CHECKS, STEPS
from lib.ui.core import end_page, lang, t

# A table's column headings and formats, as st.dataframe takes them.
Columns = dict[str, ColumnConfig | str | None]


def table(frame: pl.DataFrame | Styler, columns: Columns) -> None:
    """A full-width table without the index, with translated column headers and formats."""
    st.dataframe(frame, hide_index=True, placeholder="—", width="stretch", column_config=columns)


def money_column(label: str) -> ColumnConfig:
    """A money column of a `styled` frame, right-aligned: its type comes from the data (numbers
    with the Styler's text, or the text itself for a frame too big to style), never a `format`."""
    return st.column_config.Column(label, alignment="right")


# pandas' Styler formats cell by cell in Python (its _translate): a table of 10,000 rows x 7 columns
# took 3 s against 0.02 s unstyled, 100,000 rows 35 s (bench/README.md), and Streamlit refuses a
# Styler of more than 262,144 cells. Bigger frames get their money written by polars instead.
STYLED_CELLS = 5_000


def styled(
    frame: pl.DataFrame,
    money: Sequence[str] = (),
    currency: str | pl.Series | None = "EUR",
    percent: Sequence[str] = (),
) -> Styler | pl.DataFrame:
    """`frame` with its `money` columns (cents) as numbers written in the user's language.

    Streamlit's own number formats write numbers in the browser's locale ("localized", "euro") or
    with a dot for decimals (printf): an Italian user with an English browser would read 1,234.56.
    A Styler's text is shown instead of the number while the grid still sorts on the number (the
    column must be a `money_column`). `currency` is one code or one per row; `percent` columns hold
    percentages (72.2 is written 72,2%); without currency, plain amounts. Above STYLED_CELLS the
    money columns become that same text (`as_text`): they read the same, but sort as text."""
    code = lang()
    if frame.height * max(frame.width, 1) > STYLED_CELLS:
        return as_text(frame, money, currency, code)
    shown = frame.with_columns(pl.col(c) / 100 for c in money).to_pandas(use_pyarrow_extension_array=True)
    styler = shown.style.format(na_rep="")
    if currency is None:
        styler = styler.format(lambda v: i18n.format_number(v, code, 2), subset=list(money), na_rep="")
    per_row = currency if isinstance(currency, pl.Series) else pl.Series([currency] * frame.height, dtype=pl.String)
    for cur in per_row.unique().drop_nulls().to_list():
        rows = (per_row == cur).to_numpy()
        styler = styler.format(
            lambda v, cur=cur: i18n.format_money(round(v * 100), cur, code),
            subset=pd.IndexSlice[rows, list(money)],
            na_rep="",
        )
    if percent:
        styler = styler.format(lambda v: i18n.format_percent(v, code), subset=list(percent), na_rep="")
    return styler


def as_text(frame: pl.DataFrame, money: Sequence[str], currency: str | pl.Series | None, code: str) -> pl.DataFrame:
    """The `money` columns (cents) as `styled` writes them, for a whole frame at once (i18n.money)."""
    if currency is None:
        return frame.with_columns(i18n.amount(pl.col(c), code).alias(c) for c in money)
    per_row = pl.lit(currency) if isinstance(currency, str) else pl.lit(currency.alias("currency"))
    return frame.with_columns(i18n.money(pl.col(c), per_row, code).alias(c) for c in money)


def date_column(label: str) -> ColumnConfig:
    return st.column_config.DateColumn(label, format="DD/MM/YYYY" if lang() == "it" else "DD MMM YYYY")


def account_link(currency: pl.Expr) -> pl.Expr:
    """Each row's account page address, for a LinkColumn (the page reads ?customer=&currency=)."""
    return pl.concat_str(pl.lit("/account?customer="), pl.col("customer_id"), pl.lit("&currency="), currency)


def account_keys(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """The (customer_id, currency) of each row: what a choice is bound to, never a position."""
    return frame.select(*ACCOUNT).rows()


def fingerprint(frame: pl.DataFrame) -> str:
    """A short digest of the rows' accounts and steps, in order: a widget keyed on it starts afresh
    when the list under it changes, so a selection made on one list never lands on another."""
    shown = frame.select(*ACCOUNT, "step") if "step" in frame.columns else frame.select(*ACCOUNT)
    return hashlib.sha256(shown.write_csv().encode()).hexdigest()[:12]


def account_filters(
    accounts: pl.DataFrame, key: str, start: Mapping[str, list[object]] | None = None
) -> dict[str, list[object]]:
    """Track, rating, salesperson, payment method and currency filters (starting from `start`); the
    values chosen, for lib.portfolio.select_accounts."""
    names = [n for n in portfolio.FILTERS if n in accounts.columns and accounts[n].drop_nulls().n_unique() > 0]
    if not names:  # no account (a collector's list still empty): nothing to filter
        return {}
    columns = st.columns(len(names))
    chosen: dict[str, list[object]] = {}
    for column, name in zip(columns, names, strict=True):
        values = sorted(accounts[name].unique().to_list(), key=lambda v: (v is None, str(v)))
        chosen[name] = column.multiselect(
            t(f"filters.{name}"),
            values,
            default=[v for v in (start or {}).get(name, []) if v in values],
            format_func={v: _filter_value(name, v) for v in values}.__getitem__,
            placeholder=t("filters.all"),
            key=f"{key}-filter-{name}",
        )
    return chosen


def _filter_value(name: str, value: object) -> str:
    if value is None:
        return t("filters.none")
    if name == "track":
        return i18n.word(f"track.{value}", lang())
    return str(value)


def _account_choices(current: Book, language: str) -> tuple[list[tuple[str, str]], dict[tuple[str, str], str], str]:
    """Every account, most overdue first: their keys, each key's label, and the list's fingerprint."""
    accounts, keys, shown = current.kept(("accounts-ranked",), lambda: _ranked(current))
    names = accounts.select(
        pl.concat_str(
            pl.col("customer_name").fill_null(pl.col("customer_id")),
            pl.lit(" ("),
            pl.col("customer_id"),
            pl.lit(") · "),
            i18n.money(pl.col("overdue_cents"), pl.col("currency"), language),
        )
    ).to_series()
    return keys, dict(zip(keys, names, strict=True)), shown


def _ranked(current: Book) -> tuple[pl.DataFrame, list[tuple[str, str]], str]:
    accounts = current.accounts.sort(["overdue_cents", "customer_id"], descending=[True, False])
    return accounts, account_keys(accounts), fingerprint(accounts)


def choose_account(current: Book) -> tuple[str, str]:
    """The account named in the address (?customer=…&currency=…), or the one the user picks."""
    language = lang()
    keys, names, shown = current.kept(("account-picker", language), lambda: _account_choices(current, language))
    wanted = (st.query_params.get("customer"), st.query_params.get("currency"))
    if wanted[0] and not wanted[1]:  # a link without the currency: the customer's largest account
        wanted = next((k for k in keys if k[0] == wanted[0]), wanted)
    index = keys.index(wanted) if wanted in keys else 0
    customer, currency = st.selectbox(
        t("account.pick"),
        keys,
        index=index,
        format_func=names.__getitem__,
        key=f"account-pick-{shown}",  # a new snapshot re-orders the list: start afresh
    )
    if (customer, currency) != wanted:
        st.query_params.update({"customer": customer, "currency": currency})
    return customer, currency


def chosen_account(current: Book) -> tuple[str, str, dict[str, Any]]:
    """The account the page is about (`choose_account`) and its engine row; stops when it is gone."""
    customer, currency = choose_account(current)
    row = current.account(customer, currency, lang())
    if row is None:
        st.warning(t("account.not_found", customer=customer, currency=currency))
        end_page()
    return customer, currency, row


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
        format_func=dict(zip(keys, names, strict=True)).__getitem__, key=f"{key}-{fingerprint(listed)}",
    )  # fmt: skip
    st.session_state[key] = picked
    return picked
