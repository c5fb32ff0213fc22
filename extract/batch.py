"""Run the extractor over many files: isolation per file, processes in parallel.

One file's failure (unreadable bytes, a parser bug) is caught and reported
with its traceback; the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from extract.pipeline import extract_document
from extract.reader import UnreadableFile
from extract.write import write_document


@dataclass(frozen=True)
class FileResult:
    path: str
    output: str | None
    layout: str | None = None
    forms: int = 0
    indicators: int = 0
    warnings: int = 0
    error: str | None = None
    traceback: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


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


def process_file(path: Path, output: Path) -> FileResult:
    try:
        document = extract_document(path, str(path))
        write_document(document, output)
    except UnreadableFile as error:
        return FileResult(str(path), None, error=str(error))
    except Exception as error:  # one broken file never stops a batch
        return FileResult(str(path), None, error=f"{type(error).__name__}: {error}",
                          traceback=traceback.format_exc())
    return FileResult(
        str(path), str(output), layout=document.source.layout, forms=len(document.forms),
        indicators=sum(len(form.indicators) for form in document.forms),
        warnings=len(document.warnings) + sum(len(form.warnings) for form in document.forms))


def run(inputs: list[Path], out_dir: Path, jobs: int) -> Iterator[FileResult]:
    names = output_names(inputs)
    tasks = [(path, out_dir / names[path]) for path in inputs]
    if jobs <= 1 or len(tasks) <= 1:
        for path, output in tasks:
            yield process_file(path, output)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(process_file, *zip(*tasks, strict=True), chunksize=4)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)
