"""Talking to the SMTP server: a verified TLS connection (STARTTLS or TLS from the start), the
login, and one message handed over with the server's own reply kept, word for word."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from lib import clock
from lib.mail.settings import MailSettings

TIMEOUT = 30  # seconds for the server to answer each command


class MailError(Exception):
    """The server refused (`reply` is its answer: "550 5.1.1 No such user") or could not be
    reached; `code` is a lib.i18n key suffix (mail.error_<code>)."""

    def __init__(self, code: str, reply: str) -> None:
        super().__init__(reply)
        self.code, self.reply = code, reply


def tls_context(settings: MailSettings) -> ssl.SSLContext:
    """The system's trusted certificates (plus `ca_file`), host name checked; unverified only
    when the user turned verification off."""
    context = ssl.create_default_context(cafile=settings.ca_file or None)
    if not settings.verify_tls:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


@contextmanager
def connected(settings: MailSettings, password: str | None) -> Iterator[smtplib.SMTP]:
    """An SMTP session, encrypted and logged in; MailError when it cannot be had."""
    context = tls_context(settings)
    try:
        if settings.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
            smtp.starttls(context=context)
    except smtplib.SMTPNotSupportedError as error:
        raise MailError("no_starttls", str(error)) from error
    except ssl.SSLError as error:
        raise MailError("tls", str(error)) from error
    except (OSError, smtplib.SMTPException) as error:
        raise MailError("connect", str(error)) from error
    try:
        if settings.user:
            if not password:
                raise MailError("no_password", "")
            try:
                smtp.login(settings.user, password)
            except smtplib.SMTPAuthenticationError as error:
                raise MailError("login", _reply(error.smtp_code, error.smtp_error)) from error
            except (OSError, smtplib.SMTPException) as error:  # no AUTH offered, the connection dropped
                raise MailError("login", str(error)) from error
        yield smtp
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def transmit(smtp: smtplib.SMTP, message: EmailMessage) -> str:
    """Hand `message` over (MAIL, RCPT, DATA) and return the server's reply to the data ("250 …").

    MailError `refused` when the server refuses it (its reply kept); `lost` when the connection
    dropped: the server may or may not have taken it."""
    sender = str(message["From"])
    recipients = [str(message["To"])]
    try:
        smtp.ehlo_or_helo_if_needed()
        code, text = smtp.mail(sender)
        if code != 250:
            raise MailError("refused", _reply(code, text))
        for recipient in recipients:
            code, text = smtp.rcpt(recipient)
            if code not in (250, 251):
                raise MailError("refused", _reply(code, text))
        # CRLF line ends: smtplib sends bytes as they are, and a bare LF makes the message one long line
        code, text = smtp.data(message.as_bytes(policy=message.policy.clone(linesep="\r\n")))
        if code != 250:
            raise MailError("refused", _reply(code, text))
    except MailError:
        _reset(smtp)
        raise
    except smtplib.SMTPResponseException as error:  # e.g. a 5xx to DATA, raised by smtplib
        _reset(smtp)
        raise MailError("refused", _reply(error.smtp_code, error.smtp_error)) from error
    except (OSError, smtplib.SMTPException) as error:
        raise MailError("lost", str(error) or type(error).__name__) from error
    return _reply(code, text)


def test_message(settings: MailSettings, password: str | None, subject: str, body: str) -> str:
    """Send a message to the sender's own address; the server's reply. MailError otherwise."""
    message = EmailMessage()
    message["From"] = message["To"] = settings.sender
    message["Subject"] = subject
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = make_msgid("sollecito-test", domain=settings.domain)
    message.set_content(body)
    with connected(settings, password) as smtp:
        return transmit(smtp, message)


def _reset(smtp: smtplib.SMTP) -> None:
    with suppress(OSError, smtplib.SMTPException):
        smtp.rset()


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(words.split())}".strip()


__all__: Sequence[str] = ("MailError", "connected", "test_message", "tls_context", "transmit")
