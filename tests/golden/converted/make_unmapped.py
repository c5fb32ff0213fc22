"""Take the Unicode map out of the LibreOffice PDFs' CJK fonts: `<stem>.pdf_unmapped.pdf`.

Why a script: many published Chinese PDFs embed their CJK fonts as subsets with
no /ToUnicode map (older Word and WPS exports, some document systems). The page
shows right; its text layer has glyph numbers and no characters, so the text pulled
out of it is empty or noise (`!"#$%` from pdftotext), while the figures, set in a
Latin font that keeps its map, come out fine. No converter here writes such a file,
so the map is taken out of what LibreOffice wrote: in every font dictionary whose
base font is a CJK font, the key `/ToUnicode` is renamed `/ToUnicodX` (same length,
so the cross-reference offsets stay right), and PDF readers no longer find it.

Stems: t13, t47 (Word) and s13 (Excel). Run by hand:
`python tests/golden/converted/make_unmapped.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent
STEMS = ("t13_two_forms_word", "t47_project_word_merged", "s13_department_self_eval_workbook")
_FONT = re.compile(rb"<<[^<>]*?/BaseFont\s*/[A-Za-z+_\-]*CJK[^<>]*?>>")


def unmapped(pdf: bytes) -> bytes:
    """The PDF with its CJK fonts' /ToUnicode keys renamed."""
    return _FONT.sub(lambda font: font.group(0).replace(b"/ToUnicode", b"/ToUnicodX"), pdf)


def main() -> None:
    for stem in STEMS:
        pdf = (HERE / f"{stem}.libreoffice.pdf").read_bytes()
        result = unmapped(pdf)
        if result == pdf or len(result) != len(pdf):
            raise SystemExit(f"{stem}: no CJK font with a /ToUnicode map found")
        (HERE / f"{stem}.pdf_unmapped.pdf").write_bytes(result)


if __name__ == "__main__":
    main()
