"""The output folder: its layout, its lock, and its manifest (SQLite).

    OUT/<key>.json                     one document per input (RECORD.md)
    OUT/<table>.parquet/part-N.parquet the six tables, in parts
    OUT/manifest.sqlite                every input: key, path, sha256, status, error …
    OUT/.perfforms/                    lock, scratch files, results not yet committed

Why SQLite: the manifest is written a row at a time as results arrive (a
killed run keeps what it did; the next run reuses it), a run changes only the
rows of the documents that changed, and one transaction decides each run's
outcome. The commit is a journal: the new rows and the list of file moves
are written in one transaction (from then on the new picture is decided), the
moves are made, and the journal is cleared. A run killed during the moves is
finished by the next command that opens the folder, so the JSON files, the
tables and the manifest always end up describing the same documents.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from extract.write import TMP_SUFFIX, OutputError, describe_os_error, writable_target

MANIFEST = "manifest.sqlite"
LEGACY_MANIFEST = "manifest.json"
INTERNAL = ".perfforms"
TABLE_SUFFIX = ".parquet"
TABLES = ("forms", "indicators", "funding_lines", "goals", "spending_plan", "warnings")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
  key TEXT PRIMARY KEY, path TEXT, abspath TEXT, status TEXT NOT NULL, sha256 TEXT,
  bytes INTEGER, fingerprint TEXT, output TEXT, part INTEGER, format TEXT, layout TEXT,
  forms INTEGER, indicators INTEGER, warnings INTEGER, duration_s REAL, error TEXT,
  traceback TEXT, extracted TEXT, missing_since TEXT);
CREATE TABLE IF NOT EXISTS staged (
  key TEXT PRIMARY KEY, sha256 TEXT, fingerprint TEXT, file TEXT, result TEXT);
CREATE TABLE IF NOT EXISTS pending (seq INTEGER PRIMARY KEY, op TEXT, src TEXT, dst TEXT);
CREATE TABLE IF NOT EXISTS parts (part INTEGER, tbl TEXT, rows INTEGER, PRIMARY KEY (part, tbl));
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, started TEXT, finished TEXT, outcome TEXT, summary TEXT);
"""
DOCUMENT_COLUMNS = ("key", "path", "abspath", "status", "sha256", "bytes", "fingerprint", "output",
                    "part", "format", "layout", "forms", "indicators", "warnings", "duration_s",
                    "error", "traceback", "extracted", "missing_since")


class FolderBusy(Exception):
    """Another run holds the output folder."""


@dataclass(frozen=True)
class Folder:
    """Where everything of one output folder lives."""

    out: Path

    @property
    def manifest(self) -> Path:
        return self.out / MANIFEST

    @property
    def internal(self) -> Path:
        return self.out / INTERNAL

    @property
    def tmp(self) -> Path:
        return self.internal / "tmp"

    @property
    def staging(self) -> Path:
        return self.internal / "staging"

    @property
    def lock_path(self) -> Path:
        return self.internal / "lock"

    def table_dir(self, table: str) -> Path:
        return self.out / f"{table}{TABLE_SUFFIX}"

    def json_path(self, key: str) -> Path:
        return self.out / f"{key}.json"

    def prepare(self) -> None:
        """Create the folder and its staging space, or say in one line why not. This runs
        before the lock is taken, while a run holding it may be clearing the scratch space:
        the scratch space is made under the lock (`clean_scratch`), and the probe is this
        process's own file beside it."""
        try:
            if self.out.exists() and not self.out.is_dir():
                raise OutputError(f"cannot write to {self.out}: it is a file, not a folder")
            self.staging.mkdir(parents=True, exist_ok=True)
            probe = self.internal / f".probe-{os.getpid()}{TMP_SUFFIX}"
            probe.write_bytes(b"")
            probe.unlink(missing_ok=True)
        except OSError as error:
            raise OutputError(describe_os_error(error, self.out)) from error

    @contextmanager
    def locked(self, wait: bool, on_wait: Callable[[str], None]) -> Iterator[int | None]:
        """Hold the folder's lock (filelock: released by the kernel if the process dies).

        Yields the lock's file descriptor, which worker processes close."""
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.lock_path), mode=0o666 & ~_umask())
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if not wait:
                raise FolderBusy(f"another perfforms run is writing to {self.out}; wait for it "
                                 "to finish, or pass --wait to queue behind it") from None
            on_wait(f"waiting for the other perfforms run writing to {self.out} to finish …")
            lock.acquire()
        try:
            yield getattr(getattr(lock, "_context", None), "lock_file_fd", None)
        finally:
            lock.release()

    def clean_scratch(self) -> None:
        """Remove temporaries a killed run left (ours only)."""
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        for leftover in self.out.glob(".*.tmp"):  # earlier versions wrote them beside the file
            if leftover.is_file():
                leftover.unlink(missing_ok=True)


