"""Tables from ruling lines: the "lattice" shared by the PDF and scan readers.

Both a born-digital PDF (thin filled rectangles or stroked paths) and a scan
(lines found by morphology) give the same evidence: horizontal and vertical
line segments, and text items with boxes. The distinct line positions cut a
table into slots; neighbouring slots with no line between them belong to one
merged cell; every text item goes to the slot under its centre. Coordinates
are page coordinates with y growing downward (points for PDF, pixels for
images).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Item:
    """A piece of text with its box (a PDF character or an OCR text line)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float = 1.0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class Segment:
    """A ruling line: horizontal (`pos` is y, from `start` to `end` in x) or vertical."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass
class LCell:
    row: int
    col: int
    row_span: int
    col_span: int
    box: tuple[float, float, float, float]
    items: list[Item] = field(default_factory=list)
    open_top: bool = False  # no ruling line above: continues a cell cut by a page break
    open_bottom: bool = False


@dataclass
class LTable:
    xs: list[float]
    ys: list[float]
    cells: list[LCell]
    joined_at: float | None = None  # a sheet printed over two pages: the left page's right edge

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def cluster(values: list[float], tol: float) -> list[float]:
    """Positions closer than `tol` merged into their mean, sorted."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tol:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def find_tables(segments: list[Segment], items: list[Item], tol: float,
                gap: float | None = None) -> tuple[list[LTable], list[Item]]:
    """Tables in the ruling lines, with the items inside them; returns the items left over.
    Pieces of one line up to `gap` apart (default `tol`) are one line.

    An item goes to the innermost table it lies in. A cell that holds a whole table (a
    sheet's edges photographed on a desk frame the form; a table drawn inside another's
    cell) is a frame, not a cell of text: what else lies in it is loose text."""
    joined = merge_collinear(segments, tol, tol if gap is None else gap)
    tables = [t for group in _connected(joined, tol) if (t := _table(group, tol)) and len(t.cells) > 1]
    innermost_first = sorted(tables, key=_area)
    frames = {id(cell) for table in tables for cell in table.cells
              if any(other is not table and _inside(other.box, cell.box) for other in tables)}
    rest: list[Item] = []
    for item in items:
        for table in innermost_first:
            cell = cell_at(table, item.cx, item.cy)
            if cell is not None:
                (rest if id(cell) in frames else cell.items).append(item)
                break
        else:
            rest.append(item)
    return [t for t in tables if any(cell.items for cell in t.cells)], rest


def _area(table: LTable) -> float:
    x0, y0, x1, y1 = table.box
    return (x1 - x0) * (y1 - y0)


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def merge_collinear(segments: list[Segment], tol: float, gap: float) -> list[Segment]:
    """Pieces of one line (a border drawn cell by cell, or a thin rule a black-and-white
    scan broke into dashes) up to `gap` apart joined into one segment."""
    out: list[Segment] = []
    for horizontal in (True, False):
        pieces = sorted((s for s in segments if s.horizontal == horizontal), key=lambda s: (s.pos, s.start))
        lines: list[list[Segment]] = []
        for seg in pieces:
            if lines and abs(seg.pos - lines[-1][0].pos) <= tol:
                lines[-1].append(seg)
            else:
                lines.append([seg])
        for line in lines:
            current: Segment | None = None
            for seg in sorted(line, key=lambda s: s.start):
                if current and seg.start <= current.end + gap:
                    current.end = max(current.end, seg.end)
                else:
                    current = Segment(horizontal, seg.pos, seg.start, seg.end)
                    out.append(current)
    return out


def _connected(segments: list[Segment], tol: float) -> list[list[Segment]]:
    """Segments grouped by touching (a table's lines all touch one another)."""
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, s in enumerate(segments) if s.horizontal]
    vs = [i for i, s in enumerate(segments) if not s.horizontal]
    for i in hs:
        h = segments[i]
        for j in vs:
            v = segments[j]
            if h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol:
                parent[find(i)] = find(j)
    groups: dict[int, list[Segment]] = {}
    for i, seg in enumerate(segments):
        groups.setdefault(find(i), []).append(seg)
    return list(groups.values())


def _covered(segs: list[Segment], pos: float, a: float, b: float, tol: float) -> bool:
    """Whether lines at `pos` cover most of the interval a..b."""
    length = 0.0
    for s in segs:
        if abs(s.pos - pos) <= tol:
            length += max(0.0, min(s.end, b) - max(s.start, a))
    return length >= 0.5 * (b - a)


