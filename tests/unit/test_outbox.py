"""The outbox against a real local SMTP server (aiosmtpd, STARTTLS with a trustme certificate, AUTH):
each letter sent once whatever is clicked or killed, the server's reply kept, the action logged
with the Message-ID only once the server accepted the message."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lib.mail import outbox
from lib.mail.outbox import Draft
from lib.mail.settings import MailSettings
from lib.mail.smtp import MailError
from lib.policy import load_policy
from lib.store import Store
from tests.conftest import ROOT, TODAY
from tests.unit.smtp_server import PASSWORD, Inbox, smtp_server

pytestmark = pytest.mark.usefixtures("backend")

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # aiosmtpd on AUTH over implicit TLS
LIMITS = load_policy().mail
BATCH = "2026-W48"


def draft(n: int, *, kind: str = "reminder", recipient: str | None = None) -> Draft:
    channel, to = outbox.address_for(kind, recipient or f"cliente{n}@example.it", f"cliente{n}@pec.example.it")
    step = {"reminder": "letter_1", "formal_demand": "letter_2", "courtesy": "courtesy"}[kind]
    return Draft(f"C{n:03d}", "EUR", step, kind, channel, to, f"Sollecito {n}", f"Gentile cliente {n}, …",
                 f"2026-11-24_C{n:03d}_{kind}.pdf", pdf_bytes(n))  # fmt: skip


def pdf_bytes(n: int) -> bytes:
    """A stand-in PDF of a real letter's size: many lines of base64 on the wire."""
    return b"%PDF-1.7 letter " + str(n).encode() + bytes(range(256)) * 120


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Inbox, MailSettings]]:
    with smtp_server(tmp_path) as running:
        yield running


def no_pause(seconds: float) -> None:
    pass


def send(store: Store, settings: MailSettings, pause: Callable[[float], None] = no_pause) -> outbox.Report:
    return outbox.send_batch(store, BATCH, settings, PASSWORD, LIMITS, operator="anna", pause=pause)


