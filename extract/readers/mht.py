"""Single-file web pages (`.mht`, `.mhtml`) → the cell grid, through the HTML reader.

Word and Excel save a "single file web page" (单个文件网页) as a MIME message
(RFC 2557): a preamble for mail readers, the page as a `text/html` part, most
often quoted-printable in the system code page (GB2312 on a Chinese Windows),
then its pictures and theme as base64 parts. Sites serve such files as `.doc`
downloads too; the bytes, not the name, tell them (extract/readers/detect.py).
Each page part is decoded by its MIME charset (or, without one, as a web page
is) and read by the HTML reader, in order (Excel's file for a workbook of several
sheets holds a page per sheet); pictures and the theme are not looked at.
"""

from __future__ import annotations

from email import policy
from email.message import Message
from email.parser import BytesParser

from extract.grid import Block, Grid, relocate
from extract.reader import UnreadableFile
from extract.readers.html import READER, codec, decode_html, read_page

MAX_PARTS = 500  # parts looked through for the page (a page with many pictures has a part each)


def read_mht(data: bytes, name: str) -> Grid:
    """The pages a single-file web page holds, as one Grid: Word's holds one; Excel's, for a
    workbook of several sheets, a frameset and the sheet tabs, then a page per sheet."""
    if data.count(b"\n--") > 2 * MAX_PARTS:  # each part costs objects in memory: refused before parsing
        raise UnreadableFile(f"{name} is a MIME message of over {MAX_PARTS} parts, more than a "
                             "single-file web page holds; not read")
    message = BytesParser(policy=policy.compat32).parsebytes(data)
    pages = _page_parts(message)
    if not pages:
        raise UnreadableFile(f"{name} is a single-file web page (MIME) with no HTML part; "
                             "open it in a browser or Word and save it as a web page (.html)")
    if len(pages) == 1:
        return _grid(pages[0])
    blocks: list[Block] = []
    notes: list[str] = []
    line = 0
    for number, page in enumerate(pages, start=1):
        grid = _grid(page)
        where = page.get("Content-Location", "").rsplit("/", 1)[-1] or f"page part {number}"
        notes.extend(f"{where}: {note}" for note in grid.notes)
        line = relocate(grid.blocks, line, where)
        blocks.extend(grid.blocks)
    return Grid(blocks=blocks, reader=READER, notes=notes)


def _grid(page: Message) -> Grid:
    payload = page.get_payload(decode=True)
    text, notes = _decoded(payload if isinstance(payload, bytes) else b"", page.get_content_charset())
    return read_page(text, notes)


def _page_parts(message: Message) -> list[Message]:
    """The `text/html` parts, in order."""
    pages = []
    for count, part in enumerate(message.walk()):
        if count >= MAX_PARTS:
            break
        if part.get_content_type() == "text/html":
            pages.append(part)
    return pages


def _decoded(payload: bytes, charset: str | None) -> tuple[str, list[str]]:
    """By the part's charset where it has one that decodes the page, else as a web page."""
    encoding = codec(charset) if charset else None
    if encoding:
        try:
            return payload.decode(encoding), []
        except UnicodeDecodeError:
            pass
    return decode_html(payload)
