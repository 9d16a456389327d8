"""The outbox: one message per letter and week, sent at most once, in the store's `outbox` table.

A message's life: `draft` (or `address_missing`: the account has no address for its channel) →
`sending`, claimed by one sender in one transaction (`UPDATE … WHERE status = 'draft'`: a second
click or a second process finds nothing to claim) → `accepted` when the server took it, in the
same transaction as the action row that logs the letter as sent, with its Message-ID → `delivered`
or `failed` (the server refused it, or a PEC receipt says it was not delivered: the reply kept).

A crash between the claim and the server's answer leaves a message in `sending`: it is never sent
again by itself. `recover` marks it `uncertain` for the user to check; a PEC receipt naming its
Message-ID (made with the draft, so a retry and the receipts all name one message) settles it.

Which address: letter 1 and the courtesy reminder go by e-mail (letter 1 to the PEC address when
the account has no e-mail, as its channel `email_or_pec` allows); the formal demand only to the
PEC address, and only from a PEC mailbox.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import polars as pl

from lib import clock
from lib.db import Connection
from lib.letters import STEP_OF_KIND, Letter, file_stem, to_pdf
from lib.mail.settings import MailSettings
from lib.mail.smtp import MailError, connected, transmit
from lib.policy_types import Mail
from lib.store import Store

STATUSES = ("address_missing", "draft", "sending", "uncertain", "accepted", "delivered", "failed")
PEC_ONLY = ("formal_demand",)  # the kinds that go only by PEC
STALE_SECONDS = 600  # a message still "sending" after this long was left by a crash
COLUMNS = (
    "id", "batch", "customer_id", "currency", "step", "kind", "channel", "recipient", "subject", "body",
    "file_name", "message_id", "status", "reply", "attempts", "accepted_at", "delivered_at", "action_id",
)  # fmt: skip


@dataclass(frozen=True)
class Draft:
    """One letter as a message: where it goes (recipient None: the address is missing) and what."""

    customer_id: str
    currency: str
    step: str
    kind: str
    channel: str  # email | pec
    recipient: str | None
    subject: str
    body: str
    file_name: str
    pdf: bytes = field(repr=False)


@dataclass
class Report:
    """What one click on "send" did."""

    accepted: list[str] = field(default_factory=list)  # Message-IDs the server took
    failed: list[tuple[str, str]] = field(default_factory=list)  # (Message-ID, the server's reply)
    uncertain: list[tuple[str, str]] = field(default_factory=list)  # the connection dropped mid-message
    refused_not_pec: int = 0  # formal demands left as drafts: the mailbox is not a PEC mailbox
    left: int = 0  # drafts left for the next click (batch size)


def address_for(kind: str, email: str | None, pec: str | None) -> tuple[str, str | None]:
    """(channel, recipient) of a letter of `kind` to an account with these addresses."""
    email, pec = (email or "").strip() or None, (pec or "").strip() or None
    if kind in PEC_ONLY:
        return "pec", pec
    if kind == "reminder" and email is None and pec is not None:
        return "pec", pec
    return "email", email


def drafts(
    letters: Sequence[Letter], contacts: pl.DataFrame, progress: Callable[[int, int], None] | None = None
) -> list[Draft]:
    """The letters as messages; `contacts` has customer_id, currency, email and pec (the week's
    list has them). Each PDF takes a second or two to draw: `progress(done, total)` follows them."""
    known = {
        (row["customer_id"], row["currency"]): row
        for row in contacts.select("customer_id", "currency", "email", "pec").to_dicts()
    }
    made = []
    for done, letter in enumerate(letters, start=1):
        row = known.get((letter.customer_id, letter.currency), {})
        channel, recipient = address_for(letter.kind, row.get("email"), row.get("pec"))
        made.append(
            Draft(
                letter.customer_id,
                letter.currency,
                STEP_OF_KIND.get(letter.kind, letter.kind),
                letter.kind,
                channel,
                recipient,
                letter.email_subject,
                letter.body,
                f"{file_stem(letter)}.pdf",
                to_pdf(letter),
            )
        )
        if progress is not None:
            progress(done, len(letters))
    return made


def put(store: Store, batch: str, new: Sequence[Draft], domain: str) -> int:
    """Lay the batch's letters into the outbox; returns how many messages were added.

    A letter already there keeps its row and Message-ID; while unsent it takes the new text. A
    draft of the batch no longer among the letters (the list changed: a payment, a step logged)
    is removed, so it can never go out."""
    stamp = clock.now().isoformat()
    keys = {(d.customer_id, d.currency, d.step) for d in new}
    with store.transaction() as conn:
        unsent = conn.execute(
            "SELECT id, customer_id, currency, step FROM outbox"
            " WHERE batch = ? AND status IN ('draft', 'address_missing')",
            (batch,),
        ).fetchall()
        gone = [(row_id,) for row_id, *key in unsent if tuple(key) not in keys]
        conn.executemany("DELETE FROM outbox WHERE id = ?", gone)
        before = conn.execute("SELECT count(*) FROM outbox WHERE batch = ?", (batch,)).fetchone()[0]
        conn.executemany(
            "INSERT INTO outbox (batch, customer_id, currency, step, kind, channel, recipient, subject, body,"
            " file_name, pdf, message_id, status, created_at, updated_at) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (batch, customer_id, currency, step) DO UPDATE"
            " SET kind = excluded.kind, channel = excluded.channel, recipient = excluded.recipient,"
            " subject = excluded.subject, body = excluded.body, file_name = excluded.file_name, pdf = excluded.pdf,"
            " status = excluded.status, updated_at = excluded.updated_at"
            " WHERE outbox.status IN ('draft', 'address_missing')",
            [
                (
                    batch,
                    d.customer_id,
                    d.currency,
                    d.step,
                    d.kind,
                    d.channel,
                    d.recipient,
                    d.subject,
                    d.body,
                    d.file_name,
                    d.pdf,
                    message_id(batch, d, domain),
                    "draft" if d.recipient else "address_missing",
                    stamp,
                    stamp,
                )
                for d in new
            ],
        )
        after = conn.execute("SELECT count(*) FROM outbox WHERE batch = ?", (batch,)).fetchone()[0]
    return int(after - before + len(gone))


def message_id(batch: str, draft: Draft, domain: str) -> str:
    """`<2026-W48.C0042.EUR.letter_2.5f1c9a7e@domain>`: readable, and unique by its random part."""
    code = re.sub(r"[^A-Za-z0-9-]+", "_", draft.customer_id).strip("_")[:40] or "customer"
    return f"<{batch}.{code}.{draft.currency}.{draft.step}.{secrets.token_hex(6)}@{domain}>"


def messages(store: Store, batch: str | None = None) -> pl.DataFrame:
    """The outbox without the PDFs, newest batch first, in the order the messages go."""
    where, params = ("WHERE batch = ?", (batch,)) if batch is not None else ("", ())
    rows = store.query(f"SELECT {', '.join(COLUMNS)} FROM outbox {where} ORDER BY batch DESC, id", params)
    return pl.DataFrame(rows, schema=_schema(), orient="row")


def pdf(store: Store, outbox_id: int) -> bytes:
    rows = store.query("SELECT pdf FROM outbox WHERE id = ?", (outbox_id,))
    return bytes(rows[0][0]) if rows else b""


def recover(store: Store, stale_seconds: int = STALE_SECONDS) -> int:
    """Messages left in "sending" (claimed longer ago than a send can take) become "uncertain"."""
    limit = (clock.now() - dt.timedelta(seconds=stale_seconds)).isoformat()
    with store.transaction() as conn:
        return conn.execute(
            "UPDATE outbox SET status = 'uncertain', reply = coalesce(reply, 'interrupted'), updated_at = ?"
            " WHERE status = 'sending' AND claimed_at <= ?",
            (clock.now().isoformat(), limit),
        ).rowcount


def retry(store: Store, ids: Sequence[int]) -> int:
    """Failed or uncertain messages back to drafts (an uncertain one only once the user checked
    it did not arrive); the server's last reply is kept until the next attempt."""
    with store.transaction() as conn:
        return sum(
            conn.execute(
                "UPDATE outbox SET status = 'draft', updated_at = ? WHERE id = ? AND status IN ('failed', 'uncertain')",
                (clock.now().isoformat(), int(outbox_id)),
            ).rowcount
            for outbox_id in ids
        )


