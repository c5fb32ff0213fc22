"""The fuzz harness (benchmarks/fuzz_extract.py): it must find crashes and hangs, and the
parsers must survive 2,000 mutated samples (a slow test: PERFFORMS_SLOW=1)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def harness():
    spec = importlib.util.spec_from_file_location("fuzz_extract",
                                                  ROOT / "benchmarks" / "fuzz_extract.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_extract"] = module
    spec.loader.exec_module(module)
    return module


def test_mutations_are_reproducible_and_varied():
    fuzz = harness()
    first, again = fuzz.mutated(60, seed=7), fuzz.mutated(60, seed=7)
    assert [data for _, _, data in first] == [data for _, _, data in again]
    used = {m for _, mutations, _ in first for m in mutations}
    assert len(used) >= 8
    assert len({data for _, _, data in first}) == 60


def test_harness_reports_crashes_hangs_and_minimizes(tmp_path):
    fuzz = harness()
    noise = b"\n".join(f"line {n}\tcell".encode() for n in range(40))
    inputs = [("ok", ["none"], noise), ("crash", ["substitute"], noise + b"\nBOOM\n" + noise),
              ("hang", ["long_line"], b"HANG")]
    outcomes = fuzz.run_all("tests.fuzz_targets:fragile", inputs, jobs=2, timeout_s=2)
    by_name = {o.name: o for o in outcomes}
    assert by_name["ok"].error is None
    assert by_name["crash"].error == "IndexError: list index out of range"
    assert by_name["crash"].where.startswith("tests/fuzz_targets.py:")
    assert by_name["hang"].error.startswith("Hang: stopped after 2 s")
    args = fuzz.argparse.Namespace(limit_s=10, minimize=True, target="tests.fuzz_targets:fragile",
                                   timeout_s=2, findings=tmp_path)
    summary = fuzz.report(outcomes, {name: data for name, _, data in inputs}, args)
    assert summary["tracebacks"] == 2 and summary["signatures"] == 2
    crash = next(f for f in summary["findings"] if f["signature"].startswith("IndexError"))
    assert Path(crash["reproducer"]).read_bytes() == b"BOOM"  # cut down to the one line


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("PERFFORMS_SLOW") != "1",
                    reason="2,000 mutated inputs take minutes: PERFFORMS_SLOW=1 runs it")
def test_two_thousand_mutated_samples_no_traceback_none_over_ten_seconds(tmp_path):
    fuzz = harness()
    assert fuzz.main(["--inputs", "2000", "--findings", str(tmp_path)]) == 0
