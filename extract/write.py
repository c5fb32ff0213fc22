"""Write outputs atomically: a temporary file in the same folder, then a rename.

A run killed at any moment leaves each output either as it was or whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from schemas.record import Document


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)  # a killed process leaves the old file or the new one
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


NOT_DOCUMENTS = {"manifest.json"}


def document_paths(out_dir: Path) -> list[Path]:
    """The document JSON files of an output folder (not the manifest)."""
    return sorted(p for p in out_dir.glob("*.json") if p.name not in NOT_DOCUMENTS)


def write_document(document: Document, path: Path) -> None:
    text = document.model_dump_json(indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
