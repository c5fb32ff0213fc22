"""Write text copied out of PDFs whose fonts map characters to radicals:
`<stem>.pdftotext_radicals.txt` and `<stem>.html_radicals.html`.

Why a script: many PDFs of Chinese documents (Word's and WPS's export with some
fonts) give common characters a Unicode map onto the look-alike radicals instead
of the ideographs: 目 comes out as ⽬ (U+2F6C, KANGXI RADICAL EYE), 门 as ⻔
(U+2ED4, CJK RADICAL C-SIMPLIFIED GATE). The page looks right; the text pulled out
of it (pdftotext, a viewer's copy, a page pasted from it into a web editor) does
not match 项目 or 部门. No converter here has such a font, so the damage is applied
to what a converter wrote: every character that has a radical look-alike is
written as that radical, the harshest such font.

- `pdftotext_radicals`: the `pdftotext -layout` text of t12, t13, t31 and t47;
- `html_radicals`: the built web pages t12 and s09 with their text so written
  (tags and attributes left alone), as a page pasted from such a PDF.

Run by hand: `python tests/golden/converted/make_radicals.py`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from extract.vocab import vocabulary

HERE = Path(__file__).parent
BUILT = HERE.parent / "built"
TEXTS = ("t12_project_page", "t13_two_forms_word", "t31_two_forms_one_table", "t47_project_word_merged")
PAGES = ("t12_project_page", "s09_self_eval_page")


def radical_of() -> dict[str, str]:
    """Ideograph → the radical a careless font maps it to: the Kangxi radicals (by NFKC) and the
    CJK Radicals Supplement's look-alikes of whole characters (vocab.toml's table, Unicode's
    EquivalentUnifiedIdeograph.txt)."""
    table = {unicodedata.normalize("NFKC", chr(code)): chr(code) for code in range(0x2F00, 0x2FD6)}
    pairs = vocabulary().characters.radical_lookalikes
    table.update({pairs[i + 1]: pairs[i] for i in range(0, len(pairs), 2)})
    return table


def damaged(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(char, char) for char in text)


def damaged_html(html: str, table: dict[str, str]) -> str:
    """The page's text damaged, its tags and attributes (and charset) as they were."""
    return re.sub(r">([^<]+)<", lambda match: ">" + damaged(match.group(1), table) + "<", html)


def main() -> None:
    table = radical_of()
    for stem in TEXTS:
        text = (HERE / f"{stem}.pdftotext_layout.txt").read_text(encoding="utf-8")
        (HERE / f"{stem}.pdftotext_radicals.txt").write_text(damaged(text, table), encoding="utf-8")
    for stem in PAGES:
        html = (BUILT / f"{stem}.html").read_text(encoding="utf-8")
        (HERE / f"{stem}.html_radicals.html").write_text(damaged_html(html, table), encoding="utf-8")


if __name__ == "__main__":
    main()
