"""PEC receipts filed as proof: each uploaded receipt kept in the store (the .eml as it came) and
attached to the outbox message and the action it refers to, by the Message-ID it certifies.

What a receipt changes: an acceptance settles a message left "uncertain" (the provider took it:
it is logged as sent then); a delivery marks the message delivered and the action's outcome
`delivered`, on the certified date; a non-delivery or a non-acceptance marks it failed with the
provider's reason and the action's outcome `returned`. A receipt never moves a message back
(an acceptance after the delivery changes nothing).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from lib import clock
from lib.mail import outbox
from lib.mail.receipts import Receipt, parse_receipt
from lib.store import Store

OUTCOMES = ("filed", "duplicate", "not_receipt", "unmatched")  # lib.i18n: mail.filed_<outcome>


@dataclass(frozen=True)
class Filed:
    receipt: Receipt
    outcome: str  # one of OUTCOMES
    customer_id: str | None = None


def file_receipts(store: Store, files: Sequence[tuple[str, bytes]], operator: str | None = None) -> list[Filed]:
    """Keep each receipt and attach it to its message; one answer per file, in order."""
    return [_file(store, name, data, operator) for name, data in files]


def _file(store: Store, name: str, data: bytes, operator: str | None) -> Filed:
    receipt = parse_receipt(data, name)
    if receipt.kind == "other":
        return Filed(receipt, "not_receipt")
    message_id = f"<{receipt.msgid}>" if receipt.msgid else None
    with store.transaction() as conn:
        conn.row_factory = sqlite3.Row
        stored = conn.execute(
            "INSERT INTO receipt (message_id, kind, at, recipient, subject, reason, file_name, data, sha256,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            (message_id, receipt.kind, receipt.at, receipt.recipient, receipt.subject, receipt.reason, name, data,
             hashlib.sha256(data).hexdigest(), clock.now().isoformat()),
        ).rowcount  # fmt: skip
        row = conn.execute("SELECT * FROM outbox WHERE message_id = ?", (message_id,)).fetchone()
    if row is None:
        return Filed(receipt, "unmatched" if stored else "duplicate")
    if not stored:
        return Filed(receipt, "duplicate", row["customer_id"])
    message = dict(row)
    if receipt.kind in ("acceptance", "delivery") and message["status"] in ("sending", "uncertain", "failed"):
        message["action_id"] = outbox.accept(
            store, message, f"PEC {receipt.kind} {receipt.at}", operator, on=_day(receipt.at)
        )
        message["status"] = "accepted"
    if receipt.kind == "delivery" and message["status"] == "accepted":
        _settle(store, message, "delivered", "delivered", receipt.at, None)
    elif receipt.kind in ("non_delivery", "non_acceptance") and message["status"] != "delivered":
        _settle(store, message, "failed", "returned", None, f"{receipt.kind}: {receipt.reason or ''}".strip(": "))
    return Filed(receipt, "filed", message["customer_id"])


def _day(at: str | None) -> dt.date | None:
    return dt.datetime.fromisoformat(at).date() if at else None


def _settle(
    store: Store, message: dict[str, object], status: str, outcome: str, at: str | None, why: str | None
) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET status = ?, delivered_at = coalesce(?, delivered_at), reply = coalesce(?, reply),"
            " updated_at = ? WHERE id = ?",
            (status, at, why, clock.now().isoformat(), message["id"]),
        )
        if message["action_id"]:
            conn.execute("UPDATE action SET outcome = ? WHERE id = ?", (outcome, message["action_id"]))


def receipts(store: Store, customer_id: str | None = None) -> pl.DataFrame:
    """The receipts filed (without their bytes) with the message each refers to, newest first."""
    where, params = ("WHERE o.customer_id = ?", (customer_id,)) if customer_id is not None else ("", ())
    rows = store.query(
        "SELECT r.id, r.kind, r.at, r.recipient, r.subject, r.reason, r.file_name, r.message_id,"
        f" o.customer_id, o.currency, o.step FROM receipt r LEFT JOIN outbox o USING (message_id) {where}"
        " ORDER BY r.at DESC, r.id DESC",
        params,
    )
    names = ("id", "kind", "at", "recipient", "subject", "reason", "file_name", "message_id", "customer_id",
             "currency", "step")  # fmt: skip
    return pl.DataFrame(rows, schema={n: pl.Int64() if n == "id" else pl.String() for n in names}, orient="row")


def receipt_file(store: Store, receipt_id: int) -> bytes:
    """The .eml of a filed receipt, as it came."""
    rows = store.query("SELECT data FROM receipt WHERE id = ?", (receipt_id,))
    return bytes(rows[0][0]) if rows else b""
