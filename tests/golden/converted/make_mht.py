"""Save the Word and Excel forms as single-file web pages: `<stem>.word_mht.mht`.

Why a script: Word's and Excel's "single file web page" (单个文件网页, `.mht`), and the
same file renamed `.doc` (as sites serve downloads), is a common shape of published
forms in older archives. It is a MIME message: a preamble for mail readers, then
the page as a `text/html` part in the system code page (GB2312 on a Chinese
Windows) under quoted-printable, then the page's images and theme as base64 parts.
LibreOffice does not write it, so the layout Word uses is written here around
the page LibreOffice exported (`<stem>.libreoffice_html.html`), byte for byte as
Word lays it out (CRLF line ends, 76-column quoted-printable, the boundary
`----=_NextPart_…`, `Content-Location` file URLs).

Stems: t13 and t47 (Word), s13 (Excel), as `.mht`; t23 as a `.mht` named `.doc`.
Run by hand: `python tests/golden/converted/make_mht.py`.
"""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

HERE = Path(__file__).parent
MHT = ("t13_two_forms_word", "t47_project_word_merged", "s13_department_self_eval_workbook")
AS_DOC = ("t23_department_word",)
BOUNDARY = "----=_NextPart_01DB2F6A.8C51E2B0"
PREAMBLE = ("此文档为“单个文件网页”，也称为“Web 档案”文件。如果您看到此消息，但是您的 Web 浏览器或编辑器"
            "不支持“Web 档案”文件。请下载支持“Web 档案”的浏览器。")
THEME = b"PK\x03\x04" + bytes(range(256)) * 4  # stands in for the theme part Word appends


def single_file_page(html: str, folder: str) -> bytes:
    """The page as Word writes a single-file web page, in GB2312 (GB18030 where it must)."""
    page = html.replace("charset=utf-8", "charset=gb2312").replace("charset=UTF-8", "charset=gb2312")
    body = quopri.encodestring(page.encode("gb18030").replace(b"\r\n", b"\n")).replace(b"\n", b"\r\n")
    theme = base64.encodebytes(THEME).replace(b"\n", b"\r\n")
    parts = [
        b"MIME-Version: 1.0\r\n",
        f'Content-Type: multipart/related; boundary="{BOUNDARY}"\r\n\r\n'.encode("ascii"),
        PREAMBLE.encode("gb18030") + b"\r\n\r\n",
        f"--{BOUNDARY}\r\n".encode("ascii"),
        f"Content-Location: file:///C:/{folder}/file.htm\r\n".encode("ascii"),
        b"Content-Transfer-Encoding: quoted-printable\r\n",
        b'Content-Type: text/html; charset="gb2312"\r\n\r\n',
        body, b"\r\n\r\n",
        f"--{BOUNDARY}\r\n".encode("ascii"),
        f"Content-Location: file:///C:/{folder}/file.files/themedata.thmx\r\n".encode("ascii"),
        b"Content-Transfer-Encoding: base64\r\n",
        b"Content-Type: application/vnd.ms-officetheme\r\n\r\n",
        theme, b"\r\n",
        f"--{BOUNDARY}--\r\n".encode("ascii"),
    ]
    return b"".join(parts)


def main() -> None:
    for number, stem in enumerate(MHT + AS_DOC):
        html = (HERE / f"{stem}.libreoffice_html.html").read_text(encoding="utf-8")
        data = single_file_page(html, f"D2B1A6F{number}")
        suffix = "doc" if stem in AS_DOC else "mht"
        (HERE / f"{stem}.word_mht.{suffix}").write_bytes(data)


if __name__ == "__main__":
    main()
