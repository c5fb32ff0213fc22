"""The common currency of all layouts: rows of cells, each cell with its line.

Every layout module turns source lines into a list of `Row`; every section
parser reads rows. A line of prose outside any table is a one-cell row with
`is_text=True`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.normalise import clean_text


@dataclass
class Cell:
    raw: str
    line: int

    @property
    def text(self) -> str:
        return clean_text(self.raw)


@dataclass
class Row:
    cells: list[Cell]
    is_text: bool = False
    texts: list[str] = field(init=False, repr=False)
    filled: list[tuple[int, str]] = field(init=False, repr=False)  # (column, text) if non-empty

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute cleaned texts after the cells were changed."""
        self.texts = [cell.text for cell in self.cells]
        self.filled = [(i, t) for i, t in enumerate(self.texts) if t]

    @property
    def line(self) -> int:
        return self.cells[0].line

    @property
    def last_line(self) -> int:
        return self.cells[-1].line + self.cells[-1].raw.count("\n")

    @property
    def joined(self) -> str:
        return " ".join(t for t in self.texts if t)

    def is_empty(self) -> bool:
        return not any(self.texts)


BLANK_ROW = Row([Cell("", 0)])  # stands in for a row a section must not read
