"""Every golden form printed in every text layout family comes back as its golden record.

tests/render/text.py prints each golden document of the wild corpus as one file
per layout family, with mild seeded noise (stray spaces
in labels and before values, wrapped cells, blank merged cells, trailing
separators). The reader must find the forms, their header fields and their
indicator rows again, scored the way the golden set is scored
(tests/gold_score.py: level 1, level 2, name, scope and target; actual, weight
and score on self-evaluation forms).

The bars are what the reader reaches today, kept as a floor; the README's
Accuracy section lists the rows it still misses and why.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import pytest

from extract.pipeline import extract_bytes
from tests.gold_score import FileScore, score_document
from tests.render.canonical import canonical_forms
from tests.render.text import FAMILIES, render_text

WILD = Path(__file__).resolve().parent / "golden" / "wild"

# family → (forms found, header fields, indicator rows exactly right)
BARS = {
    "tab_rows": (1.0, 0.99, 0.97),
    "csv_rows": (1.0, 0.99, 0.97),
    "pipe_rows": (1.0, 0.99, 0.96),
    "grid_rows": (1.0, 0.99, 0.97),
    "box_rows": (1.0, 0.99, 0.97),
    "cell_lines": (1.0, 0.99, 0.97),
    "blank_cells": (1.0, 0.99, 0.97),
    "space_runs": (1.0, 0.99, 0.94),
    "space_rows": (1.0, 0.99, 0.94),
    "run_together": (1.0, 0.99, 0.84),  # name and value glued with no value pattern between
}


@pytest.fixture(scope="module")
def documents() -> list[tuple[str, list]]:
    """The wild corpus's golden documents (in the repository, so the figures do not depend
    on what else is beside the checkout)."""
    forms = [form for form in canonical_forms() if (WILD / f"{_stem(form)}.json").is_file()]
    return [(stem, list(group)) for stem, group in groupby(forms, key=_stem)]


def _stem(form) -> str:
    return form.key.split("#")[0]


def _score(family: str, documents: list[tuple[str, list]]) -> FileScore:
    total = FileScore(stem=family, family=family)
    for stem, forms in documents:
        text = render_text(forms, family)
        out = extract_bytes(text.encode("utf-8"), f"{stem}.txt", stem, f"{family}/{stem}.txt")
        gold = {"source": f"{stem}.txt", "forms": [form.gold for form in forms]}
        total.add(score_document(gold, out.model_dump(mode="json")))
    return total


def test_every_family_is_rendered():
    assert set(BARS) == set(FAMILIES)


@pytest.mark.parametrize("family", FAMILIES)
def test_golden_forms_come_back_from_each_text_family(family, documents):
    result = _score(family, documents)
    forms_bar, fields_bar, rows_bar = BARS[family]
    assert result.rows == 179 and result.forms == 33  # the whole wild set was rendered
    assert result.forms_rate >= forms_bar, result.line()
    assert result.fields_rate >= fields_bar, result.line()
    assert result.exact_rate >= rows_bar, "\n".join([result.line(), *result.misses[:30]])


def test_the_text_of_a_family_is_read_as_that_family(documents):
    """The router names the family a rendering was printed in (on a document whose table
    is large enough to tell)."""
    stem, forms = next((stem, forms) for stem, forms in documents if stem.startswith("003_fuliang"))
    for family in FAMILIES:
        text = render_text(forms, family)
        layout = extract_bytes(text.encode("utf-8"), f"{stem}.txt", stem, stem).source.layout
        assert layout == family, (family, layout)
