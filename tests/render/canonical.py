"""Golden forms as one canonical table, independent of any file format.

A golden record (GOLD.md) says what a form holds; to test a reader we need the
form as a printed table again. `canonical_form` lays a golden form out the way
real forms print it: a heading, a header block (项目名称, 主管部门, 实施单位,
codes, 资金), then the indicator table 一级指标/二级指标/三级指标/指标值 with
the 一级 and 二级 labels merged over their rows. Each format renderer
(html, docx, xlsx, pdf, image; text layouts elsewhere) serialises this one
structure, so every format is compared with the same expected cells.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The project's own golden set, then the shared evaluation seeds beside the repository.
# PERFFORMS_GOLDEN_DIRS (os.pathsep-separated) adds folders of golden records.
GOLDEN_DIRS = (ROOT / "tests" / "golden" / "wild", ROOT.parent / "shared" / "eval" / "gold_seeds",
               Path("/work/shared/eval/gold_seeds"),
               *(Path(p) for p in os.environ.get("PERFFORMS_GOLDEN_DIRS", "").split(os.pathsep) if p))

Slot = tuple[str, int, int]  # (text, row_span, col_span)

_OPS = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "=": ""}
_SCOPE_LABEL = {"annual": "年度指标值", "long_term": "长期指标值", "mid_term": "中期指标值",
                "overall": "实施期指标值"}


@dataclass(frozen=True)
class CanonicalForm:
    """A golden form as printed: heading lines, then tables (rows of slots)."""

    key: str  # "<golden stem>#<ordinal>"
    gold: dict
    headings: tuple[str, ...]
    tables: tuple[tuple[tuple[Slot, ...], ...], ...]

    @property
    def width(self) -> int:
        return sum(cs for _, _, cs in self.tables[0][0])


def golden_files() -> list[Path]:
    """Every golden record file found, each stem once (the first directory wins)."""
    seen: dict[str, Path] = {}
    for folder in GOLDEN_DIRS:
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            seen.setdefault(path.stem, path)
    return [seen[stem] for stem in sorted(seen)]


def golden_documents() -> list[tuple[str, dict]]:
    """(stem, golden record) for every golden file."""
    return [(path.stem, json.loads(path.read_text(encoding="utf-8"))) for path in golden_files()]


def target_text(target: dict | None) -> str:
    """The printed form of a golden target: `≥3次`, `100%`, `逐步提高`."""
    target = target or {}
    if target.get("value") is None:
        return target.get("text") or ""
    return f"{_OPS.get(target.get('op') or '=', '')}{target['value']}{target.get('unit') or ''}"


def as_printed(gold: dict) -> dict:
    """The golden form as the rendering prints it. A target whose sign cell the source
    lost (op null, a value) is printed as a bare number, which reads as `=` (RECORD.md)."""
    rows = []
    for row in gold.get("indicators", []):
        target = row.get("target") or {}
        if target.get("value") is not None and target.get("op") is None:
            row = {**row, "target": {**target, "op": "="}}
        rows.append(row)
    return {**gold, "indicators": rows}


def canonical_form(stem: str, gold: dict) -> CanonicalForm:
    """Lay out one golden form (see the module docstring)."""
    extra = _extra_columns(gold)
    width = 3 + len(extra)
    tables = [_header_block(gold, width)]
    indicators = [i for i in gold.get("indicators", []) if i.get("name")]
    for scope in dict.fromkeys(i.get("scope") or "annual" for i in indicators):
        rows = [i for i in indicators if (i.get("scope") or "annual") == scope]
        tables.append(_indicator_table(rows, scope, extra))
    merged = tuple(row for table in tables for row in table)
    return CanonicalForm(key=f"{stem}#{gold['ordinal']}", gold=as_printed(gold), headings=_headings(gold),
                         tables=(merged,))


def _headings(gold: dict) -> tuple[str, ...]:
    year = f"（{gold['fiscal_year']}年度）" if gold.get("fiscal_year") else ""
    kind = "部门整体支出" if gold.get("kind") == "department" else "项目支出"
    what = "绩效自评表" if gold.get("form_type") == "self_evaluation" else "绩效目标表"
    return (f"{kind}{what}{year}",)


def _extra_columns(gold: dict) -> list[str]:
    """The value columns after 三级指标, from what the golden indicators carry (a target
    form may print 分值 too)."""
    rows = gold.get("indicators", [])
    cols = ["weight"] if any(i.get("weight") not in (None, "__skip__") for i in rows) else []
    cols.append("target")
    if gold.get("form_type") == "self_evaluation":
        cols += [k for k in ("actual", "score", "deviation") if any(k in i for i in rows)]
    return cols


def _header_block(gold: dict, width: int) -> list[tuple[Slot, ...]]:
    """项目名称 / 主管部门 / 实施单位 / codes / money (with what a self-evaluation executed) /
    score, as label-value rows `width` wide."""
    name_label = "部门名称" if gold.get("kind") == "department" else "项目名称"
    rows: list[tuple[Slot, ...]] = []
    if gold.get("kind") == "department":
        pairs = [(name_label, gold.get("department"))]
    else:
        pairs = [(name_label, gold.get("project_name")), ("主管部门", gold.get("department"))]
    pairs += [("实施单位", gold.get("implementing_unit")), ("项目编码", gold.get("project_code")),
              ("单位编码", gold.get("unit_code"))]
    for label, value in pairs:
        if value:
            rows.append(((label, 1, 1), (str(value), 1, width - 1)))
    money = [(label, gold.get(key)) for label, key in
             (("实施期资金总额", "funding_total"), ("年度资金总额", "funding_annual"),
              ("全年执行数", "funding_executed"), ("执行率", "funding_execution_rate"))
             if gold.get(key) not in (None, "__skip__")]
    money = [(label, f"{amount}%" if label == "执行率" else amount) for label, amount in money]
    for n, (label, amount) in enumerate(money):
        first = (("资金情况（万元）", len(money), 1),) if n == 0 else ()
        rows.append((*first, (label, 1, 1), (str(amount), 1, width - 2)))
    if gold.get("self_score") not in (None, "__skip__"):
        rows.append((("自评得分", 1, 1), (str(gold["self_score"]), 1, width - 1)))
    goals = gold.get("goal_count") or 0
    if goals:
        text = "\n".join(f"目标{n}：按计划完成第{n}项工作任务。" for n in range(1, goals + 1))
        rows.append((("年度绩效目标", 1, 1), (text, 1, width - 1)))
    return rows


_COLUMN_LABEL = {"weight": "分值", "actual": "实际完成值", "score": "得分", "deviation": "偏差原因分析"}


def _indicator_table(rows: list[dict], scope: str, extra: list[str]) -> list[tuple[Slot, ...]]:
    """一级/二级/三级/值 rows with the level labels merged over the rows they head.

    The table is `3 + len(extra)` wide; the first column holds 一级, the second
    二级 and the third 三级 (names), so the header block's width matches.
    """
    labels = [_COLUMN_LABEL.get(c, _SCOPE_LABEL.get(scope, "指标值")) for c in extra]
    out: list[tuple[Slot, ...]] = [(("一级指标", 1, 1), ("二级指标", 1, 1), ("三级指标", 1, 1),
                                    *((label, 1, 1) for label in labels))]
    level1_runs = _runs([r.get("level1") or "" for r in rows])
    level2_runs = _runs([(r.get("level1") or "", r.get("level2") or "") for r in rows])
    for n, row in enumerate(rows):
        slots: list[Slot] = []
        if n in level1_runs:
            slots.append((row.get("level1") or "", level1_runs[n], 1))
        if n in level2_runs:
            slots.append((row.get("level2") or "", level2_runs[n], 1))
        slots.append((row["name"], 1, 1))
        slots += [(_value(row, column), 1, 1) for column in extra]
        out.append(tuple(slots))
    return out


def _value(row: dict, column: str) -> str:
    if column == "target":
        return target_text(row.get("target"))
    value = row.get(column)
    return "" if value is None else str(value)


def _runs(values: list) -> dict[int, int]:
    """Start index → length of each run of equal consecutive values."""
    runs: dict[int, int] = {}
    start = 0
    for n in range(1, len(values) + 1):
        if n == len(values) or values[n] != values[start]:
            runs[start] = n - start
            start = n
    return runs


def canonical_forms() -> list[CanonicalForm]:
    """Every golden form, canonicalised, in file and ordinal order."""
    return [canonical_form(stem, form) for stem, doc in golden_documents() for form in doc["forms"]]


def slots_with_positions(table: tuple[tuple[Slot, ...], ...]) -> list[tuple[int, int, str, int, int]]:
    """(row, col, text, row_span, col_span) of every slot, spans resolved like HTML's."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(table):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, text, rs, cs))
            taken.update((r + i, c + j) for i in range(rs) for j in range(cs))
            c += cs
    return out
