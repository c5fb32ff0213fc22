"""Benchmark `cli.py extract` on a corpus built from the samples, against a floor.

    python benchmarks/bench_extract.py            # every part, results appended to RESULTS.md
    python benchmarks/bench_extract.py --files 500 --no-save   # a quick look
    python benchmarks/bench_extract.py --only small,big,quadratic

Parts:
- corpus: 5,000 documents of one to six consecutive forms cut from the
  samples, with varied names and folders; one in five is re-encoded to GB18030
  and one in five has CRLF line ends (benchmarks/corpus/, git-ignored). Timed:
  the floor (a bare Python pass: read, decode, split into lines, one regex per
  line, one core), `extract --jobs 1` and `--jobs 2` (both --force), a re-run
  with nothing changed, and a re-run after one file changed.
- small: 50,000 one-kilobyte files (benchmarks/corpus-small/): the first run,
  an unchanged re-run, a one-file change.
- big: one 50 MB file (forms of the samples repeated), the peak resident
  memory of the whole process tree.
- quadratic: an unclosed `"` in a Word-cell text, and glued rows of values that never
  end, each at two sizes; linear time
  means the larger takes about as many times longer as it is larger.
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
from collections.abc import Callable
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.pipeline import extract_document  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
SMALL = ROOT / "benchmarks" / "corpus-small"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SEED = 20261123
LARGEST = [0]  # peak RSS of the largest single process of the last run_extract


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


def tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of a process and all its descendants, from /proc, and of the largest.

    The sum counts pages a forked worker shares with its parent once per process, so it
    overstates; the largest single process is the other bound."""
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
    total, largest, stack = 0, 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        largest = max(largest, rss.get(current, 0))
        stack.extend(children.get(current, []))
    return total, largest


def run_extract(jobs: int, out: Path, force: bool, source: Path = CORPUS,
                ok_codes: tuple[int, ...] = (0,)) -> tuple[float, int, str]:
    """(seconds, peak RSS of the whole batch in bytes, stdout's last line); the peak of the
    largest single process is kept in LARGEST."""
    command = [sys.executable, str(ROOT / "cli.py"), "extract", str(source), "--out", str(out),
               "--jobs", str(jobs)] + (["--force"] if force else [])
    LARGEST[0] = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            total, largest = tree_rss(process.pid)
            peak = max(peak, total)
            LARGEST[0] = max(LARGEST[0], largest)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    elapsed = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode not in ok_codes:
        raise SystemExit(f"extract failed ({process.returncode}):\n{stdout[-2000:]}")
    return elapsed, peak, stdout.strip().splitlines()[-1]


def touch_one(folder: Path) -> Path:
    """Change one file of a corpus (an amount), as an edit to the archive would."""
    path = sorted(folder.rglob("*.txt"))[len(list(folder.rglob("*.txt"))) // 2]
    data = path.read_bytes()
    path.write_bytes(data.replace(b"0", b"1", 1) if b"0" in data else data + b"\n")
    return path


def build_small(files: int) -> None:
    """`files` documents of about one kilobyte: the head of one small form, numbered."""
    shutil.rmtree(SMALL, ignore_errors=True)
    chunks = [lines for _, lines in form_chunks()]
    rng = random.Random(SEED)
    for index in range(files):
        lines = chunks[rng.randrange(len(chunks))]
        text, size = [], 0
        for line in lines:
            if size + len(line.encode()) > 1000:
                break
            text.append(line)
            size += len(line.encode()) + 1
        body = "\n".join(text).replace("项目名称\t", f"项目名称\t{index:05d}", 1) + "\n"
        folder = SMALL / f"d{index // 1000:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{index:05d}.txt").write_text(body, encoding="utf-8")


def part_corpus(jobs: int, files: int, rebuild: bool) -> list[str]:
    if rebuild or len(corpus_files()) != files:
        build_corpus(files)
    paths = corpus_files()
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    floor(paths[:50])  # warm the page cache the same way for every pass
    floor_s = floor(paths)
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary)
        one_s, one_rss, total = run_extract(1, out / "one", force=True)
        two_s, two_rss, _ = run_extract(jobs, out / "two", force=True)
        again_s, _, _ = run_extract(jobs, out / "two", force=False)
        touched = touch_one(CORPUS)
        changed_s, _, _ = run_extract(jobs, out / "two", force=False)
        build_corpus(files) if touched else None  # put the corpus back as built
    forms = int(regex.search(r"(\d+) forms", total).group(1))
    return [
        f"Corpus: {len(paths)} files, {megabytes:.1f} MB, {forms} forms.",
        "",
        "| run | seconds | MB/s | forms/s | peak RSS (MB) |",
        "|---|---|---|---|---|",
        f"| floor (read, decode, split, one regex a line; 1 core) | {floor_s:.1f} | "
        f"{megabytes / floor_s:.1f} | | |",
        f"| extract --jobs 1 | {one_s:.1f} | {megabytes / one_s:.2f} | {forms / one_s:.0f} | "
        f"{one_rss / 1e6:.0f} |",
        f"| extract --jobs {jobs} | {two_s:.1f} | {megabytes / two_s:.2f} | {forms / two_s:.0f} | "
        f"{two_rss / 1e6:.0f} |",
        f"| re-run, unchanged | {again_s:.2f} | | | |",
        f"| re-run, one file changed | {changed_s:.2f} | | | |",
        "",
        f"- --jobs 1 is {one_s / floor_s:.1f}× the floor's time (target ≤ 8×).",
        f"- --jobs {jobs} is {one_s / two_s:.2f}× faster than --jobs 1 (target ≥ 1.7×).",
        f"- The unchanged re-run takes {100 * again_s / two_s:.1f} % of the first run "
        "(target < 5 %); the one-file change "
        f"{100 * changed_s / two_s:.1f} %.",
        f"- Peak memory of the whole batch: {max(one_rss, two_rss) / 1e6:.0f} MB "
        "(target < 400 MB).",
    ]


