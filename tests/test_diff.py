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


def test_input_folders_are_an_error_not_no_changes(runs):
    result = cli("diff", "docs", "docs", cwd=runs)
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: docs holds no extraction output (no manifest.sqlite "
                                     "and no document JSON); give the folder `perfforms extract "
                                     "--out` wrote")
    assert cli("diff", "docs", "before", cwd=runs).returncode == 2


def test_one_archive_under_two_path_spellings_has_no_changes(runs, tmp_path):
    relative = cli("extract", "docs", "--out", str(tmp_path / "rel"), "--jobs", "1", cwd=runs)
    absolute = cli("extract", str(runs / "docs"), "--out", str(tmp_path / "abs"), "--jobs", "1",
                   cwd=tmp_path)
    assert relative.returncode == absolute.returncode == 0
    result = cli("diff", str(tmp_path / "rel"), str(tmp_path / "abs"), cwd=runs)
    assert (result.returncode, result.stdout.strip()) == (0, "no changes")


def test_a_moved_input_pairs_by_sha256(runs, tmp_path):
    moved = tmp_path / "moved"
    (moved / "2023").mkdir(parents=True)
    shutil.copy(runs / "docs" / "002.txt", moved / "2023" / "002.txt")
    assert cli("extract", str(moved), "--out", str(tmp_path / "out"), "--jobs", "1",
               cwd=runs).returncode == 0
    result = cli("diff", "after", str(tmp_path / "out"), "--json", cwd=runs)
    changes = json.loads(result.stdout)
    assert changes[0]["kind"] == "document_moved"
    assert (changes[0]["old"], changes[0]["new"]) == ("002", "2023/002")
    assert not any(c["kind"] in ("document_added", "document_removed") for c in changes)


def test_an_input_that_now_fails_is_reported(tmp_path):
    work = tmp_path
    (work / "docs").mkdir()
    shutil.copy(SAMPLE, work / "docs" / "002.txt")
    assert cli("extract", "docs", "--out", "before", "--jobs", "1", cwd=work).returncode == 0
    (work / "docs" / "002.txt").write_bytes(b"")
    cli("extract", "docs", "--out", "after", "--jobs", "1", cwd=work)
    result = cli("diff", "before", "after", cwd=work)
    assert result.returncode == 1
    assert "- document removed: its input now fails (002.txt is empty)" in result.stdout


def self_evaluation(document: dict) -> dict:
    """The document's first form as a 自评表 record (issue 10's fields)."""
    form = next(form for form in document["forms"] if form["funding"] and form["indicators"])
    form.update(form_type="self_evaluation", self_score="92.5")
    form["funding"].update(executed="9.80", execution_rate="95.61")
    row = form["indicators"][0]
    row.update(weight="10", score="8", deviation="宣传场次因疫情减少",
               actual={"raw": "2次", "op": None, "value": "2", "unit": "次", "text": None})
    return document


def test_self_evaluation_fields_are_compared(runs, tmp_path):
    old = json.loads((runs / "before" / "002.json").read_text(encoding="utf-8"))
    new = self_evaluation(json.loads((runs / "before" / "002.json").read_text(encoding="utf-8")))
    (tmp_path / "old.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")
    result = cli("diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--json",
                 cwd=runs)
    changes = json.loads(result.stdout)
    fields = {c["field"]: (c["old"], c["new"]) for c in changes if c["kind"] == "field"}
    assert fields == {"form_type": ("target", "self_evaluation"), "self_score": (None, "92.5"),
                      "funding.executed": (None, "9.80"),
                      "funding.execution_rate": (None, "95.61")}
    [row] = [c for c in changes if c["kind"] == "indicator_changed"]
    assert "weight 10, actual 2次, score 8, deviation 宣传场次因疫情减少" in row["new"]
