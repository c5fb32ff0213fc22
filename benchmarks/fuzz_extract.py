"""Fuzz the extractor with mutated real samples: no traceback, no input over 10 s.

    python benchmarks/fuzz_extract.py                    # 2,000 inputs, report, exit 1 on findings
    python benchmarks/fuzz_extract.py --inputs 200 --jobs 2 --no-minimize

Seeds are the samples, the held-out texts and, where shared/ is beside the
checkout, the wild corpus. Each input is one seed with one to three
mutations: line deletions and duplications, truncation (also inside a UTF-8
character), substitutions of lines and cells by labels and debris, long lines,
mixed encodings, unclosed quotes, a 资金支出计划 label standing alone. Every
input runs through `extract_bytes` (the library entry point the batch uses) in
a worker process with a hard time limit, so a hang is a finding too.

Findings are grouped by signature (exception type and the innermost frame in
the project's code); the smallest input of each is cut down line by line
(delta debugging) to a minimal reproducer written to --findings. Exit 0 when
there is no traceback and no input over the limit, 1 otherwise: CI can run it.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.pool import Lost, Pool, Task  # noqa: E402

SEED_FOLDERS = (ROOT / "samples", ROOT / "tests" / "heldout",
                ROOT.parent / "shared" / "corpus" / "wild")
TOKENS = ["资金支出计划", "资金支出计划（累计进度%）", "3月底\t6月底\t9月底\t12月底", "合计", "一级指标",
          "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "满意度指标", "项目名称", "项目编码",
          "绩效目标表", "年度绩效目标", "目标1：", "≥90%", "≤100万元", "100", "12.5万元", "\"", "“",
          "|", "||||", "\t", "\t\t\t", "<u>", "</td>", "（", "）", "——", "\ufffd", "\u3000",
          "实际完成值", "年度指标值", "分值", "得分", "偏差原因", "绩效自评表", "执行率", "全年执行数"]


@dataclass
class Outcome:
    name: str
    mutations: list[str]
    seconds: float
    error: str | None = None  # "ValueError: …"
    where: str | None = None  # innermost frame in the project: file:line function
    trace: str | None = None

    @property
    def signature(self) -> str | None:
        if not self.error:
            return None
        return f"{self.error.split(':', 1)[0]} at {self.where}"


# -- mutations -------------------------------------------------------------------------------

def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def delete_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    del lines[start: start + rng.randint(1, 8)]
    return b"\n".join(lines)


def duplicate_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    chunk = lines[start: start + rng.randint(1, 12)]
    at = rng.randrange(len(lines) + 1)
    return b"\n".join(lines[:at] + chunk * rng.randint(1, 3) + lines[at:])


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def substitute(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(lines))
        token = rng.choice(TOKENS).encode("utf-8")
        if rng.random() < 0.5:
            lines[at] = token
        else:
            cells = lines[at].split(b"\t")
            cells[rng.randrange(len(cells))] = token
            lines[at] = b"\t".join(cells)
    return b"\n".join(lines)


def long_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    unit = rng.choice([b"\xe6\x8c\x87\xe6\xa0\x87", b"a", b"\t", b"|", b"1", b" ", lines[at] or b"x"])
    lines[at] = unit * (rng.randint(20_000, 300_000) // max(len(unit), 1))
    return b"\n".join(lines)


def join_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    span = rng.randint(10, 400)
    return b"\n".join(lines[:start] + [b" ".join(lines[start: start + span])]
                      + lines[start + span:])


def mixed_encoding(rng: random.Random, data: bytes) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    start = rng.randrange(max(1, len(text)))
    end = min(len(text), start + rng.randint(10, 2000))
    codec = rng.choice(["gb18030", "utf-16-le", "big5", "latin-1"])
    piece = text[start:end].encode(codec, errors="replace")
    return text[:start].encode("utf-8") + piece + text[end:].encode("utf-8")


def unclosed_quote(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    lines[at] = lines[at] + b'\t"' + rng.choice([b"", b"\xe6\x8c\x87\xe6\xa0\x87", b"abc"])
    return b"\n".join(lines)


def plan_label_alone(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines) + 1)
    block = ["资金支出计划", "3月底\t6月底\t9月底\t12月底"]
    if rng.random() < 0.5:
        block.append("\t".join(str(rng.randint(0, 120)) for _ in range(4)))
    return b"\n".join(lines[:at] + [line.encode("utf-8") for line in block] + lines[at:])


def random_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(max(1, len(data)))
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + data[at:]


def line_ends(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\r\r\n"]))


MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    f.__name__: f for f in (delete_lines, duplicate_lines, truncate, substitute, long_line,
                            join_lines, mixed_encoding, unclosed_quote, plan_label_alone,
                            random_bytes, line_ends)}


def seeds() -> list[tuple[str, bytes]]:
    found = []
    for folder in SEED_FOLDERS:
        if folder.is_dir():
            found += [(path.name, path.read_bytes()) for path in sorted(folder.glob("*.txt"))]
    return found


def mutated(count: int, seed: int) -> list[tuple[str, list[str], bytes]]:
    """(name, mutations, bytes) for `count` inputs, the same for the same seed."""
    rng = random.Random(seed)
    base = seeds()
    inputs = []
    for index in range(count):
        name, data = base[index % len(base)]
        names = rng.sample(sorted(MUTATIONS), rng.randint(1, 3))
        for mutation in names:
            data = MUTATIONS[mutation](rng, data)
        inputs.append((f"{index:05d}-{name}", names, data))
    return inputs


# -- running ---------------------------------------------------------------------------------

def target(spec: str) -> Callable[..., object]:
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)


def run_one(spec: str, name: str, mutations: list[str], data: bytes) -> Outcome:
    """One input through the target, in a worker; never raises."""
    started = time.perf_counter()
    try:
        target(spec)(data, name if name.endswith(".txt") else f"{name}.txt", "fuzz", name)
    except Exception as error:
        if type(error).__name__ == "UnreadableFile":  # a refusal with a message, not a crash
            return Outcome(name, mutations, time.perf_counter() - started)
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if str(ROOT) in f.filename and "benchmarks" not in f.filename]
        where = (f"{Path(frames[-1].filename).relative_to(ROOT)}:{frames[-1].lineno} "
                 f"{frames[-1].name}") if frames else "?"
        return Outcome(name, mutations, time.perf_counter() - started,
                       f"{type(error).__name__}: {str(error)[:200]}", where,
                       traceback.format_exc(limit=-8))
    return Outcome(name, mutations, time.perf_counter() - started)


def run_all(spec: str, inputs: list[tuple[str, list[str], bytes]], jobs: int,
            timeout_s: float) -> list[Outcome]:
    tasks = (Task(run_one, (spec, name, mutations, data), tag=(name, mutations), cost=len(data))
             for name, mutations, data in inputs)
    outcomes = []
    with Pool(jobs, timeout_s) as pool:
        for task, outcome in pool.run(tasks):
            if isinstance(outcome, Lost):
                name, mutations = task.tag
                outcome = Outcome(name, mutations, timeout_s, f"Hang: {outcome.reason}", "?")
            outcomes.append(outcome)
    return outcomes


def still_fails(spec: str, data: bytes, signature: str, timeout_s: float, pool: Pool) -> bool:
    [(_, outcome)] = list(pool.run([Task(run_one, (spec, "min", [], data), cost=len(data))]))
    if isinstance(outcome, Lost):
        return signature.startswith("Hang")
    return outcome.signature == signature


def minimize(spec: str, data: bytes, signature: str, timeout_s: float, budget: int = 400) -> bytes:
    """Delta debugging over lines: the fewest lines that still give the same signature."""
    lines = data.split(b"\n")
    chunks = 2
    tries = 0
    with Pool(1, timeout_s) as pool:
        while len(lines) > 1 and tries < budget:
            size = max(1, len(lines) // chunks)
            reduced = False
            for start in range(0, len(lines), size):
                candidate = lines[:start] + lines[start + size:]
                tries += 1
                if candidate and still_fails(spec, b"\n".join(candidate), signature, timeout_s,
                                             pool):
                    lines, chunks, reduced = candidate, max(chunks - 1, 2), True
                    break
                if tries >= budget:
                    break
            if not reduced:
                if size == 1:
                    break
                chunks = min(len(lines), chunks * 2)
    return b"\n".join(lines)


# -- report ----------------------------------------------------------------------------------

def report(outcomes: list[Outcome], inputs: dict[str, bytes], args: argparse.Namespace) -> dict:
    crashes: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.signature:
            crashes.setdefault(outcome.signature, []).append(outcome)
    slow = sorted((o for o in outcomes if o.seconds > args.limit_s and not o.error),
                  key=lambda o: -o.seconds)
    findings = []
    args.findings.mkdir(parents=True, exist_ok=True)
    for signature, group in sorted(crashes.items(), key=lambda item: -len(item[1])):
        smallest = min(group, key=lambda o: len(inputs[o.name]))
        data = inputs[smallest.name]
        if args.minimize and not signature.startswith("Hang"):
            data = minimize(args.target, data, signature, args.timeout_s)
        digest = hashlib.sha1(signature.encode()).hexdigest()[:8]
        path = args.findings / f"crash-{digest}.txt"
        path.write_bytes(data)
        findings.append({"signature": signature, "inputs": len(group),
                         "example": smallest.name, "mutations": smallest.mutations,
                         "error": smallest.error, "reproducer": str(path),
                         "reproducer_lines": data.count(b"\n") + 1, "trace": smallest.trace})
    for outcome in slow[:10]:
        path = args.findings / f"slow-{outcome.name}"
        path.write_bytes(inputs[outcome.name])
    seconds = sorted(o.seconds for o in outcomes)
    return {"inputs": len(outcomes), "tracebacks": sum(len(g) for g in crashes.values()),
            "signatures": len(crashes), "over_limit": len(slow), "limit_s": args.limit_s,
            "median_s": seconds[len(seconds) // 2] if seconds else 0,
            "max_s": seconds[-1] if seconds else 0,
            "slowest": [(o.name, round(o.seconds, 2), o.mutations) for o in
                        sorted(outcomes, key=lambda o: -o.seconds)[:10]],
            "findings": findings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit-s", type=float, default=10.0, help="an input slower is a finding")
    parser.add_argument("--timeout-s", type=float, default=60.0, help="an input is killed after")
    parser.add_argument("--target", default="extract.pipeline:extract_bytes",
                        help="module:function called as f(data, name, key, display_path)")
    parser.add_argument("--findings", type=Path, default=ROOT / "benchmarks" / "fuzz-findings")
    parser.add_argument("--report", type=Path, default=None, help="write the report as JSON")
    parser.add_argument("--no-minimize", dest="minimize", action="store_false")
    args = parser.parse_args(argv)
    inputs = mutated(args.inputs, args.seed)
    started = time.perf_counter()
    outcomes = run_all(args.target, inputs, args.jobs, args.timeout_s)
    summary = report(outcomes, {name: data for name, _, data in inputs}, args)
    summary["wall_s"] = round(time.perf_counter() - started, 1)
    print(f"{summary['inputs']} inputs in {summary['wall_s']} s: {summary['tracebacks']} "
          f"tracebacks ({summary['signatures']} distinct), {summary['over_limit']} over "
          f"{args.limit_s:.0f} s; median {summary['median_s']:.2f} s, max {summary['max_s']:.1f} s")
    for finding in summary["findings"]:
        print(f"- {finding['inputs']}× {finding['signature']}: {finding['error']}\n"
              f"  reproducer ({finding['reproducer_lines']} lines): {finding['reproducer']}")
    for name, seconds, mutations in summary["slowest"][:5]:
        print(f"  slow: {name} {seconds} s ({', '.join(mutations)})")
    if args.report:
        args.report.write_text(json.dumps(summary, ensure_ascii=False, indent=2,
                                          default=lambda o: asdict(o)), encoding="utf-8")
    return 0 if not summary["tracebacks"] and not summary["over_limit"] else 1


if __name__ == "__main__":
    sys.exit(main())
