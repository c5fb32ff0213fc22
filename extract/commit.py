"""A run's commit: the folder's next consistent picture, decided in one transaction.

The manifest rows of every changed document, the table parts to rewrite and
the list of file moves (staged JSON and parts into place, JSON of removed or
now failing inputs deleted) are written in one SQLite transaction; then the
moves are made and the journal cleared (`manifest.apply_pending`). A kill
before the transaction leaves the previous picture; after it, the next
command that opens the folder finishes the moves.

Table parts: each document belongs to one part (PART_DOCUMENTS per part). A
part is rewritten when one of its documents changed, went or now fails: its
unchanged rows are copied from the old part file, the changed documents are
read from their new JSON. A change of the tables' code or schema rebuilds all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from extract import __version__
from extract.batch import FileResult, OutputFailure, now, tables_fingerprint
from extract.manifest import DOCUMENT_COLUMNS, TABLES, apply_pending, legacy_outputs
from extract.pool import Lost, Task
from extract.write import OutputError, describe_os_error, is_output_failure, writable_target

if TYPE_CHECKING:
    from extract.batch import Run

PART_DOCUMENTS = 1000  # documents per table part: what a one-file change rewrites


class Commit:
    """Turn a run's results into the folder's next consistent picture."""

    def __init__(self, job: Run, known: dict[str, dict]) -> None:
        self.job, self.known = job, known
        self.folder, self.manifest = job.folder, job.manifest
        self.ops: list[tuple[str, str | None, str]] = []
        self.rows: dict[str, dict] = {}  # new manifest rows by key
        self.deleted: set[str] = set()

    def apply(self) -> None:
        results = {r.key: r for r in self.job.summary.results}
        self._documents(results)
        self._missing(results)
        self.ops[:0] = [("unlink", None, str(path)) for path in legacy_outputs(self.folder.out)]
        parts = Parts(self)
        parts.plan()
        if not (self.ops or self.rows or self.deleted or parts.dirty):
            self._record_run(parts, changed=False)
            return
        parts.build()
        self._commit(parts)

    def _documents(self, results: dict[str, FileResult]) -> None:
        stamp = now()
        for key, result in results.items():
            old = self.known.get(key)
            if result.status == "unchanged":
                if old["path"] != result.path or old["missing_since"]:
                    self.rows[key] = {**old, "path": result.path,
                                      "abspath": os.path.abspath(result.path),
                                      "missing_since": None}
                continue
            row = {"key": key, "path": result.path, "abspath": os.path.abspath(result.path),
                   "status": result.status, "sha256": result.sha256, "bytes": result.bytes,
                   "fingerprint": self.job.fingerprint, "format": result.format,
                   "layout": result.layout, "forms": result.forms,
                   "indicators": result.indicators, "warnings": result.warnings,
                   "duration_s": round(result.duration_s, 4), "error": result.error,
                   "traceback": result.traceback, "extracted": stamp, "missing_since": None,
                   "output": None, "part": None}
            if result.failed:
                if old and old["output"]:
                    self.ops.append(("unlink", None, str(self.folder.out / old["output"])))
            else:
                row["output"] = f"{key}.json"
                row["part"] = old["part"] if old else None
                self._check_destination(key, row)
            self.rows[key] = row

    def _check_destination(self, key: str, row: dict) -> None:
        destination = self.folder.json_path(key)
        try:
            if destination.parent.exists() and not destination.parent.is_dir():
                raise OutputError(f"cannot write {destination}: {destination.parent} is a file")
            writable_target(destination)
        except OutputError as error:
            row.update(status="failed", error=str(error), output=None, part=None)
            self.job.new.pop(key, None)
            results = self.job.summary.results
            for index, result in enumerate(results):
                if result.key == key:
                    results[index] = replace(result, status="failed", error=str(error))
            if self.known.get(key, {}).get("output"):
                self.ops.append(("unlink", None, str(self.folder.out / self.known[key]["output"])))
            return
        self.ops.append(("install", str(self.job.staged_files[key]), str(destination)))

    def _missing(self, results: dict[str, FileResult]) -> None:
        stamp = now()
        for key, old in self.known.items():
            if key in results:
                continue
            if self.job.options.keep_missing and old["status"] != "failed":
                self.job.summary.kept_missing.append(key)
                if not old["missing_since"]:
                    self.rows[key] = {**old, "missing_since": stamp}
                continue
            self.deleted.add(key)
            self.job.summary.removed.append(key)
            if old["output"]:
                self.ops.append(("unlink", None, str(self.folder.out / old["output"])))

    def _commit(self, parts: Parts) -> None:
        with self.manifest.transaction() as db:
            db.executemany("DELETE FROM documents WHERE key = ?", [(k,) for k in self.deleted])
            db.executemany(f"INSERT OR REPLACE INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
                           f"VALUES ({', '.join('?' for _ in DOCUMENT_COLUMNS)})",
                           [tuple(row.get(name) for name in DOCUMENT_COLUMNS)
                            for row in self.rows.values()])
            parts.record(db)
            db.executemany("INSERT INTO pending (op, src, dst) VALUES (?, ?, ?)", self.ops)
            db.execute("DELETE FROM staged")  # committed, or of inputs no longer given
            self._meta(db, parts)
        self.job.summary.errors.extend(apply_pending(self.manifest))
        self.job.summary.tables, self.job.summary.tables_changed = parts.totals(), True

    def _meta(self, db, parts: Parts) -> None:
        values = {"extractor_version": __version__, "extractor_fingerprint": self.job.fingerprint,
                  "tables_fingerprint": tables_fingerprint(), "last_run_finished": now()}
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))
        summary = self.job.summary
        db.execute("INSERT INTO runs (started, finished, outcome, summary) VALUES (?, ?, ?, ?)",
                   (self.job.started, now(),
                    "failed inputs" if summary.failed else "ok",
                    json.dumps({"inputs": len(summary.results), "failed": len(summary.failed),
                                "removed": len(summary.removed)})))

    def _record_run(self, parts: Parts, changed: bool) -> None:
        with self.manifest.transaction() as db:
            self._meta(db, parts)
        self.job.summary.tables, self.job.summary.tables_changed = parts.totals(), changed


class Parts:
    """Which table parts a commit must rewrite, and rewriting them."""

    def __init__(self, commit: Commit) -> None:
        self.commit, self.tables = commit, TABLES
        self.folder = commit.folder
        self.assignment: dict[str, int] = {}  # key → part, after the commit
        self.dirty: set[int] = set()
        self.full = False
        self.live: set[int] = {0}
        self.counts: dict[tuple[int, str], int] = {}
        self.old_counts = {(part, table): rows for part, table, rows in commit.manifest.db.execute(
            "SELECT part, tbl, rows FROM parts")}

    def plan(self) -> None:
        commit = self.commit
        self.full = full = commit.manifest.meta("tables_fingerprint") != tables_fingerprint()
        for key, old in commit.known.items():
            if key in commit.deleted:
                if old["part"] is not None:
                    self.dirty.add(old["part"])
                continue
            row = commit.rows.get(key, old)
            if row["output"] is None:
                if old["part"] is not None:
                    self.dirty.add(old["part"])  # now fails: its rows go
                continue
            if old["part"] is not None and not full:
                self.assignment[key] = old["part"]
        wanted = {k for k, old in commit.known.items() if k not in commit.deleted
                  and commit.rows.get(k, old)["output"]}
        wanted |= {k for k, row in commit.rows.items() if row["output"]}
        new_keys = sorted(wanted - set(self.assignment))
        self._place(new_keys)
        for key in commit.job.new:
            if key in self.assignment:
                self.dirty.add(self.assignment[key])
        live = set(self.assignment.values()) or {0}
        old_live = {part for part, _ in self.old_counts}
        for part in live:
            if full or any(not (self.folder.table_dir(t) / self._name(part)).is_file()
                           for t in self.tables):
                self.dirty.add(part)
        self.dirty |= old_live - live
        self.live = live

    def _place(self, keys: list[str]) -> None:
        sizes: dict[int, int] = {}
        for part in self.assignment.values():
            sizes[part] = sizes.get(part, 0) + 1
        part = max(sizes, default=0)
        for key in keys:
            while sizes.get(part, 0) >= PART_DOCUMENTS:
                part += 1
            self.assignment[key] = part
            sizes[part] = sizes.get(part, 0) + 1

    @staticmethod
    def _name(part: int) -> str:
        from extract.tables import part_name

        return part_name(part)

    def build(self) -> None:
        """Write every dirty part into the staging folder (in the workers where there are)."""
        members: dict[int, list[str]] = {}
        for key, part in self.assignment.items():
            members.setdefault(part, []).append(key)
        staging = self.folder.staging / "tables"
        tasks = []
        for part in sorted(self.dirty & self.live):
            keep, changed = self._sources(members.get(part, []), part)
            old = {t: self.folder.table_dir(t) / self._name(part) for t in self.tables}
            usable = all(p.is_file() for p in old.values())
            if keep and not usable:
                changed += [(k, self.folder.out / f"{k}.json") for k in keep]
                keep = []
            tasks.append(Task(_build_safely, (staging, part, old if keep else None, keep,
                                              changed), tag=part, cost=0))
        for part, counts in self._run(tasks):
            for table, rows in counts.items():
                self.counts[(part, table)] = rows
                self.commit.ops.append(("install", str(staging / table / self._name(part)),
                                        str(self.folder.table_dir(table) / self._name(part))))
        for part in sorted(self.dirty - self.live):
            for table in self.tables:
                self.commit.ops.append(("unlink", None,
                                        str(self.folder.table_dir(table) / self._name(part))))

    def _sources(self, keys: list[str], part: int) -> tuple[list[str], list[tuple[str, Path]]]:
        """The part's unchanged documents (copied from the old part) and changed ones (JSON)."""
        keep, changed = [], []
        full = self.full or all((part, t) not in self.old_counts for t in self.tables)
        for key in sorted(keys):
            if key in self.commit.job.new:
                changed.append((key, self.commit.job.staged_files[key]))
            elif full or self.commit.known.get(key, {}).get("part") != part:
                changed.append((key, self.folder.out / f"{key}.json"))
            else:
                keep.append(key)
        return keep, changed

    def _run(self, tasks: list[Task]) -> Iterator[tuple[int, dict[str, int]]]:
        jobs = min(self.commit.job.options.jobs, len(tasks))
        if jobs <= 1:
            for task in tasks:
                yield task.tag, self._call(task)
            return
        pool = self.commit.job.pool(jobs)
        for task, outcome in pool.run(tasks):
            yield task.tag, self._outcome(outcome)

    def _call(self, task: Task) -> dict[str, int]:
        return self._outcome(task.function(*task.args))

    @staticmethod
    def _outcome(outcome: object) -> dict[str, int]:
        if isinstance(outcome, Lost):
            raise OutputFailure(f"building the tables failed: {outcome.reason}")
        if isinstance(outcome, str):
            raise OutputFailure(outcome)
        return outcome  # type: ignore[return-value]

    def record(self, db) -> None:
        for part in self.dirty:
            db.execute("DELETE FROM parts WHERE part = ?", (part,))
        db.executemany("INSERT INTO parts VALUES (?, ?, ?)",
                       [(part, table, rows) for (part, table), rows in self.counts.items()])
        db.executemany("UPDATE documents SET part = ? WHERE key = ? AND part IS NOT ?",
                       [(part, key, part) for key, part in self.assignment.items()])

    def totals(self) -> dict[str, int]:
        merged = {**self.old_counts}
        for part in self.dirty:
            for table in self.tables:
                merged.pop((part, table), None)
        merged.update(self.counts)
        totals = dict.fromkeys(self.tables, 0)
        for (_, table), rows in merged.items():
            totals[table] = totals.get(table, 0) + rows
        return totals


def _build_safely(*args) -> dict[str, int] | str:
    """build_part, with an output failure turned into its message."""
    from extract.tables import build_part

    try:
        return build_part(*args)
    except OSError as error:
        return describe_os_error(error, args[0])
    except Exception as error:
        if is_output_failure(error):
            return str(error)
        raise
