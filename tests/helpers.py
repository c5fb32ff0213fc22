"""What the output-folder tests share: running the command, reading a folder back."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE = SAMPLES / "004_1c981b526f6e6f3d.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")
TABLES = ("forms", "indicators", "funding_lines", "goals", "spending_plan", "warnings")


def cli(*args: str, cwd: Path = ROOT, env: dict | None = None, umask: int | None = None,
        **kwargs) -> subprocess.CompletedProcess:
    """`python cli.py ARGS` as a user runs it."""
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})},
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
                          **kwargs)


def extract(inputs: Path | str, out: Path | str, *extra: str, cwd: Path = ROOT,
            **kwargs) -> subprocess.CompletedProcess:
    return cli("extract", str(inputs), "--out", str(out), *extra, cwd=cwd, **kwargs)


def manifest(out: Path) -> dict[str, dict]:
    """key → manifest row."""
    db = sqlite3.connect(f"file:{out / 'manifest.sqlite'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        return {row["key"]: dict(row) for row in db.execute("SELECT * FROM documents")}
    finally:
        db.close()


def documents(out: Path) -> dict[str, dict]:
    """key → document JSON, for every JSON file under the folder (not its scratch space)."""
    found = {}
    for path in sorted(out.rglob("*.json")):
        if ".perfforms" in path.parts:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        found[path.relative_to(out).with_suffix("").as_posix()] = data
    return found


def table(out: Path, name: str):
    """A table of the folder as pyarrow reads it (a folder of parts)."""
    import pyarrow.parquet as pq

    return pq.read_table(out / f"{name}.parquet")


def write_forms(folder: Path, names: list[str], text: str = TEXT) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
