"""PEC receipts (lib/mail/receipts.py), on receipts written to the published format.

Sources used for the format (tests/unit/pec.py builds the receipts):
- RFC 6109, "La Posta Elettronica Certificata - Italian Certified Electronic Mail" (the DM 2 Nov
  2005 technical rules in English): the X-Ricevuta values, X-Riferimento-Message-ID, the subjects
  (ACCETTAZIONE:, CONSEGNA:, AVVISO DI MANCATA CONSEGNA:, AVVISO DI NON ACCETTAZIONE:) and the
  daticert.xml DTD (postacert tipo/errore, intestazione, dati/data zona giorno ora, msgid,
  ricevuta tipo, consegna, errore-esteso); read at tech-invite.com/y60/tinv-ietf-rfc-6109-2.html.
- Real-world daticert.xml examples in public code (an Aruba PEC delivery receipt with
  <data zona="+0200"><giorno>25/03/2024</giorno><ora>10:15:32</ora></data> and
  <msgid>&lt;…&gt;</msgid>), and aiuto.libero.it's page on acceptance and delivery receipts
  (completa receipts carry the original message as postacert.eml).
"""

from __future__ import annotations

from pathlib import Path

from lib.mail.receipts import parse_receipt, read_receipt
from tests.unit.pec import daticert, receipt_eml

MSGID = "letter-7f3a.C0042.2026-W48@sollecito.local"


def test_acceptance() -> None:
    receipt = parse_receipt(receipt_eml("accettazione", MSGID), "a.eml")
    assert receipt.to_dict() == {
        "file": "a.eml",
        "kind": "acceptance",
        "at": "2026-11-25T10:15:32+01:00",
        "msgid": MSGID,
        "recipient": "amministrazione@pec.cliente.it",
        "subject": "Diffida ad adempiere",
    }


def test_delivery_takes_the_certified_time_and_the_mailbox_delivered_to() -> None:
    data = receipt_eml("avvenuta-consegna", MSGID, day="02/07/2026", hour="23:59:01", zone="+0200")
    receipt = parse_receipt(data, "d.eml")
    assert receipt.kind == "delivery"
    assert receipt.at == "2026-07-02T23:59:01+02:00"
    assert receipt.msgid == MSGID
    assert receipt.recipient == "amministrazione@pec.cliente.it"
    assert receipt.reason is None


def test_the_original_message_inside_a_delivery_receipt_is_not_read_as_the_receipt() -> None:
    # postacert.eml comes after daticert.xml here; the walk never enters a message/rfc822 part
    receipt = parse_receipt(receipt_eml("avvenuta-consegna", MSGID, subject="Sollecito"), "d.eml")
    assert receipt.subject == "Sollecito" and receipt.kind == "delivery"


def test_non_delivery_keeps_the_providers_error() -> None:
    data = receipt_eml("errore-consegna", MSGID, errore="no-dest", extended="5.1.1 - Casella inesistente", zone="-0300")
    receipt = parse_receipt(data, "e.eml")
    assert receipt.kind == "non_delivery"
    assert receipt.at == "2026-11-25T10:15:32-03:00"
    assert receipt.reason == "5.1.1 - Casella inesistente"
    assert receipt.recipient == "amministrazione@pec.cliente.it"


def test_non_delivery_without_extended_error_gives_the_code() -> None:
    receipt = parse_receipt(receipt_eml("preavviso-errore-consegna", MSGID, errore="altro"), "p.eml")
    assert (receipt.kind, receipt.reason) == ("non_delivery", "altro")


def test_non_acceptance_names_every_addressee() -> None:
    data = receipt_eml("non-accettazione", MSGID, recipients=("a@pec.it", "b@esterno.it"), errore="altro")
    receipt = parse_receipt(data, "n.eml")
    assert receipt.kind == "non_acceptance"
    assert receipt.recipient == "a@pec.it, b@esterno.it"


def test_a_receipt_without_its_xml_falls_back_to_the_headers() -> None:
    receipt = parse_receipt(receipt_eml("accettazione", MSGID, with_xml=False), "h.eml")
    assert receipt.kind == "acceptance"
    assert receipt.msgid == MSGID
    assert receipt.at == "2026-11-25T10:15:33+01:00"  # the Date header, not certified
    assert receipt.subject == "Diffida ad adempiere"
    assert receipt.reason is not None and "daticert" in receipt.reason


def test_taking_in_charge_is_not_a_receipt_for_the_sender() -> None:
    receipt = parse_receipt(receipt_eml("presa-in-carico", MSGID), "c.eml")
    assert receipt.kind == "other" and "taking-in-charge" in (receipt.reason or "")


def test_an_ordinary_email_is_other() -> None:
    data = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: hello\r\n\r\nJust a note.\r\n"
    receipt = parse_receipt(data, "plain.eml")
    assert receipt.kind == "other"
    assert receipt.reason is not None and "not a PEC receipt" in receipt.reason
    assert receipt.at is None and receipt.msgid is None


def test_damaged_files_are_other_with_a_reason() -> None:
    truncated = receipt_eml("avvenuta-consegna", MSGID, xml=daticert("avvenuta-consegna", MSGID)[:-40])
    receipt = parse_receipt(truncated, "t.eml")
    assert receipt.kind == "other" and "damaged" in (receipt.reason or "")
    wrong_root = receipt_eml("accettazione", MSGID, xml="<fattura/>")
    assert "not <postacert>" in (parse_receipt(wrong_root, "w.eml").reason or "")
    bad_date = receipt_eml("accettazione", MSGID, day="31/02/2026")
    assert parse_receipt(bad_date, "x.eml").kind == "other"
    for junk in (b"", b"\x00\xff\xfe garbage \x89PNG", b"%PDF-1.7\n1 0 obj"):
        receipt = parse_receipt(junk, "junk.eml")
        assert receipt.kind == "other" and receipt.reason


def test_a_missing_file_is_other(tmp_path: Path) -> None:
    receipt = read_receipt(tmp_path / "gone.eml")
    assert receipt.kind == "other" and "cannot be read" in (receipt.reason or "")