def send_batch(
    store: Store,
    batch: str,
    settings: MailSettings,
    password: str | None,
    limits: Mail,
    *,
    operator: str | None = None,
    pause: Callable[[float], None] = time.sleep,
) -> Report:
    """Send the batch's drafts, at most `limits.batch_size` of them and `limits.per_minute` a
    minute. MailError when the server cannot be reached or refuses the login (nothing claimed)."""
    report = Report()
    channels = ("email", "pec") if settings.pec else ("email",)
    with store.transaction() as conn:
        report.refused_not_pec = 0 if settings.pec else _count(conn, batch, ("pec",))
    if not _waiting(store, batch, channels):
        return report
    with connected(settings, password) as smtp:
        for n in range(limits.batch_size):
            if not _waiting(store, batch, channels):
                break
            if n:
                pause(60 / limits.per_minute)
            row = _claim(store, batch, channels)
            if row is None:  # another sender took the last one
                break
            try:
                reply = transmit(smtp, build(row, settings))
            except MailError as error:
                _settle(store, row, "uncertain" if error.code == "lost" else "failed", error.reply)
                (report.uncertain if error.code == "lost" else report.failed).append((row["message_id"], error.reply))
                if error.code == "lost":
                    break  # the connection is gone: the rest waits for the next click
                continue
            accept(store, row, reply, operator)
            report.accepted.append(row["message_id"])
    with store.transaction() as conn:
        report.left = _count(conn, batch, channels)
    return report


