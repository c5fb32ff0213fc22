"""Run the extractor over an archive: isolated, parallel, incremental, crash-safe.

- Each file runs in a worker process; its exception is caught and kept, with
  its traceback, in the manifest. The batch goes on.
- `DIR/manifest.json` records, per input, its sha256, status (`ok`,
  `warnings`, `failed`, `skipped_unchanged`), counts, duration and error. A
  re-run skips inputs whose sha256 and extractor fingerprint (the version plus
  a hash of the extractor's own code and vocabulary) match, so a parser fix
  re-does everything and nothing else does.
- The manifest is rewritten atomically every few seconds, so a run killed at
  any moment loses at most the files of those seconds, and the next run does
  them again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from extract import __version__
from extract.reader import MAX_BYTES, UnreadableFile
from extract.write import atomic_write_bytes

# The parsers and the Parquet writer load on first use: a re-run over an
# unchanged archive needs neither.
TABLES = ("forms", "indicators", "funding_lines", "goals", "spending_plan", "warnings")
DECIMAL_COLUMNS = ("funding_total", "funding_annual", "value", "amount", "cumulative_pct")

MANIFEST = "manifest.json"
_SAVE_EVERY_SECONDS = 3.0
_IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class FileResult:
    path: str
    output: str | None
    sha256: str | None
    status: str
    layout: str | None = None
    forms: int = 0
    indicators: int = 0
    warnings: int = 0
    duration_s: float = 0.0
    error: str | None = None
    traceback: str | None = None
    fingerprint: str | None = None
    scales: dict[str, int] | None = None  # decimal places its Parquet columns need

    @property
    def ok(self) -> bool:
        return self.status != "failed"


# Modules that never shape a document's JSON: changing them re-does no file.
_NOT_RECORD_CODE = {"batch.py", "tables.py", "diff.py", "review.py"}


@cache
def extractor_fingerprint() -> str:
    """The version plus a hash of the code and vocabulary that make the records."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    sources = [p for p in sorted(root.rglob("*.py")) if p.name not in _NOT_RECORD_CODE]
    sources += sorted(root.glob("*.toml"))
    sources += sorted((root.parent / "schemas").glob("*.py"))
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def find_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; folders searched recursively for *.txt, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".txt"
                                and p.is_file()))
        else:
            found.append(path)
    return found


def output_names(inputs: list[Path]) -> dict[Path, str]:
    """`<stem>.json`, made unique when two inputs share a stem."""
    stems: dict[str, int] = {}
    for path in inputs:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    names = {}
    for path in inputs:
        if stems[path.stem] == 1:
            names[path] = f"{path.stem}.json"
        else:
            digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
            names[path] = f"{path.stem}-{digest}.json"
    return names


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def process_file(path: Path, output: Path, sha256: str, fingerprint: str) -> FileResult:
    """Extract one file and write its JSON; never raises."""
    from extract.pipeline import extract_document
    from extract.tables import decimal_scales
    from extract.write import write_document

    started = time.perf_counter()
    common = {"path": str(path), "sha256": sha256, "fingerprint": fingerprint}
    try:
        document = extract_document(path, display_path=str(path))
        write_document(document, output)
    except UnreadableFile as error:
        return FileResult(output=None, status="failed", error=str(error),
                          duration_s=time.perf_counter() - started, **common)
    except Exception as error:  # one broken file never stops a batch
        return FileResult(output=None, status="failed", error=f"{type(error).__name__}: {error}",
                          traceback=traceback.format_exc(),
                          duration_s=time.perf_counter() - started, **common)
    warnings = len(document.warnings) + sum(len(form.warnings) for form in document.forms)
    return FileResult(
        output=output.name, status="warnings" if warnings else "ok",
        scales=decimal_scales(document), layout=document.source.layout, forms=len(document.forms),
        indicators=sum(len(form.indicators) for form in document.forms), warnings=warnings,
        duration_s=time.perf_counter() - started, **common)


_RESULT_FIELDS = tuple(FileResult.__dataclass_fields__)


