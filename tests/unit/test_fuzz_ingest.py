"""Fuzzing the importer with hypothesis: the money, date and header parsers on any text, and real
files from the good corpus mutated (bytes flipped, cut, inserted; the XML inside an xlsx damaged;
cells shuffled): nothing may escape but the documented failure, ImportFailed.

The examples are derandomized (the same on every run, so a failure in CI is reproducible: the
report prints the falsifying example); `FUZZ_RANDOM=1` draws new ones, `FUZZ_EXAMPLES` sets how
many. The whole module takes well under 30 seconds.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.cell import MergedCell

from lib.ingest import ImportFailed, import_file
from lib.ingest.header import find_as_of, find_header, map_labels
from lib.ingest.read import ROW
from lib.ingest.values import MAX_AMOUNT_CENTS, MAX_WHOLE_DIGITS, money_cents, parse_date, parse_date_text, too_large
from tests.conftest import ROOT

GOOD = ROOT / "tests" / "corpus" / "good"
FILES = sorted(p for p in GOOD.iterdir() if p.suffix in (".xlsx", ".csv", ".txt", ".xls", ".ods"))
XLSX = [p for p in FILES if p.suffix == ".xlsx" and p.stat().st_size < 60_000]
SMALL = [p for p in FILES if p.stat().st_size < 60_000]


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=int(os.environ.get("FUZZ_EXAMPLES", examples)),
        deadline=None,
        derandomize=os.environ.get("FUZZ_RANDOM") != "1",
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )


# --- parsers ----------------------------------------------------------------------------------

CELL_TEXT = st.text(alphabet=st.sampled_from("0123456789.,-+()€$ '\u00a0eE/abcEURusd:"), max_size=30) | st.text(
    max_size=20
)


@fuzz(80)
@given(cells=st.lists(st.none() | CELL_TEXT, min_size=1, max_size=20), mark=st.sampled_from([",", "."]))
def test_money_parser_never_raises_nor_wraps(cells: list[str | None], mark: str) -> None:
    frame = pl.DataFrame({"t": cells}, schema={"t": pl.String}).with_columns(
        cents=money_cents(pl.col("t"), mark),  # type: ignore[arg-type]
        big=too_large(pl.col("t"), mark),  # type: ignore[arg-type]
    )
    assert frame["cents"].dtype == pl.Int64
    assert frame.filter(pl.col("cents").abs() > MAX_AMOUNT_CENTS).height == 0
    assert frame.filter(pl.col("big") & pl.col("cents").is_not_null()).height == 0


def written(cents: int, style: str) -> str:
    whole, fraction = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    if style == "plain":
        return f"{sign}{whole}.{fraction:02d}"
    if style == "italian":
        return f"{sign}{whole:,}".replace(",", ".") + f",{fraction:02d}"
    if style == "english":
        return f"{sign}{whole:,}.{fraction:02d}"
    return f"({whole:,}.{fraction:02d})" if cents < 0 else f"€ {whole:,}.{fraction:02d}"


@fuzz(150)
@given(
    cents=st.integers(-(MAX_AMOUNT_CENTS - 1), MAX_AMOUNT_CENTS - 1),
    style=st.sampled_from(["plain", "italian", "english", "decorated"]),
)
def test_every_amount_below_the_maximum_reads_back_exactly(cents: int, style: str) -> None:
    mark = "," if style == "italian" else "."
    assert pl.select(money_cents(pl.lit(written(cents, style)), mark)).item() == cents  # type: ignore[arg-type]


@fuzz(100)
@given(
    whole=st.integers(10**MAX_WHOLE_DIGITS, 10**40),
    style=st.sampled_from(["plain", "italian", "english", "decorated"]),
    negative=st.booleans(),
)
def test_every_amount_over_the_maximum_is_too_large_never_a_number(whole: int, style: str, negative: bool) -> None:
    text = written(-whole * 100 if negative else whole * 100, style)
    mark = "," if style == "italian" else "."
    cents, big = pl.select(
        money_cents(pl.lit(text), mark),  # type: ignore[arg-type]
        too_large(pl.lit(text), mark).alias("big"),  # type: ignore[arg-type]
    ).row(0)
    assert cents is None and big is True


@fuzz(80)
@given(cells=st.lists(st.none() | CELL_TEXT, min_size=1, max_size=20), order=st.sampled_from(["dmy", "mdy"]))
def test_date_parser_never_raises(cells: list[str | None], order: str) -> None:
    parsed = pl.DataFrame({"t": cells}, schema={"t": pl.String}).select(parse_date(pl.col("t"), order))  # type: ignore[arg-type]
    assert parsed.to_series().dtype == pl.Date


@fuzz(100)
@given(
    day=st.dates(dt.date(1955, 1, 1), dt.date(2118, 12, 31)),
    shape=st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%b-%Y", "%d %B %Y", "%Y-%m-%d 00:00:00"]),
)
def test_every_written_date_reads_back(day: dt.date, shape: str) -> None:
    assert parse_date_text(day.strftime(shape), "dmy") == day


@fuzz(80)
@given(rows=st.lists(st.lists(st.none() | CELL_TEXT | st.sampled_from(["Cliente", "Scadenza", "Importo", "Totale"]))))
def test_header_finder_never_raises(rows: list[list[str | None]]) -> None:
    width = max((len(r) for r in rows), default=0)
    grid = pl.DataFrame(
        {f"c{i}": [r[i] if i < len(r) else None for r in rows] for i in range(width)},
        schema={f"c{i}": pl.String for i in range(width)},
    ).with_row_index(ROW, offset=1)
    found = find_header(grid.with_columns(pl.col(ROW).cast(pl.Int64)))
    assert found is None or found.index < grid.height
    map_labels({f"c{i}": cell for i, cell in enumerate(rows[0] if rows else []) if cell})


@fuzz(80)
@given(rows=st.lists(st.lists(CELL_TEXT.map(lambda s: f"al {s}") | CELL_TEXT, max_size=5), max_size=5))
def test_as_of_finder_never_raises(rows: list[list[str]]) -> None:
    found = find_as_of(rows, "dmy")
    assert found is None or isinstance(found, dt.date)


def test_an_empty_sheet_in_front_of_the_report_is_passed_over() -> None:
    """Found by the header fuzz: a sheet without rows made find_header raise."""
    book = openpyxl.load_workbook(GOOD / "gestionale_scadenzario.xlsx")
    book.create_sheet("Vuoto", 0)
    out = io.BytesIO()
    book.save(out)
    assert import_file(out.getvalue(), "two_sheets.xlsx").report.sheet != "Vuoto"


def test_a_damaged_deflate_stream_is_one_sentence() -> None:
    """Found by the byte fuzz: zlib.error escaped the xlsx integrity check."""
    data = (GOOD / "business_central_aged_receivables.xlsx").read_bytes()
    middle = len(data) // 2
    damaged = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]
    try:
        import_file(damaged, "damaged.xlsx")
    except ImportFailed as failure:
        assert failure.code == "corrupt"


# --- mutated real files -----------------------------------------------------------------------


def imports_or_fails_cleanly(data: bytes, name: str) -> None:
    try:
        imported = import_file(data, name)
    except ImportFailed as failure:
        assert "\n" not in str(failure)
        return
    assert imported.items["open_cents"].dtype == pl.Int64
    assert imported.items.filter(pl.col("open_cents").abs() > MAX_AMOUNT_CENTS).height == 0


MUTATION = st.tuples(
    st.sampled_from(["flip", "cut", "insert", "delete"]), st.floats(0, 1), st.binary(min_size=1, max_size=8)
)


def mutated(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    for kind, where, junk in mutations:
        at = int(where * max(len(data) - 1, 0))
        if kind == "flip" and data:
            data = data[:at] + bytes([data[at] ^ junk[0] or 1]) + data[at + 1 :]
        elif kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + junk + data[at:]
        else:
            data = data[:at] + data[at + len(junk) :]
    return data


@fuzz(50)
@given(path=st.sampled_from(SMALL), mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_files_with_damaged_bytes_fail_cleanly(path: Path, mutations: list[tuple[str, float, bytes]]) -> None:
    imports_or_fails_cleanly(mutated(path.read_bytes(), mutations), path.name)


XML_JUNK = [b"<", b">", b'"', b"&amp;", b"<row>", b'<c r="A1">', b"</c>", b"</row>", b"\x00", b"9999999", b"ZZ"]


@fuzz(60)
@given(
    path=st.sampled_from(XLSX),
    part=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml"]),
    mutations=st.lists(
        st.tuples(st.sampled_from(["flip", "cut", "insert", "delete"]), st.floats(0, 1), st.sampled_from(XML_JUNK)),
        min_size=1,
        max_size=4,
    ),
)
def test_xlsx_with_damaged_xml_inside_fails_cleanly(
    path: Path, part: str, mutations: list[tuple[str, float, bytes]]
) -> None:
    """The zip is valid (right CRCs): the damage reaches calamine and the importer's own scans."""
    source = zipfile.ZipFile(path)
    assume(part in source.namelist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item.filename, mutated(content, mutations) if item.filename == part else content)
    imports_or_fails_cleanly(out.getvalue(), path.name)


@fuzz(15)
@given(path=st.sampled_from(XLSX), seed=st.integers(0, 2**32 - 1), swaps=st.integers(1, 30))
def test_xlsx_with_shuffled_cells_imports_or_fails_cleanly(path: Path, seed: int, swaps: int) -> None:
    import random

    rng = random.Random(seed)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for _ in range(swaps):
        a = sheet.cell(rng.randint(1, sheet.max_row), rng.randint(1, sheet.max_column))
        b = sheet.cell(rng.randint(1, sheet.max_row), rng.randint(1, sheet.max_column))
        if not isinstance(a, MergedCell) and not isinstance(b, MergedCell):
            a.value, b.value = b.value, a.value
    out = io.BytesIO()
    book.save(out)
    imports_or_fails_cleanly(out.getvalue(), path.name)
