"""Files to import, read as text: size-capped, sniffed for spreadsheets and zips, and
decoded from UTF-8 or UTF-16 (``abc import``; ``exports`` gives ``abc sync`` its sources)."""

from __future__ import annotations

from pathlib import Path

from abcnet.core.problems import DataError, Problem, UsageError
from abcnet.formats.yamltext import decode

from .layout import reason

#: The most of a file ``abc import`` reads: a LinkedIn export of 30,000 connections
#: is about 5 MiB; a file larger than this is not an export of one person's contacts.
MAX_INPUT = 64 * 1024 * 1024


def _size(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"


def _kind(raw: bytes) -> str | None:
    """What a file that is not text is, by its first bytes (None: maybe text)."""
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: Excel 97-2003 (.xls)
        return "spreadsheet"
    if raw.startswith(b"PK\x03\x04"):  # zip: .xlsx, or an archive such as LinkedIn's export
        import io
        import zipfile

        try:
            names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            names = []
        return "spreadsheet" if any(n.startswith("xl/") for n in names) else "zip"
    return None


def _decode_input(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 with one (Excel's "Unicode text")."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                why = "this file starts as UTF-16 text but is not; save it as UTF-8"
                problem = Problem(str(path), 0, "", why)
                raise DataError(
                    f"{path} is not UTF-16 text; nothing was written", [problem]
                ) from None
    text, problems = decode(raw, str(path))
    if text is None:
        raise DataError(f"{path} is not UTF-8 text; nothing was written", problems)
    return text


def read_input(path: Path) -> str:
    """A file to import, as text: UTF-8 (a byte-order mark is dropped), or UTF-16 with one.

    Reads at most MAX_INPUT bytes (and one more, to tell). UsageError for a file that
    cannot be read, is larger, or is a spreadsheet or zip archive rather than text.
    """
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_INPUT + 1)
    except OSError as e:
        raise UsageError(f"cannot read {path}: {reason(e)}") from None
    if len(raw) > MAX_INPUT:
        raise UsageError(
            f"{path} is larger than {_size(MAX_INPUT)}, more than abc imports at once; "
            "is it the right file? (split it into smaller files if it is)"
        )
    kind = _kind(raw)
    if kind == "spreadsheet":
        raise UsageError(
            f"{path} is a spreadsheet (Excel), not CSV; export it as CSV first "
            "(File → Save As → CSV UTF-8)"
        )
    if kind == "zip":
        raise UsageError(f"{path} is a zip archive; unzip it and import the file inside")
    return _decode_input(raw, path)
