"""Which reader a file needs, told from its bytes rather than its name.

Archives rename freely: HTML saved as `.doc`, `.xls` files that are really
HTML tables (a common "export to Excel"), PDFs named `.txt`. The bytes say
what a file is; the name only breaks ties (an old OLE2 file is a `.doc` or
an `.xls`) and words the message.
"""

from __future__ import annotations

import io
import re
import zipfile

from extract.reader import UnreadableFile
from extract.readers.office_xml import office_xml_kind

FORMATS = ("text", "html", "mht", "docx", "doc", "wordml", "rtf", "odt", "xlsx", "xls", "spreadsheetml",
           "ods", "pdf", "image")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a", b"BM")
_HTML = re.compile(r"<\s*(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|table[\s>]|meta\s)", re.I)
_MULTIPART = re.compile(rb"^content-type:\s*multipart/", re.I | re.M)
_MIME_VERSION = re.compile(rb"^mime-version:", re.I | re.M)
_HEADER = re.compile(rb"[!-9;-~]+:")  # a header line: a name of printable ASCII, a colon


def detect_format(data: bytes, name: str) -> str:
    """One of FORMATS, or UnreadableFile saying what to do with the file."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(_OLE2):
        if _old_workbook(data, name):
            return "xls"
        if _stream(data, "WordDocument") and not _stream(data, "EncryptedPackage"):
            return "doc"
        raise UnreadableFile(_ole2_message(data, name))
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_format(data, name)
    office_xml = office_xml_kind(head)
    if office_xml:  # Word or Excel 2003 XML, named `.doc` or `.xls` by the systems that export it
        return office_xml
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if _looks_like_mht(data[:4096]):  # folded headers with a long title may pass 1 KB
        return "mht"
    if _looks_like_html(data):
        return "html"
    return "text"


def _looks_like_mht(head: bytes) -> bool:
    """A MIME message (a single-file web page): its headers, before the first blank line,
    give a MIME-Version and a multipart content type."""
    headers = head.lstrip().replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    if not all(_HEADER.match(line) or line[:1] in (b" ", b"\t") for line in headers.split(b"\n")):
        return False  # text that quotes a header is no message
    return bool(_MIME_VERSION.search(headers) and _MULTIPART.search(headers))


def _old_workbook(data: bytes, name: str) -> bool:
    """An OLE2 file holding an Excel 97–2003 workbook stream (`Workbook`, `Book` in Excel
    5 files), not encrypted and holding no Word stream; by its name where it has neither."""
    if _stream(data, "EncryptedPackage") or _stream(data, "WordDocument"):
        return False
    return _stream(data, "Workbook") or _stream(data, "Book\x00") or \
        name.lower().endswith((".xls", ".et"))


def _stream(data: bytes, name: str) -> bool:
    """The OLE2 directory names its streams in UTF-16 (anywhere in the file)."""
    return name.encode("utf-16-le") in data


def _ole2_message(data: bytes, name: str) -> str:
    """A password-protected Office file (which OOXML wraps in OLE2), or a compound file that
    holds neither a Word document nor a workbook."""
    if _stream(data, "EncryptedPackage"):
        return f"{name} is a password-protected Office file; save a copy without the password"
    return f"{name} is an Office compound file holding neither a Word document nor a workbook; " \
           f"open it where it was made and save it as .docx or .xlsx"


def _zip_format(data: bytes, name: str) -> str:
    """A zip: DOCX or XLSX by their main part; anything else is named."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise UnreadableFile(f"{name} is a damaged zip package ({err}); "
                             "open and re-save it, or export it again") from err
    if any(member.flag_bits & 0x1 for member in members):
        raise UnreadableFile(f"{name} is an encrypted zip package; save a copy without the password")
    names = {member.filename for member in members}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        raise UnreadableFile(f"{name} is a PowerPoint file; forms are read from Word, Excel, PDF, "
                             "HTML, images or text")
    if "mimetype" in names or "content.xml" in names:
        return _open_document(package, names, name)
    raise UnreadableFile(f"{name} is a zip archive; unpack it and read the files inside")


_OPEN_DOCUMENT = {b"application/vnd.oasis.opendocument.text": "odt",
                  b"application/vnd.oasis.opendocument.spreadsheet": "ods"}


def _open_document(package: zipfile.ZipFile, names: set[str], name: str) -> str:
    """`odt` or `ods` by the package's `mimetype` (its first member, stored); other
    OpenDocument kinds (slides, drawings) are named."""
    kind = b""
    if "mimetype" in names:
        with package.open("mimetype") as member:
            kind = member.read(100).strip()
    if kind in _OPEN_DOCUMENT:
        return _OPEN_DOCUMENT[kind]
    stated = kind.decode("ascii", "replace") or "unnamed"
    raise UnreadableFile(f"{name} is an OpenDocument file of another kind ({stated}); forms are read "
                         "from text documents and spreadsheets")


def _looks_like_html(data: bytes) -> bool:
    """HTML markup near the start, in any of the encodings archives use."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("latin-1")  # tags are ASCII in UTF-8 and GB18030 alike
    return bool(_HTML.search(text))