def part_small(jobs: int, files: int) -> list[str]:
    if len(list(SMALL.rglob("*.txt"))) != files:
        build_small(files)
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary) / "out"
        first_s, first_rss, total = run_extract(jobs, out, force=False, source=SMALL,
                                                ok_codes=(0, 1))
        first_largest = LARGEST[0]
        again_s, _, _ = run_extract(jobs, out, force=False, source=SMALL, ok_codes=(0, 1))
        touch_one(SMALL)
        changed_s, changed_rss, _ = run_extract(jobs, out, force=False, source=SMALL,
                                                ok_codes=(0, 1))
    build_small(files)
    return [
        f"{files:,} files of about 1 KB ({total.split(';')[0]}).",
        "",
        "| run | seconds | % of the first | peak RSS, process tree (largest process), MB |",
        "|---|---|---|---|",
        f"| first run, --jobs {jobs} | {first_s:.1f} | 100 | {first_rss / 1e6:.0f} "
        f"({first_largest / 1e6:.0f}) |",
        f"| re-run, unchanged | {again_s:.2f} | {100 * again_s / first_s:.1f} | |",
        f"| re-run, one file changed | {changed_s:.2f} | {100 * changed_s / first_s:.1f} | "
        f"{changed_rss / 1e6:.0f} ({LARGEST[0] / 1e6:.0f}) |",
        "",
        f"- Unchanged re-run: {100 * again_s / first_s:.1f} % of the first run (target < 5 %).",
        f"- One-file change: {100 * changed_s / first_s:.1f} % of the first run (target < 10 %).",
    ]


def big_file(megabytes: int, folder: Path) -> Path:
    """One file of `megabytes` MB: the samples' forms repeated, as one long archive file."""
    pieces = [(ROOT / "samples" / name).read_bytes() for name in
              sorted(p.name for p in (ROOT / "samples").glob("*.txt"))]
    unit = b"\n\n".join(pieces)
    path = folder / "big.txt"
    with path.open("wb") as stream:
        written = 0
        while written < megabytes * 1_000_000:
            stream.write(unit + b"\n\n")
            written += len(unit) + 2
    return path


def part_big(megabytes: int) -> list[str]:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        path = big_file(megabytes, folder)
        size = path.stat().st_size / 1e6
        seconds, rss, total = run_extract(1, folder / "out", force=True, source=path,
                                          ok_codes=(0, 1))
    return [f"One {size:.0f} MB file ({total.split(';')[0]}): {seconds:.0f} s, peak RSS of the "
            f"process tree {rss / 1e6:.0f} MB ({rss / 1e6 / size:.1f} MB per input MB; target: "
            f"under 1 GB); largest single process {LARGEST[0] / 1e6:.0f} MB."]


def quadratic_input(cells: int) -> bytes:
    """Word-cell text (one cell a line, tab first) whose cell opens a `"` that never closes:
    every later line without a tab, after a blank line, continues that cell."""
    head = ["\t项目名称\t测试项目", "", "\t一级指标\t二级指标\t三级指标\t指标值", "", '\t"未闭合的引号']
    rows = []
    for index in range(cells):
        rows += ["", f"第{index}行说明文字，没有制表符，继续同一个单元格"]
    return ("\n".join(head + rows) + "\n").encode("utf-8")


def glued_values_input(lines: int) -> bytes:
    """Glued rows under a glued table header whose values never end: `名称1万1万1万…x`, a
    line of the longest length read, repeated."""
    head = ["一级指标二级指标三级指标指标值"]
    row = "产出指标数量指标名称" + "1万" * 9_000 + "x"
    return ("\n".join(head + [row] * lines) + "\n").encode("utf-8")


def part_quadratic() -> list[str]:
    return [_growth("Unclosed quote", quadratic_input, (1_000, 2_000)),
            _growth("Glued values that never end", glued_values_input, (5, 10))]


def _growth(name: str, make: Callable[[int], bytes], sizes: tuple[int, int]) -> str:
    from extract.pipeline import extract_bytes

    timings = []
    for size in sizes:
        data = make(size)
        started = time.perf_counter()
        extract_bytes(data, "probe.txt", "probe", "probe.txt")
        timings.append((len(data), time.perf_counter() - started))
    (small_bytes, small_s), (large_bytes, large_s) = timings
    ratio = large_s / max(small_s, 1e-9)
    return (f"{name}: {small_bytes // 1000} KB in {small_s:.2f} s, {large_bytes // 1000} KB "
            f"in {large_s:.2f} s: ×{ratio:.1f} time for ×{large_bytes / small_bytes:.1f} input "
            f"({'linear' if ratio < 2.6 else 'worse than linear'}).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--small-files", type=int, default=50_000)
    parser.add_argument("--big-mb", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="corpus,small,big,quadratic")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-save", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    report = [f"## {time.strftime('%Y-%m-%d %H:%M')} — {platform.machine()}, {os.cpu_count()} "
              f"cores, Python {platform.python_version()}", ""]
    if "corpus" in parts:
        report += part_corpus(args.jobs, args.files, args.rebuild) + [""]
    if "small" in parts:
        report += part_small(args.jobs, args.small_files) + [""]
    if "big" in parts:
        report += part_big(args.big_mb) + [""]
    if "quadratic" in parts:
        report += part_quadratic() + [""]
    text = "\n".join(report)
    print(text)
    if not args.no_save:
        with RESULTS.open("a", encoding="utf-8") as stream:
            stream.write(text + "\n")


if __name__ == "__main__":
    main()