def build(row: Mapping[str, Any], settings: MailSettings) -> EmailMessage:
    """The message of an outbox row: the letter's text as the body, its PDF attached."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = row["recipient"]
    if settings.reply_to:
        message["Reply-To"] = settings.reply_to
    message["Subject"] = row["subject"]
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = row["message_id"]
    message.set_content(row["body"])
    message.add_attachment(row["pdf"], maintype="application", subtype="pdf", filename=row["file_name"])
    return message


def _waiting(store: Store, batch: str, channels: Sequence[str]) -> bool:
    with store.transaction() as conn:
        return _count(conn, batch, channels) > 0


def _count(conn: Connection, batch: str, channels: Sequence[str]) -> int:
    marks = ", ".join("?" * len(channels))
    query = f"SELECT count(*) FROM outbox WHERE batch = ? AND status = 'draft' AND channel IN ({marks})"
    return int(conn.execute(query, (batch, *channels)).fetchone()[0])


def _claim(store: Store, batch: str, channels: Sequence[str]) -> dict[str, Any] | None:
    """The next draft, now "sending" and this sender's alone (the UPDATE is the lock)."""
    marks = ", ".join("?" * len(channels))
    with store.transaction() as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute(
            f"SELECT * FROM outbox WHERE batch = ? AND status = 'draft' AND channel IN ({marks}) ORDER BY id LIMIT 1",
            (batch, *channels),
        ).fetchone()
        if row is None:
            return None
        stamp = clock.now().isoformat()
        claimed = conn.execute(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = ?, updated_at = ?"
            " WHERE id = ? AND status = 'draft'",
            (stamp, stamp, row["id"]),
        ).rowcount
        return dict(row) if claimed else None


def accept(store: Store, row: Mapping[str, Any], reply: str, operator: str | None, on: dt.date | None = None) -> int:
    """The server took it: the message accepted and the letter logged as sent (today, or `on`: the
    day a PEC receipt certifies), in one transaction; returns the action's id."""
    stamp = clock.now().isoformat()
    with store.transaction() as conn:
        action_id = conn.execute(
            "INSERT INTO action (customer_id, step, date, channel, operator, outcome, note, currency, created_at)"
            " VALUES (?, ?, ?, ?, ?, 'sent', ?, ?, ?)",
            (row["customer_id"], row["step"], (on or clock.today()).isoformat(), row["channel"], operator,
             f"Message-ID {row['message_id']}", row["currency"], stamp),
        ).lastrowid  # fmt: skip
        conn.execute(
            "UPDATE outbox SET status = 'accepted', reply = ?, accepted_at = ?, action_id = ?, updated_at = ?"
            " WHERE id = ?",
            (reply, stamp, action_id, stamp, row["id"]),
        )
    return int(action_id or 0)


def _settle(store: Store, row: Mapping[str, Any], status: str, reply: str) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET status = ?, reply = ?, updated_at = ? WHERE id = ? AND status = 'sending'",
            (status, reply, clock.now().isoformat(), row["id"]),
        )


def _schema() -> dict[str, pl.DataType]:
    ints = {"id", "attempts", "action_id"}
    return {name: pl.Int64() if name in ints else pl.String() for name in COLUMNS}
