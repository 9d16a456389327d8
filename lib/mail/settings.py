"""The mail settings (saved in the workspace as the setting "mail") and the SMTP password, which
is never saved nor logged: it comes from $SOLLECITO_SMTP_PASSWORD or from `.streamlit/secrets.toml`
(`[smtp] password = "…"`), as Streamlit reads that file: the working directory's, then the home's.
The IMAP mailbox the PEC receipts are read from has its own: $SOLLECITO_IMAP_PASSWORD or `[imap]`.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

SECURITY = ("starttls", "ssl")  # STARTTLS on the submission port (587), or TLS from the start (465)
PASSWORD_ENV = "SOLLECITO_SMTP_PASSWORD"
IMAP_PASSWORD_ENV = "SOLLECITO_IMAP_PASSWORD"
SETTING = "mail"
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender: str = ""  # the From address (a PEC mailbox's own address for formal demands)
    reply_to: str = ""
    pec: bool = False  # the mailbox is a PEC mailbox: formal demands may go from it
    verify_tls: bool = True  # False only for a test server the user knows; never the default
    ca_file: str = ""  # a CA bundle for a server whose certificate the system does not trust
    imap_host: str = ""  # where the PEC receipts arrive (IMAP over TLS); empty: receipts are uploaded
    imap_port: int = 993
    imap_user: str = ""
    imap_folder: str = "INBOX"

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> MailSettings:
        """The settings saved under "mail"; unknown keys (a password above all) are dropped."""
        known = {f.name for f in fields(cls)}
        kept = {key: value for key, value in values.items() if key in known}
        for name in ("port", "imap_port"):
            if name in kept:
                kept[name] = int(kept[name])
        return cls(**kept)

    def to_mapping(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def domain(self) -> str:
        """The sender's domain (the right side of Message-IDs)."""
        return self.sender.rpartition("@")[2] or "sollecito.invalid"


def problems(settings: MailSettings) -> list[tuple[str, str]]:
    """(field, code) for what keeps the settings from sending: `missing` or `invalid`."""
    found = [(name, "missing") for name in ("host", "sender") if not getattr(settings, name).strip()]
    if settings.security not in SECURITY:
        found.append(("security", "invalid"))
    if not 0 < settings.port < 65536:
        found.append(("port", "invalid"))
    for name in ("sender", "reply_to"):
        value = getattr(settings, name).strip()
        if value and not _ADDRESS.match(value):
            found.append((name, "invalid"))
    if settings.ca_file and not Path(settings.ca_file).is_file():
        found.append(("ca_file", "invalid"))
    if settings.imap_host and not 0 < settings.imap_port < 65536:
        found.append(("imap_port", "invalid"))
    if settings.imap_host and not settings.imap_folder.strip():
        found.append(("imap_folder", "missing"))
    return found


def password(secrets_files: tuple[Path, ...] | None = None, section: str = "smtp") -> str | None:
    """The SMTP password (`section` "imap": the IMAP one): the environment's
    ($SOLLECITO_SMTP_PASSWORD, $SOLLECITO_IMAP_PASSWORD), else the first secrets file's
    `[smtp] password` (`[imap] password`)."""
    env = PASSWORD_ENV if section == "smtp" else IMAP_PASSWORD_ENV
    if os.environ.get(env):
        return os.environ[env]
    files = secrets_files or (Path.cwd() / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml")
    for path in files:
        try:
            secrets = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        found = secrets.get(section)
        if isinstance(found, dict) and isinstance(found.get("password"), str) and found["password"]:
            return str(found["password"])
    return None
