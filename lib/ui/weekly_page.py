"""The weekly page's pieces: the week's figures, the action list (its selection bound to the list
it was made on) and the letters marked sent in bulk; the week's view shared with the letters page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
import streamlit as st

from lib import i18n
from lib.actionlog import SENT_BY
from lib.ageing import ACCOUNT
from lib.book import Book
from lib.policy import CAPACITY_OF_CHANNEL, CHECKS, STEPS, TRACKS
from lib.ui import login
from lib.ui.core import KEYS, lang, plain, saved, t
from lib.ui.forms import record_sent, sent_text
from lib.ui.widgets import Columns, account_keys, account_link, date_column, fingerprint, money_column, styled


@dataclass(frozen=True)
class WeekView:
    """The week the weekly page shows, with its capacity and filters: the letters page lists the
    same week's letters with the same capacity and filters (lib.book.Book.week for both)."""

    day: dt.date
    capacity: dict[str, int]
    filters: dict[str, list[object]]


def week_view(current: Book, capacity: dict[str, int] | None = None) -> WeekView:
    """The view last set on the weekly page in this session, else this week at the policy's capacity
    (or `capacity`: a collector's own)."""
    limits = current.policy.weekly
    default = WeekView(current.today, capacity or {"calls": limits.calls, "letters": limits.letters}, {})
    return st.session_state.get(KEYS.week_view, default)


def remember(view: WeekView) -> None:
    st.session_state[KEYS.week_view] = view


def week_summary(listed: pl.DataFrame, not_fitting: pl.DataFrame) -> None:
    kinds = listed["channel"].replace_strict(CAPACITY_OF_CHANNEL, default="other").value_counts()
    count = dict(kinds.rows())
    cards = st.columns(4)
    cards[0].metric(t("weekly.actions"), i18n.format_count(listed.height, lang()), border=True)
    cards[1].metric(t("weekly.calls_listed"), i18n.format_count(count.get("calls", 0), lang()), border=True)
    cards[2].metric(t("weekly.letters_listed"), i18n.format_count(count.get("letters", 0), lang()), border=True)
    cards[3].metric(t("weekly.left_out"), i18n.format_count(not_fitting.height, lang()), border=True)


# The columns the table shows (the others: the detail panel): who, the step, how much, how late, how to reach them.
KEY_COLUMNS = ("priority", "customer_name", "step", "overdue", "late_days", "contact", "link")


def contact() -> pl.Expr:
    """How to reach the account for its step: the phone for a call, else the PEC or the e-mail;
    for a letter whose address bounced, that it is missing (`bounce_note`)."""
    by_phone = pl.col("channel") == "phone"
    blank = pl.lit("")
    reach = pl.coalesce(
        pl.when(by_phone).then(pl.col("phone")),
        *(pl.col(c).replace(blank, None) for c in ("pec", "email")),
        pl.col("phone"),
    )
    return pl.coalesce(pl.when(~by_phone).then(bounce_note()), reach).alias("contact")


def bounce_note() -> pl.Expr:
    """Why an account's letter cannot go where it went (lib.mail.tracking.with_bounces): null when it can."""
    reason = pl.col("bounce_reason").fill_null("—")
    notes = {channel: t(f"post.bounced.{channel}", reason="{}") for channel in ("pec", "email")}
    return (
        pl.when(pl.col("bounced") == "pec")
        .then(pl.format(notes["pec"], reason))
        .when(pl.col("bounced") == "email")
        .then(pl.format(notes["email"], reason))
    )


def with_bounce_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Entries from a book without the mail's bounces (lib.mail.tracking) get them empty."""
    missing = [name for name in ("bounced", "bounce_reason") if name not in frame.columns]
    return frame.with_columns(pl.lit(None, pl.String).alias(name) for name in missing)


def action_table(frame: pl.DataFrame, key: str, selectable: bool = True) -> list[tuple[str, str]]:
    """Entries of the action list (lib.weekly.ENTRY), in words; the accounts the user selected."""
    code = lang()
    frame = with_bounce_columns(frame)
    shown = frame.select(
        "priority",
        account_link(pl.col("currency")).alias("link"),
        pl.col("customer_name").fill_null(pl.col("customer_id")),
        i18n.names("step", "step", (*STEPS, *CHECKS), code),
        i18n.names("channel", "channel", tuple(SENT_BY), code),
        "due_date",
        "late_days",
        pl.col("overdue_cents").alias("overdue"),
        "oldest_days",
        "rating",
        i18n.names("track", "track", TRACKS, code),
        "phone",
        "email",
        "pec",
        "trace",
        *(["reason"] if "reason" in frame.columns else []),
        contact(),
    )
    columns: Columns = {
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
        "contact": t("weekly.contact"),
    }
    # The key columns first; the rest is in the detail panel of the row selected (queue_page.detail_panel).
    order = [*KEY_COLUMNS, *(["reason"] if "reason" in frame.columns else [])]
    if not selectable:  # no detail panel: only the columns shown are sent (at 1M documents, 97k rows)
        st.dataframe(
            styled(shown.select(order), ("overdue",), frame["currency"]),
            hide_index=True,
            placeholder="—",
            width="stretch",
            column_config=columns,
            column_order=order,
            key=key,
        )
        return []
    event = st.dataframe(
        styled(shown, ("overdue",), frame["currency"]),
        hide_index=True,
        placeholder="—",
        width="stretch",
        column_config=columns,
        column_order=order,
        on_select="rerun",
        selection_mode="multi-row",
        key=f"{key}-{fingerprint(frame)}",  # a selection belongs to the list it was made on
    )
    keys = account_keys(frame)
    return [keys[row] for row in event.selection.rows]


def bulk_letters(listed: pl.DataFrame, chosen: list[tuple[str, str]], today: dt.date, week: str) -> None:
    """Mark the selected letters as sent in one go, by the first way their channel allows (e-mail,
    or PEC for a formal demand); the button names the accounts it will record on."""
    if not login.allowed("send_letters"):
        return
    if not chosen:
        st.caption(t("weekly.select_hint"))
        return
    picked = listed.join(pl.DataFrame(chosen, schema=list(ACCOUNT), orient="row"), on=list(ACCOUNT), how="semi").filter(
        pl.col("channel").replace_strict(CAPACITY_OF_CHANNEL, default=None) == "letters"
    )
    names = ", ".join(map(plain, picked["customer_name"].fill_null(picked["customer_id"])))  # help is Markdown
    if st.button(
        t("weekly.mark_sent", n=picked.height), disabled=picked.is_empty(), icon=":material/mark_email_read:",
        help=names or None, key=f"mark-sent-{fingerprint(picked)}",
    ) and (logged := record_sent(picked, today, week)) is not None:  # fmt: skip
        saved(sent_text(logged, picked.height))
