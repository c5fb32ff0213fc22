"""Single-file web pages (`.mht`, `.mhtml`) → the cell grid, through the HTML reader.

Word and Excel save a "single file web page" (单个文件网页) as a MIME message
(RFC 2557): a preamble for mail readers, the page as a `text/html` part, most
often quoted-printable in the system code page (GB2312 on a Chinese Windows),
then its pictures and theme as base64 parts. Sites serve such files as `.doc`
downloads too; the bytes, not the name, tell them (extract/readers/detect.py).
The page part is decoded by its MIME charset (or, without one, as a web page is)
and read by the HTML reader; the other parts are not looked at.
"""

from __future__ import annotations

from email import policy
from email.message import Message
from email.parser import BytesParser

from extract.grid import Grid
from extract.reader import UnreadableFile
from extract.readers.html import codec, decode_html, read_page

MAX_PARTS = 500  # parts looked through for the page (a page with many pictures has a part each)


def read_mht(data: bytes, name: str) -> Grid:
    """The page a single-file web page holds, as a Grid."""
    message = BytesParser(policy=policy.compat32).parsebytes(data)
    page = _page_part(message)
    if page is None:
        raise UnreadableFile(f"{name} is a single-file web page (MIME) with no HTML part; "
                             "open it in a browser or Word and save it as a web page (.html)")
    payload = page.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    text, notes = _decoded(payload, page.get_content_charset())
    return read_page(text, notes)


def _page_part(message: Message) -> Message | None:
    """The first `text/html` part (the page itself; a part it links comes after it)."""
    for count, part in enumerate(message.walk()):
        if count >= MAX_PARTS:
            return None
        if part.get_content_type() == "text/html":
            return part
    return None


def _decoded(payload: bytes, charset: str | None) -> tuple[str, list[str]]:
    """By the part's charset where it has one that decodes the page, else as a web page."""
    encoding = codec(charset) if charset else None
    if encoding:
        try:
            return payload.decode(encoding), []
        except UnicodeDecodeError:
            pass
    return decode_html(payload)
