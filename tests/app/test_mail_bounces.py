"""AppTest of what the mail says back: a formal demand the server refused and one a PEC receipt
says was not delivered put their accounts back on "address missing / send by raccomandata" on the
letters and weekly pages; the manual "sent" then logs only what the outbox did not."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.mail import outbox
from lib.mail.settings import MailSettings
from lib.store import Store
from tests.app.test_mail import server, texts, week_of_three
from tests.app.test_work_pages import COMPANY, button, page, store
from tests.unit.pec import receipt_eml
from tests.unit.smtp_server import Inbox

__all__ = ["server", "store"]
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def test_bounced_demands_go_back_to_address_missing(store: Store, server: tuple[Inbox, MailSettings]) -> None:
    inbox, settings = server
    inbox.refuse.add("c01113@pec.example")
    at = week_of_three(store, settings)
    button(at, "Prepare the 3 letters").click().run()
    button(at, "Put the 3 letters in the outbox").click().run()
    button(at, "Send the 3 messages").click().run()
    assert not at.exception and len(inbox.messages) == 2
    # the provider could not deliver the first message accepted
    first = inbox.messages[0]
    returned = first["To"].split("@")[0].upper()
    data = receipt_eml("errore-consegna", str(first["Message-ID"]).strip("<> "), errore="no-dest",
                       extended="5.1.1 casella inesistente")  # fmt: skip
    at.file_uploader(key="mail-eml").set_value([("errore.eml", data, "message/rfc822")])
    button(at, "Attach the receipts").click().run()
    assert not at.exception
    assert [a["outcome"] for a in store.log().action.filter(customer_id=returned).to_dicts()] == ["returned"]

    at = page("letters")
    at.date_input(key="letters-day").set_value(dt.date(2026, 11, 23)).run()
    listed = at.dataframe[0].value
    notes = dict(zip(listed["customer_name"], listed["note"], strict=True))
    names = {r["customer_id"]: r["customer_name"] for r in store.items(int(store.snapshots()["id"][0])).to_dicts()}
    assert notes[names["C01113"]].startswith("PEC not delivered (550 5.1.1 <c01113@pec.example>: Recipient address")
    assert notes[names["C01113"]].endswith("address missing, send by registered letter")
    assert notes[names[returned]] == (
        "PEC not delivered (non_delivery: 5.1.1 casella inesistente): address missing, send by registered letter"
    )
    assert sum(isinstance(note, str) for note in notes.values()) == 2  # the third letter went: it is not due
    weekly = page("weekly")
    contacts = dict(zip(weekly.dataframe[0].value["customer_name"], weekly.dataframe[0].value["contact"], strict=True))
    assert contacts[names[returned]] == notes[names[returned]]

    # no PEC and no postal address left: the two are not made, the other letter is logged by hand once
    button(at, "Prepare the 3 letters").click().run()
    assert sum("address missing" in w.value for w in at.warning) >= 2
    made = next(b for b in at.button if b.label.startswith("Confirm: "))
    before = store.log().action.height
    made.click().run()
    assert not at.exception
    logged = store.log().action.slice(before)
    assert returned not in logged["customer_id"] and "C01113" not in logged["customer_id"]
    assert set(outbox.messages(store)["status"]) == {"accepted", "failed"}  # nothing sent twice


def test_formal_demands_without_pec_go_by_raccomandata_with_their_numbers(store: Store) -> None:
    store.save_setting("company", COMPANY)
    store.save_setting("policy", {"weekly": {"letters": 3}})
    ids = store.items(int(store.snapshots()["id"][0]))["customer_id"].unique().sort().to_list()
    profile = {"set_on": dt.date(2026, 11, 20), "operator": "test"}
    store.record_entries([("profile", {"customer_id": c, "address": f"Via {c} 1\n10100 Torino", **profile})
                          for c in ids])  # fmt: skip
    at = page("letters")
    at.date_input(key="letters-day").set_value(dt.date(2026, 11, 23)).run()
    button(at, "Prepare the 3 letters").click().run()
    assert not at.exception
    numbers = [box for box in at.text_input if box.key.startswith("post-number-")]
    assert len(numbers) == 3 and "Registered letters (3)" in [h.value for h in at.subheader]
    assert any(d.label.startswith("Print the 3 formal demands") for d in at.get("download_button"))
    assert not [b for b in at.button if b.label.startswith("Confirm: ")]  # they are logged with their numbers
    customers = [box.key.removeprefix("post-number-").removesuffix("-EUR") for box in numbers]
    numbers[0].set_value("RR 111")
    numbers[2].set_value("RR 333")
    button(at, "Log the registered letters posted").click().run()
    assert not at.exception and "2 registered letters logged as sent." in texts(at.success)
    logged = store.log().action.select("customer_id", "step", "channel", "note").rows()
    assert logged == [
        (customers[0], "letter_2", "raccomandata", "Registered letter no. RR 111"),
        (customers[2], "letter_2", "raccomandata", "Registered letter no. RR 333"),
    ]


def test_letters_confirmed_by_hand_leave_the_outbox(store: Store, server: tuple[Inbox, MailSettings]) -> None:
    """Put in the outbox, then confirmed as sent by hand (sent from the user's own PEC client): the
    drafts go, so the send button cannot send them a second time, and each is logged once."""
    inbox, settings = server
    at = week_of_three(store, settings)
    button(at, "Prepare the 3 letters").click().run()
    button(at, "Put the 3 letters in the outbox").click().run()
    assert any(b.label == "Send the 3 messages" for b in at.button)
    button(at, "Confirm: 3 letters sent").click().run()
    assert not at.exception and "3 letters marked as sent." in texts(at.success)
    assert not [b for b in at.button if b.label.startswith("Send the")]
    assert outbox.messages(store).is_empty() and inbox.messages == []
    actions = store.log().action
    assert actions.height == 3 and actions["customer_id"].n_unique() == 3
