"""PEC receipts read from a real IMAP server (tests/unit/imap_server.py: dovecot, TLS with a
trustme certificate) and filed as uploaded ones (lib/mail/imap.py → lib/mail/proofs.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from lib.mail import imap, outbox, proofs
from lib.mail.smtp import MailError
from lib.store import Store
from tests.unit.imap_server import PASSWORD, Imap, imap_server
from tests.unit.pec import receipt_eml
from tests.unit.test_outbox import BATCH, draft
from tests.unit.test_tracking import _accepted


@pytest.fixture
def server() -> Iterator[Imap]:
    with imap_server() as running:
        yield running


def test_receipts_in_the_folder_are_filed_as_uploaded_ones(server: Imap) -> None:
    store = Store.open()
    sent = _accepted(store, draft(1, kind="formal_demand"), draft(2, kind="formal_demand"))
    bare = {c: str(row["message_id"]).strip("<>") for c, row in sent.items()}
    delivered = receipt_eml("avvenuta-consegna", bare["C001"], day="26/11/2026", hour="11:12:13")
    failed = receipt_eml("errore-consegna", bare["C002"], errore="no-dest", extended="5.1.1 casella inesistente")
    server.append(delivered)
    server.append(failed)
    server.append(b"From: cliente@example.it\r\nSubject: re: sollecito\r\n\r\nPagheremo presto.\r\n")  # not a receipt
    filed = imap.file_from_imap(store, server.settings, PASSWORD, "anna")
    assert [(f.outcome, f.customer_id, f.receipt.kind) for f in filed] == [
        ("filed", "C001", "delivery"),
        ("filed", "C002", "non_delivery"),
    ]
    statuses = dict(outbox.messages(store, BATCH).select("customer_id", "status").rows())
    assert statuses == {"C001": "delivered", "C002": "failed"}
    kept = proofs.receipts(store, "C001")
    assert proofs.receipt_file(store, kept["id"][0]) == delivered  # byte for byte, as the server keeps it
    # the same as an upload of the same file: a duplicate; reading the folder again changes nothing
    assert proofs.file_receipts(store, [("consegna.eml", delivered)])[0].outcome == "duplicate"
    assert [f.outcome for f in imap.file_from_imap(store, server.settings, PASSWORD)] == ["duplicate"] * 2
    assert proofs.receipts(store).height == 2


def test_the_server_says_why_it_cannot_be_read(server: Imap) -> None:
    with pytest.raises(MailError) as refused:
        imap.fetch_receipts(server.settings, "wrong")
    assert refused.value.code == "login" and "AUTHENTICATIONFAILED" in refused.value.reply
    with pytest.raises(MailError) as missing:
        imap.fetch_receipts(dataclasses.replace(server.settings, imap_folder="Nowhere"), PASSWORD)
    assert missing.value.code == "folder"
    with pytest.raises(MailError) as untrusted:  # TLS is verified: a certificate no CA we trust signed
        imap.fetch_receipts(dataclasses.replace(server.settings, ca_file=""), PASSWORD)
    assert untrusted.value.code == "tls"
    with pytest.raises(MailError) as no_password:
        imap.fetch_receipts(server.settings, None)
    assert no_password.value.code == "no_password"
