"""Compare extractor output with the hand-checked golden files.

Two kinds of golden file:
- tests/golden/<sample>.json (the five samples, the project's own detailed format,
  CONVENTIONS.md): forms paired by form_id, indicator rows by source line; only the
  keys a golden form lists are checked.
- tests/golden/wild/<stem>.json beside <stem>.txt (real published documents, in the
  measurement's format, ../shared/eval/GOLD.md): scored by tests/gold_score.py the
  way the project is measured, per file and per layout family.

- tests/golden/converted/<built stem>.<tool>.<ext>: a built document as a real converter
  wrote it (LibreOffice's PDF, poppler's pdftotext with and without -layout; the
  folder's README.md says how each was made), scored against the built document's gold.

`python -m tests.golden_support [samples|wild|built|converted|heldout|measurement] [-v]` prints the
accuracy of each set (all by default) and, with -v, every difference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from extract.pipeline import extract_document
from schemas.record import Form
from tests.gold_score import FileScore, score_document

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
HELDOUT_DIR = Path(__file__).resolve().parent / "heldout"
WILD_DIR = GOLDEN_DIR / "wild"
BUILT_DIR = GOLDEN_DIR / "built"  # hand-written documents, golden pairs like the wild set
CONVERTED_DIR = GOLDEN_DIR / "converted"  # built documents passed through real converters
INDICATOR_KEYS = ("scope", "level1", "level2", "name", "op", "value", "unit", "text")
MEASUREMENT_DIR = ROOT.parent / "shared" / "eval" / "gold_seeds"
HEADER_KEYS = ("kind", "title", "fiscal_year", "department", "implementing_unit", "project_name",
               "project_code", "unit_code", "category")


@dataclass
class Score:
    fields_checked: int = 0
    fields_right: int = 0
    rows_golden: int = 0
    rows_right: int = 0
    rows_extra: int = 0
    totals_checked: int = 0
    totals_right: int = 0
    differences: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("fields_checked", "fields_right", "rows_golden", "rows_right", "rows_extra",
                     "totals_checked", "totals_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.differences.extend(other.differences)

    @property
    def field_accuracy(self) -> float:
        return self.fields_right / self.fields_checked if self.fields_checked else 1.0

    @property
    def indicator_accuracy(self) -> float:
        denominator = self.rows_golden + self.rows_extra
        return self.rows_right / denominator if denominator else 1.0


def golden_files(folder: Path = GOLDEN_DIR) -> list[Path]:
    return sorted(folder.glob("*.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def extract_for(golden: dict):
    return extract_document(ROOT / golden["source"], display_path=golden["source"])


def flat_form(form: Form) -> dict:
    """The extracted form in the golden file's shape."""
    data = json.loads(form.model_dump_json())
    flat = {key: data[key] for key in HEADER_KEYS}
    flat["first_line"] = data["lines"][0]
    flat["period"] = ({"start": data["period"]["start"], "end": data["period"]["end"]}
                      if data["period"] else None)
    funding = data["funding"]
    flat["funding"] = None if funding is None else {
        "total": funding["total"], "annual": funding["annual"],
        "lines": [{k: line[k] for k in ("source", "scope", "amount")} for line in funding["lines"]]}
    flat["goals"] = [{"scope": g["scope"], "label": g["label"]} for g in data["goals"]]
    flat["indicators"] = [
        {"scope": i["scope"], "level1": i["level1"], "level2": i["level2"], "name": i["name"],
         "op": i["target"]["op"], "value": i["target"]["value"], "unit": i["target"]["unit"],
         "text": i["target"]["text"], "line": i["line"]} for i in data["indicators"]]
    return flat


def compare_form(expected: dict, actual: dict | None) -> Score:
    score = Score()
    form_id = expected["form_id"]
    if actual is None:
        score.differences.append(f"{form_id}: form missing")
        score.rows_golden += len(expected.get("indicators", []))
        return score
    for key, want in expected.items():
        if key in ("form_id", "indicators", "compare_indicator_scopes"):
            continue
        got = actual.get(key)
        if key == "funding" and want is not None:
            _compare_funding(form_id, want, got, score)
            continue
        score.fields_checked += 1
        if got == want:
            score.fields_right += 1
        else:
            score.differences.append(f"{form_id}: {key}: expected {want!r}, got {got!r}")
    if "indicators" in expected:
        _compare_indicators(expected, actual, score)
    return score


def _compare_funding(form_id: str, want: dict, got: dict | None, score: Score) -> None:
    got = got or {"total": None, "annual": None, "lines": []}
    for key, value in want.items():
        if key == "total":
            score.totals_checked += 1
            score.totals_right += got.get("total") == value
        score.fields_checked += 1
        if got.get(key) == value:
            score.fields_right += 1
        else:
            score.differences.append(f"{form_id}: funding.{key}: expected {value!r}, "
                                     f"got {got.get(key)!r}")