def _table(group: list[Segment], tol: float) -> LTable | None:
    hs = [s for s in group if s.horizontal]
    vs = [s for s in group if not s.horizontal]
    if not hs or len(vs) < 2:  # one rule suffices for the piece of a row cut by a page break
        return None
    xs = cluster([s.pos for s in vs], tol)
    ys = cluster([s.pos for s in hs] + [min(s.start for s in vs), max(s.end for s in vs)], tol)
    if len(xs) < 2 or len(ys) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    right = [[_covered(vs, xs[j + 1], ys[i], ys[i + 1], tol) for j in range(cols)] for i in range(rows)]
    below = [[_covered(hs, ys[i + 1], xs[j], xs[j + 1], tol) for j in range(cols)] for i in range(rows)]
    top = [_covered(hs, ys[0], xs[j], xs[j + 1], tol) for j in range(cols)]
    regions = _regions(rows, cols, right, below)
    cells = []
    for slots in regions:
        r0, c0 = min(r for r, _ in slots), min(c for _, c in slots)
        r1, c1 = max(r for r, _ in slots), max(c for _, c in slots)
        cell = LCell(row=r0, col=c0, row_span=r1 - r0 + 1, col_span=c1 - c0 + 1,
                     box=(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
        cell.open_top = r0 == 0 and not any(top[c] for c in range(c0, c1 + 1))
        cell.open_bottom = r1 == rows - 1 and not any(below[r1][c] for c in range(c0, c1 + 1))
        cells.append(cell)
    cells.sort(key=lambda c: (c.row, c.col))
    return LTable(xs=xs, ys=ys, cells=cells)


def _regions(rows: int, cols: int, right, below) -> list[list[tuple[int, int]]]:
    """Slots joined where no line separates them; a non-rectangular region is split back."""
    seen: set[tuple[int, int]] = set()
    regions = []
    for r in range(rows):
        for c in range(cols):
            if (r, c) in seen:
                continue
            stack, region = [(r, c)], []
            seen.add((r, c))
            while stack:
                i, j = stack.pop()
                region.append((i, j))
                for ni, nj, open_ in ((i, j + 1, j + 1 < cols and not right[i][j]),
                                      (i, j - 1, j > 0 and not right[i][j - 1]),
                                      (i + 1, j, i + 1 < rows and not below[i][j]),
                                      (i - 1, j, i > 0 and not below[i - 1][j])):
                    if open_ and (ni, nj) not in seen:
                        seen.add((ni, nj))
                        stack.append((ni, nj))
            height = max(i for i, _ in region) - min(i for i, _ in region) + 1
            width = max(j for _, j in region) - min(j for _, j in region) + 1
            if height * width == len(region):
                regions.append(region)
            else:
                regions.extend([slot] for slot in region)
    return regions


def cell_at(table: LTable, x: float, y: float) -> LCell | None:
    x0, y0, x1, y1 = table.box
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        return None
    for cell in table.cells:
        bx0, by0, bx1, by1 = cell.box
        if bx0 <= x <= bx1 and by0 <= y <= by1:
            return cell
    return None


def text_lines(items: list[Item]) -> list[list[Item]]:
    """Items grouped into printed lines (by vertical overlap), each sorted left to right."""
    lines: list[list[Item]] = []
    for item in sorted(items, key=lambda i: (i.cy, i.x0)):
        if lines:
            last = lines[-1]
            top = min(i.y0 for i in last)
            bottom = max(i.y1 for i in last)
            overlap = min(bottom, item.y1) - max(top, item.y0)
            if overlap > 0.5 * min(item.height, bottom - top):
                last.append(item)
                continue
        lines.append([item])
    return [sorted(line, key=lambda i: i.x0) for line in lines]


def join_line(line: list[Item], space_gap: float = 0.3) -> str:
    """A line's text; a space where the gap exceeds `space_gap` × the text height."""
    out = ""
    prev: Item | None = None
    for item in line:
        wide = prev is not None and item.x0 - prev.x1 > space_gap * max(item.height, prev.height, 1e-6)
        if wide and not out.endswith(" "):
            out += " "
        out += item.text
        prev = item
    return out.strip()


def items_text(items: list[Item], space_gap: float = 0.3) -> str:
    """Text of items inside one cell: lines joined by `\\n`."""
    return "\n".join(join_line(line, space_gap) for line in text_lines(items))
