"""Score extraction against golden records in the measurement's format (GOLD.md).

The wild corpus goldens (tests/golden/wild/) are written in the format of
`../shared/eval/GOLD.md`, so the project measures itself the way it is
measured: forms matched by position and confirmed by name, header fields
compared after normalisation, indicator rows matched by name within their
scope and counted exact when level 1, level 2, name, scope and target (op,
value, unit, or text) all agree — and, on self-evaluation forms, actual,
weight and score too, where the golden records them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path

FIELDS = ("kind", "fiscal_year", "department", "implementing_unit", "project_name", "project_code",
          "unit_code", "funding_total", "funding_annual")
SELF_EVALUATION_FIELDS = ("form_type", "self_score", "funding_executed", "funding_execution_rate")


def norm(value: object) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"\s+", "", text)
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    text = text.replace("【", "[").replace("】", "]").replace("〔", "[").replace("〕", "]")
    return text.rstrip("。.;；,，") or None


def dec(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal((norm(value) or "").replace(",", ""))
    except InvalidOperation:
        return None


def same_value(a: object, b: object) -> bool:
    da, db = dec(a), dec(b)
    if da is not None or db is not None:
        return da == db
    return norm(a) == norm(b)


def same_target(gold: dict | None, out: dict | None) -> bool:
    gold, out = gold or {}, out or {}
    if gold.get("value") is None:
        return out.get("value") is None and norm(gold.get("text")) in {norm(out.get("text")),
                                                                     norm(out.get("raw"))}
    return (norm(gold.get("op")) == norm(out.get("op")) and dec(gold.get("value")) == dec(out.get("value"))
            and norm(gold.get("unit")) == norm(out.get("unit")) and out.get("text") is None)


def same_actual(gold: object, out: dict | None) -> bool:
    """The golden's actual is the printed text; the output's is a target-shaped reading."""
    if gold is None:
        return out is None or out.get("raw") is None
    if out is None:
        return False
    return norm(gold) in {norm(out.get("raw")), norm(out.get("text"))} or (
        dec(gold) is not None and dec(gold) == dec(out.get("value")))


def similarity(a: object, b: object) -> float:
    a, b = norm(a) or "", norm(b) or ""
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


@dataclass
class FileScore:
    stem: str
    family: str = "?"
    forms: int = 0
    forms_found: int = 0
    fields: int = 0
    fields_ok: int = 0
    rows: int = 0
    rows_found: int = 0
    rows_exact: int = 0
    rows_out: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: FileScore) -> None:
        for name in ("forms", "forms_found", "fields", "fields_ok", "rows", "rows_found",
                     "rows_exact", "rows_out"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(f"{other.stem}: {miss}" for miss in other.misses)

    def line(self) -> str:
        return (f"forms {self.forms_found}/{self.forms} fields {self.fields_ok}/{self.fields} "
                f"rows found {self.rows_found}/{self.rows} exact {self.rows_exact}/{self.rows} "
                f"out {self.rows_out}")

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def forms_rate(self) -> float:
        return self.ratio(self.forms_found, self.forms)

    @property
    def fields_rate(self) -> float:
        return self.ratio(self.fields_ok, self.fields)

    @property
    def exact_rate(self) -> float:
        return self.ratio(self.rows_exact, self.rows)


def out_field(form: dict, name: str) -> object:
    funding = form.get("funding") or {}
    return {"funding_total": funding.get("total"), "funding_annual": funding.get("annual"),
            "funding_executed": funding.get("executed"),
            "funding_execution_rate": funding.get("execution_rate")}.get(name, form.get(name))


def match_form(gold: dict, outs: list[dict], used: set[int]) -> int | None:
    candidates = [i for i in range(len(outs)) if i not in used]
    for i in candidates:
        if str(outs[i].get("form_id", "")).endswith(f"#{gold['ordinal']}") and (
                gold.get("project_name") is None
                or similarity(gold.get("project_name"), outs[i].get("project_name")) >= 0.6):
            return i
    best, best_score = None, 0.0
    for i in candidates:
        if outs[i].get("kind") != gold.get("kind"):
            continue
        score = similarity(gold.get("project_name") or gold.get("department"),
                           outs[i].get("project_name") or outs[i].get("department"))
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 0.8 else None


def score_document(gold: dict, out: dict | None) -> FileScore:
    result = FileScore(stem=Path(gold["source"]).stem, family=gold.get("layout", "?"))
    outs = (out or {}).get("forms", [])
    used: set[int] = set()
    for gold_form in gold["forms"]:
        result.forms += 1
        rows = [row for row in gold_form.get("indicators", []) if row.get("name")]
        result.rows += len(rows)
        fields = [f for f in (*FIELDS, *SELF_EVALUATION_FIELDS)
                  if f in gold_form and gold_form[f] != "__skip__"]
        found = match_form(gold_form, outs, used)
        if found is None:
            result.fields += len(fields)
            result.misses.append(f"form #{gold_form['ordinal']} {gold_form.get('project_name')}: "
                                 "not found")
            continue
        used.add(found)
        out_form = outs[found]
        result.forms_found += 1
        for name in fields:
            result.fields += 1
            if same_value(gold_form.get(name), out_field(out_form, name)):
                result.fields_ok += 1
            else:
                result.misses.append(f"form #{gold_form['ordinal']} {name}: gold={gold_form.get(name)!r} "
                                     f"out={out_field(out_form, name)!r}")
        _score_rows(gold_form, rows, out_form, result)
    return result


def _score_rows(gold_form: dict, rows: list[dict], out_form: dict, result: FileScore) -> None:
    scopes = {row.get("scope") for row in rows}
    outs = [row for row in out_form.get("indicators", []) if row.get("scope") in scopes] if rows else []
    if not gold_form.get("indicators_partial"):
        result.rows_out += len(outs)
    taken: set[int] = set()
    for gold in rows:
        best, best_score = None, 0.0
        for k, out in enumerate(outs):
            if k in taken or out.get("scope") != gold.get("scope"):
                continue
            score = similarity(gold["name"], out.get("name"))
            if score > best_score:
                best, best_score = k, score
        if best is None or best_score < 0.85:
            result.misses.append(f"form #{gold_form['ordinal']} row missing: {gold['name']}")
            continue
        taken.add(best)
        out = outs[best]
        result.rows_found += 1
        wrong = _row_differences(gold, out)
        if not wrong:
            result.rows_exact += 1
        else:
            result.misses.append(f"form #{gold_form['ordinal']} row {gold['name'][:24]!r}: "
                                 + "; ".join(wrong))


def _row_differences(gold: dict, out: dict) -> list[str]:
    wrong = []
    for level in ("level1", "level2"):
        if gold.get(level) != "__skip__" and gold.get(level) != out.get(level):
            wrong.append(f"{level} {gold.get(level)} != {out.get(level)}")
    if norm(gold["name"]) != norm(out.get("name")):
        wrong.append(f"name {gold['name']!r} != {out.get('name')!r}")
    if not same_target(gold.get("target"), out.get("target")):
        wrong.append(f"target {gold.get('target')} != {out.get('target')}")
    if "actual" in gold and not same_actual(gold["actual"], out.get("actual")):
        wrong.append(f"actual {gold['actual']!r} != {(out.get('actual') or {}).get('raw')!r}")
    for number in ("weight", "score"):
        if number in gold and dec(gold[number]) != dec(out.get(number)):
            wrong.append(f"{number} {gold[number]} != {out.get(number)}")
    return wrong


def score_folder(gold_dir: Path, output_for: Callable[[str], dict | None]) -> list[FileScore]:
    """One FileScore per golden file; `output_for(stem)` gives the document JSON (or None)."""
    scores = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        scores.append(score_document(gold, output_for(Path(gold["source"]).stem)))
    return scores


def report(scores: list[FileScore], title: str, verbose: bool = True) -> FileScore:
    total = FileScore(stem="ALL")
    families: dict[str, FileScore] = {}
    print(f"== {title}")
    for score in scores:
        total.add(score)
        families.setdefault(score.family, FileScore(stem=score.family)).add(score)
        print(f"{score.stem} [{score.family}]: {score.line()}")
        if verbose:
            for miss in score.misses[:30]:
                print("    ", miss)
    if len(families) > 1:
        print("-- per layout family")
        for family, score in sorted(families.items()):
            print(f"{family}: {score.line()}")
    print(f"ALL: forms {total.forms_rate:.3f} fields {total.fields_rate:.3f} "
          f"rows exact {total.exact_rate:.3f} ({total.rows_exact}/{total.rows}, "
          f"found {total.rows_found}, out {total.rows_out})")
    return total
