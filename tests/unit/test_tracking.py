"""What the mail says back to the ladder (lib/mail/tracking.py and the engine): a formal demand's
term counts from the delivery a PEC receipt certifies, a letter returned undelivered is to do again,
an address that bounced is no address, and a manual "sent" never logs what the outbox logged."""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib.engine import evaluate
from lib.mail import outbox, proofs, tracking
from lib.store import Store
from tests.unit.frames import AS_OF
from tests.unit.pec import receipt_eml
from tests.unit.test_engine import BEFORE, NOV, OLD, POLICY, _log
from tests.unit.test_outbox import BATCH, draft


def _agency(action: dict[str, object], delivered: pl.DataFrame | None = None) -> tuple[str, dt.date]:
    log = _log(action=[*BEFORE, action])
    row = evaluate(OLD, AS_OF, POLICY, log, delivered=delivered).row(0, named=True)
    return row["step"], row["due_date"]


def _delivered(action_id: int, day: dt.date) -> pl.DataFrame:
    return pl.DataFrame({"id": [action_id], "delivered_on": [day]})


def test_the_demands_term_counts_from_the_certified_delivery() -> None:
    """Letter 2 by PEC on 6 Nov: without a receipt the term counts from 6 Nov + 0 (PEC) + 10 + 2 =
    18 Nov; delivered on 9 Nov (the mailbox was full for three days) it counts from 9 Nov: 21 Nov."""
    demand = {"customer_id": "C1", "step": "letter_2", "date": NOV[6], "channel": "pec"}
    demand_id = len(BEFORE) + 1  # Log.of numbers the rows in order
    assert _agency(demand) == ("agency", NOV[18])
    assert _agency(demand, _delivered(demand_id, NOV[9])) == ("agency", NOV[21])
    # the delivery of another action changes nothing
    assert _agency(demand, _delivered(demand_id - 1, NOV[9])) == ("agency", NOV[18])


def test_a_known_delivery_wins_over_the_policys_delivery_days() -> None:
    """By raccomandata the policy assumes 5 days (6 Nov + 5 + 10 + 2 = 23 Nov); a delivery on 7 Nov
    known for it makes it 19 Nov."""
    demand = {"customer_id": "C1", "step": "letter_2", "date": NOV[6], "channel": "raccomandata"}
    assert _agency(demand) == ("agency", NOV[23])
    assert _agency(demand, _delivered(len(BEFORE) + 1, NOV[7])) == ("agency", NOV[19])


def test_a_returned_demand_is_to_send_again() -> None:
    demand = {"customer_id": "C1", "step": "letter_2", "date": NOV[6], "channel": "pec", "outcome": "returned"}
    step, due = _agency(demand)
    assert step == "letter_2" and due < AS_OF  # overdue since long before: due again at once


def test_a_bounced_address_is_no_address() -> None:
    accounts = pl.DataFrame(
        {
            "customer_id": ["C1", "C2", "C3"],
            "currency": ["EUR"] * 3,
            "pec": ["c1@pec.it", "c2-new@pec.it", "c3@pec.it"],
            "email": ["c1@mail.it", "c2@mail.it", "c3@mail.it"],
        }
    )
    bounces = pl.DataFrame(
        [
            ("C1", "EUR", "pec", " C1@PEC.it", "non_delivery: 5.1.1 casella inesistente"),
            ("C2", "EUR", "pec", "c2-old@pec.it", "non_delivery"),  # an address since corrected
            ("C3", "EUR", "email", "c3@mail.it", "550 no such user"),
        ],
        schema=tracking.BOUNCED,
        orient="row",
    )
    out = tracking.with_bounces(accounts, bounces)
    assert out.columns == [*accounts.columns, "bounced", "bounce_reason"]
    assert out["pec"].to_list() == ["", "c2-new@pec.it", "c3@pec.it"]
    assert out["email"].to_list() == ["c1@mail.it", "c2@mail.it", ""]
    assert out["bounced"].to_list() == ["pec", None, "email"]
    assert out["bounce_reason"].to_list() == ["non_delivery: 5.1.1 casella inesistente", None, "550 no such user"]
    assert tracking.with_bounces(accounts, bounces.clear())["bounced"].to_list() == [None] * 3


