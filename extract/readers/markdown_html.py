"""Markdown with raw HTML tables (`pandoc -t gfm`, `-t markdown`): a converter writes the
tables it cannot draw with pipes (merged cells) as `<table>` elements and the rest as
Markdown, pipe tables included, whose line breaks an HTML parser would collapse.

The text is cut at its `<table>…</table>` elements: each element is read as a page's
table, each stretch of Markdown between them by the text layouts, lines kept; every block
keeps its line in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extract.grid import Block, Grid, gather
from extract.readers.pipe_rows import MARKDOWN_RULE
from extract.readers.text import read_text

READER = "markdown_html"

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
_PAGE = re.compile(r"<\s*(?:!doctype|html|head|body)\b", re.I)


def looks_like_markdown(text: str) -> bool:
    """No page around the tables, and a Markdown pipe table's rule outside them."""
    if _PAGE.search(text[:4096]) or not _TABLE.search(text):
        return False
    return any(MARKDOWN_RULE.match(line) for line in _TABLE.sub("", text).splitlines())


def read(text: str, notes: list[str], read_table: Callable[[str, list[str]], Grid]) -> Grid:
    """The tables by `read_table` (a page's reader), the Markdown between them as text."""
    blocks: list[Block] = []
    notes = list(notes)
    start, before = 0, 0  # where the stretch starts, and the lines before it
    for match in [*_TABLE.finditer(text), None]:
        end = match.start() if match else len(text)
        lines = text[start:end].split("\n")
        if any(line.strip() for line in lines):
            gather(blocks, notes, read_text(lines), before)
        if match is None:
            break
        before += len(lines) - 1
        gather(blocks, notes, read_table(match.group(0), []), before)
        start, before = match.end(), before + match.group(0).count("\n")
    return Grid(blocks=blocks, reader=READER, notes=notes)

