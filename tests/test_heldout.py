"""Documents in styles the seeds lack, hand-written with hand-checked records
(tests/heldout/): web pages with `|` tables, traditional characters, amounts in
元, space-aligned rows, cells run together, several projects in one table."""

from __future__ import annotations

import pytest

from tests.golden_support import HELDOUT_DIR, Score, extract_for, golden_files, load, score_file

HELDOUT = [load(path) for path in golden_files(HELDOUT_DIR)]


@pytest.mark.parametrize("golden", HELDOUT, ids=[g["source"] for g in HELDOUT])
def test_heldout_document(golden):
    document = extract_for(golden)
    assert len(document.forms) == golden["form_count"]
    assert sum(len(form.indicators) for form in document.forms) == golden["indicator_count"]
    score: Score = score_file(golden, document)
    assert score.differences == [], "\n".join(score.differences)