def test_the_week_goes_once_with_pdf_and_the_action_logged(server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    store = Store.open()
    assert outbox.put(store, BATCH, [draft(1), draft(2), draft(3, kind="formal_demand")], settings.domain) == 3
    pauses: list[float] = []
    report = send(store, settings, pauses.append)
    assert len(report.accepted) == 3 and report.failed == [] and report.left == 0
    assert pauses == [60 / LIMITS.per_minute] * 2  # between messages, not before the first
    sent = outbox.messages(store, BATCH)
    assert sent["status"].to_list() == ["accepted"] * 3
    assert sorted(inbox.ids()) == sorted(sent["message_id"].to_list())
    first = next(m for m in inbox.messages if m["To"] == "cliente1@example.it")
    assert first["Subject"] == "Sollecito 1" and first["Reply-To"] == "ufficio.crediti@fornitore.it"
    assert first.get_body(("plain",)).get_content().startswith("Gentile cliente 1")  # type: ignore[union-attr]
    [attachment] = first.iter_attachments()
    assert attachment.get_filename() == "2026-11-24_C001_reminder.pdf"
    assert attachment.get_content() == pdf_bytes(1)
    demand = next(m for m in inbox.messages if m["Subject"] == "Sollecito 3")
    assert demand["To"] == "cliente3@pec.example.it"  # the formal demand to the PEC address
    actions = store.log().action
    assert actions.height == 3
    assert actions["step"].to_list() == ["letter_1", "letter_1", "letter_2"]
    assert actions["channel"].to_list() == ["email", "email", "pec"]
    assert set(actions["date"].to_list()) == {TODAY} and set(actions["operator"].to_list()) == {"anna"}
    assert actions["note"].to_list() == [f"Message-ID {m}" for m in sent["message_id"].to_list()]
    assert sent["reply"].str.starts_with("250 ").all()


def test_a_second_click_sends_nothing(server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    store = Store.open()
    outbox.put(store, BATCH, [draft(1), draft(2)], settings.domain)
    send(store, settings)
    again = outbox.put(store, BATCH, [draft(1), draft(2)], settings.domain)  # prepared again, same week
    assert again == 0
    report = send(store, settings)
    assert report.accepted == [] and len(inbox.messages) == 2 and store.log().action.height == 2


def test_a_refusal_keeps_the_servers_reply_and_can_be_retried(server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    store = Store.open()
    inbox.refuse.add("cliente2@example.it")
    outbox.put(store, BATCH, [draft(1), draft(2), draft(3)], settings.domain)
    report = send(store, settings)
    assert len(report.accepted) == 2
    [(failed_id, reply)] = report.failed
    assert reply.startswith("550 5.1.1 <cliente2@example.it>: Recipient address rejected")
    row = outbox.messages(store, BATCH).filter(message_id=failed_id).row(0, named=True)
    assert (row["status"], row["reply"], row["action_id"]) == ("failed", reply, None)
    assert store.log().action.height == 2  # not logged: the server did not take it
    inbox.refuse.clear()
    assert outbox.retry(store, [row["id"]]) == 1
    assert send(store, settings).accepted == [failed_id]  # the same Message-ID
    assert len(inbox.messages) == 3


def test_formal_demands_are_refused_from_an_ordinary_mailbox(server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    store = Store.open()
    outbox.put(store, BATCH, [draft(1), draft(2, kind="formal_demand")], settings.domain)
    report = send(store, dataclasses.replace(settings, pec=False))
    assert len(report.accepted) == 1 and report.refused_not_pec == 1
    assert outbox.messages(store, BATCH).filter(kind="formal_demand")["status"].to_list() == ["draft"]
    assert [m["To"] for m in inbox.messages] == ["cliente1@example.it"]


def test_accounts_without_the_address_stay_listed_and_never_go(server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    store = Store.open()
    no_pec = dataclasses.replace(draft(2, kind="formal_demand"), recipient=None)
    outbox.put(store, BATCH, [draft(1), no_pec], settings.domain)
    send(store, settings)
    statuses = dict(outbox.messages(store, BATCH).select("customer_id", "status").iter_rows())
    assert statuses == {"C001": "accepted", "C002": "address_missing"}
    assert len(inbox.messages) == 1


def test_a_letter_dropped_from_the_list_before_sending_is_removed(server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    store = Store.open()
    outbox.put(store, BATCH, [draft(1), draft(2)], settings.domain)
    outbox.put(store, BATCH, [draft(1)], settings.domain)  # C002 paid in the meantime
    send(store, settings)
    assert [m["To"] for m in inbox.messages] == ["cliente1@example.it"]


def test_batch_size_leaves_the_rest_for_the_next_click(server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    store = Store.open()
    outbox.put(store, BATCH, [draft(n) for n in range(1, 6)], settings.domain)
    small = dataclasses.replace(LIMITS, batch_size=2)
    report = outbox.send_batch(store, BATCH, settings, PASSWORD, small, pause=no_pause)
    assert (len(report.accepted), report.left) == (2, 3)
    assert len(inbox.messages) == 2


def test_a_wrong_password_or_an_untrusted_certificate_claims_nothing(server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    store = Store.open()
    outbox.put(store, BATCH, [draft(1)], settings.domain)
    with pytest.raises(MailError) as wrong:
        outbox.send_batch(store, BATCH, settings, "wrong", LIMITS, pause=no_pause)
    assert wrong.value.code == "login" and wrong.value.reply.startswith("535")
    with pytest.raises(MailError) as untrusted:  # TLS is verified by default: the system does not know this CA
        send(store, dataclasses.replace(settings, ca_file=""))
    assert untrusted.value.code == "tls" and "CERTIFICATE_VERIFY_FAILED" in untrusted.value.reply
    assert outbox.messages(store, BATCH)["status"].to_list() == ["draft"] and inbox.messages == []


def test_implicit_tls(tmp_path: Path) -> None:
    with smtp_server(tmp_path, implicit_tls=True) as (inbox, settings):
        store = Store.open()
        outbox.put(store, BATCH, [draft(1)], settings.domain)
        assert len(send(store, settings).accepted) == 1 and len(inbox.messages) == 1


CHILD = """
import sys
from lib.mail import outbox
from lib.mail.settings import MailSettings
from lib.policy import load_policy
from lib.store import Store
settings = MailSettings.from_mapping(Store.open().settings()["mail"])
outbox.send_batch(Store.open(), sys.argv[1], settings, sys.argv[2], load_policy().mail, pause=lambda s: None)
"""


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.02)


def test_a_kill_mid_batch_never_sends_twice(server: tuple[Inbox, MailSettings], workspace: Path) -> None:
    inbox, settings = server
    store = Store.open()
    store.save_setting("mail", settings.to_mapping())
    outbox.put(store, BATCH, [draft(n) for n in range(1, 6)], settings.domain)
    inbox.hold_at = 2  # the second message reaches the server, which does not answer yet
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, BATCH, PASSWORD], cwd=ROOT, env={**os.environ, "SOLLECITO_HOME": str(workspace)}
    )
    try:
        wait_for(lambda: len(inbox.messages) == 2)
    finally:
        child.kill()  # mid-batch: one message accepted, one handed over without an answer
        child.wait()
    inbox.release.set()
    before = outbox.messages(store, BATCH)["status"].to_list()
    assert before == ["accepted", "sending", "draft", "draft", "draft"]
    send(store, settings)  # the restart: the one in "sending" is not sent again
    assert len(inbox.ids()) == len(set(inbox.ids())) == 5
    assert outbox.recover(store, stale_seconds=0) == 1
    after = outbox.messages(store, BATCH)
    assert after["status"].to_list() == ["accepted", "uncertain", "accepted", "accepted", "accepted"]
    assert store.log().action.height == 4  # the uncertain one is not logged as sent
    assert outbox.recover(store, stale_seconds=0) == 0
