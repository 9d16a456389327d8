"""What the mail says back to the ladder: the day each letter was delivered (a PEC delivery
receipt), the addresses that did not take a letter (the server refused the message, or a PEC
non-delivery receipt came back), and the letters the outbox already logged as sent.

A delivered formal demand's term counts from the certified delivery (lib.policy.demand_runs_out).
An address that bounced is no address: the account's `pec` or `email` is blanked while it is the
one that bounced (a corrected address counts again), and `bounced` names the channel, so the
formal demand goes by raccomandata and the lists say why.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib import actionlog, clock
from lib import catalogue as sql
from lib.ageing import ACCOUNT
from lib.store import Store

BOUNCED = pl.Schema(
    {"customer_id": pl.String(), "currency": pl.String(), "channel": pl.String(), "recipient": pl.String(),
     "reason": pl.String()}
)  # fmt: skip
# The outbox's messages whose letter is (or will be, by the server's answer or a receipt) in the log.
OUTBOX_LOGS = ("sending", "uncertain", "accepted", "delivered")
ADDRESS_OF = {"pec": "pec", "email": "email"}  # the account's column each channel's address is in


def delivered(store: Store) -> pl.DataFrame:
    """(id: the action's id, delivered_on) of every letter a PEC delivery receipt certifies."""
    rows = store.query(
        "SELECT action_id, substr(delivered_at, 1, 10) FROM outbox"
        " WHERE status = 'delivered' AND action_id IS NOT NULL AND delivered_at IS NOT NULL"
    )
    frame = pl.DataFrame(rows, schema={"id": pl.Int64(), "delivered_on": pl.String()}, orient="row")
    return frame.with_columns(pl.col("delivered_on").str.to_date("%Y-%m-%d"))


def bounced(store: Store) -> pl.DataFrame:
    """BOUNCED: each account's addresses whose newest message failed (refused or not delivered)."""
    rows = store.query(
        "SELECT customer_id, currency, channel, recipient, status, coalesce(reply, '') FROM outbox"
        " WHERE recipient IS NOT NULL AND status NOT IN ('draft', 'address_missing', 'sending')"
        " ORDER BY updated_at, id"
    )
    names = [*BOUNCED.names()[:4], "status", "reason"]
    frame = pl.DataFrame(rows, schema=dict.fromkeys(names, pl.String()), orient="row")
    return (
        frame.group_by("customer_id", "currency", "channel", "recipient", maintain_order=True)
        .last()
        .filter(status="failed")
        .select(BOUNCED.names())
    )


def with_bounces(accounts: pl.DataFrame, bounces: pl.DataFrame) -> pl.DataFrame:
    """`accounts` (the engine's, with pec and email) with the addresses that bounced blanked and
    `bounced` (the channel, "pec" first) and `bounce_reason` (the server's or provider's words)."""
    accounts = accounts.with_columns(pl.lit(None, pl.String).alias(c) for c in ("bounced", "bounce_reason"))
    if bounces.is_empty() or not {"pec", "email"} <= set(accounts.columns):
        return accounts
    for channel in ("email", "pec"):  # pec last: it names the account's bounce when both did
        column = ADDRESS_OF[channel]
        hits = (
            bounces.filter(channel=channel)
            .select(*ACCOUNT, pl.col("recipient").str.strip_chars().str.to_lowercase().alias("_bad"), "reason")
            .with_columns(pl.lit(True).alias("_hit"))
            .unique(subset=[*ACCOUNT, "_bad"], keep="last")
        )
        matched = pl.col("_hit").fill_null(False)
        accounts = (
            accounts.with_columns(pl.col(column).str.strip_chars().str.to_lowercase().alias("_bad"))
            .join(hits, on=[*ACCOUNT, "_bad"], how="left", maintain_order="left")
            .with_columns(
                pl.when(matched).then(pl.lit("")).otherwise(pl.col(column)).alias(column),
                pl.when(matched).then(pl.lit(channel)).otherwise("bounced").alias("bounced"),
                pl.when(matched).then("reason").otherwise("bounce_reason").alias("bounce_reason"),
            )
            .drop("_bad", "reason", "_hit")
        )
    return accounts


def log_by_hand(store: Store, batch: str, listed: pl.DataFrame, on: dt.date, operator: str | None = None) -> int:
    """Log the entries of `listed` (customer_id, currency, step, channel: a policy channel, pec) as
    sent on `on` by hand (lib.actionlog.sent_letters), but those the batch's outbox has: a message the
    server accepted is in the log already, one in flight or uncertain will be by its answer or its
    receipt. Their drafts leave the outbox (they went by hand: the send button must not send them
    again). One transaction, so a send running meanwhile and this never both log a letter; returns
    how many were logged."""
    keys = ["customer_id", "currency", "step"]
    with store.transaction() as conn:
        rows = conn.execute(
            "SELECT customer_id, currency, step, status FROM outbox WHERE batch = ?", (batch,)
        ).fetchall()
        known = pl.DataFrame(rows, schema=dict.fromkeys((*keys, "status"), pl.String()), orient="row")
        taken = known.filter(pl.col("status").is_in(OUTBOX_LOGS)).select(keys).unique()
        todo = listed.join(taken, on=keys, how="anti", maintain_order="left")
        entries = actionlog.sent_letters(todo, on).with_columns(pl.lit(operator, pl.String).alias("operator"))
        sql.insert_entries(
            conn, [("action", row) for row in entries.to_dicts()], clock.now().isoformat(timespec="seconds")
        )
        conn.executemany(
            "DELETE FROM outbox WHERE batch = ? AND customer_id = ? AND currency = ? AND step = ?"
            " AND status IN ('draft', 'address_missing')",
            [(batch, *key) for key in todo.select(keys).rows()],
        )
    return entries.height
