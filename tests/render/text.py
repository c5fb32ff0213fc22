"""Golden forms printed as text, in each text layout family, with mild noise.

The canonical table of a golden form (tests/render/canonical.py) is printed
the way each family of flattened text prints a table (extract/readers/*.py
describe them): tab-separated rows, a sheet saved as CSV, `|` rows, a grid drawn with
`+---+` rules, a table drawn with box-drawing characters as a text browser prints it,
one Word cell per line, one cell per line between blank lines, columns aligned by runs
of spaces, cells split by single spaces, cells glued with no separator at all. A merged
cell is printed once, on its first row; the rows it spans leave it empty (a text
browser's box drawing merges it, its text on the middle line of its rows).

Noise is mild and seeded, the kind every archive shows: a long cell wrapped
onto a second line where the family can carry it, stray spaces inside a
label (`数量 指标`), a full-width space, a trailing separator. The reader must
get the same records back from every family.
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from collections.abc import Callable

from tests.render.canonical import CanonicalForm, slots_with_positions

SKIP = "__skip__"
Grid = list[list[str | None]]  # None: covered by a merged cell printed elsewhere

FAMILIES = ("tab_rows", "csv_rows", "pipe_rows", "grid_rows", "box_rows", "cell_lines", "blank_cells",
            "space_runs", "space_rows", "run_together")
_LEVEL_WORDS = ("指标",)  # where a stray space lands in a label: before its last word


def render_text(forms: list[CanonicalForm], family: str, seed: int = 0) -> str:
    """One document holding `forms`, printed in `family`, noise drawn from `seed`."""
    rng = random.Random(f"{family}:{seed}")
    printer = _PRINTERS[family]
    pages = []
    for form in forms:
        headings = list(form.headings)
        if family == "csv_rows":  # a sheet's title rows are padded to its width like any row
            headings = [_csv_line([text] + [""] * (form.width - 1)) for text in headings]
        lines = headings + [""]
        grid = _noisy(_grid(form), rng)
        lines += _box_rows(grid, slots_with_positions(form.tables[0])) if family == "box_rows" \
            else printer(grid, rng)
        pages.append("\n".join(lines))
    return "\n\n".join(pages) + "\n"


def _grid(form: CanonicalForm) -> Grid:
    """The table as rows × columns of printed text, merged cells on their first slot; a
    value the golden record does not state (`__skip__`) is printed blank."""
    table = form.tables[0]
    slots = slots_with_positions(table)
    width = form.width
    grid: Grid = [[None] * width for _ in table]
    for row, col, text, row_span, col_span in slots:
        grid[row][col] = "" if text == SKIP else text
        for r in range(row, row + row_span):
            for c in range(col, col + col_span):
                if (r, c) != (row, col):
                    grid[r][c] = "" if c == col else None
    return grid


def _noisy(grid: Grid, rng: random.Random) -> Grid:
    """Stray spaces inside a few labels (`数量 指标`) and a full-width space before a value."""
    out: Grid = []
    for row in grid:
        cells: list[str | None] = []
        for text in row:
            if text and rng.random() < 0.15:
                text = _stray_space(text, rng)
            cells.append(text)
        out.append(cells)
    return out


def _stray_space(text: str, rng: random.Random) -> str:
    for word in _LEVEL_WORDS:
        if text.endswith(word) and len(text) > len(word) + 1:
            return text[: -len(word)] + " " + word
    if rng.random() < 0.5 and text[:1] in "≥≤＞＜>=<":
        return text[:1] + " " + text[1:]
    return text + "\u3000" if rng.random() < 0.3 else text


def _lines_of(text: str) -> list[str]:
    return text.split("\n") if text else [""]


def _tab_rows(grid: Grid, rng: random.Random) -> list[str]:
    """Word or a spreadsheet: a row per line, a tab between cells, a spanned cell once."""
    lines = []
    for row in grid:
        cells = [" ".join(_lines_of(text)) for text in row if text is not None]
        line = "\t".join(cells)
        lines.append(line + ("\t" if rng.random() < 0.2 else ""))
    return lines


def _csv_rows(grid: Grid, rng: random.Random) -> list[str]:
    """A sheet saved as CSV: every slot of every row (a merged cell's other slots empty),
    quoted where a cell holds a comma, a quote or a line break, which it keeps."""
    lines: list[str] = []
    for row in grid:
        lines.extend(_csv_line([text or "" for text in row]).split("\n"))
    return lines


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)  # a cell holding "\n" is quoted
    return out.getvalue()[:-1]


def _pipe_rows(grid: Grid, rng: random.Random) -> list[str]:
    """A web page flattened: `| a | b |`, a long cell wrapped onto an indented line."""
    lines = []
    for row in grid:
        cells = [" ".join(_lines_of(text)) for text in row if text is not None]
        wrapped: list[str] = []
        for n, cell in enumerate(cells):
            if len(cell) > 12 and rng.random() < 0.25 and n == len(cells) - 1:
                cut = len(cell) // 2
                wrapped = ["    " + cell[cut:] + " |"]
                cells[n] = cell[:cut]
        line = "| " + " | ".join(cells) + (" |" if not wrapped else "")
        lines.append(line)
        lines.extend(wrapped)
    return lines


def _grid_rows(grid: Grid, rng: random.Random) -> list[str]:
    """A grid table (pandoc's plain text, tabulate's `grid`): a `+---+` rule around every
    row, `+===+` under the first, a long cell wrapped inside its column over several lines,
    a cell spanning columns printed without the `|` between them, CJK counted double."""
    width = max(len(row) for row in grid)
    texts = [[" ".join(_lines_of(text)) if text else "" if text is not None else None for text in row]
             for row in grid]
    widths = [min(_GRID_WIDEST, max([_width(row[col] or "") for row in texts if col < len(row)
                                      and (col + 1 == len(row) or row[col + 1] is not None)] + [2]))
              for col in range(width)]
    lines = [_grid_rule(widths, "-")]
    for index, row in enumerate(texts):
        spans = _spans(row + [""] * (width - len(row)))
        wrapped = [_wrap(text, sum(widths[c] for c in range(col, col + span)) + 3 * (span - 1))
                   for col, span, text in spans]
        for k in range(max(len(parts) for parts in wrapped)):
            line = "|"
            for (col, span, _), parts in zip(spans, wrapped, strict=True):
                room = sum(widths[c] for c in range(col, col + span)) + 3 * (span - 1)
                piece = parts[k] if k < len(parts) else ""
                line += " " + piece + " " * (room - _width(piece)) + " |"
            lines.append(line)
        lines.append(_grid_rule(widths, "=" if index == 0 else "-"))
    return lines


_GRID_WIDEST = 24  # display columns a grid's column takes at most; longer cells wrap


def _box_rows(grid: Grid, slots: list[tuple[int, int, str, int, int]]) -> list[str]:
    """A table as `w3m -dump` draws it: `┌─┬─┐` rules, `│` between cells, a cell merged down
    over its rows (the rules between them left open) with its text on the region's middle
    line, a rule line included (glued to the bar there); a long cell wrapped in its column."""
    width = max(len(row) for row in grid)
    owner: dict[tuple[int, int], int] = {}
    for index, (row, col, _, row_span, col_span) in enumerate(slots):
        owner.update({(r, c): index for r in range(row, row + row_span) for c in range(col, col + col_span)})
    for r in range(len(grid)):  # a short row: its last cell reaches the table's right edge
        for c in range(1, width):
            owner.setdefault((r, c), owner.get((r, c - 1), -1))
    spans = [(sum(1 for c in range(width) if owner.get((row, c)) == index),
              sum(1 for r in range(len(grid)) if owner.get((r, col)) == index))
             for index, (row, col, *_) in enumerate(slots)]
    texts = [" ".join(_lines_of(grid[row][col] or "")) for row, col, *_ in slots]
    widths = [min(_GRID_WIDEST, max([_width(texts[owner[r, c]]) for r in range(len(grid))
                                     if owner.get((r, c), -1) >= 0 and spans[owner[r, c]][0] == 1] + [2]))
              for c in range(width)]
    rooms = [sum(widths[c] for c in range(col, col + across)) + 3 * (across - 1)
             for (_, col, *_), (across, _) in zip(slots, spans, strict=True)]
    pieces = [_wrap(text, room) if text else [] for text, room in zip(texts, rooms, strict=True)]
    heights = [max([len(pieces[owner[r, c]]) for c in range(width)
                    if owner.get((r, c), -1) >= 0 and spans[owner[r, c]][1] == 1] + [1])
               for r in range(len(grid))]
    # the canvas: per line, each column's owner (a slot) or None for a rule; row r's lines
    # follow the rule above it
    owners: list[list[int | None]] = [[None] * width]
    for r, height in enumerate(heights):
        if r:
            owners.append([owner.get((r, c)) if owner.get((r, c)) == owner.get((r - 1, c)) else None
                           for c in range(width)])
        owners.extend([owner.get((r, c)) for c in range(width)] for _ in range(height))
    owners.append([None] * width)
    placed = _placed_pieces(owners, pieces)
    return [_box_line(owners, k, placed, widths) for k in range(len(owners))]


def _placed_pieces(owners: list[list[int | None]], pieces: list[list[str]]) -> dict[tuple[int, int], str]:
    """(line, slot) → the piece of the slot's text on that line: a slot of one row from its
    first line down, a merged one centred on its lines."""
    lines: dict[int, list[int]] = {}
    for k, row in enumerate(owners):
        for index in dict.fromkeys(i for i in row if i is not None):
            lines.setdefault(index, []).append(k)
    placed = {}
    for index, own in lines.items():
        text = pieces[index]
        start = 0 if len(own) - len(text) <= 1 else (len(own) - len(text)) // 2
        placed.update({(own[min(start + n, len(own) - 1)], index): piece for n, piece in enumerate(text)})
    return placed


_JUNCTIONS = {(False, True, False, True): "┌", (False, True, True, False): "┐",
              (True, False, False, True): "└", (True, False, True, False): "┘",
              (True, True, False, True): "├", (True, True, True, False): "┤",
              (False, True, True, True): "┬", (True, False, True, True): "┴",
              (True, True, True, True): "┼", (True, True, False, False): "│"}


def _box_line(owners: list[list[int | None]], k: int, placed: dict[tuple[int, int], str],
              widths: list[int]) -> str:
    row, width = owners[k], len(owners[k])

    def bar(line: int, c: int) -> bool:  # a border at the left of column c on a line
        return 0 <= line < len(owners) and (c in (0, width) or owners[line][c - 1] != owners[line][c])

    out = ""
    c = 0
    while c <= width:
        left = row[c - 1] if c else -1
        right = row[c] if c < width else -1
        if left is None or right is None or c in (0, width):
            rules = (left is None, right is None)
            out += _JUNCTIONS.get((bar(k - 1, c), bar(k + 1, c), *rules), "─")
        elif left != right:
            out += "│"
        if c == width:
            break
        if right is None:
            out += "─" * (widths[c] + 2)
            c += 1
            continue
        span = 1
        while c + span < width and row[c + span] == right:
            span += 1
        room = sum(widths[c:c + span]) + 3 * (span - 1)
        piece = placed.get((k, right), "")
        out += " " + piece + " " * (room - _width(piece)) + " "
        c += span
    return out


def _grid_rule(widths: list[int], mark: str) -> str:
    return "+" + "+".join(mark * (width + 2) for width in widths) + "+"


def _spans(row: list[str | None]) -> list[tuple[int, int, str]]:
    """(column, columns spanned, text) of each printed cell of a row."""
    spans: list[tuple[int, int, str]] = []
    for col, text in enumerate(row):
        if text is None and spans:
            first, span, kept = spans[-1]
            spans[-1] = (first, span + 1, kept)
        else:
            spans.append((col, 1, text or ""))
    return spans


def _wrap(text: str, room: int) -> list[str]:
    """The text cut into pieces of at most `room` display columns."""
    parts, current = [], ""
    for character in text:
        if _width(current + character) > room:
            parts.append(current)
            current = ""
        current += character
    return [*parts, current]


def _cell_lines(grid: Grid, rng: random.Random) -> list[str]:
    """Word saved as text: a tab opens each cell, a blank line ends a row."""
    lines = []
    for row in grid:
        for text in row:
            if text is None:
                continue
            first, *rest = _lines_of(text)
            lines.append("\t" + first)
            lines.extend(rest)
        lines.append("")
    return lines


def _blank_cells(grid: Grid, rng: random.Random) -> list[str]:
    """A cell per line, a blank line between cells, an empty cell as a line of spaces."""
    lines = []
    for row in grid:
        for text in row:
            if text is None:
                continue
            lines.extend(_lines_of(text) if text else [" "])
            lines.append("")
    return lines


def _space_runs(grid: Grid, rng: random.Random) -> list[str]:
    """A spreadsheet preview: columns aligned by runs of spaces, empty cells left blank."""
    texts = [[" ".join(_lines_of(text)) if text else "" for text in row] for row in grid]
    width = max(len(row) for row in texts)
    starts = [0] * (width + 1)
    for col in range(width):
        widest = max((_width(row[col]) for row in texts if col < len(row)), default=0)
        starts[col + 1] = starts[col] + widest + 4
    lines = []
    for row in texts:
        line = ""
        for col, text in enumerate(row):
            if text:
                line = line.ljust(_padding(line, starts[col])) + text
        lines.append(line.rstrip())
    return lines


def _space_rows(grid: Grid, rng: random.Random) -> list[str]:
    """A PDF or web page flattened with single spaces: a row per line, empty cells gone."""
    return [" ".join(" ".join(_lines_of(text)) for text in row if text) for row in grid]


def _run_together(grid: Grid, rng: random.Random) -> list[str]:
    """A spreadsheet preview or document site that lost every separator: a row per line,
    its cells glued end to end."""
    return ["".join("".join(_lines_of(text)) for text in row if text) for row in grid]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _padding(line: str, start: int) -> int:
    """The string length that puts the next cell at display column `start`."""
    return len(line) + max(start - _width(line), 2)


_PRINTERS: dict[str, Callable[[Grid, random.Random], list[str]]] = {
    "tab_rows": _tab_rows, "csv_rows": _csv_rows, "pipe_rows": _pipe_rows, "grid_rows": _grid_rows,
    "box_rows": lambda grid, rng: [], "cell_lines": _cell_lines,
    "blank_cells": _blank_cells, "space_runs": _space_runs, "space_rows": _space_rows,
    "run_together": _run_together,
}
