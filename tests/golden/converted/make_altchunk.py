"""Wrap the web pages in Word documents as web systems do: `<stem>.docx_altchunk.docx`.

Why a script: office systems that export a page "to Word" (and libraries such as
html-docx-js) do not lay the page out as Word paragraphs and tables; they write a
.docx whose body is one `w:altChunk`, an instruction to import another part of
the package, the page itself, when the document is opened. Word and LibreOffice
show the form; a reader that walks the body finds nothing. No converter here
writes such a file, so it is written as those systems write it: t12's page as an
HTML part (`afchunk.htm`, `text/html`), s09's and t31's as a single-file web page
part (`afchunk.mht`, `message/rfc822`, as html-docx-js does).

Run by hand: `python tests/golden/converted/make_altchunk.py`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from make_mht import single_file_page

HERE = Path(__file__).parent
BUILT = HERE.parent / "built"
AS_HTML = ("t12_project_page",)
AS_MHT = ("s09_self_eval_page", "t31_two_forms_one_table")
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def with_chunk(page: bytes, part: str, content_type: str) -> bytes:
    """A .docx whose body imports `page` (stored as word/<part>) and holds nothing else."""
    extension = part.rsplit(".", 1)[1]
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Default Extension="{extension}" ContentType="{content_type}"/>'
            f'<Override PartName="/word/document.xml" ContentType="{MAIN}"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{DOCUMENT}" Target="word/document.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="htmlChunk" Type="{CHUNK}" Target="/word/{part}"/></Relationships>'),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body><w:altChunk r:id="htmlChunk"/>'
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in files.items():
            package.writestr(name, text.encode("utf-8"))
        package.writestr(f"word/{part}", page)
    return buffer.getvalue()


def main() -> None:
    for stem in AS_HTML:
        page = (BUILT / f"{stem}.html").read_bytes()
        (HERE / f"{stem}.docx_altchunk.docx").write_bytes(with_chunk(page, "afchunk.htm", "text/html"))
    for number, stem in enumerate(AS_MHT):
        html = (BUILT / f"{stem}.html").read_bytes()
        text = html.decode("utf-8") if stem != "t31_two_forms_one_table" else html.decode("gb18030")
        page = single_file_page(text, f"chunk{number}")
        (HERE / f"{stem}.docx_altchunk.docx").write_bytes(with_chunk(page, "afchunk.mht", "message/rfc822"))


if __name__ == "__main__":
    main()
