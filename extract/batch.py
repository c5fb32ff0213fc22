"""Run the extractor over an archive into one output folder users can trust.

- Identity: every input gets a document key (RECORD.md): its path relative
  to the folder given, without extension, or its name when the file itself
  was named. Keys never depend on how the path was spelled or where the
  command ran, and two inputs of one run never share one.
- Re-runs: an input whose sha256 and extractor fingerprint match the
  manifest is skipped; the sha256 kept is that of the very bytes the worker
  parsed, so a file rewritten during a run is read again next time.
- One picture: results are staged (files under OUT/.perfforms, rows in the
  manifest) as they arrive; at the end one commit moves them into place,
  removes the documents of inputs that disappeared or now fail, and rewrites
  the table parts those documents live in. Until then OUT shows the previous
  run; a killed run's staged work is reused by the next.
- Output failures (disk full, read-only) stop the run with one message and
  change nothing in OUT.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from extract import __version__
from extract.manifest import (
    INTERNAL,
    TABLE_SUFFIX,
    Folder,
    Manifest,
    apply_pending,
    database_problem,
)
from extract.pool import Lost, Pool, Task
from extract.reader import MAX_BYTES, UnreadableFile
from extract.write import OutputError, describe_os_error, write_bytes

INPUT_SUFFIXES = (".txt", ".csv", ".tsv", ".md", ".rst", ".adoc", ".wiki", ".xml", ".html", ".htm", ".mht",
                  ".mhtml", ".docx", ".docm", ".xlsx", ".xlsm", ".pdf", ".png", ".jpg", ".jpeg", ".tif",
                  ".tiff")
# old Office files, RTF and OpenDocument files, read, but skipped where their converted
# copy lies beside them (`报告.doc` beside `报告.docx`). The bytes say what one is (a `.doc`
# is often a web page, a single-file web page or RTF a system served)
CONVERT = {".doc": ".docx", ".xls": ".xlsx", ".wps": ".docx", ".et": ".xlsx", ".rtf": ".docx",
           ".odt": ".docx", ".ods": ".xlsx"}
_SUFFIXES = frozenset(INPUT_SUFFIXES) | frozenset(CONVERT)
_STAGE_EVERY_S = 1.0

# Output-side modules: changing them re-extracts no file.
_OUTPUT_CODE = {"batch.py", "commit.py", "tables.py", "diff.py", "review.py", "write.py",
                "manifest.py", "pool.py", "export.py", "__init__.py"}


class InputError(Exception):
    """Inputs that cannot make one output folder (colliding keys); the message says why."""


class OutputFailure(Exception):
    """The output folder could not be written; nothing in it was changed."""


@cache
def extractor_fingerprint() -> str:
    """The version plus a hash of the code and vocabulary that make the records."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    sources = [p for p in sorted(root.rglob("*.py"))
               if not (p.parent == root and p.name in _OUTPUT_CODE)]
    sources += sorted(root.rglob("*.toml"))
    sources += sorted((root.parent / "schemas").glob("*.py"))
    for path in sources:
        digest.update(path.relative_to(root.parent).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


@cache
def tables_fingerprint() -> str:
    """What the Parquet parts depend on besides the documents: their code and schema."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in (root / "tables.py", root.parent / "schemas" / "record.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# -- inputs and keys ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Input:
    path: Path  # as the user spelled its folder, joined with the path found under it
    key: str


def find_inputs(paths: list[Path], exclude: Path | None = None) -> list[Input]:
    """Inputs and their keys: files as named, folders searched for the readable formats."""
    _check_roots(paths)
    found: list[Input] = []
    skip = os.path.realpath(exclude) if exclude else None
    for given in paths:
        if given.is_dir():
            found.extend(_under(given, skip))
        else:
            found.append(Input(given, given.stem))
    _check_unique(found)
    return found


def _check_roots(paths: list[Path]) -> None:
    """No input given twice, directly or inside a folder also given."""
    real = [(os.path.realpath(p), p) for p in paths]
    for index, (path, given) in enumerate(real):
        for other, other_given in real[index + 1:]:
            if path == other:
                raise InputError(f"{given} was given twice; give each input once")
            for inner, outer, inner_given, outer_given in ((path, other, given, other_given),
                                                           (other, path, other_given, given)):
                if inner.startswith(outer.rstrip(os.sep) + os.sep):
                    raise InputError(f"{inner_given} is inside {outer_given}, which is also "
                                     f"given; give {outer_given} only")


def _under(root: Path, skip: str | None) -> list[Input]:
    """Files under a folder, keyed by their path relative to it, in a stable order."""
    found = []
    prefix = len(os.path.join(str(root), ""))
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and os.path.realpath(os.path.join(folder, d)) != skip)
        names = set(files)
        for name in sorted(files):
            stem, suffix = os.path.splitext(name)
            suffix = suffix.lower()
            if name.startswith((".", "~$")) or suffix not in _SUFFIXES:
                continue
            if suffix in CONVERT and _converted(name, names):
                continue  # 报告.doc beside 报告.docx: the converted copy is read
            path = os.path.join(folder, name)
            key = os.path.join(folder[prefix:], stem) if len(folder) >= prefix else stem
            found.append(Input(Path(path), key.replace(os.sep, "/")))
    return _disambiguate(found)


def _converted(name: str, names: set[str]) -> bool:
    stem, suffix = os.path.splitext(name)
    wanted = CONVERT[suffix.lower()]
    return any(other.lower() == (stem + wanted).lower() for other in names)


def _disambiguate(found: list[Input]) -> list[Input]:
    """Files of one folder that differ only by extension keep it in their keys."""
    counts: dict[str, int] = {}
    for item in found:
        counts[item.key] = counts.get(item.key, 0) + 1
    return [item if counts[item.key] == 1 else
            Input(item.path, f"{item.key}{item.path.suffix.lower()}")
            for item in found]


def _check_unique(found: list[Input]) -> None:
    seen: dict[str, Path] = {}
    for item in found:
        first = item.key.split("/", 1)[0]
        if first == INTERNAL or first.endswith(TABLE_SUFFIX):
            raise InputError(f"{item.path} would be document {item.key!r}, whose folder is "
                             f"reserved for the output's own files; rename that folder")
        if item.key in seen:
            raise InputError(
                f"{seen[item.key]} and {item.path} would both be document {item.key!r} in one "
                "output folder; give their common folder instead (its subfolders become part of "
                "the keys), or extract them into separate --out folders")
        seen[item.key] = item.path


# -- one file, in a worker ---------------------------------------------------------------------

@dataclass(frozen=True)
class FileResult:
    key: str
    path: str
    status: str  # ok, warnings, failed, unchanged
    sha256: str | None = None
    bytes: int | None = None
    format: str | None = None
    layout: str | None = None
    forms: int = 0
    indicators: int = 0
    warnings: int = 0
    duration_s: float = 0.0
    error: str | None = None
    traceback: str | None = None
    output_error: str | None = None  # the output side failed: the run stops

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def read_input(path: Path) -> bytes:
    """The file's bytes, read once, refusing files over the size limit."""
    with path.open("rb") as stream:
        data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"{path} is over the {MAX_BYTES // (1 << 20)} MB limit for one form "
                             "file; split it into smaller files first")
    return data


