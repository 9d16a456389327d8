"""PEC receipts (ricevute), read from the .eml files a PEC provider sends back to the sender.

The format is the one of DPR 68/2005 and its technical rules (DM 2 November 2005, described in
English by RFC 6109): a receipt is a signed MIME message whose header `X-Ricevuta` names its kind
and `X-Riferimento-Message-ID` the Message-ID of the message it certifies; its certified data are
the `daticert.xml` attachment:

    <postacert tipo="avvenuta-consegna" errore="nessuno">
      <intestazione><mittente/><destinatari tipo="certificato"/>…<risposte/><oggetto/></intestazione>
      <dati><gestore-emittente/><data zona="+0100"><giorno>dd/mm/yyyy</giorno><ora>hh:mm:ss</ora></data>
            <identificativo/><msgid>&lt;…&gt;</msgid><ricevuta tipo="completa"/><consegna/>
            <errore-esteso/></dati>
    </postacert>

The certified data win over the headers (the headers are the fallback of a receipt whose XML is
missing). A delivery receipt of the "completa" kind carries the original message as postacert.eml:
its parts are not searched, so a forwarded PEC inside it is never mistaken for the receipt.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from email.message import Message
from pathlib import Path

# tipo (daticert.xml) or X-Ricevuta → the kind the rest of the app knows
KINDS = {
    "accettazione": "acceptance",
    "avvenuta-consegna": "delivery",
    "errore-consegna": "non_delivery",
    "preavviso-errore-consegna": "non_delivery",  # not delivered within 12 hours
    "non-accettazione": "non_acceptance",
}
# Certified messages that are not a receipt for the sender of a letter.
NOT_RECEIPTS = {
    "presa-in-carico": "a taking-in-charge notice between providers, not a receipt",
    "posta-certificata": "a certified message (busta di trasporto), not a receipt",
    "rilevazione-virus": "a virus notice between providers, not a receipt",
}
_ZONE = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


@dataclass(frozen=True)
class Receipt:
    """One receipt as the command line prints it; `kind` is "other" with a `reason` for a file
    that is not a PEC receipt (or one that is damaged)."""

    file: str
    kind: str
    at: str | None = None  # ISO 8601 with the UTC offset the provider certified
    msgid: str | None = None  # the original message's Message-ID, without angle brackets
    recipient: str | None = None
    subject: str | None = None
    reason: str | None = None  # why a file is "other", or the provider's error for a non-delivery

    def to_dict(self) -> dict[str, str | None]:
        entry = asdict(self)
        if entry["reason"] is None:
            del entry["reason"]
        return entry


def read_receipt(path: Path) -> Receipt:
    """The receipt in the file at `path`; never raises."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Receipt(path.name, "other", reason=f"cannot be read: {error.strerror or error}")
    return parse_receipt(data, path.name)


def parse_receipt(data: bytes, file: str = "") -> Receipt:
    """The receipt in an .eml's bytes; a file that is not one gets kind "other" and a reason."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as error:
        return Receipt(file, "other", reason=f"not an e-mail message: {error}")
    if not message.keys():
        return Receipt(file, "other", reason="not an e-mail message: no headers")
    try:
        return _receipt(message, file)
    except Exception as error:  # a malformed MIME tree or XML: an answer, never a traceback
        return Receipt(file, "other", reason=f"damaged PEC receipt: {error}")


def _receipt(message: Message, file: str) -> Receipt:
    header = _text(message.get("X-Ricevuta")).lower()
    xml = _daticert(message)
    if xml is None:
        if not header:
            return Receipt(file, "other", reason="not a PEC receipt: no X-Ricevuta header and no daticert.xml")
        return _from_headers(message, header, file)
    root = ET.fromstring(xml)
    if root.tag != "postacert":
        raise ValueError(f"daticert.xml holds <{root.tag}>, not <postacert>")
    tipo = root.get("tipo", "").strip().lower()
    if tipo in NOT_RECEIPTS:
        return Receipt(file, "other", reason=NOT_RECEIPTS[tipo])
    if tipo not in KINDS:
        raise ValueError(f"unknown receipt type {tipo!r}")
    kind = KINDS[tipo]
    delivered_to = _find(root, "dati/consegna")
    addressees = ", ".join(filter(None, (_text(d.text) for d in root.findall("intestazione/destinatari"))))
    return Receipt(
        file=file,
        kind=kind,
        at=_certified_time(root),
        msgid=_bare_id(_find(root, "dati/msgid") or _text(message.get("X-Riferimento-Message-ID"))),
        recipient=delivered_to or addressees or None,
        subject=_find(root, "intestazione/oggetto") or None,
        reason=_error(root, kind),
    )


def _from_headers(message: Message, header: str, file: str) -> Receipt:
    """A receipt without its certified data: the kind, time and Message-ID its headers give."""
    if header not in KINDS:
        return Receipt(file, "other", reason=NOT_RECEIPTS.get(header, f"unknown receipt type {header!r}"))
    date = message.get("Date")
    when = getattr(date, "datetime", None)
    subject = _text(message.get("Subject"))
    return Receipt(
        file=file,
        kind=KINDS[header],
        at=when.isoformat() if when is not None and when.tzinfo is not None else None,
        msgid=_bare_id(_text(message.get("X-Riferimento-Message-ID"))) or None,
        recipient=None,
        subject=subject.split(":", 1)[1].strip() if ":" in subject else subject or None,
        reason="no daticert.xml: read from the headers",
    )


def _daticert(message: Message) -> bytes | None:
    """The bytes of the receipt's own daticert.xml (not one inside the attached original message)."""
    stack = [message]
    while stack:
        part = stack.pop(0)
        if part.get_content_type() == "message/rfc822":
            continue
        if part.is_multipart():
            stack.extend(part.get_payload())  # type: ignore[arg-type]
        elif (part.get_filename() or "").lower() == "daticert.xml":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else None
    return None


def _certified_time(root: ET.Element) -> str:
    day, hour = _find(root, "dati/data/giorno"), _find(root, "dati/data/ora")
    zone = root.find("dati/data")
    offset = _ZONE.match(_text(zone.get("zona") if zone is not None else ""))
    if not day or not hour or offset is None:
        raise ValueError("the certified date and time (dati/data) are missing or malformed")
    sign, hours, minutes = offset.groups()
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes)) * (-1 if sign == "-" else 1)
    when = dt.datetime.strptime(f"{day} {hour}", "%d/%m/%Y %H:%M:%S")
    return when.replace(tzinfo=dt.timezone(delta)).isoformat()


def _error(root: ET.Element, kind: str) -> str | None:
    if kind not in ("non_delivery", "non_acceptance"):
        return None
    extended = _find(root, "dati/errore-esteso")
    code = root.get("errore", "").strip()
    return extended or (code if code and code != "nessuno" else None)


def _find(root: ET.Element, path: str) -> str:
    node = root.find(path)
    return _text(node.text if node is not None else None)


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _bare_id(value: str) -> str | None:
    bare = value.strip().removeprefix("<").removesuffix(">").strip()
    return bare or None


def receipts_json(paths: list[Path]) -> list[dict[str, str | None]]:
    """`python -m lib receipts FILE.eml …`: one entry per file, in the order given."""
    return [read_receipt(path).to_dict() for path in paths]
