"""Mail settings (lib/mail/settings.py) and the letters as messages (lib/mail/outbox.drafts)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from lib import letters
from lib.mail import outbox
from lib.mail.settings import IMAP_PASSWORD_ENV, PASSWORD_ENV, MailSettings, password, problems
from tests.unit.frames import AS_OF
from tests.unit.test_letters import COMPANY, CUSTOMER, POLICY, STANDARD


def test_settings_round_trip_and_never_keep_a_password() -> None:
    settings = MailSettings(host="smtps.pec.aruba.it", port=465, security="ssl", user="u", sender="a@pec.it", pec=True)
    again = MailSettings.from_mapping({**settings.to_mapping(), "password": "leak", "port": "465"})
    assert again == settings
    assert "password" not in again.to_mapping()
    assert MailSettings().verify_tls is True and MailSettings().security == "starttls"


def test_problems_name_the_fields() -> None:
    assert problems(MailSettings()) == [("host", "missing"), ("sender", "missing")]
    bad = MailSettings(host="h", sender="not an address", reply_to="x@y", security="tls", port=0, ca_file="/nope.pem")
    assert set(problems(bad)) == {
        ("sender", "invalid"), ("reply_to", "invalid"), ("security", "invalid"), ("port", "invalid"),
        ("ca_file", "invalid"),
    }  # fmt: skip
    assert problems(MailSettings(host="h", sender="a@pec.it", reply_to="b@example.it")) == []


def test_password_from_the_environment_then_the_secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = tmp_path / "secrets.toml"
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    assert password((secrets,)) is None  # no file
    secrets.write_text('[smtp]\npassword = "from-secrets"\n')
    assert password((tmp_path / "missing.toml", secrets)) == "from-secrets"
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    assert password((secrets,)) == "from-env"
    monkeypatch.delenv(PASSWORD_ENV)
    secrets.write_text("[smtp\nbroken")
    assert password((secrets,)) is None


def test_the_imap_mailbox_has_its_own_settings_and_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = MailSettings(host="h", sender="a@pec.it")
    imap = MailSettings.from_mapping({**base.to_mapping(), "imap_host": "imaps.pec.it", "imap_port": "993"})
    assert (imap.imap_port, imap.imap_folder) == (993, "INBOX") and problems(imap) == []
    bad = MailSettings(host="h", sender="a@pec.it", imap_host="i", imap_port=0, imap_folder=" ")
    assert problems(bad) == [("imap_port", "invalid"), ("imap_folder", "missing")]
    assert problems(MailSettings(host="h", sender="a@pec.it", imap_port=0)) == []  # no IMAP: its port is moot
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[smtp]\npassword = "smtp-pw"\n[imap]\npassword = "imap-pw"\n')
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.delenv(IMAP_PASSWORD_ENV, raising=False)
    assert (password((secrets,)), password((secrets,), section="imap")) == ("smtp-pw", "imap-pw")
    monkeypatch.setenv(IMAP_PASSWORD_ENV, "imap-env")
    assert (password((secrets,)), password((secrets,), section="imap")) == ("smtp-pw", "imap-env")


def test_which_address_each_letter_goes_to() -> None:
    assert outbox.address_for("reminder", "a@x.it", "a@pec.it") == ("email", "a@x.it")
    assert outbox.address_for("reminder", " ", "a@pec.it") == ("pec", "a@pec.it")  # email_or_pec
    assert outbox.address_for("courtesy", None, "a@pec.it") == ("email", None)
    assert outbox.address_for("formal_demand", "a@x.it", None) == ("pec", None)  # raccomandata: not by mail
    assert outbox.address_for("formal_demand", "a@x.it", "a@pec.it") == ("pec", "a@pec.it")


def test_drafts_carry_the_letter_text_and_its_pdf() -> None:
    made = [
        letters.compose(kind, CUSTOMER, STANDARD, COMPANY, AS_OF, "it", POLICY)
        for kind in ("reminder", "formal_demand")
    ]
    contacts = pl.DataFrame({"customer_id": ["C001"], "currency": ["EUR"], "email": ["amm@bianchi.it"], "pec": [None]})
    reminder, demand = outbox.drafts(made, contacts)
    assert (reminder.step, reminder.channel, reminder.recipient) == ("letter_1", "email", "amm@bianchi.it")
    assert (demand.step, demand.channel, demand.recipient) == ("letter_2", "pec", None)
    assert reminder.subject == made[0].email_subject and reminder.body == made[0].body
    assert reminder.pdf.startswith(b"%PDF") and reminder.file_name == f"{letters.file_stem(made[0])}.pdf"
