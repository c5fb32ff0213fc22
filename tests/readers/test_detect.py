"""detect_format: the reader a file needs, from its bytes; clear refusals otherwise."""

from __future__ import annotations

import io
import zipfile

import pytest

from extract.reader import UnreadableFile
from extract.readers.detect import detect_format

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
CHROME_MHTML = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://czj.example.gov.cn/a.html\r\n"
                b"Subject: =?utf-8?Q?=E7=BB=A9=E6=95=88?=\r\nDate: Fri, 5 Dec 2026 10:00:00 +0800\r\n"
                b'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n'
                b'\tboundary="----MultipartBoundary--x----"\r\n\r\n------MultipartBoundary--x----\r\n')
MHT = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
       b'------=_NextPart_01\r\nContent-Type: text/html; charset="gb2312"\r\n\r\n<html></html>\r\n')


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name in names:
            package.writestr(name, "<x/>")
    return out.getvalue()


def _mimetype(kind: str) -> bytes:
    """An OpenDocument package: its `mimetype` member first, stored, then its content."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", kind)
        package.writestr("content.xml", "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(("data", "name", "expected"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a.pdf", "pdf"),
    (b"\r\n%PDF-1.4\n", "renamed.txt", "pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "scan.png", "image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "scan.jpg", "image"),
    (b"II*\x00\x08\x00\x00\x00", "scan.tif", "image"),
    (b"MM\x00*\x00\x00\x00\x08", "scan.tiff", "image"),
    (_zip("[Content_Types].xml", "word/document.xml"), "form.docx", "docx"),
    (_zip("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), "form.xlsx", "xlsx"),
    (_zip("[Content_Types].xml", "word/document.xml"), "form.zip", "docx"),
    (b"{\\rtf1\\ansi hello}", "letter.doc", "rtf"),  # a system's "Word" export that is RTF
    (b"\r\n {\\rtf1\\ansi\\ansicpg936 x}", "export.rtf", "rtf"),
    (_mimetype("application/vnd.oasis.opendocument.text"), "form.odt", "odt"),
    (_mimetype("application/vnd.oasis.opendocument.spreadsheet"), "renamed.xlsx", "ods"),
    (b"<!DOCTYPE html><html><body><table><tr><td>x</td></tr></table>", "page.htm", "html"),
    ("<html><head><meta charset=gb2312></head>".encode("gb18030"), "saved.doc", "html"),
    (b"<table border=1><tr><td>\xcf\xee\xc4\xbf</td></tr></table>", "export.xls", "html"),
    ("\ufeff<html><body>表</body></html>".encode("utf-16"), "page.html", "html"),
    ("项目名称\t卫生局工作业务经费\n".encode(), "form.txt", "text"),
    ("扶贫临时救助标准(<**元/户·年) | <=5300元/户\n".encode(), "form.txt", "text"),
    (b"", "empty.txt", "text"),
    (OLE2, "old.xls", "xls"),
    (OLE2 + "Workbook".encode("utf-16-le"), "noname.bin", "xls"),
    (OLE2 + "Book\x00".encode("utf-16-le"), "excel5.bin", "xls"),
    (OLE2 + "WordDocument".encode("utf-16-le"), "old.doc", "doc"),
    (OLE2 + "WordDocument".encode("utf-16-le"), "renamed.xls", "doc"),  # the stream says Word
    (OLE2 + "WordDocument".encode("utf-16-le"), "kingsoft.wps", "doc"),
    (MHT, "page.mht", "mht"),
    (MHT, "download.doc", "mht"),  # a site's `.doc` that is a single-file web page
    (CHROME_MHTML, "page.mhtml", "mht"),  # Chrome's "save as single file": headers folded
    (MHT.replace(b"\r\n", b"\n").replace(b"MIME-Version", b"mime-version"), "page.mhtml", "mht"),
    (b"Content-Type: multipart/related; boundary=x\n\n<html>", "no_version.mht", "html"),
    ("项目说明\nMIME-Version: 1.0\nContent-Type: multipart/related\n".encode(), "notes.txt", "text"),
])
def test_format_from_bytes(data, name, expected):
    assert detect_format(data, name) == expected


def _encrypted_zip() -> bytes:
    """A zip whose member says it is encrypted (zipfile cannot write one; the flag is enough)."""
    data = bytearray(_zip("[Content_Types].xml", "word/document.xml"))
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1
    return bytes(data)


@pytest.mark.parametrize(("data", "name", "message"), [
    (_encrypted_zip(), "locked.docx", "encrypted"),
    (OLE2, "old.doc", "neither a Word document nor a workbook"),
    (OLE2, "old.wps", "save it as .docx or .xlsx"),
    (OLE2 + "EncryptedPackage".encode("utf-16-le"), "locked.docx", "password"),
    (_zip("ppt/presentation.xml"), "slides.pptx", "PowerPoint"),
    (_zip("mimetype", "content.xml"), "form.odt", "OpenDocument file of another kind"),
    (_mimetype("application/vnd.oasis.opendocument.presentation"), "slides.odp", "another kind"),
    (_zip("readme.txt", "a.csv"), "bundle.zip", "unpack it"),
    (b"PK\x03\x04" + b"\x00garbage" * 10, "broken.docx", "damaged"),
])
def test_refusals_say_what_to_do(data, name, message):
    with pytest.raises(UnreadableFile, match=message.replace("(", r"\(")):
        detect_format(data, name)
