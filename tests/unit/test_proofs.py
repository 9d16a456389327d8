"""PEC receipts filed against the outbox (lib/mail/proofs.py): the message and its action follow
what the receipt certifies; the receipt is kept as it came."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from lib.mail import outbox, proofs
from lib.mail.settings import MailSettings
from lib.store import Store
from tests.unit.pec import receipt_eml
from tests.unit.smtp_server import Inbox, smtp_server
from tests.unit.test_outbox import BATCH, draft, send

pytestmark = pytest.mark.usefixtures("backend")

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
Sent = tuple[Store, dict[str, str], Inbox, MailSettings]


@pytest.fixture
def sent(tmp_path: Path) -> Iterator[Sent]:
    """Three letters sent: C001, C002 (letter 1) and C003 (formal demand by PEC); their Message-IDs."""
    with smtp_server(tmp_path) as (inbox, settings):
        store = Store.open()
        outbox.put(store, BATCH, [draft(1), draft(2), draft(3, kind="formal_demand")], settings.domain)
        send(store, settings)
        ids = dict(outbox.messages(store, BATCH).select("customer_id", "message_id").iter_rows())
        yield store, ids, inbox, settings


def bare(message_id: str) -> str:
    return message_id.strip("<>")


def test_delivery_marks_the_message_and_the_action(sent: Sent) -> None:
    store, ids, _, _ = sent
    data = receipt_eml("avvenuta-consegna", bare(ids["C003"]), day="26/11/2026", hour="09:01:02")
    [filed] = proofs.file_receipts(store, [("consegna.eml", data)])
    assert (filed.outcome, filed.customer_id, filed.receipt.kind) == ("filed", "C003", "delivery")
    row = outbox.messages(store, BATCH).filter(customer_id="C003").row(0, named=True)
    assert (row["status"], row["delivered_at"]) == ("delivered", "2026-11-26T09:01:02+01:00")
    action = store.log().action.filter(customer_id="C003").row(0, named=True)
    assert action["outcome"] == "delivered" and action["id"] == row["action_id"]
    kept = proofs.receipts(store, "C003")
    assert kept["kind"].to_list() == ["delivery"] and kept["file_name"].to_list() == ["consegna.eml"]
    assert proofs.receipt_file(store, kept["id"][0]) == data  # the proof, byte for byte
    # the same file again is a duplicate; an acceptance after the delivery changes nothing
    assert proofs.file_receipts(store, [("again.eml", data)])[0].outcome == "duplicate"
    proofs.file_receipts(store, [("acc.eml", receipt_eml("accettazione", bare(ids["C003"])))])
    assert outbox.messages(store, BATCH).filter(customer_id="C003")["status"].to_list() == ["delivered"]


def test_non_delivery_fails_the_message_with_the_reason(
    sent: Sent,
) -> None:
    store, ids, _, _ = sent
    data = receipt_eml("errore-consegna", bare(ids["C003"]), errore="no-dest", extended="5.1.1 casella inesistente")
    proofs.file_receipts(store, [("errore.eml", data)])
    row = outbox.messages(store, BATCH).filter(customer_id="C003").row(0, named=True)
    assert row["status"] == "failed" and row["reply"] == "non_delivery: 5.1.1 casella inesistente"
    assert store.log().action.filter(customer_id="C003")["outcome"].to_list() == ["returned"]


def test_an_acceptance_settles_an_uncertain_message(sent: Sent) -> None:
    store, _, _, settings = sent
    outbox.put(store, "2026-W49", [draft(4, kind="formal_demand")], settings.domain)
    claimed = outbox._claim(store, "2026-W49", ("pec",))  # a crash right after the claim
    assert claimed is not None and outbox.recover(store, stale_seconds=0) == 1
    data = receipt_eml("accettazione", bare(claimed["message_id"]), day="01/12/2026")
    [filed] = proofs.file_receipts(store, [("acc.eml", data)])
    assert filed.outcome == "filed"
    row = outbox.messages(store, "2026-W49").row(0, named=True)
    assert row["status"] == "accepted" and row["action_id"] is not None
    action = store.log().action.filter(customer_id="C004").row(0, named=True)
    assert (action["date"], action["step"], action["outcome"]) == (dt.date(2026, 12, 1), "letter_2", "sent")


def test_what_is_not_ours_or_not_a_receipt(sent: Sent) -> None:
    store, _, _, _ = sent
    stranger = receipt_eml("avvenuta-consegna", "someone-else@pec.example.it")
    plain = b"From: a@b.it\r\nSubject: hi\r\n\r\nhello\r\n"
    outcomes = [f.outcome for f in proofs.file_receipts(store, [("x.eml", stranger), ("p.eml", plain)])]
    assert outcomes == ["unmatched", "not_receipt"]
    assert proofs.receipts(store)["customer_id"].to_list() == [None]  # kept, attached to nothing
