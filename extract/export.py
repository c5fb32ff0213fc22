"""An output folder as lines, for systems that import lines rather than documents.

`jsonl`: one JSON value per line, either a whole document (`documents`) or a
row of one of the Parquet tables; `csv`: the rows of one table, with a header.
Rows are those of the tables (same columns, same `met`), built from the JSON
documents the manifest lists; decimals are written as their exact strings.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import BinaryIO

from extract.diff import load_outputs
from extract.tables import SCHEMAS, table_rows


def export_lines(out_dir: Path, fmt: str, table: str, stream: BinaryIO) -> int:
    """Write the lines to `stream`, one document at a time; returns how many were written."""
    documents, _ = load_outputs(out_dir)
    refs = [ref for ref in sorted(documents.values(), key=lambda r: r.key) if ref.file]
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    count = 0
    try:
        writer = None
        if fmt == "csv":
            writer = csv.DictWriter(text, fieldnames=SCHEMAS[table].names, lineterminator="\n")
            writer.writeheader()
        for ref in refs:
            document = ref.load()
            if table == "documents":
                text.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
                count += 1
                continue
            for row in table_rows(document, ref.key, number=_exact)[table]:
                cells = {name: _cell(value) for name, value in row.items()}
                if writer:
                    writer.writerow({name: _csv(value) for name, value in cells.items()})
                else:
                    text.write(json.dumps(cells, ensure_ascii=False, separators=(",", ":")) + "\n")
                count += 1
    finally:
        text.detach()  # the caller owns the stream
    return count


def _exact(value: object) -> str | None:
    """The decimal as the JSON prints it: exact, at its printed precision."""
    return None if value is None else str(value)


def _cell(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _csv(value: object) -> object:
    """CSV has no booleans: `met` is written true/false, as JSON and SQL spell them."""
    return ("true" if value else "false") if isinstance(value, bool) else value