def process_file(path: str, key: str, staged: str, fingerprint: str) -> FileResult:
    """Read, hash and extract one file and stage its JSON; never raises."""
    started = time.perf_counter()
    common: dict = {"key": key, "path": path}
    try:
        data = read_input(Path(path))
        common["sha256"], common["bytes"] = hashlib.sha256(data).hexdigest(), len(data)
        text, facts = _extract(data, path, key)
    except UnreadableFile as error:
        return FileResult(status="failed", error=str(error),
                          duration_s=time.perf_counter() - started, **common)
    except OSError as error:
        return FileResult(status="failed", error=f"{path} cannot be read: "
                          f"{error.strerror or error}", duration_s=time.perf_counter() - started,
                          **common)
    except Exception as error:  # one broken file never stops a batch
        return FileResult(status="failed", error=f"{type(error).__name__}: {error}",
                          traceback=traceback.format_exc(),
                          duration_s=time.perf_counter() - started, **common)
    try:
        write_bytes(Path(staged), text)
    except OutputError as error:
        return FileResult(status="failed", error=str(error), output_error=str(error), **common)
    return FileResult(duration_s=time.perf_counter() - started, **{**common, **facts})


def _extract(data: bytes, path: str, key: str) -> tuple[bytes, dict]:
    """The document's JSON (bytes, made once) and what the manifest notes about it; the
    document itself is dropped before the JSON is written, so a big file is held once."""
    from pydantic import TypeAdapter

    from extract.pipeline import extract_bytes
    from schemas.record import Document

    document = extract_bytes(data, Path(path).name, key, path)
    del data
    warnings = len(document.warnings) + sum(len(form.warnings) for form in document.forms)
    facts = {"status": "warnings" if warnings else "ok", "format": document.source.format,
             "layout": document.source.layout, "forms": len(document.forms),
             "indicators": sum(len(form.indicators) for form in document.forms),
             "warnings": warnings,
             "sha256": document.source.sha256}  # what the parser hashed: the same bytes
    text = TypeAdapter(Document).dump_json(document, indent=2) + b"\n"
    return text, facts


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- the run -----------------------------------------------------------------------------------