def _compare_indicators(expected: dict, actual: dict, score: Score) -> None:
    scopes = expected.get("compare_indicator_scopes")
    got_rows = [row for row in actual["indicators"] if scopes is None or row["scope"] in scopes]
    by_line = {row["line"]: row for row in got_rows}
    used: set[int] = set()
    for want in expected["indicators"]:
        score.rows_golden += 1
        got = by_line.get(want["line"])
        if got is None:
            score.differences.append(f"{expected['form_id']}: line {want['line']}: row missing "
                                     f"({want.get('name')!r})")
            continue
        used.add(want["line"])
        wrong = [k for k in INDICATOR_KEYS if k in want and want[k] != got.get(k)]
        if wrong:
            detail = ", ".join(f"{k}: {want[k]!r} != {got.get(k)!r}" for k in wrong)
            score.differences.append(f"{expected['form_id']}: line {want['line']}: {detail}")
        else:
            score.rows_right += 1
    for row in got_rows:
        if row["line"] not in used:
            score.rows_extra += 1
            score.differences.append(f"{expected['form_id']}: line {row['line']}: extra row "
                                     f"({row['name']!r})")


def score_file(golden: dict, document=None) -> Score:
    document = document or extract_for(golden)
    actual = {form.form_id: flat_form(form) for form in document.forms}
    total = Score()
    for expected in golden["forms"]:
        total.add(compare_form(expected, actual.get(expected["form_id"])))
    return total


def wild_output(stem: str, folder: Path = WILD_DIR) -> dict | None:
    """The extracted document of a golden pair's text (or of the file named, with its
    extension), as JSON."""
    name = stem if (folder / stem).is_file() else f"{stem}.txt"
    document = extract_document(folder / name, display_path=name)
    return json.loads(document.model_dump_json())


def built_output(stem: str) -> dict | None:
    """A built document is text or a file of another format."""
    source = next(path for path in sorted(BUILT_DIR.glob(f"{stem}.*")) if path.suffix != ".json")
    return wild_output(source.name, BUILT_DIR)


def converted_scores() -> list[FileScore]:
    """Each converter's output of a built document, scored against that document's gold;
    the family is the converter (`pdftotext_layout`, `libreoffice`, …)."""
    scores = []
    for path in sorted(CONVERTED_DIR.glob("*.*.*")):
        stem, tool = path.name.split(".")[:2]
        gold = load(BUILT_DIR / f"{stem}.json")
        score = score_document(gold, wild_output(path.name, CONVERTED_DIR))
        score.stem, score.family = path.name, tool
        scores.append(score)
    return scores


def report_strict(folder: Path, verbose: bool) -> Score:
    overall = Score()
    for path in golden_files(folder):
        golden = load(path)
        document = extract_for(golden)
        score = score_file(golden, document)
        overall.add(score)
        rows = sum(len(f.indicators) for f in document.forms)
        print(f"{path.stem}: forms {len(document.forms)}/{golden['form_count']} "
              f"indicators {rows}/{golden['indicator_count']} "
              f"fields {score.field_accuracy:.1%} rows {score.indicator_accuracy:.1%} "
              f"({score.rows_right}/{score.rows_golden}, extra {score.rows_extra}) "
              f"totals {score.totals_right}/{score.totals_checked}")
        if verbose:
            for line in score.differences:
                print("   ", line)
    print(f"ALL: fields {overall.field_accuracy:.2%} indicator rows {overall.indicator_accuracy:.2%} "
          f"totals {overall.totals_right}/{overall.totals_checked}")
    return overall


def main(argv: list[str]) -> None:
    from tests.gold_score import report, score_folder

    verbose = "-v" in argv
    chosen = [a for a in argv if not a.startswith("-")] or ["samples", "wild", "built", "converted",
                                                            "heldout", "measurement"]
    if "samples" in chosen:
        print("== samples (tests/golden, by source line)")
        report_strict(GOLDEN_DIR, verbose)
    if "heldout" in chosen:
        print("== held-out styles (tests/heldout, by source line)")
        report_strict(HELDOUT_DIR, verbose)
    if "wild" in chosen:
        report(score_folder(WILD_DIR, wild_output), "wild corpus (tests/golden/wild)", verbose)
    if "built" in chosen:
        report(score_folder(BUILT_DIR, built_output),
               "built documents (tests/golden/built)", verbose)
    if "converted" in chosen:
        report(converted_scores(), "built documents through real converters (tests/golden/converted)",
               verbose)
    if "measurement" in chosen and MEASUREMENT_DIR.is_dir():
        report(score_folder(MEASUREMENT_DIR, lambda stem: wild_output(stem, ROOT / "samples")),
               "samples scored with the measurement's gold (../shared/eval/gold_seeds)", verbose)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
