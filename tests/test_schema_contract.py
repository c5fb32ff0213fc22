"""schemas/ and RECORD.md must agree: every field the contract names exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.record import Form, Funding, FundingLine, Indicator, Source, Target

SPEC = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "RECORD.md"


@pytest.mark.skipif(not SPEC.exists(), reason="shared/spec is not beside this checkout")
def test_form_fields_of_record_md_exist():
    text = SPEC.read_text(encoding="utf-8")
    section = text.split("## Form", 1)[1].split("### attributes", 1)[0]
    names = [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")]
    assert names and set(names) <= set(Form.model_fields)


def test_nested_fields():
    assert {"scope", "level1", "level1_raw", "level2", "level2_raw", "name", "description",
            "target", "basis", "history", "weight", "actual", "score", "deviation",
            "line", "location"} == set(Indicator.model_fields)
    assert {"raw", "op", "value", "unit", "text"} == set(Target.model_fields)
    assert {"source", "scope", "amount", "raw"} == set(FundingLine.model_fields)
    assert {"unit", "total", "annual", "executed", "execution_rate", "lines"} == set(Funding.model_fields)
    assert {"path", "key", "sha256", "bytes", "format", "encoding", "layout"} == set(Source.model_fields)
