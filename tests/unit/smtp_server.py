"""A real local SMTP server for the tests: aiosmtpd with STARTTLS required and AUTH, its
certificate made by trustme (the client trusts it through `ca_file`, as a user would a company CA)."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from lib.mail.settings import MailSettings

USER, PASSWORD = "crediti", "s3cret-pw"


@dataclass
class Inbox:
    """What the server received; `refuse` recipients get a 550; the message numbered `hold_at`
    waits, after it arrived, for `release` before the server answers."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    hold_at: int | None = None
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
            number = len(self.messages)
        if number == self.hold_at:
            while not self.release.is_set():
                await asyncio.sleep(0.01)
        return f"250 2.0.0 Ok: queued as Q{number:04d}"

    def ids(self) -> list[str]:
        with self.lock:
            return [str(m["Message-ID"]).strip() for m in self.messages]


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(folder: Path, *, implicit_tls: bool = False) -> Iterator[tuple[Inbox, MailSettings]]:
    """A running server and the settings that reach it (STARTTLS, or TLS from the start)."""
    ca = trustme.CA()
    certificate = ca.issue_cert("127.0.0.1", "localhost")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(server_context)
    ca_file = folder / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    inbox = Inbox()
    port = _free_port()
    tls: dict[str, Any] = (
        {"ssl_context": server_context, "auth_require_tls": False}  # aiosmtpd sees no STARTTLS: TLS is the socket's
        if implicit_tls
        else {"tls_context": server_context, "require_starttls": True}
    )
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_required=True,
        auth_exclude_mechanism=["LOGIN"],  # aiosmtpd's LOGIN waits for what smtplib sends at once after a PLAIN failed
        **tls,
    )
    controller.start()
    settings = MailSettings(
        host="127.0.0.1", port=port, security="ssl" if implicit_tls else "starttls", user=USER,
        sender="crediti@pec.fornitore.it", reply_to="ufficio.crediti@fornitore.it", pec=True, ca_file=str(ca_file),
    )  # fmt: skip
    try:
        yield inbox, settings
    finally:
        inbox.release.set()
        controller.stop()
