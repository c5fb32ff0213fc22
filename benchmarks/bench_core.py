"""Time the reading core alone (bytes to records, one process, no output) on real text.

    python benchmarks/bench_core.py                      # this checkout
    python benchmarks/bench_core.py --baseline ../old    # and a checkout of another commit, side by side

The corpus is every text document the project holds: the samples, the wild
corpus (tests/golden/wild/*.txt) and the held-out styles (tests/heldout/*.txt),
read `--repeat` times in one process; the best pass counts (the others absorb
a noisy machine). A baseline checkout (`git worktree add ../old <commit>`) is
timed on the same files in a subprocess that imports its `extract` package,
so the two readers see the same bytes; its results are its own (it may find
fewer forms). Nothing is written: this measures reading, where
bench_extract.py measures the whole batch.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(root: Path) -> list[Path]:
    """The text documents of this checkout, in a fixed order."""
    folders = (root / "samples", root / "tests" / "golden" / "wild", root / "tests" / "heldout")
    return sorted(path for folder in folders for path in folder.glob("*.txt"))


def measure(code_root: Path, files: list[Path], repeat: int) -> dict[str, float]:
    """Best seconds of `repeat` passes over `files` with the `extract` package of `code_root`."""
    sys.path.insert(0, str(code_root))
    from extract.pipeline import extract_document

    best = float("inf")
    forms = rows = 0
    for _ in range(repeat):
        start = time.perf_counter()
        documents = [extract_document(path) for path in files]
        best = min(best, time.perf_counter() - start)
        forms = sum(len(d.forms) for d in documents)
        rows = sum(len(f.indicators) for d in documents for f in d.forms)
    size = sum(path.stat().st_size for path in files)
    return {"seconds": best, "files": len(files), "megabytes": size / 1e6, "forms": forms,
            "indicators": rows}


def _run_elsewhere(code_root: Path, files: list[Path], repeat: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", str(code_root), "--repeat", str(repeat),
               "--files", *map(str, files)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def _line(name: str, result: dict[str, float]) -> str:
    per_second = result["megabytes"] / result["seconds"]
    return (f"| {name} | {result['seconds']:.2f} | {per_second:.2f} | "
            f"{result['files'] / result['seconds']:.1f} | {result['forms']} | {result['indicators']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of another commit to time beside")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.files, args.repeat)))
        return
    files = corpus(ROOT)
    print(f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB, "
          f"best of {args.repeat}; {platform.machine()}, Python {platform.python_version()}")
    print("| reader | seconds | MB/s | files/s | forms | indicator rows |")
    print("|---|---|---|---|---|---|")
    print(_line("this checkout", _run_elsewhere(ROOT, files, args.repeat)))
    if args.baseline:
        print(_line(f"baseline {args.baseline.name}", _run_elsewhere(args.baseline.resolve(), files,
                                                                     args.repeat)))


if __name__ == "__main__":
    main()
