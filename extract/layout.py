"""Detect the layout family of a text, per region, and build its rows.

A file may mix families (a Word export with a pasted PDF table), so each line
is classified on its own: a line that is one tab-led cell belongs to
`cell_lines`, a line with several tab-separated cells to `tab_rows` (or to
`pdf_layout` when the file shows PDF/OCR debris), prose to whichever table
region it stands in. Consecutive lines of one family form a region, and the
region's module turns them into rows.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from extract.layouts import cell_lines, pdf_layout, tab_rows
from extract.rows import Row

BUILDERS: dict[str, Callable[[list[str], int], list[Row]]] = {
    "tab_rows": tab_rows.to_rows,
    "cell_lines": cell_lines.to_rows,
    "pdf_layout": pdf_layout.to_rows,
}

_OCR_DEBRIS = regex.compile(r"</?[ui]>|\p{Han} \p{Han}|[\p{Cyrillic}\p{Arabic}\p{Katakana}]")
_MIXED_SHARE = 0.2


def line_family(line: str) -> str | None:
    """`cell_lines`, `tab_rows` or None (prose / blank) for one line."""
    if not line.strip():
        return None
    if line.startswith("\t") and line.count("\t") == 1:
        return "cell_lines"
    if "\t" in line or line.count("|") >= 2:
        return "tab_rows"
    return None


def is_pdf_text(lines: list[str], families: list[str | None] | None = None) -> bool:
    """Tab rows from a PDF: many cells broken by spaces or tags, foreign OCR noise."""
    families = families or [line_family(line) for line in lines]
    table_lines = [line for line, family in zip(lines, families, strict=True)
                   if family == "tab_rows"]
    if len(table_lines) < 5:
        return False
    damaged = sum(1 for line in table_lines if len(_OCR_DEBRIS.findall(line)) >= 2)
    return damaged / len(table_lines) > 0.15


def regions(lines: list[str], families: list[str | None] | None = None) -> list[tuple[str, int, int]]:
    """(family, start index, end index exclusive) covering every line."""
    families = families or [line_family(line) for line in lines]
    row_family = "pdf_layout" if is_pdf_text(lines, families) else "tab_rows"
    current = next((f for f in families if f), row_family)
    spans: list[tuple[str, int, int]] = []
    start = 0
    for index, family in enumerate(families):
        if family is None or family == _generic(current):
            continue
        if index > start:
            spans.append((_specific(current, row_family), start, index))
        current, start = family, index
    spans.append((_specific(current, row_family), start, len(lines)))
    return spans


def _generic(family: str) -> str:
    return "tab_rows" if family == "pdf_layout" else family


def _specific(family: str, row_family: str) -> str:
    return row_family if family == "tab_rows" else family


def build_rows(lines: list[str]) -> tuple[str, list[Row]]:
    """The document's layout name and all its rows in source order."""
    rows: list[Row] = []
    weight: dict[str, int] = {}
    families = [line_family(line) for line in lines]
    for family, start, end in regions(lines, families):
        rows.extend(BUILDERS[family](lines[start:end], start + 1))
        table_lines = sum(1 for found in families[start:end] if found)
        weight[family] = weight.get(family, 0) + table_lines
    return document_layout(weight), rows


def document_layout(weight: dict[str, int]) -> str:
    total = sum(weight.values())
    if not total:
        return "unknown"
    ranked = sorted(weight.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[1][1] / total >= _MIXED_SHARE:
        return "mixed"
    return ranked[0][0]
