"""AppTest of sending mail: the settings and their test message, the letters page's outbox sending
the week's formal demands by PEC to a real local SMTP server, and a PEC receipt attached to the
account it certifies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.mail.settings import PASSWORD_ENV, MailSettings
from lib.store import Store
from tests.app.test_work_pages import COMPANY, button, page, store, with_pec
from tests.unit.pec import receipt_eml
from tests.unit.smtp_server import PASSWORD, Inbox, smtp_server

__all__ = ["store"]  # the sample-data workspace fixture
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Inbox, MailSettings]]:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    with smtp_server(tmp_path) as running:
        yield running


def texts(elements: object) -> list[str]:
    return [e.value for e in elements]  # type: ignore[attr-defined]


def week_of_three(store: Store, settings: MailSettings, lang: str = "en") -> AppTest:
    """The letters page of the week of 23/11/2026, with the company, the mail settings and three
    letters to PEC addresses, sent without real pauses (each PDF takes a second or two to draw)."""
    store.save_setting("company", COMPANY)
    store.save_setting("mail", settings.to_mapping())
    store.save_setting("policy", {"mail": {"per_minute": 60_000}, "weekly": {"letters": 3}})
    with_pec(store)
    at = page("letters", lang)
    at.date_input(key="letters-day").set_value(dt.date(2026, 11, 23)).run()
    return at


def test_mail_settings_are_saved_checked_and_tested(server: tuple[Inbox, MailSettings], workspace: Path) -> None:
    inbox, settings = server
    at = page("settings")
    assert "SMTP password: found." in texts(at.caption)
    for key, value in (("mail-host", settings.host), ("mail-user", settings.user), ("mail-sender", "not-an-address"),
                       ("mail-ca-file", settings.ca_file)):  # fmt: skip
        at.text_input(key=key).set_value(value)
    at.number_input(key="mail-port").set_value(settings.port)
    button(at, "Save the mail settings").click().run()
    assert "Not valid: Sender address." in texts(at.error)
    at.text_input(key="mail-sender").set_value(settings.sender)
    at.checkbox(key="mail-pec").check()
    button(at, "Save the mail settings").click().run()
    assert not at.exception and "Mail settings saved." in texts(at.success)
    saved = MailSettings.from_mapping(Store.open(workspace).settings()["mail"])
    assert saved == MailSettings(host=settings.host, port=settings.port, user=settings.user, sender=settings.sender,
                                 pec=True, ca_file=settings.ca_file)  # fmt: skip
    assert "password" not in Store.open(workspace).settings()["mail"]
    button(at, "Send a test message to myself").click().run()
    assert texts(at.success) == ["The server accepted the message: “250 2.0.0 Ok: queued as Q0001”."]
    assert [m["To"] for m in inbox.messages] == [settings.sender]


def test_a_refused_login_is_shown_as_the_server_said(
    server: tuple[Inbox, MailSettings], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, settings = server
    Store.open(workspace).save_setting("mail", settings.to_mapping())
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    at = page("settings", "it")
    button(at, "Invia un messaggio di prova a me stesso").click().run()
    assert texts(at.error) == ["Accesso rifiutato dal server: 535 5.7.8 Authentication credentials invalid"]


def test_the_week_goes_by_pec_once_and_a_receipt_shows_the_delivery(
    store: Store, server: tuple[Inbox, MailSettings]
) -> None:
    inbox, settings = server
    at = week_of_three(store, settings)
    button(at, "Prepare the 3 letters").click().run()
    button(at, "Put the 3 letters in the outbox").click().run()
    assert not at.exception and "Outbox updated: 3 new messages." in texts(at.success)
    button(at, "Send the 3 messages").click().run()
    assert not at.exception and "Accepted by the server: 3 messages." in texts(at.success)
    assert not [b for b in at.button if b.label.startswith("Send the")]  # nothing left to send twice
    assert len(inbox.messages) == len(set(inbox.ids())) == 3
    assert all(m["To"].endswith("@pec.example") for m in inbox.messages)
    assert all([a.get_content_type() for a in m.iter_attachments()] == ["application/pdf"] for m in inbox.messages)
    actions = store.log().action
    assert actions.height == 3 and set(actions["channel"]) == {"pec"} and set(actions["step"]) == {"letter_2"}
    outbox = at.dataframe[-1].value
    assert set(outbox["status"]) == {"accepted by the server"}

    first = inbox.messages[0]
    customer = first["To"].split("@")[0].upper()
    receipt = receipt_eml("avvenuta-consegna", str(first["Message-ID"]).strip().strip("<>"), day="24/11/2026")
    at.file_uploader(key="mail-eml").set_value([("consegna.eml", receipt, "message/rfc822")])
    button(at, "Attach the receipts").click().run()
    assert not at.exception
    assert texts(at.success)[-1] == f"consegna.eml: delivery, attached to {customer}."
    account = page("account", tab="Log", customer=customer, currency="EUR")
    assert "PEC delivered on 24 Nov 2026 10:15" in texts(account.markdown)
    assert "Download the receipt" in [d.label for d in account.get("download_button")]


def test_a_refused_message_shows_the_reply_and_is_retried(store: Store, server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    inbox.refuse.add("c01113@pec.example")
    at = week_of_three(store, settings, "it")
    button(at, "Prepara le 3 lettere").click().run()
    button(at, "Metti le 3 lettere nella posta in uscita").click().run()
    button(at, "Invia i 3 messaggi").click().run()
    assert not at.exception
    [refused] = texts(at.error)
    assert refused.startswith("Non inviato (<2026-W48.C01113.EUR.letter_2.")
    assert refused.endswith("550 5.1.1 <c01113@pec.example>: Recipient address rejected: User unknown in virtual "
                            "mailbox table")  # fmt: skip
    assert sorted(at.dataframe[-1].value["status"]) == ["accettato dal server"] * 2 + ["non inviato"]
    inbox.refuse.clear()
    button(at, "Riprova i 1 non inviati").click().run()
    assert "1 messaggi tornano da inviare." in texts(at.success)
    button(at, "Invia i 1 messaggi").click().run()
    assert len(inbox.messages) == 3 and store.log().action.height == 3