def database_problem(error: Exception, path: Path) -> str:
    """One line for a failed manifest write; SQLite says 'disk I/O error' when the disk is full."""
    try:
        full = os.statvfs(path.parent).f_bavail == 0
    except OSError:
        full = False
    if full or "full" in str(error):
        return f"cannot write {path}: No space left on device; free some space and run again"
    return f"cannot write {path}: {error}"


def _umask() -> int:
    from extract.write import current_umask

    return current_umask()


class Manifest:
    """The SQLite manifest of one output folder."""

    def __init__(self, folder: Folder, create: bool = True) -> None:
        self.folder = folder
        if not create and not folder.manifest.exists():
            raise FileNotFoundError(folder.manifest)
        uri = folder.manifest.absolute().as_uri() + ("" if create else "?mode=ro")
        try:
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
            if create:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(_SCHEMA)
        except sqlite3.Error as error:
            raise OutputError(database_problem(error, folder.manifest)) from error

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- reading ----------------------------------------------------------------------------

    def meta(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def documents(self, without: tuple[str, ...] = ()) -> list[dict]:
        """Every input the folder describes, in key order (`without` some long columns)."""
        columns = [name for name in DOCUMENT_COLUMNS if name not in without]
        cursor = self.db.execute(f"SELECT {', '.join(columns)} FROM documents ORDER BY key")
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def table_rows(self) -> dict[str, int]:
        rows = self.db.execute("SELECT tbl, SUM(rows) FROM parts GROUP BY tbl").fetchall()
        return dict(rows)

    def staged(self) -> dict[str, tuple[str, str, str, str]]:
        """key → (sha256, fingerprint, staged file, result JSON) of results not yet committed."""
        return {key: (sha, fingerprint, file, result) for key, sha, fingerprint, file, result
                in self.db.execute("SELECT key, sha256, fingerprint, file, result FROM staged")}

    # -- writing ----------------------------------------------------------------------------

    def stage(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        """Record finished results, so a killed run's work is reused by the next."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO staged VALUES (?, ?, ?, ?, ?)", rows)

    def pending(self) -> list[tuple[str, str | None, str]]:
        return self.db.execute("SELECT op, src, dst FROM pending ORDER BY seq").fetchall()


def apply_pending(manifest: Manifest) -> list[str]:
    """Carry out the committed file moves (again, after a kill); returns errors, if any."""
    errors = []
    touched: set[Path] = set()
    for op, src, dst in manifest.pending():
        try:
            _apply(op, Path(src) if src else None, Path(dst))
        except (OSError, OutputError) as error:
            errors.append(str(error) if isinstance(error, OutputError)
                          else describe_os_error(error, dst))
        if op == "unlink":
            touched.add(Path(dst).parent)
    _remove_empty_folders(touched, manifest.folder.out)
    with manifest.transaction() as db:
        db.execute("DELETE FROM pending")
    return errors


def _apply(op: str, src: Path | None, dst: Path) -> None:
    if op == "unlink":
        if dst.is_file() or dst.is_symlink():
            dst.unlink(missing_ok=True)
        return
    if src is None or not src.exists():
        return  # done before a kill
    if dst.parent.suffix == TABLE_SUFFIX and dst.parent.is_file():
        dst.parent.unlink()  # an earlier version's single-file table stands where the folder goes
    dst.parent.mkdir(parents=True, exist_ok=True)
    target = writable_target(dst)
    try:
        os.replace(src, target)
    except OSError:
        from extract.write import write_bytes

        write_bytes(target, src.read_bytes())
        src.unlink(missing_ok=True)


def _remove_empty_folders(folders: set[Path], root: Path) -> None:
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        while folder != root and root in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def read_documents(out: Path) -> tuple[list[dict], list[str]] | None:
    """(manifest rows, notes) of an output folder, or None if it has no manifest.

    For readers (diff, review, export): an interrupted commit is finished here
    when the folder can be locked and written, else noted."""
    folder = Folder(out)
    if not folder.manifest.is_file():
        return None
    notes: list[str] = []
    manifest = Manifest(folder, create=False)
    try:
        if manifest.pending():
            notes.append(_finish_interrupted(folder))
        return manifest.documents(), [n for n in notes if n]
    finally:
        manifest.close()


def _finish_interrupted(folder: Folder) -> str:
    try:
        with folder.locked(wait=False, on_wait=lambda _: None):
            manifest = Manifest(folder)
            try:
                errors = apply_pending(manifest)
            finally:
                manifest.close()
    except (FolderBusy, OSError, OutputError):
        return (f"{folder.out} is in the middle of a run's commit; what is read may mix two "
                "runs; run `perfforms extract` again to finish it")
    return "; ".join(errors)


def legacy_outputs(out: Path) -> list[Path]:
    """JSON files an earlier version listed in OUT/manifest.json, and that manifest."""
    path = out / LEGACY_MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or "schema_version" in data or not isinstance(
            data.get("files"), dict):
        return []  # a document keyed "manifest", not an earlier version's manifest
    files = data["files"]
    outputs = [out / entry["output"] for entry in files.values()
               if isinstance(entry, dict) and entry.get("output")]
    return [p for p in outputs if p.is_file()] + [path]
