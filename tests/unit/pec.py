"""PEC receipts written to the published format, for the tests (see test_receipts.py's sources).

A receipt as a provider sends it: multipart/signed around a multipart/mixed that holds the
readable text, the certified data (daticert.xml) and, for a "completa" delivery receipt, the
original message (postacert.eml); the S/MIME signature is a stand-in (nothing here verifies it).
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from xml.sax.saxutils import escape

SUBJECTS = {
    "accettazione": "ACCETTAZIONE",
    "non-accettazione": "AVVISO DI NON ACCETTAZIONE",
    "presa-in-carico": "PRESA IN CARICO",
    "avvenuta-consegna": "CONSEGNA",
    "errore-consegna": "AVVISO DI MANCATA CONSEGNA",
    "preavviso-errore-consegna": "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO",
}


def daticert(
    tipo: str,
    msgid: str,
    *,
    subject: str = "Diffida ad adempiere",
    sender: str = "crediti@pec.fornitore.it",
    recipients: tuple[str, ...] = ("amministrazione@pec.cliente.it",),
    day: str = "25/11/2026",
    hour: str = "10:15:32",
    zone: str = "+0100",
    errore: str = "nessuno",
    extended: str | None = None,
) -> str:
    consegna = f"<consegna>{escape(recipients[0])}</consegna>" if "consegna" in tipo else ""
    esteso = f"<errore-esteso>{escape(extended)}</errore-esteso>" if extended else ""
    destinatari = "".join(f'<destinatari tipo="certificato">{escape(r)}</destinatari>' for r in recipients)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<postacert tipo="{tipo}" errore="{errore}">\n'
        f"  <intestazione><mittente>{escape(sender)}</mittente>{destinatari}"
        f"<risposte>{escape(sender)}</risposte><oggetto>{escape(subject)}</oggetto></intestazione>\n"
        "  <dati><gestore-emittente>Gestore PEC di prova S.p.A.</gestore-emittente>\n"
        f'    <data zona="{zone}"><giorno>{day}</giorno><ora>{hour}</ora></data>\n'
        f"    <identificativo>opec210.20261125101532.4242.01.1.1@pec.gestore.it</identificativo>\n"
        f"    <msgid>{escape(f'<{msgid}>')}</msgid>\n"
        f'    <ricevuta tipo="completa"/>{consegna}{esteso}\n'
        "  </dati>\n</postacert>\n"
    )


def receipt_eml(tipo: str, msgid: str, *, with_xml: bool = True, xml: str | None = None, **fields: object) -> bytes:
    """The bytes of a receipt of kind `tipo` (X-Ricevuta) for the message `msgid` (`xml`: another
    daticert.xml text, e.g. a damaged one)."""
    subject = str(fields.get("subject", "Diffida ad adempiere"))
    body = EmailMessage()
    body.set_content(f'Ricevuta: {tipo}\nIl messaggio "{subject}" ... Identificativo: {msgid}\n')
    if with_xml:
        body.add_attachment(
            (xml or daticert(tipo, msgid, **fields)).encode(),  # type: ignore[arg-type]
            maintype="application",
            subtype="xml",
            filename="daticert.xml",
        )
    if tipo == "avvenuta-consegna":
        original = EmailMessage()
        original["Message-ID"] = f"<{msgid}>"
        original["Subject"] = subject
        original.set_content("Il testo della lettera.")
        body.add_attachment(original, filename="postacert.eml")
    signed = EmailMessage()
    signed.make_mixed()
    signed.attach(body)
    signed.add_attachment(b"\x30\x82stand-in", maintype="application", subtype="pkcs7-signature", filename="smime.p7s")
    signed.replace_header("Content-Type", 'multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256')
    signed.set_boundary("=_pec_signed_boundary")
    signed["From"] = "posta-certificata@pec.gestore.it"
    signed["To"] = "crediti@pec.fornitore.it"
    signed["Subject"] = f"{SUBJECTS[tipo]}: {subject}"
    signed["Date"] = "Wed, 25 Nov 2026 10:15:33 +0100"
    signed["X-Ricevuta"] = tipo
    signed["X-Riferimento-Message-ID"] = f"<{msgid}>"
    signed["Message-ID"] = "<opec210.20261125101532.4242.01.1.1@pec.gestore.it>"
    return signed.as_bytes(policy=SMTP)
