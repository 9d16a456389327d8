"""PEC receipts read from an IMAP folder (imap-tools, TLS verified as for SMTP: lib.mail.smtp.tls_context)
and filed exactly as uploaded ones (lib.mail.proofs.file_receipts): the same code, the same
answers. Only the messages carrying `X-Ricevuta` (what a PEC provider puts on its receipts) are
fetched, as the server keeps them, byte for byte, and left unread; a receipt filed before is a
duplicate, so reading the folder again changes nothing."""

from __future__ import annotations

import imaplib
import ssl

from imap_tools import AND, H, MailBox, MailboxLoginError, MailMessage
from imap_tools.errors import ImapToolsError

from lib.mail import proofs
from lib.mail.settings import MailSettings
from lib.mail.smtp import MailError, tls_context
from lib.store import Store

TIMEOUT = 30  # seconds for each answer of the server


class RawMessage(MailMessage):
    """A fetched message that keeps the bytes it came as (the proof is the file, not a re-encoding)."""

    def __init__(self, fetch_data: list) -> None:
        super().__init__(fetch_data)
        self.raw: bytes = self._get_message_data_parts(fetch_data)[0]


class ReceiptBox(MailBox):
    email_message_class = RawMessage


def fetch_receipts(settings: MailSettings, password: str | None) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every PEC receipt in the settings' IMAP folder, oldest first; MailError
    when the server cannot be reached, refuses the login or has no such folder."""
    if not password:
        raise MailError("no_password", "")
    try:
        box = ReceiptBox(settings.imap_host, settings.imap_port, ssl_context=tls_context(settings), timeout=TIMEOUT)
    except ssl.SSLError as error:
        raise MailError("tls", str(error)) from error
    except OSError as error:
        raise MailError("connect", str(error)) from error
    try:
        box.login(settings.imap_user, password, initial_folder=None)
    except MailboxLoginError as error:
        box.client.shutdown()
        raise MailError("login", _said(error.command_result)) from error
    with box:
        try:
            box.folder.set(settings.imap_folder)
            found = box.fetch(AND(header=H("X-Ricevuta", "")), mark_seen=False, bulk=True)
            return [(f"{settings.imap_folder}-{m.uid}.eml", m.raw) for m in found if isinstance(m, RawMessage)]
        except (ImapToolsError, imaplib.IMAP4.error, OSError) as error:
            raise MailError("folder", str(error)) from error


def _said(result: object) -> str:
    """The server's words in an IMAP command result ('NO', [b'[AUTHENTICATIONFAILED] …'])."""
    lines = result[1] if isinstance(result, tuple) and len(result) > 1 else [result]
    return " ".join(x.decode(errors="replace") if isinstance(x, bytes) else str(x) for x in lines)


def file_from_imap(
    store: Store, settings: MailSettings, password: str | None, operator: str | None = None
) -> list[proofs.Filed]:
    """The folder's receipts filed (lib.mail.proofs.file_receipts, as an upload); one answer each."""
    return proofs.file_receipts(store, fetch_receipts(settings, password), operator)
