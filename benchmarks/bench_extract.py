"""Benchmark `cli.py extract` on a corpus built from the samples, against a floor.

    python benchmarks/bench_extract.py            # build the corpus if missing, run, report
    python benchmarks/bench_extract.py --files 500 --no-save   # a quick look

The corpus (benchmarks/corpus/, git-ignored) is 5,000 documents of one to six
consecutive forms cut from the samples, with varied names and folders; one in
five is re-encoded to GB18030 and one in five has CRLF line ends. The floor is
a bare Python pass over the same files: read, decode, split into lines, one
regex per line, on one core. Results are appended to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.pipeline import extract_document  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SEED = 20261123


def form_chunks() -> list[tuple[str, list[str]]]:
    """(sample stem, lines of one form) for every form of every sample."""
    chunks = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for form in extract_document(path).forms:
            first, last = form.lines
            chunks.append((path.stem, lines[first - 1: last]))
    return chunks


def build_corpus(files: int) -> None:
    """Documents of 1-6 consecutive forms of one sample; some GB18030, some CRLF."""
    shutil.rmtree(CORPUS, ignore_errors=True)
    rng = random.Random(SEED)
    chunks = form_chunks()
    by_sample: dict[str, list[list[str]]] = {}
    for stem, lines in chunks:
        by_sample.setdefault(stem, []).append(lines)
    stems = sorted(by_sample)
    for index in range(files):
        stem = stems[index % len(stems)]
        forms = by_sample[stem]
        start = rng.randrange(len(forms))
        picked = forms[start: start + rng.randint(1, 6)]
        text = "\n\n".join("\n".join(lines) for lines in picked) + "\n"
        if index % 5 == 1:
            text = text.replace("\n", "\r\n")
        data = text.encode("gb18030") if index % 5 == 2 else text.encode("utf-8")
        folder = CORPUS / f"batch{index % 37:02d}" / f"{2019 + index % 6}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{stem[4:10]}-{index:05d}.txt").write_bytes(data)


def corpus_files() -> list[Path]:
    return sorted(CORPUS.rglob("*.txt"))


_FLOOR_PATTERN = regex.compile(r"指标|项目|合计")


def floor(paths: list[Path]) -> float:
    """Seconds for the bare pass: read, decode, split, one regex per line."""
    started = time.perf_counter()
    hits = 0
    for path in paths:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        for line in text.replace("\r\n", "\n").split("\n"):
            hits += _FLOOR_PATTERN.search(line) is not None
    assert hits
    return time.perf_counter() - started


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parent = int(fields.get("PPid", "0").strip())
        children.setdefault(parent, []).append(int(entry.name))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def run_extract(jobs: int, out: Path, force: bool) -> tuple[float, int, str]:
    """(seconds, peak RSS of the whole batch in bytes, stdout's last line)."""
    command = [sys.executable, str(ROOT / "cli.py"), "extract", str(CORPUS), "--out", str(out),
               "--jobs", str(jobs)] + (["--force"] if force else [])
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    elapsed = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"extract failed ({process.returncode}):\n{stdout[-2000:]}")
    return elapsed, peak, stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-save", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()
    if args.rebuild or len(corpus_files()) != args.files:
        build_corpus(args.files)
    paths = corpus_files()
    megabytes = sum(p.stat().st_size for p in paths) / 1e6

    floor(paths[:50])  # warm the page cache the same way for every pass
    floor_s = floor(paths)
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary)
        one_s, one_rss, total = run_extract(1, out / "one", force=True)
        two_s, two_rss, _ = run_extract(2, out / "two", force=True)
        again_s, _, _ = run_extract(2, out / "two", force=False)
    forms = int(regex.search(r"(\d+) forms", total).group(1))
    report = "\n".join([
        f"## {time.strftime('%Y-%m-%d %H:%M')} — {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "",
        f"Corpus: {len(paths)} files, {megabytes:.1f} MB, {forms} forms.",
        "",
        "| run | seconds | MB/s | forms/s | peak RSS (MB) |",
        "|---|---|---|---|---|",
        f"| floor (read, decode, split, one regex a line; 1 core) | {floor_s:.1f} | "
        f"{megabytes / floor_s:.1f} | | |",
        f"| extract --jobs 1 | {one_s:.1f} | {megabytes / one_s:.2f} | {forms / one_s:.0f} | "
        f"{one_rss / 1e6:.0f} |",
        f"| extract --jobs 2 | {two_s:.1f} | {megabytes / two_s:.2f} | {forms / two_s:.0f} | "
        f"{two_rss / 1e6:.0f} |",
        f"| re-run, unchanged | {again_s:.1f} | | | |",
        "",
        f"- --jobs 1 is {one_s / floor_s:.1f}× the floor's time (target ≤ 8×).",
        f"- --jobs 2 is {one_s / two_s:.2f}× faster than --jobs 1 (target ≥ 1.7×).",
        f"- The unchanged re-run takes {100 * again_s / two_s:.1f} % of the first run "
        "(target < 5 %).",
        f"- Peak memory of the whole batch: {max(one_rss, two_rss) / 1e6:.0f} MB (target < 400 MB).",
        "",
    ])
    print(report)
    if not args.no_save:
        with RESULTS.open("a", encoding="utf-8") as stream:
            stream.write(report + "\n")


if __name__ == "__main__":
    main()
