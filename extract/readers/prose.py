"""Layout `prose`: lines of running text, no table.

Headings, notices, bylines and site boilerplate are prose, and so is a
notice that sets a project's indicators in sentences (`数量指标:…>=17600株;…`):
the indicator section reads such sentences from the prose blocks.
"""

from __future__ import annotations

from extract.grid import Block
from extract.readers.build import prose_lines


def read(lines: list[str], first_line: int) -> list[Block]:
    return prose_lines(lines, first_line)