@dataclass
class Summary:
    results: list[FileResult] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept_missing: list[str] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)
    tables_changed: bool = False
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # file moves of the commit that failed

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.failed]


@dataclass
class Options:
    jobs: int = 1
    force: bool = False
    keep_missing: bool = False
    timeout_s: float | None = 600.0
    lock_fd: int | None = None
    report: Callable[[FileResult], None] = lambda _: None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Run:
    """One extract run into a locked output folder (the caller holds the lock)."""

    def __init__(self, folder: Folder, inputs: list[Input], options: Options) -> None:
        self.folder, self.inputs, self.options = folder, inputs, options
        self.fingerprint = extractor_fingerprint()
        self.summary = Summary()
        self.new: dict[str, FileResult] = {}  # results with a staged JSON, by key
        self.staged_files: dict[str, Path] = {}
        self.unstaged: list[tuple[str, str, str, str, str]] = []
        self.last_staged = time.monotonic()
        self.started = now()
        self._pool: Pool | None = None

    def execute(self) -> Summary:
        self.manifest = Manifest(self.folder)
        self.workers = contextlib.ExitStack()
        try:
            self._recover()
            # tracebacks stay on disk: only failed inputs have one, and those are never
            # carried over unchanged
            known = {row["key"]: row for row in self.manifest.documents(without=("traceback",))}
            tasks = self._plan(known)
            try:
                self._extract(tasks)
            finally:
                self._flush_staged(quietly=True)
            from extract.commit import Commit

            Commit(self, known).apply()
        finally:
            self.workers.close()
            self.manifest.close()
        return self.summary

    def pool(self, jobs: int) -> Pool:
        """The run's worker processes, started once and used for extraction and then for the
        tables, so they are forked before the parent holds the commit's bookkeeping."""
        if self._pool is None:
            close = (self.options.lock_fd,) if self.options.lock_fd is not None else ()
            self._pool = self.workers.enter_context(Pool(jobs, self.options.timeout_s, close))
        return self._pool

    def _recover(self) -> None:
        """Finish a commit a kill interrupted; drop scratch files nobody refers to."""
        if self.manifest.pending():
            errors = apply_pending(self.manifest)
            self.summary.notes.append("finished the commit of an interrupted run"
                                      + (f" ({'; '.join(errors)})" if errors else ""))
        self.folder.clean_scratch()
        shutil.rmtree(self.folder.staging / "tables", ignore_errors=True)
        referenced = {Path(file).name for _, _, file, _ in self.manifest.staged().values()}
        documents = self.folder.staging / "documents"
        documents.mkdir(parents=True, exist_ok=True)
        for path in documents.iterdir():
            if path.name not in referenced:
                path.unlink(missing_ok=True)

    def _plan(self, known: dict[str, dict]) -> list[Task]:
        """Skip what is unchanged, reuse what a killed run staged, queue the rest."""
        staged = self.manifest.staged()
        tasks = []
        for item in self.inputs:
            checked = self._check(item)
            if isinstance(checked, FileResult):
                self._done(checked)
                continue
            sha256, size = checked
            if self._unchanged(known.get(item.key), sha256):
                self._done(_unchanged(item, known[item.key]))
                continue
            reused = self._reuse(item, staged.get(item.key), sha256)
            if reused:
                self._done(reused)
                continue
            target = self._staged_path(item.key)
            tasks.append(Task(process_file, (str(item.path), item.key, str(target),
                                             self.fingerprint), tag=item, cost=size))
        return tasks

    def _check(self, item: Input) -> tuple[str, int] | FileResult:
        try:
            size = item.path.stat().st_size
            if size > MAX_BYTES:
                return FileResult(item.key, str(item.path), "failed", bytes=size,
                                  error=f"{item.path} is {size // (1 << 20)} MB, over the "
                                        f"{MAX_BYTES // (1 << 20)} MB limit; split it first")
            return file_sha256(item.path), size
        except OSError as error:
            return FileResult(item.key, str(item.path), "failed",
                              error=f"{item.path} cannot be read: {error.strerror or error}")

    def _unchanged(self, row: dict | None, sha256: str) -> bool:
        if self.options.force or not row or row["status"] == "failed" or not row["output"]:
            return False
        if row["sha256"] != sha256 or row["fingerprint"] != self.fingerprint:
            return False
        return os.path.isfile(os.path.join(self.folder.out, row["output"]))

    def _reuse(self, item: Input, staged: tuple | None, sha256: str) -> FileResult | None:
        """A result a killed run staged for these very bytes."""
        if self.options.force or not staged:
            return None
        staged_sha, fingerprint, file, result = staged
        if staged_sha != sha256 or fingerprint != self.fingerprint or not Path(file).is_file():
            return None
        data = json.loads(result)
        data.update(path=str(item.path), key=item.key)
        reused = FileResult(**data)
        self.new[item.key] = reused
        self.staged_files[item.key] = Path(file)
        return reused

    def _staged_path(self, key: str) -> Path:
        name = hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + ".json"
        return self.folder.staging / "documents" / name

    def _extract(self, tasks: list[Task]) -> None:
        if not tasks:
            return
        jobs = min(self.options.jobs, len(tasks))
        if jobs <= 1:
            for task in tasks:
                self._finished(task, task.function(*task.args))
            return
        import extract.pipeline  # noqa: F401  (loaded once here, so every fork has it)

        for task, outcome in self.pool(jobs).run(tasks):
            self._finished(task, outcome)

    def _finished(self, task: Task, outcome: FileResult | Lost) -> None:
        item: Input = task.tag
        if isinstance(outcome, Lost):
            outcome = FileResult(item.key, str(item.path), "failed", error=outcome.reason)
        if outcome.output_error:
            raise OutputFailure(outcome.output_error)
        if not outcome.failed:
            staged = task.args[2]
            self.new[item.key] = outcome
            self.staged_files[item.key] = Path(staged)
            record = {k: v for k, v in asdict(outcome).items() if k not in ("key", "path")}
            self.unstaged.append((item.key, outcome.sha256, self.fingerprint, staged,
                                  json.dumps(record, ensure_ascii=False)))
            if time.monotonic() - self.last_staged > _STAGE_EVERY_S:
                self._flush_staged()
        self._done(outcome)

    def _flush_staged(self, quietly: bool = False) -> None:
        if self.unstaged:
            try:
                self.manifest.stage(self.unstaged)
            except Exception as error:
                if quietly:  # already stopping for another reason; keep that one
                    return
                raise OutputFailure(database_problem(error, self.folder.manifest)) from error
            self.unstaged = []
        self.last_staged = time.monotonic()

    def _done(self, result: FileResult) -> None:
        self.summary.results.append(result)
        self.options.report(result)


def _unchanged(item: Input, row: dict) -> FileResult:
    return FileResult(item.key, str(item.path), "unchanged", sha256=row["sha256"],
                      bytes=row["bytes"], format=row["format"], layout=row["layout"],
                      forms=row["forms"] or 0, indicators=row["indicators"] or 0,
                      warnings=row["warnings"] or 0)


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
        self.failed += result.failed
        if time.monotonic() - self.last >= self.every_s or self.done == self.total:
            self.write(f"progress: {self.done}/{self.total} files "
                       f"({100 * self.done // max(self.total, 1)}%), {self.failed} failed")
            self.last = time.monotonic()


def run_batch(out: Path, inputs: list[Input], options: Options) -> Summary:
    """Extract `inputs` into `out` (the caller holds the folder's lock)."""
    folder = Folder(out)
    run = Run(folder, inputs, options)
    try:
        return run.execute()
    except OSError as error:
        raise OutputFailure(describe_os_error(error, out)) from error
    except sqlite3.Error as error:
        raise OutputFailure(database_problem(error, folder.manifest)) from error
