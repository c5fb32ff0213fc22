"""`cli.py diff` on real sample outputs: identical runs, and exactly three edits."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "002_a3265b0de3e5410e.txt"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def edited(lines: list[str]) -> list[str]:
    """The source with one indicator row removed and one form inserted, so lines shift."""
    assert lines[135] == "\t质量指标" and lines[159] == "高新中学装备经费项目绩效目标表"
    assert lines[243].startswith("学校教学装备")
    copy = [line.replace("高新中学装备经费", "新增测试装备经费") for line in lines[159:243]]
    result = lines[:243] + copy + lines[243:]
    del result[134:141]  # the 质量指标 / 设备质量 row of the first project form
    return result


def edit_total(out: Path) -> None:
    """The third edit, as a parser change would make it: one form's total."""
    path = out / "002.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["forms"][1]["funding"]["total"] == "100"
    document["forms"][1]["funding"]["total"] = "120"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("runs")
    (work / "docs").mkdir()
    shutil.copy(SAMPLE, work / "docs" / "002.txt")
    assert cli("extract", "docs", "--out", "before", "--jobs", "1", cwd=work).returncode == 0
    assert cli("extract", "docs", "--out", "again", "--jobs", "1", "--force", cwd=work).returncode == 0
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    (work / "docs" / "002.txt").write_text("\n".join(edited(lines)), encoding="utf-8")
    assert cli("extract", "docs", "--out", "after", "--jobs", "1", cwd=work).returncode == 0
    edit_total(work / "after")
    return work


def test_identical_runs_exit_0(runs):
    result = cli("diff", "before", "again", cwd=runs)
    assert (result.returncode, result.stdout.strip()) == (0, "no changes")


def test_exactly_the_three_edits_in_json(runs):
    result = cli("diff", "before", "after", "--json", cwd=runs)
    assert result.returncode == 1
    changes = json.loads(result.stdout)
    assert [(c["kind"], c["field"], c["old"], c["new"]) for c in changes] == [
        ("field", "funding.total", "100", "120"),
        ("indicator_removed", None, "产出指标/质量指标 设备质量 符合", None),
        ("form_added", None, None, None),
    ]
    assert changes[0]["label"] == "区本课程经费" and changes[0]["line"] == 83
    assert changes[2]["label"] == "新增测试装备经费" and changes[2]["line"] == 237


def test_text_report_and_summary(runs):
    text = cli("diff", "before", "after", cwd=runs).stdout
    assert "docs/002.txt" in text
    assert "funding.total 100 → 120 (line 83)" in text
    assert "- indicator 产出指标/质量指标 设备质量 符合" in text
    assert "+ form 002#4 新增测试装备经费 added" in text
    summary = cli("diff", "before", "after", "--summary", cwd=runs)
    assert summary.stdout.strip() == "field 1, form_added 1, indicator_removed 1"


def test_single_files_and_errors(runs, tmp_path):
    result = cli("diff", "before/002.json", "after/002.json", "--summary", cwd=runs)
    assert result.returncode == 1
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert cli("diff", "before", str(tmp_path / "missing"), cwd=runs).returncode == 2
    assert cli("diff", str(tmp_path / "broken.json"), "after/002.json", cwd=runs).returncode == 2