class Manifest:
    """The run's record of every input, saved atomically as it grows."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        self.previous = self._load()
        self.files: dict[str, dict] = dict(self.previous.get("files", {}))
        self.started = datetime.now(UTC).isoformat(timespec="seconds")
        self.last_saved = 0.0

    def _load(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def unchanged(self, path: Path, sha256: str, fingerprint: str) -> FileResult | None:
        """The earlier result of this input, if neither it nor the extractor changed."""
        entry = self.files.get(str(path))
        if not entry or entry.get("sha256") != sha256 or entry.get("fingerprint") != fingerprint:
            return None
        if entry.get("status") == "failed" or not entry.get("output"):
            return None
        if not (self.path.parent / entry["output"]).exists():
            return None
        kept = {k: v for k, v in entry.items() if k in FileResult.__dataclass_fields__}
        return FileResult(**{**kept, "status": "skipped_unchanged", "duration_s": 0.0,
                             "traceback": None})

    def record(self, result: FileResult) -> None:
        entry = {name: getattr(result, name) for name in _RESULT_FIELDS}
        if result.status == "skipped_unchanged":
            entry["status"] = self.files.get(result.path, {}).get("status", "ok")
            entry["skipped_unchanged"] = True
        self.files[result.path] = entry
        if time.monotonic() - self.last_saved > _SAVE_EVERY_SECONDS:
            self.save(finished=False)

    def save(self, finished: bool, tables_state: str | None = None) -> None:
        data = {"extractor_version": __version__, "extractor_fingerprint": extractor_fingerprint(),
                "started": self.started,
                "finished": datetime.now(UTC).isoformat(timespec="seconds") if finished else None,
                "tables_state": tables_state, "files": self.files}
        # compact: the C encoder, which indent= would turn off, keeps re-runs cheap
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic_write_bytes(self.path, text.encode())
        self.last_saved = time.monotonic()

    def scales(self) -> dict[str, int] | None:
        """Decimal places per Parquet column, over every document; None if unknown."""
        scales = {column: 0 for column in DECIMAL_COLUMNS}
        for entry in self.files.values():
            if entry.get("status") == "failed" or not entry.get("output"):
                continue
            if entry.get("scales") is None:
                return None
            for column, scale in entry["scales"].items():
                scales[column] = max(scales.get(column, 0), scale)
        return scales

    def tables_state(self) -> str:
        """What the tables are built from: every document's input hash and extractor."""
        state = sorted((entry.get("output") or "", entry.get("sha256") or "",
                        entry.get("fingerprint") or "") for entry in self.files.values()
                       if entry.get("status") != "failed")
        return hashlib.sha256(json.dumps(state).encode()).hexdigest()

    def tables_current(self) -> bool:
        """Were the tables last built from exactly the documents the manifest now lists?"""
        built = self.previous.get("tables_state")
        out_dir = self.path.parent
        return built == self.tables_state() and all(
            (out_dir / f"{name}.parquet").exists() for name in TABLES)

    def outputs(self) -> list[Path]:
        """The JSON documents the manifest vouches for, in input order."""
        out_dir = self.path.parent
        return [out_dir / entry["output"] for _, entry in sorted(self.files.items())
                if entry.get("output") and entry.get("status") != "failed"
                and (out_dir / entry["output"]).exists()]


def run(inputs: list[Path], out_dir: Path, jobs: int, force: bool = False,
        manifest: Manifest | None = None) -> Iterator[FileResult]:
    """Process every input (or skip it, unchanged), yielding results as they finish."""
    manifest = manifest or Manifest(out_dir)
    fingerprint = extractor_fingerprint()
    names = output_names(inputs)
    tasks: list[tuple[Path, Path, str, str]] = []
    for path in inputs:
        checked = _check_input(path, fingerprint)
        if isinstance(checked, FileResult):
            yield checked
            continue
        skipped = None if force else manifest.unchanged(path, checked, fingerprint)
        if skipped:
            yield skipped
        else:
            tasks.append((path, out_dir / names[path], checked, fingerprint))
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield process_file(*task)
        return
    yield from _in_pool(tasks, jobs)


def _check_input(path: Path, fingerprint: str) -> str | FileResult:
    """The input's sha256, or a failed result for an input that cannot be read at all."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return FileResult(str(path), None, None, "failed", fingerprint=fingerprint,
                              error=f"{path} is {size // (1 << 20)} MB, over the "
                                    f"{MAX_BYTES // (1 << 20)} MB limit; split it first")
        return file_sha256(path)
    except OSError as error:
        return FileResult(str(path), None, None, "failed", fingerprint=fingerprint,
                          error=f"{path} cannot be read: {error.strerror or error}")


def _in_pool(tasks: list[tuple[Path, Path, str, str]], jobs: int) -> Iterator[FileResult]:
    """A bounded number of files in flight, so memory does not grow with the archive."""
    pending: set[Future[FileResult]] = set()
    queue = iter(tasks)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for task in queue:
            pending.add(pool.submit(process_file, *task))
            if len(pending) >= jobs * _IN_FLIGHT_PER_WORKER:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


class PlainProgress:
    """Progress for logs: a line every few seconds instead of a redrawn bar."""

    def __init__(self, total: int, write: Callable[[str], None], every_s: float = 10.0) -> None:
        self.total, self.write, self.every_s = total, write, every_s
        self.done = self.failed = 0
        self.last = time.monotonic()

    def update(self, result: FileResult) -> None:
        self.done += 1
        self.failed += result.status == "failed"
        if time.monotonic() - self.last >= self.every_s or self.done == self.total:
            self.write(f"progress: {self.done}/{self.total} files "
                       f"({100 * self.done // max(self.total, 1)}%), {self.failed} failed")
            self.last = time.monotonic()
