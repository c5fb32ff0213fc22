"""Limits that keep hostile or absurd inputs bounded in time and memory.

Archives are collected from the web: a zip bomb renamed `.docx`, an XML
entity bomb, a 40,000 × 40,000 px "scan" or a PDF of ten thousand pages must
cost a clear refusal or a note, never a hang or an out-of-memory kill of the
whole batch. Every native reader checks its input here before it parses.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from extract.reader import UnreadableFile


@dataclass(frozen=True)
class Limits:
    """One place for every cap (the brief: no threshold outside one settings object)."""

    zip_members: int = 2_000  # members in an OOXML package
    zip_member_bytes: int = 200 * 1024 * 1024  # one member, inflated
    zip_total_bytes: int = 400 * 1024 * 1024  # all members, inflated
    zip_ratio: float = 200.0  # inflated / compressed, per member (XML rarely passes 30)
    image_pixels: int = 90_000_000  # ~ A3 at 600 dpi; Pillow's bomb check uses the same
    ocr_side: int = 7_000  # a page image larger than this is scaled down before OCR
    pdf_pages: int = 500  # pages read from one PDF; the rest are noted
    ocr_pages: int = 200  # scanned pages OCR'd from one file; the rest are noted
    sheet_rows: int = 20_000  # rows read from one sheet
    sheet_cols: int = 256  # columns read from one sheet
    table_rows: int = 20_000  # rows of one HTML/DOCX table
    span: int = 1_000  # largest rowspan/colspan believed
    pdf_render_dpi: int = 300  # scanned PDF pages are rendered at this resolution


LIMITS = Limits()

_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def open_zip(data: bytes, what: str, limits: Limits = LIMITS) -> zipfile.ZipFile:
    """Open an OOXML package after checking, from its directory, that inflating it is bounded.

    Python's zipfile never inflates a member past its declared size, so checking
    the declared sizes and ratios before any reader touches the package bounds
    what any later step can inflate.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise UnreadableFile(f"this {what} file is damaged (not a readable zip package: {err}); "
                             "open and re-save it, or export it again") from err
    members = package.infolist()
    if len(members) > limits.zip_members:
        raise UnreadableFile(f"this {what} package has {len(members)} parts, over the limit of "
                             f"{limits.zip_members}; it is not a normal document")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise UnreadableFile(f"this {what} file is encrypted; save a copy without a password")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.zip_member_bytes or ratio > limits.zip_ratio:
            raise UnreadableFile(
                f"this {what} file looks like a zip bomb: part {member.filename} inflates to "
                f"{member.file_size:,} bytes ({ratio:.0f}× its stored size); refused")
        total += member.file_size
    if total > limits.zip_total_bytes:
        raise UnreadableFile(f"this {what} file inflates to {total:,} bytes, over the limit; refused")
    return package


def check_xml_parts(package: zipfile.ZipFile, what: str) -> None:
    """Refuse any XML part with a DTD: OOXML never has one, entity bombs always do."""
    for member in package.infolist():
        if not member.filename.endswith((".xml", ".rels")):
            continue
        with package.open(member) as part:
            head = part.read(4096)
        if _DTD.search(head):
            raise UnreadableFile(f"this {what} file declares XML entities in {member.filename} "
                                 "(a document never needs them; an entity bomb does); refused")


def check_pixels(width: int, height: int, where: str, limits: Limits = LIMITS) -> None:
    """Refuse an image whose decoded size would not fit a sane memory budget."""
    if width * height > limits.image_pixels:
        raise UnreadableFile(
            f"{where} is {width} × {height} pixels, over the limit of {limits.image_pixels:,} "
            "pixels (a page at 600 dpi is about 35 million); scan it again at 300 dpi")
