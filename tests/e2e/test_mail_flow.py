"""The week's letters sent from a real browser to a real local SMTP server (aiosmtpd, STARTTLS),
the app killed half-way through the second batch and started again (nothing goes twice), then the
PEC receipts dropped in a real IMAP folder (dovecot) and read back onto the accounts."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib import clock
from lib.mail import outbox
from lib.mail.settings import IMAP_PASSWORD_ENV, PASSWORD_ENV
from lib.store import Store
from tests.app.test_work_pages import COMPANY, _sample, with_pec
from tests.conftest import ROOT, TODAY
from tests.e2e.conftest import free_port, open_tab, set_date, settle
from tests.unit import imap_server as imap
from tests.unit.pec import receipt_eml
from tests.unit.smtp_server import PASSWORD, smtp_server

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::UserWarning")]
LETTERS, BATCH_SIZE = 6, 3


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


class App:
    """`streamlit run app.py` on a workspace, that a test may kill (SIGKILL: no goodbye) and start again."""

    def __init__(self, home: Path, folder: Path) -> None:
        self.home, self.folder, self.process = home, folder, None
        self.url = ""

    def start(self) -> str:
        port = free_port()
        log = (self.folder / f"streamlit-{port}.log").open("w")
        env = {**os.environ, "SOLLECITO_HOME": str(self.home), clock.PIN: TODAY.isoformat(),
               PASSWORD_ENV: PASSWORD, IMAP_PASSWORD_ENV: imap.PASSWORD}  # fmt: skip
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", f"--server.port={port}", "--server.address=127.0.0.1",
             "--server.headless=true", "--browser.gatherUsageStats=false"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
        log.close()
        self.url = f"http://127.0.0.1:{port}"
        wait_for(self._healthy)
        return self.url

    def _healthy(self) -> bool:
        assert self.process is not None and self.process.poll() is None, "streamlit stopped"
        try:
            return urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2).read() == b"ok"
        except OSError:
            return False

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    running = App(tmp_path / "workspace", tmp_path)
    try:
        yield running
    finally:
        running.kill()


def letters_page(page: Page, url: str) -> None:
    page.goto(f"{url}/letters")
    settle(page)
    set_date(page, "Settimana del", dt.date(2026, 11, 23))


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    settle(page)


def test_letters_go_once_through_a_crash_and_their_receipts_come_back(page: Page, app: App, tmp_path: Path) -> None:
    with smtp_server(tmp_path) as (inbox, smtp), imap.imap_server(smtp) as mailbox:
        store = Store.open(app.home)
        store.save_snapshot(_sample())
        store.save_setting("company", COMPANY)
        store.save_setting("mail", mailbox.settings.to_mapping())
        store.save_setting("policy", {"mail": {"per_minute": 60_000, "batch_size": BATCH_SIZE},
                                      "weekly": {"letters": LETTERS}})  # fmt: skip
        with_pec(store)
        letters_page(page, app.start())
        click(page, f"Prepara le {LETTERS} lettere")
        click(page, f"Metti le {LETTERS} lettere nella posta in uscita")
        expect(page.get_by_text(f"Posta in uscita aggiornata: {LETTERS} messaggi nuovi.")).to_be_visible()
        click(page, f"Invia i {LETTERS} messaggi")
        expect(page.get_by_text(f"Accettati dal server: {BATCH_SIZE} messaggi.")).to_be_visible()
        assert len(inbox.messages) == BATCH_SIZE

        # the second batch: the server holds its second message until the app is dead
        inbox.hold_at = BATCH_SIZE + 2
        page.get_by_role("button", name=f"Invia i {LETTERS - BATCH_SIZE} messaggi", exact=True).click()
        wait_for(lambda: len(inbox.messages) == BATCH_SIZE + 2)
        app.kill()
        inbox.release.set()
        letters_page(page, app.start())
        # one accepted, one lost in the crash (never sent again by itself), one left to send
        left = LETTERS - BATCH_SIZE - 2
        click(page, f"Invia i {left} messaggi")
        expect(page.get_by_text(f"Accettati dal server: {left} messaggi.")).to_be_visible()
        assert len(inbox.messages) == len(set(inbox.ids())) == LETTERS  # every letter once, none twice
        for message in inbox.messages:
            assert [a.get_content_type() for a in message.iter_attachments()] == ["application/pdf"]
            assert message["To"].endswith("@pec.example")
        assert Store.open(app.home).log().action.height == LETTERS - 1  # the lost one: not logged yet

        # the provider's receipts reach the PEC mailbox; the app reads them from there
        for message in inbox.messages:
            msgid = str(message["Message-ID"]).strip("<> ")
            mailbox.append(receipt_eml("avvenuta-consegna", msgid, day="25/11/2026", hour="09:30:00"))
        click(page, "Leggi le ricevute dalla casella PEC")
        expect(page.get_by_text("avvenuta consegna, allegata a")).to_have_count(LETTERS)
        statuses = outbox.messages(Store.open(app.home))["status"].to_list()
        assert statuses == ["delivered"] * LETTERS  # the lost one too: its receipt settled it
        assert Store.open(app.home).log().action.height == LETTERS
        for message in inbox.messages[:2]:
            customer = message["To"].split("@")[0].upper()
            page.goto(f"{app.url}/account?customer={customer}&currency=EUR")
            settle(page)
            open_tab(page, "Registro")
            expect(page.get_by_text("PEC consegnata il 25/11/2026 09:30")).to_be_visible(timeout=15_000)
            expect(page.get_by_role("button", name="Scarica la ricevuta")).to_be_visible()