def _accepted(store: Store, *drafts: outbox.Draft) -> dict[str, dict[str, object]]:
    """The drafts put in the outbox and accepted as the server would (no server needed here)."""
    outbox.put(store, BATCH, drafts, "pec.fornitore.it")
    rows = {}
    for _ in drafts:
        row = outbox._claim(store, BATCH, ("email", "pec"))
        assert row is not None
        row["action_id"] = outbox.accept(store, row, "250 OK", "anna")
        rows[str(row["customer_id"])] = row
    return rows


def test_receipts_feed_delivered_and_bounced_from_the_store() -> None:
    store = Store.open()
    sent = _accepted(store, draft(1, kind="formal_demand"), draft(2, kind="formal_demand"), draft(3))
    ids = {c: str(row["message_id"]).strip("<>") for c, row in sent.items()}
    proofs.file_receipts(
        store,
        [
            ("ok.eml", receipt_eml("avvenuta-consegna", ids["C001"], day="26/11/2026", hour="23:59:00")),
            ("ko.eml", receipt_eml("errore-consegna", ids["C002"], errore="no-dest", extended="5.1.1 inesistente")),
        ],
    )
    assert tracking.delivered(store).rows() == [(sent["C001"]["action_id"], dt.date(2026, 11, 26))]
    bounced = tracking.bounced(store)
    assert bounced.rows() == [("C002", "EUR", "pec", "cliente2@pec.example.it", "non_delivery: 5.1.1 inesistente")]
    # a refused message bounces too; a later message to the same address that went through clears it
    outbox.put(store, "2026-W49", [draft(3)], "pec.fornitore.it")
    row = outbox._claim(store, "2026-W49", ("email",))
    assert row is not None
    outbox._settle(store, row, "failed", "550 5.1.1 no such user")
    assert sorted(tracking.bounced(store)["customer_id"]) == ["C002", "C003"]
    outbox.put(store, "2026-W50", [draft(3)], "pec.fornitore.it")
    again = outbox._claim(store, "2026-W50", ("email",))
    assert again is not None
    outbox.accept(store, again, "250 OK", None)
    assert tracking.bounced(store)["customer_id"].to_list() == ["C002"]


def test_a_manual_sent_skips_what_the_outbox_logged() -> None:
    """The week's letters: C001's message accepted (logged by the outbox), C002's bounced (its
    letter goes again, by raccomandata: no PEC left), C003 still a draft, C004 not in the outbox:
    C002, C003 and C004 are logged by hand, once, and C003's draft can no longer be sent."""
    store = Store.open()
    sent = _accepted(store, draft(1), draft(2, kind="formal_demand"))
    outbox.put(store, BATCH, [draft(1), draft(2, kind="formal_demand"), draft(3)], "pec.fornitore.it")
    bare = str(sent["C002"]["message_id"]).strip("<>")
    proofs.file_receipts(store, [("ko.eml", receipt_eml("errore-consegna", bare, errore="no-dest"))])
    listed = pl.DataFrame(
        {
            "customer_id": ["C001", "C002", "C003", "C004"],
            "currency": ["EUR"] * 4,
            "step": ["letter_1", "letter_2", "letter_1", "letter_1"],
            "channel": ["email_or_pec", "pec_or_raccomandata", "email_or_pec", "email_or_pec"],
            "pec": ["c1@pec.it", "", "c3@pec.it", None],
        }
    )
    before = store.log().action.height
    assert tracking.log_by_hand(store, BATCH, listed, NOV[24], "anna") == 3
    logged = store.log().action.slice(before)
    assert logged.select("customer_id", "step", "channel", "operator").rows() == [
        ("C002", "letter_2", "raccomandata", "anna"),
        ("C003", "letter_1", "email", "anna"),
        ("C004", "letter_1", "email", "anna"),
    ]
    assert outbox.messages(store, BATCH)["customer_id"].to_list() == ["C001", "C002"]  # C003's draft gone
    # C001 once more: nothing, the outbox logged it
    assert tracking.log_by_hand(store, BATCH, listed.filter(customer_id="C001"), NOV[24]) == 0
