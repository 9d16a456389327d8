"""lib/store_pg.py: what only a shared database has to show: several instances on one database see
one truth, concurrent writers lose nothing, a failed save leaves no row, the schema is versioned.
(The store's behaviour itself is tested on both backends by the test_store*.py modules.)"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import threading
from pathlib import Path

import polars as pl
import psycopg
import pytest
from polars.testing import assert_frame_equal

from lib import db, pg_schema
from lib.corrections import Refused
from lib.ingest import Imported, import_file
from lib.migrations import MIGRATIONS
from lib.store import ReadOnly, Store, WorkspaceError
from lib.store_pg import PgStore
from tests import pg_server
from tests.conftest import SAMPLES, TODAY
from tests.unit import frames


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    return import_file(path.read_bytes(), path.name)


@pytest.fixture
def url(postgresql: pg_server.Server) -> str:
    return postgresql.database()


def _rows(url: str, query: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute(query).fetchone()[0])  # type: ignore[index]


def test_the_url_chooses_the_backend(url: str, monkeypatch: pytest.MonkeyPatch, workspace: Path) -> None:
    assert type(Store.open()) is Store
    monkeypatch.setenv(db.DATABASE_URL, url)
    store = Store.open()
    assert isinstance(store, PgStore) and store is Store.open(url) and store.location == url
    assert not store.folders and store.home.parent == workspace.resolve() / "databases"  # the local history cache


def test_two_instances_see_each_others_writes(url: str, imported: Imported) -> None:
    one, two = PgStore(url), PgStore(url)  # two app processes' stores
    assert one.revision() == two.revision()
    before = two.revision()
    one.save_snapshot(imported)
    assert two.revision() != before and two.latest()["items"] == 661  # type: ignore[index]
    assert two.items(1).height == 661
    seen = two.revision()
    two.record("action", customer_id="C1", step="call_1", date=TODAY, operator="bruno")
    assert one.revision() != seen and one.log().action["operator"].to_list() == ["bruno"]
    one.save_setting("policy", {"grace_days": 5})
    assert two.settings() == {"policy": {"grace_days": 5}}  # what lib/ui/safe.py `stale` compares


def test_threads_writing_at_once_lose_nothing(url: str) -> None:
    stores = [PgStore(url) for _ in range(4)]
    start = threading.Barrier(4)
    before = stores[0].revision()
    ids: list[int] = []

    def write(store: Store, n: int) -> None:
        start.wait()
        for i in range(25):
            ids.append(store.record("note", customer_id=f"C{n}", date=TODAY, text=str(i)))
            store.save_setting(f"last-{n}", i)

    threads = [threading.Thread(target=write, args=(store, n)) for n, store in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(ids) == list(range(1, 101))
    assert stores[0].log().note.height == 100
    assert stores[0].settings() == {f"last-{n}": 24 for n in range(4)}
    assert stores[0].revision() == before + 200  # every write counted once


def test_two_corrections_of_one_entry_at_once_make_one(url: str) -> None:
    one, two = PgStore(url), PgStore(url)
    entry = one.record("action", customer_id="C1", step="call_1", date=TODAY)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def void(store: Store) -> None:
        start.wait()
        try:
            outcomes.append(store.correct("action", entry, "void", operator="x"))
        except Refused as refused:
            outcomes.append(refused.code)

    threads = [threading.Thread(target=void, args=(store,)) for store in (one, two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(str, outcomes)) == ["1", "voided"]  # the writers queue: the second sees the first
    assert one.log(corrected=False).correction.height == 1


def _save_and_record(url: str, imported: Imported, n: int, start: object) -> tuple[int, bool]:
    store = PgStore(url)
    start.wait()  # type: ignore[attr-defined]
    saved = store.save_snapshot(imported)
    for i in range(10):
        store.record("note", customer_id=f"P{n}", date=TODAY, text=str(i))
    return saved.snapshot_id, saved.duplicate


def test_processes_writing_at_once_lose_nothing(url: str, imported: Imported) -> None:
    PgStore(url)  # migrated once, before the race
    context = multiprocessing.get_context("forkserver")
    with context.Manager() as manager, context.Pool(3) as pool:
        start = manager.Barrier(3)  # type: ignore[attr-defined]
        results = pool.starmap(_save_and_record, [(url, imported, n, start) for n in range(3)])
    assert sorted(duplicate for _, duplicate in results) == [False, True, True]
    assert {snapshot_id for snapshot_id, _ in results} == {1}
    store = PgStore(url)
    assert store.log().note.height == 30 and store.snapshots().height == 1
    assert _rows(url, "SELECT count(*) FROM item") == 661


def test_a_save_failing_midway_leaves_no_row(url: str, imported: Imported, monkeypatch: pytest.MonkeyPatch) -> None:
    store = PgStore(url)
    revision = store.revision()
    put = pg_schema.put

    def fails_after_the_items(*args: object) -> None:
        put(*args)  # type: ignore[arg-type]
        raise OSError("connection lost")

    monkeypatch.setattr(pg_schema, "put", fails_after_the_items)
    with pytest.raises(OSError, match="connection lost"):
        store.save_snapshot(imported)
    monkeypatch.undo()
    assert store.snapshots().is_empty() and store.revision() == revision
    assert _rows(url, "SELECT count(*) FROM item") == _rows(url, "SELECT count(*) FROM snapshot_file") == 0
    later = dataclasses.replace(imported, report=dataclasses.replace(imported.report, sha256="1" * 64))
    assert store.save_snapshot(later).snapshot_id == 2  # the id the failed save took is not given again


def test_an_older_database_is_migrated_in_place(url: str) -> None:
    with psycopg.connect(url) as conn:
        for script in MIGRATIONS[:-1]:
            conn.execute(db.pg_script(script))
        conn.execute("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL, token TEXT)")
        conn.execute("INSERT INTO schema_version VALUES (1, %s, 'old')", (len(MIGRATIONS) - 1,))
        conn.execute("INSERT INTO note (customer_id, date, text, created_at) VALUES ('C1', '2026-11-02', 'x', 't')")
    store = PgStore(url)
    assert store.log().note["text"].to_list() == ["x"]
    assert _rows(url, "SELECT version FROM schema_version") == len(MIGRATIONS)
    assert store.home.name == "old"


def test_a_newer_schema_is_refused_and_a_read_only_store_does_not_write(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    PgStore(url).record("note", customer_id="C1", date=TODAY, text="x")
    monkeypatch.setenv("SOLLECITO_READ_ONLY", "1")
    viewer = PgStore(url)
    assert viewer.log().note.height == 1
    with pytest.raises(ReadOnly):
        viewer.record("note", customer_id="C1", date=TODAY, text="y")
    monkeypatch.delenv("SOLLECITO_READ_ONLY")
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(WorkspaceError) as refused:
        PgStore(url)
    assert refused.value.code == "newer_schema" and "***" not in str(refused.value)


def test_items_come_from_the_database_once_then_from_the_local_copy(
    url: str, imported: Imported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    PgStore(url).save_snapshot(imported)
    monkeypatch.setenv("SOLLECITO_HOME", str(tmp_path / "another machine"))
    other = PgStore(url)
    copy = other.home / "items" / "1.parquet"
    assert not copy.exists()
    assert_frame_equal(other.items(1), imported.items)  # the database's image of them
    assert copy.exists()
    copy.write_bytes(b"damaged")
    assert_frame_equal(other.items(1), imported.items)  # a damaged copy is read again from the database
    assert_frame_equal(pl.read_parquet(copy), imported.items)
    assert other.items(99).is_empty() and not (other.home / "items" / "99.parquet").exists()
    monkeypatch.setenv("SOLLECITO_HOME", str(tmp_path / "a third machine"))
    PgStore(url).delete_snapshot(1)  # by another instance: this one drops its copy on its next open
    assert copy.exists()
    monkeypatch.setenv("SOLLECITO_HOME", str(tmp_path / "another machine"))
    assert PgStore(url).home == other.home and not copy.exists()


def _awkward() -> pl.DataFrame:
    """Text a CSV or a driver could bend: quotes, commas, newlines, '' beside NULL, accents, a very long field."""
    texts = ['say "hi", then go', "line one\nline two\r\n", "", None, "àèìòù €ß 漢字", "x" * 200_000, "back\\slash \\N"]
    n = len(texts)
    return frames.items(
        open_cents=[-150, 0, 9_223_372_036_854_775_807, -1, 1, 10**12, -(10**12)],
        due_date=[dt.date(1900, 1, 1), dt.date(2026, 11, 24), None, dt.date(9999, 12, 31), *[dt.date(2026, 2, 28)] * 3],
        customer_name=texts, notes=list(reversed(texts)), address=[",", '"', "\n", '""', "NULL", "\\N", None],
        due_estimated=[True, False, None, True, False, None, True], source_row=[None, 1, -2, 3, 4, 5, 6],
        doc_date=[None, *[dt.date(2000, 2, 29)] * (n - 1)],
    )  # fmt: skip


def test_items_come_back_exactly_from_the_image_and_from_the_rows(url: str) -> None:
    items = _awkward()
    PgStore(url)  # the schema
    with psycopg.connect(url) as raw:
        conn = db.PgConnection(raw)
        with raw.transaction():
            image = pg_schema.put(conn, 7, items, {})
        assert_frame_equal(pl.read_parquet(image), items)
        assert_frame_equal(pl.read_parquet(pg_schema.image(conn, 7)), items)
        assert_frame_equal(pg_schema.items(conn, 7), items)  # the rows, through COPY … TO STDOUT
        raw.execute("DELETE FROM snapshot_file WHERE name = %s", (pg_schema.IMAGE,))
        assert_frame_equal(pl.read_parquet(pg_schema.image(conn, 7)), items)  # saved before images were kept
        assert _rows(url, "SELECT count(*) FROM item WHERE snapshot_id = 7") == items.height


def test_a_snapshot_saved_without_an_image_is_read_from_its_rows(
    url: str, imported: Imported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    PgStore(url).save_snapshot(imported)
    with psycopg.connect(url) as conn:
        conn.execute("DELETE FROM snapshot_file WHERE name = %s", (pg_schema.IMAGE,))
    monkeypatch.setenv("SOLLECITO_HOME", str(tmp_path / "another machine"))
    other = PgStore(url)
    assert_frame_equal(other.items(1), imported.items)
    assert_frame_equal(pl.read_parquet(other.home / "items" / "1.parquet"), imported.items)


def test_a_server_that_does_not_answer_is_one_sentence() -> None:
    with pytest.raises(WorkspaceError, match=r"does not answer \(connection") as refused:
        PgStore(f"postgresql://postgres:secret@127.0.0.1:{pg_server._free_port()}/none")
    assert refused.value.code == "unreachable" and "secret" not in str(refused.value)


def test_connections_the_server_ended_are_replaced(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = PgStore(url)
    store.record("action", customer_id="C1", step="call_1", date=TODAY, operator="anna")
    database = psycopg.conninfo.conninfo_to_dict(url)["dbname"]

    def restart() -> None:  # what a restart of the server does to the connections kept idle
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )

    restart()  # idle for a moment only: used as it is, and the page says the database went away
    with pytest.raises(WorkspaceError, match="does not answer"):
        store.revision()
    assert store.log().action.height == 1  # the next operation connects afresh
    monkeypatch.setattr("lib.store_pg.CHECK_AFTER", 0.0)  # idle for longer: asked first, and replaced
    restart()
    assert store.log().action.height == 1
