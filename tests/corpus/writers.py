"""Write legacy .xls (BIFF8 in an OLE2 container) and LibreOffice .ods files with the standard
library only, for the good corpus: the project has no xlwt and no ODF writer, and a corpus
script must not need new dependencies.

Only what a spreadsheet reader needs is written: text cells, number cells, date cells (a number
with a date format, as Excel stores them), several sheets. The .xls layout follows the
[MS-XLS] and [MS-CFB] specifications (BOF, CODEPAGE, FORMAT, XF, BOUNDSHEET, LABEL, NUMBER,
EOF records; one FAT sector, one directory sector, 512-byte sectors); the .ods follows
OpenDocument 1.2 (`mimetype` stored first, `content.xml` with `table:table` rows).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

Cell = str | int | float | dt.date | None
Rows = Sequence[Sequence[Cell]]

_EPOCH = dt.date(1899, 12, 30)
_END, _FREE, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


# --- .xls (BIFF8) ----------------------------------------------------------------------------


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(sheet: bool) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010 if sheet else 0x0005, 0x0DBB, 0x07CC, 0, 0x06))


def _unicode(text: str, length_bytes: int) -> bytes:
    """XLUnicodeString: character count, a flag byte (1 = UTF-16LE), the characters."""
    size = struct.pack("<H" if length_bytes == 2 else "<B", len(text))
    return size + b"\x01" + text.encode("utf-16-le")


def _xf(format_index: int) -> bytes:
    """A cell XF record (20 bytes): font 0, the given number format, everything else default."""
    return _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, format_index, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))


def _sheet_stream(rows: Rows) -> bytes:
    width = max((len(r) for r in rows), default=0)
    parts = [_bof(True), _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                parts.append(_record(0x0204, struct.pack("<HHH", r, c, 16) + _unicode(value, 2)))
            elif isinstance(value, dt.date):
                serial = float((value - _EPOCH).days)
                parts.append(_record(0x0203, struct.pack("<HHHd", r, c, 17, serial)))
            else:
                parts.append(_record(0x0203, struct.pack("<HHHd", r, c, 16, float(value))))
    parts.append(_record(0x000A, b""))
    return b"".join(parts)


def _workbook_stream(sheets: Sequence[tuple[str, Rows]]) -> bytes:
    # 16 style XFs then two cell XFs: 16 = General, 17 = dd/mm/yyyy (built-in format 14)
    head = [_bof(False), _record(0x0042, struct.pack("<H", 1200))]
    head += [_xf(0)] * 16 + [_xf(0), _xf(14)]
    bodies = [_sheet_stream(rows) for _, rows in sheets]
    sizes = [len(_record(0x0085, b"\0" * 6 + _unicode(name, 1))) for name, _ in sheets]
    offset = sum(len(p) for p in head) + sum(sizes) + 4  # + the globals' EOF
    bound = []
    for (name, _), body in zip(sheets, bodies, strict=True):
        bound.append(_record(0x0085, struct.pack("<IBB", offset, 0, 0) + _unicode(name, 1)))
        offset += len(body)
    return b"".join([*head, *bound, _record(0x000A, b""), *bodies])


def _directory_entry(name: str, kind: int, start: int, size: int, child: int = _NO_STREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _NO_STREAM, _NO_STREAM, child)
        + b"\0" * 16
        + struct.pack("<I", 0)
        + b"\0" * 16
        + struct.pack("<III", start, size, 0)
    )


def xls_bytes(sheets: Sequence[tuple[str, Rows]]) -> bytes:
    """A BIFF8 workbook with the given (name, rows) sheets, in an OLE2 compound file."""
    stream = _workbook_stream(sheets)
    size = len(stream)
    stream = stream.ljust(max(4096, -(-size // 512) * 512), b"\0")  # >= 4096: no mini stream needed
    data_sectors = len(stream) // 512
    directory_sector = data_sectors
    fat_sector = data_sectors + 1
    fat = [*range(1, data_sectors), _END, _END, _FAT_SECTOR]
    fat += [_FREE] * (128 - len(fat))
    directory = (
        _directory_entry("Root Entry", 5, _END, 0, child=1)
        + _directory_entry("Workbook", 2, 0, len(stream))
        + _directory_entry("", 0, _FREE, 0) * 2
    )
    difat = [fat_sector] + [_FREE] * 108
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, directory_sector, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", *difat)
    )
    return header + stream + directory + struct.pack("<128I", *fat)


# --- .ods ------------------------------------------------------------------------------------

_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">\n'
    ' <manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
    ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\n'
    ' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
    "</manifest:manifest>\n"
)
_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">\n'
    "<office:body><office:spreadsheet>\n{tables}\n</office:spreadsheet></office:body></office:document-content>\n"
)


def _ods_cell(value: Cell) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, str):
        kind, shown = 'office:value-type="string"', value
    elif isinstance(value, dt.date):
        kind, shown = f'office:value-type="date" office:date-value="{value.isoformat()}"', value.strftime("%d/%m/%Y")
    else:
        kind, shown = f'office:value-type="float" office:value="{value!r}"', str(value)
    return f"<table:table-cell {kind}><text:p>{escape(shown)}</text:p></table:table-cell>"


def ods_bytes(sheets: Sequence[tuple[str, Rows]]) -> bytes:
    """A LibreOffice Calc document with the given (name, rows) sheets."""
    tables = []
    for name, rows in sheets:
        cells = ("".join(_ods_cell(v) for v in row) or "<table:table-cell/>" for row in rows)
        body = "".join(f"<table:table-row>{row}</table:table-row>" for row in cells)
        tables.append(f'<table:table table:name="{escape(name)}">{body}</table:table>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        stamp = (2026, 11, 20, 0, 0, 0)
        archive.writestr(zipfile.ZipInfo("mimetype", stamp), "application/vnd.oasis.opendocument.spreadsheet")
        parts = (("META-INF/manifest.xml", _MANIFEST), ("content.xml", _CONTENT.format(tables="".join(tables))))
        for path, text in parts:
            info = zipfile.ZipInfo(path, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()
