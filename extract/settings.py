"""Every threshold the extractor uses, in one settings object.

Thresholds are tuning, not vocabulary: they live here, named and documented,
and a misspelt override is rejected (the model forbids unknown fields), as
pdfplumber rejects unknown table settings.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cached_cell_length: int = 120
    """Cells up to this many characters are classified once and cached; longer ones are
    classified each time (they are rare, and caching them would grow memory with the input)."""
    max_label_length: int = 40
    """A label (field, level, column, money or goal wording) is at most this long, as a key."""
    max_level_length: int = 16
    max_column_heading_length: int = 16
    max_title_length: int = 80
    max_title_tail: int = 15
    """A heading's title wording ends at most this many characters before its end."""
    max_target_length: int = 80
    max_money_label_extra: int = 6
    """A funding-source label may carry this many characters besides the source wording."""
    short_text_length: int = 12
    """Text up to this long is `short` (a qualitative value, a unit phrase); longer is `long`."""
    fuzzy_level_cutoff: float = 86.0
    fuzzy_label_cutoff: float = 88.0
    fuzzy_heading_cutoff: float = 85.0
    """How close two pieces of a heading a PDF cut apart must come, joined, to a listed one."""
    max_header_gap: int = 3
    """Cells of other kinds tolerated inside an indicator-table header run (stream tables)."""
    min_header_roles: int = 3
    """Distinct column roles an indicator-table header names."""
    max_subject_columns: int = 24
    """Columns a header may have in all, counting one value column per subject (村, 学校)."""
    max_glued_cell: int = 60
    """Table cells up to this long are cut where a level name runs into more text."""
    position_bonus: float = 1.0
    """How much a cell in its header's column is preferred where rows are known but cells may
    be out of place (tab rows): content still wins where it clearly disagrees."""
    max_line_length: int = 20000
    """Characters of one line that are read; a form's longest lines (a whole table flattened
    onto one) run to a few thousand, and what is beyond is noted, not read, so one
    pathological line costs bounded time."""


SETTINGS = Settings()
