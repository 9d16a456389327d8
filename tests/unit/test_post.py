"""Formal demands by raccomandata (lib/mail/post.py, lib.letters.print_batch): which letters go by
post, one PDF to print with each address in the window of a DL envelope (read back with pypdf),
and the action rows of the raccomandate the user records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import polars as pl
from pypdf import PdfReader

from lib import letters
from lib.company import Company
from lib.letters import WINDOW, Letter
from lib.mail import post
from tests.unit.frames import AS_OF
from tests.unit.test_letters import COMPANY, CUSTOMER, POLICY, STANDARD

MM = 72 / 25.4  # PDF points per millimetre
A4_HEIGHT = 297


def demand(customer_id: str, name: str, address: str, company: Company = COMPANY) -> Letter:
    customer = {**CUSTOMER, "customer_id": customer_id, "customer_name": name, "address": address}
    docs = STANDARD.with_columns(pl.lit(customer_id).alias("customer_id"), pl.lit(name).alias("customer_name"))
    return letters.compose("formal_demand", customer, docs, company, AS_OF, "it", POLICY)


def positions(page: object) -> list[tuple[str, float, float]]:
    """(text, x mm from the left, y mm from the top) of each piece of text drawn on the page."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x / MM, A4_HEIGHT - y / MM))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def test_the_batch_is_one_pdf_with_each_address_in_the_envelope_window() -> None:
    # the second sender's letterhead runs long: it wraps left of the window, never into it
    long_head = dataclasses.replace(
        COMPANY, address="Via Roma 1\nScala B, interno 4\nPalazzo Uffici Nord\n20121 Milano"
    )
    made = [
        demand("C001", "Bianchi S.p.A.", "Via Verdi 2\n10121 Torino (TO)"),
        demand("C002", "Verdi & Figli S.n.c.", "Corso Italia 40\n00198 Roma (RM)", long_head),
    ]
    pdf = PdfReader(io.BytesIO(letters.print_batch(made, "Raccomandate")))
    starts = [i for i, page in enumerate(pdf.pages) if COMPANY.name in (page.extract_text() or "").split("\n")[0]]
    assert len(starts) == 2 and starts[0] == 0  # each letter from a new page of the one file
    left, top, width, height = WINDOW
    for start, letter, lines in zip(starts, made, (("Via Verdi 2", "10121 Torino (TO)"),
                                                   ("Corso Italia 40", "00198 Roma (RM)")), strict=True):  # fmt: skip
        drawn = positions(pdf.pages[start])
        for wanted in (letter.addressee[1], *lines):
            [(x, y)] = [(x, y) for text, x, y in drawn if text == wanted]
            assert left <= x <= left + width and top <= y <= top + height, (wanted, x, y)
        # nothing else shows through the window: the letterhead is above it, the date below
        others = [text for text, x, y in drawn if left <= x <= left + width and top <= y <= top + height]
        assert set(others) <= set(letter.addressee)
        # nor does a line from the left run into it (1.5 mm a character: more than DejaVu's 8.5 pt take)
        beside = [text for text, x, y in drawn if x < left and top - 5 <= y <= top + height]
        assert all(x + 1.5 * len(text) < left for text, x, y in drawn if text in beside), beside
        assert (pdf.pages[start].extract_text() or "").rstrip().endswith("1")  # its pages numbered on their own
    assert letters.print_batch([], "none") == b""


def test_the_letters_by_post_are_the_formal_demands_without_pec() -> None:
    made = [demand("C001", "A", "Via 1"), demand("C002", "B", "Via 2"), demand("C003", "C", "Via 3")]
    reminder = dataclasses.replace(made[0], kind="reminder")
    contacts = pl.DataFrame(
        {"customer_id": ["C001", "C002", "C003"], "currency": ["EUR"] * 3, "pec": [None, "b@pec.it", " "]}
    )
    assert [x.customer_id for x in post.by_post([*made, reminder], contacts)] == ["C001", "C003"]


def test_a_recorded_raccomandata_is_letter_2_sent_by_raccomandata_with_its_number() -> None:
    today = dt.date(2026, 11, 24)
    recorded = [
        post.Posted("C001", "EUR", " RR 1234 5678 9-0 ", dt.date(2026, 11, 23)),
        post.Posted("C002", "EUR", "", today),  # not posted yet: skipped
        post.Posted("C003", "EUR", "RR 2", None),
        post.Posted("C004", "EUR", "RR 3", today + dt.timedelta(days=1)),
    ]
    rows, problems = post.entries(recorded, "Raccomandata A/R n. {number}", today, "anna")
    assert problems == [("C003", "date"), ("C004", "date")]
    assert rows == [
        ("action", {"customer_id": "C001", "currency": "EUR", "step": "letter_2", "date": dt.date(2026, 11, 23),
                    "channel": "raccomandata", "outcome": "sent", "operator": "anna",
                    "note": "Raccomandata A/R n. RR 1234 5678 9-0"}),
    ]  # fmt: skip
