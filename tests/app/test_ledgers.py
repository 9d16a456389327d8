"""AppTest of ledgers and snapshots a user manages: unrelated files kept apart, a snapshot deleted,
a second snapshot of the same date asked about, and a known layout read with its saved corrections."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import polars as pl
from streamlit.testing.v1 import AppTest

from lib.ingest import import_file
from lib.store import Store
from tests.app.test_pages import start
from tests.app.test_work_pages import button, picker
from tests.conftest import SAMPLES

GESTIONALE = SAMPLES / "scadenzario_gestionale.xlsx"
QUICKBOOKS = SAMPLES / "ar_aging_detail_quickbooks.xlsx"
ODOO = SAMPLES / "riepilogo_scadenze_odoo.xlsx"  # ACME's summary report, as of the same day as GESTIONALE
# An export whose customer column no synonym knows, with its date in its name only.
WEEK_1 = "Debitore principale;Scadenza;Importo\nRossi Srl;31/10/2026;1.220,00\nBianchi;30/11/2026;80,00\n"
WEEK_2 = "Debitore principale;Scadenza;Importo\nRossi Srl;31/10/2026;1.220,00\nVerdi;15/11/2026;500,00\n"


def imported_page(name: str, data: bytes) -> AppTest:
    at = start()
    at.switch_page("views/import_data.py").run()
    at.file_uploader[0].upload(name, data).run()
    assert not at.exception, at.exception
    return at


def as_of_box(at: AppTest):
    return next(d for d in at.date_input if d.label == "As-of date")


def portfolio(ledger: str) -> dict[str, str]:
    at = start()
    at.session_state["ledger"] = ledger
    at.switch_page("views/portfolio.py").run()
    assert not at.exception, at.exception
    assert at.caption[0].value.startswith(ledger)  # which ledger the page shows
    return {m.label: m.value for m in at.metric}


def test_two_unrelated_files_stay_in_their_own_ledgers(workspace: Path) -> None:
    for number, path, ledger in ((1, GESTIONALE, "ACME S.R.L."), (2, QUICKBOOKS, "Bayside Supply Co.")):
        at = imported_page(path.name, path.read_bytes())
        assert picker(at, "Ledger to save it in").value == ledger  # the company in the report's title
        button(at, "Save snapshot").click().run()
        assert any(s.value == f"Snapshot #{number} saved." for s in at.success)
    assert Store.open(workspace).snapshots().select("id", "ledger").sort("id").rows() == [
        (1, "ACME S.R.L."),
        (2, "Bayside Supply Co."),
    ]
    acme, bayside = portfolio("ACME S.R.L."), portfolio("Bayside Supply Co.")
    assert (acme["Open"], acme["Collected"]) == ("€615,619.15", "—")  # no USD, nothing "collected" from the other
    assert (bayside["Open"], bayside["Collected"]) == ("$304,264.83", "—")
    fresh = start()  # the sidebar offers both
    assert picker(fresh.sidebar, "Ledger").options == ["ACME S.R.L.", "Bayside Supply Co."]
    assert picker(fresh.sidebar, "Ledger").value == "Bayside Supply Co."  # the latest import's


def test_deleting_a_snapshot_shows_the_one_before(workspace: Path) -> None:
    store = Store.open(workspace)
    sample = import_file(GESTIONALE.read_bytes(), GESTIONALE.name)
    report = sample.report
    week_before = dataclasses.replace(
        sample,
        items=sample.items.filter(pl.col("customer_id") != "C00002"),
        report=dataclasses.replace(report, file_name="week_before.xlsx", sha256="1" * 64, as_of=dt.date(2026, 11, 13)),
    )
    store.save_snapshot(week_before, "ACME")
    store.save_snapshot(sample, "ACME")
    at = start()
    button(at, "Delete…").click().run()
    assert picker(at, "Snapshot").value == 2  # the newest first
    assert "Delete snapshot #2 as of 20 Nov 2026" in at.warning[0].value
    button(at, "Cancel").click().run()  # nothing happens
    assert store.snapshots()["id"].to_list() == [2, 1] and not at.warning
    button(at, "Delete…").click().run()
    button(at, "Yes, delete #2").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Snapshot #2 as of 20 Nov 2026 deleted."]
    assert store.snapshots()["id"].to_list() == [1]
    at.switch_page("views/portfolio.py").run()
    assert at.caption[0].value.startswith("Snapshot as of 13 Nov 2026 (week_before")


def test_a_second_snapshot_of_the_same_date_asks_before_replacing(workspace: Path) -> None:
    at = start()
    at.button[0].click().run()  # the sample: ACME S.R.L., eight weeks to 20 Nov 2026 (#1-#7 earlier, #8 newest)
    at = imported_page(ODOO.name, ODOO.read_bytes())  # ACME's summary of the same day
    assert picker(at, "Ledger to save it in").value == "ACME S.R.L."  # `Acme Srl` is the same ledger
    button(at, "Save snapshot").click().run()
    assert "ACME S.R.L. already has a snapshot as of 20 Nov 2026 (#8" in at.warning[-1].value
    at.run()  # the question stays until answered, and saving waits for it
    assert "already has a snapshot" in at.warning[-1].value and button(at, "Save snapshot").disabled
    button(at, "Cancel").click().run()
    assert [i.value for i in at.info] == ["Nothing was saved: snapshot #8 stays as it is."]
    store = Store.open(workspace)
    earlier = store.snapshots().filter(pl.col("id") < 8).select("id", "file_name").rows()
    assert store.snapshots()["file_name"].to_list()[0] == GESTIONALE.name and len(earlier) == 7
    button(at, "Save snapshot").click().run()
    button(at, "Replace snapshot #8").click().run()
    assert not at.exception
    assert any(s.value == "Snapshot #9 saved." for s in at.success)
    assert "It replaced snapshot #8." in " ".join(c.value for c in at.caption)
    assert store.snapshots().select("id", "file_name").rows() == [(9, ODOO.name), *earlier]  # the weeks before stay


def test_a_known_layout_is_read_with_its_corrections(workspace: Path) -> None:
    # week 1: the customer column is unknown and the date is not in the file; the user fixes both
    at = imported_page("crediti_2026-11-20.csv", WEEK_1.encode())
    assert "has no column for: customer" in at.error[0].value
    picker(at, "Customer name").set_value("Debitore principale")
    as_of_box(at).set_value(dt.date(2026, 11, 20))
    button(at, "Read again with these settings").click().run()
    assert not at.error
    assert at.checkbox[0].label == "Remember the corrections for the next files of this layout" and at.checkbox[0].value
    button(at, "Save snapshot").click().run()
    assert any(s.value == "Snapshot #1 saved." for s in at.success)
    # week 2, a new file of the same layout: read with the fix, its date from its name; one click
    at = imported_page("crediti_2026-11-27.csv", WEEK_2.encode())
    assert not at.error
    assert [i.value for i in at.info] == [
        "Read with the corrections saved for this layout on 24 Nov 2026: Customer name ← Debitore principale; "
        "as-of date from the file name."
    ]
    assert "as-of date 27 Nov 2026 (from the file name)" in at.markdown[0].value
    assert picker(at, "Ledger to save it in").value == "crediti"  # where week 1 went
    button(at, "Save snapshot").click().run()
    assert any(s.value == "Snapshot #2 saved." for s in at.success)
    store = Store.open(workspace)
    assert store.snapshots().select("as_of", "ledger").rows() == [
        (dt.date(2026, 11, 27), "crediti"),
        (dt.date(2026, 11, 20), "crediti"),
    ]
    # forgotten, the layout is read as the importer sees it again
    button(at, "Forget these corrections").click().run()
    assert "has no column for: customer" in at.error[0].value


def test_a_date_typed_over_the_files_own_is_asked_for_again(workspace: Path) -> None:
    """The as-of date changes every week: a typed date is never reused, the next export asks."""
    week_1 = "Scadenzario clienti al 20/11/2026\n" + WEEK_1.replace("Debitore principale", "Cliente")
    at = imported_page("crediti.csv", week_1.encode())
    as_of_box(at).set_value(dt.date(2026, 11, 19))  # the books closed a day early
    button(at, "Read again with these settings").click().run()
    button(at, "Save snapshot").click().run()
    week_2 = week_1.replace("20/11/2026", "27/11/2026")
    at = imported_page("crediti.csv", week_2.encode())
    assert any("the as-of date was entered by hand" in w.value for w in at.warning)
    assert button(at, "Save snapshot").disabled
    assert as_of_box(at).value == dt.date(2026, 11, 27)  # the file's, not last week's
    button(at, "Read again with these settings").click().run()  # checked: the file's date is right this time
    assert not button(at, "Save snapshot").disabled
