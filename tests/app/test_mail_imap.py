"""AppTest of the PEC receipts read from the mailbox: the IMAP settings saved on the settings page,
the week's formal demands sent to a real SMTP server, their receipts put in a real IMAP folder
(dovecot) and read from the letters page: the account says "PEC delivered on …"."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lib.mail.settings import IMAP_PASSWORD_ENV, MailSettings
from lib.store import Store
from tests.app.test_mail import server, texts
from tests.app.test_work_pages import COMPANY, button, page, store, with_pec
from tests.unit.imap_server import PASSWORD, imap_server
from tests.unit.pec import receipt_eml
from tests.unit.smtp_server import Inbox

__all__ = ["server", "store"]
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def test_receipts_read_from_the_mailbox_reach_the_accounts(
    store: Store, server: tuple[Inbox, MailSettings], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, smtp = server
    monkeypatch.setenv(IMAP_PASSWORD_ENV, PASSWORD)
    store.save_setting("company", COMPANY)
    store.save_setting("policy", {"mail": {"per_minute": 60_000}, "weekly": {"letters": 2}})
    with_pec(store)
    with imap_server(smtp) as mailbox:
        store.save_setting("mail", dataclasses.replace(mailbox.settings, imap_host="").to_mapping())
        at = page("settings")
        assert not [c for c in texts(at.caption) if c.startswith("IMAP password")]  # no IMAP: not asked for
        at.text_input(key="mail-imap-host").set_value("127.0.0.1")
        at.number_input(key="mail-imap-port").set_value(mailbox.settings.imap_port)
        at.text_input(key="mail-imap-user").set_value(mailbox.settings.imap_user)
        at.text_input(key="mail-imap-folder").set_value(mailbox.settings.imap_folder)
        button(at, "Save the mail settings").click().run()
        assert not at.exception and "Mail settings saved." in texts(at.success)
        assert MailSettings.from_mapping(store.settings()["mail"]) == mailbox.settings
        assert "IMAP password: found." in texts(at.caption)

        at = page("letters")
        at.date_input(key="letters-day").set_value(dt.date(2026, 11, 23)).run()
        button(at, "Prepare the 2 letters").click().run()
        button(at, "Put the 2 letters in the outbox").click().run()
        button(at, "Send the 2 messages").click().run()
        assert not at.exception and len(inbox.messages) == 2
        for message, day in zip(inbox.messages, ("25/11/2026", "26/11/2026"), strict=True):
            mailbox.append(receipt_eml("avvenuta-consegna", str(message["Message-ID"]).strip("<> "), day=day))
        button(at, "Read the receipts from the PEC mailbox").click().run()
        assert not at.exception
        customers = [m["To"].split("@")[0].upper() for m in inbox.messages]
        assert texts(at.success)[-2:] == [f"Ricevute PEC-{n}.eml: delivery, attached to {c}." for n, c in
                                          zip((1, 2), customers, strict=True)]  # fmt: skip
        account = page("account", tab="Log", customer=customers[1], currency="EUR")
        assert "PEC delivered on 26 Nov 2026 10:15" in texts(account.markdown)
        button(at, "Read the receipts from the PEC mailbox").click().run()
        assert texts(at.warning)[-2:] == [f"Ricevute PEC-{n}.eml: already attached." for n in (1, 2)]
