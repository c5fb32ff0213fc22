"""Readers: one module per input family, one registry.

Every reader returns the same `Grid` (extract/grid.py). Native formats are read
from their bytes (`FORMAT_READERS`, keyed by the `source.format` they produce);
text is split into regions, each read by the text layout family that claims it
(`TEXT_FAMILIES`, in extract/readers/text.py). Adding a format or a layout is
one module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from extract.grid import Grid

FormatReader = Callable[[bytes, str], Grid]

# source.format → reader(bytes, file name) → Grid. Text is not listed here: it is
# decoded first (extract/reader.py) and read by the text layout families.
FORMAT_READERS: dict[str, FormatReader] = {}


def detect_format(data: bytes, name: str) -> str:
    """The format of the bytes: a registered native format that claims them, else text
    (decoding then refuses binary files with a message)."""
    return "text"
