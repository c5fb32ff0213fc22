"""Accuracy against the hand-written golden sets — the bars the project holds itself to.

- tests/golden/<sample>.json: the five samples, row by row by source line (CONVENTIONS.md).
- tests/golden/wild/: 32 real published documents (golden pairs <stem>.txt / <stem>.json,
  in the measurement's format), scored the way the project is measured.
- ../shared/eval/gold_seeds: the measurement's own gold for the samples, where it is beside
  this checkout.

`python -m tests.golden_support -v` prints every difference; `pytest -s` prints the report.
The bars below are the figures reached, so a change that loses accuracy fails here; the
README's Accuracy section has the numbers and what is still missed.
"""

from __future__ import annotations

import os

import pytest

from tests.gold_score import FileScore, score_folder
from tests.golden_support import (
    BUILT_DIR,
    GOLDEN_DIR,
    MEASUREMENT_DIR,
    ROOT,
    WILD_DIR,
    Score,
    built_output,
    converted_scores,
    golden_files,
    load,
    score_file,
    wild_output,
)

GOLDEN = [load(path) for path in golden_files()]
WILD = sorted(WILD_DIR.glob("*.json"))
BUILT = sorted(BUILT_DIR.glob("*.json"))
# samples whose every form and row is read by the project's golden: counts must be exact
EXACT_COUNTS = {"000_78038c64ab0faba2", "001_c8ab50cc96e69180", "002_a3265b0de3e5410e",
                "004_1c981b526f6e6f3d"}


def test_golden_sets_are_broad_and_hand_written():
    assert len(GOLDEN) == 5, "one golden file per sample"
    assert len(WILD) == 32 and all(path.with_suffix(".txt").exists() for path in WILD)
    assert os.environ.get("UPDATE_GOLDEN") in (None, "", "0"), "goldens are written by reading"
    for golden in GOLDEN:
        assert golden.get("checked_by"), f"{golden['source']} does not say who checked it"
    for path in WILD:
        golden = load(path)
        assert golden["annotated"] and all(form.get("notes") for form in golden["forms"])


@pytest.mark.parametrize("golden", [g for g in GOLDEN if g["source"].split("/")[-1][:-4]
                                    in EXACT_COUNTS], ids=lambda g: g["source"])
def test_sample_form_and_indicator_counts(golden, documents):
    document = documents[golden["source"].rsplit("/", 1)[1].removesuffix(".txt")]
    assert len(document.forms) == golden["form_count"]
    rows = sum(len(form.indicators) for form in document.forms)
    assert abs(rows - golden["indicator_count"]) <= 1


def test_sample_accuracy(documents):
    overall, clean = Score(), Score()
    for golden in GOLDEN:
        stem = golden["source"].rsplit("/", 1)[1].removesuffix(".txt")
        score = score_file(golden, documents[stem])
        print(f"\n{stem}: fields {score.field_accuracy:.1%}, indicator rows "
              f"{score.indicator_accuracy:.1%} ({score.rows_right}/{score.rows_golden})")
        overall.add(score)
        if stem in EXACT_COUNTS:
            clean.add(score)
    assert clean.indicator_accuracy >= 0.97, "\n".join(clean.differences)
    assert clean.field_accuracy >= 0.97, "\n".join(clean.differences)
    # sample 003 (OCR of printed tables laid out by tabs) read 39/82 rows before its cut
    # headings and cells were joined, 72/82 since: all samples 79 % then, 92 % now
    assert overall.indicator_accuracy >= 0.89, "\n".join(overall.differences)
    assert overall.totals_right >= 38, "\n".join(overall.differences)


def _report(scores: list[FileScore]) -> FileScore:
    total = FileScore(stem="ALL")
    for score in scores:
        total.add(score)
        print(f"\n{score.stem} [{score.family}]: {score.line()}")
    return total


def test_wild_corpus_accuracy():
    total = _report(score_folder(WILD_DIR, wild_output))
    misses = "\n".join(f"{s.stem}: {m}" for s in score_folder(WILD_DIR, wild_output)
                       for m in s.misses)
    assert total.forms_rate >= 0.96, misses
    assert total.fields_rate >= 0.94, misses
    assert total.exact_rate >= 0.95, misses


COLUMN_BY_COLUMN = {"t41_project_ocr_two_columns_scrambled", "t43_department_pdftotext_raw"}
# Real OCR engine outputs whose reading order is not rebuilt yet (README: documented
# hard cases): s65 and t163, forms whose cells are vertically centred, so every heading
# and many names stand split around their rows' values; t149, a page turned 0.8°, so the
# engine lists most rows' value, unit and remark before the row's name.
ENGINE_ORDER = {"s65_jilin_rapidocr_lines_department_self_eval", "t149_ningxia_rapidocr_lines_project",
                "t163_shandong_rapidocr_lines_centred_department"}


def _built_source(stem: str):
    return next(path for path in sorted(BUILT_DIR.glob(f"{stem}.*")) if path.suffix != ".json")


def _self_evaluation(path) -> bool:
    return any(form.get("form_type") == "self_evaluation" for form in load(path)["forms"])


def _session(stem: str) -> int | None:
    """The session whose sets brought a built document, where that session holds its
    documents to floors of their own (they brought tools' text the reader does not read
    yet, README): the sixteenth (t171–t203, s75–s92), the seventeenth (t204–t227,
    s93–s107), the eighteenth (t228–t244, s108–s117), the nineteenth (t245–t258,
    s118–s124), the twentieth (t259–t288, s125–s142), the twenty-first (t289–t304,
    s143–s150), the twenty-second (t305–t318, s151–s160), the twenty-third (t319–t338,
    s161–s170), the twenty-fourth (t339–, s171–); None for the older ones, held to the bars."""
    kind, number = stem[0], int(stem.split("_")[0][1:])
    if kind == "t" and number >= 339 or kind == "s" and number >= 171:
        return 24
    if kind == "t" and number >= 319 or kind == "s" and number >= 161:
        return 23
    if kind == "t" and number >= 305 or kind == "s" and number >= 151:
        return 22
    if kind == "t" and number >= 289 or kind == "s" and number >= 143:
        return 21
    if kind == "t" and number >= 259 or kind == "s" and number >= 125:
        return 20
    if kind == "t" and number >= 245 or kind == "s" and number >= 118:
        return 19
    if kind == "t" and number >= 228 or kind == "s" and number >= 108:
        return 18
    if kind == "t" and number >= 204 or kind == "s" and number >= 93:
        return 17
    if kind == "t" and number >= 171 or kind == "s" and number >= 75:
        return 16
    return None


# forms, fields and rows exactly right: floors a little under what each session's documents
# read now (README: the sixteenth's 51 forms 0.93, fields 0.90, rows 0.84; the seventeenth's
# 39, tesseract's damaged modes, markitdown's PDF fragments, PDFBox's single spaces,
# forms 1.00, fields 0.96, rows 0.88; the eighteenth's 27, single spaces between cells,
# forms 1.00, fields 0.97, rows 0.86; the nineteenth's 21, OCR under a red seal, forms 1.00,
# fields 0.97, rows 0.91; the twentieth's 48, Ghostscript's txtwrite, pdfminer's column
# blocks and tesseract's hOCR among them, forms 1.00, fields 0.98, rows 0.83; the
# twenty-first's 24, RTF, OpenDocument and tesseract's TSV and ALTO among them, forms 1.00,
# fields 0.98, rows 0.88; the twenty-second's 24, word-box outputs, wiki markup and more
# tesseract among them, forms 1.00, fields 0.96, rows 0.88; the twenty-third's 18, scrapers'
# text, spreadsheet converters, Word's controls and poorer scans among them, forms 1.00,
# fields 0.96, rows 0.98; the twenty-fourth's 18, pdftotext -layout of Word, Calc and
# Chromium PDFs among them, forms 1.00, fields 0.95, rows 0.78)
SESSION_FLOORS = {16: (0.92, 0.89, 0.82), 17: (0.97, 0.94, 0.85), 18: (0.96, 0.95, 0.85),
                  19: (0.95, 0.95, 0.88), 20: (0.97, 0.96, 0.80), 21: (0.97, 0.96, 0.85),
                  22: (0.97, 0.95, 0.85), 23: (0.97, 0.94, 0.95), 24: (0.97, 0.93, 0.75)}
# their self-evaluation forms' rows (README: the sixteenth's 18 0.81, the seventeenth's 15
# 0.77, the eighteenth's 10 0.80, the nineteenth's 7 0.97, the twentieth's 18 0.83, the
# twenty-first's 8 0.88, the twenty-second's 10 0.86, the twenty-third's 6 0.94, the
# twenty-fourth's 6 0.81)
SESSION_SELF_EVALUATION_FLOORS = {16: 0.80, 17: 0.72, 18: 0.78, 19: 0.90, 20: 0.80, 21: 0.85,
                                  22: 0.82, 23: 0.90, 24: 0.78}


def test_built_documents():
    """Hand-written documents in templates and layouts the wild set leaves thin
    (tests/golden/built: s* are 绩效自评表, t* target forms), each scored before the code
    was changed for it (the README has those first figures)."""
    assert len(BUILT) >= 4 and all(_built_source(path.stem) for path in BUILT)
    every = score_folder(BUILT_DIR, built_output)
    for session, (forms, fields, rows) in SESSION_FLOORS.items():
        latest = _report([score for score in every if _session(score.stem) == session])
        assert latest.forms_rate >= forms and latest.fields_rate >= fields, "\n".join(latest.misses)
        assert latest.exact_rate >= rows, "\n".join(latest.misses)
    scores = [score for score in every if _session(score.stem) is None]
    total = _report(scores)
    assert total.forms_rate >= 0.98 and total.fields_rate >= 0.98, "\n".join(total.misses)
    # Two documents print their table column after column with the rows' own order lost
    # too: t41, an OCR of a two-column scan, and t43, pdftotext's reading order of a Word
    # table (a late name, values of three rows in one run); two more come in an OCR
    # engine's order (ENGINE_ORDER). Rows are not rebuilt from such text yet (README:
    # documented hard cases). Where each column keeps its order (t126, t158: names and
    # values in runs, labels stacked), readers/column_order.py rebuilds the rows, and
    # every other document's rows are held to the bar: 0.98 until the fifteenth session,
    # whose twelve documents of real tools' text (tesseract's damage, a PDF's single-space
    # rows, RapidOCR's boxes) brought rows not read yet (README: 0.978 then).
    read = FileScore(stem="read")
    for score in scores:
        if score.stem not in COLUMN_BY_COLUMN | ENGINE_ORDER:
            read.add(score)
    assert read.exact_rate >= 0.975, "\n".join(read.misses)


# rows exactly right per converter, a little under what is read now (README: the converted
# set, first score → now); plain pdftotext's column-by-column order is read poorly
CONVERTED_BARS = {"libreoffice": 0.98, "pdftotext_layout": 0.75, "pdftotext": 0.15,
                  "pdftotext_raw": 0.33, "pdftohtml": 0.95, "libreoffice_text": 0.90,
                  "libreoffice_html": 0.98, "libreoffice_docx": 0.98, "libreoffice_csv": 0.70,
                  "scan_gray": 0.97, "scan_fax": 0.97, "scan_stamped": 0.95,
                  "libreoffice_xls": 0.98, "screenshot": 0.97,
                  "scan_sideways": 0.97, "photo": 0.95,
                  "pdf_rotated": 0.98, "pdf_sideways": 0.98,
                  "pdftotext_radicals": 0.95, "html_radicals": 0.98,
                  "pdf_unmapped": 0.95, "word_mht": 0.98,
                  "docx_altchunk": 0.98, "libreoffice_doc": 0.98}


def test_converted_documents():
    """Built documents as real converters wrote them (tests/golden/converted): LibreOffice's
    PDF, and poppler's pdftotext with and without -layout, each scored against the built
    document's gold, per converter."""
    families: dict[str, FileScore] = {}
    for score in converted_scores():
        families.setdefault(score.family, FileScore(stem=score.family)).add(score)
    assert set(families) == set(CONVERTED_BARS)
    for family, score in families.items():
        assert score.exact_rate >= CONVERTED_BARS[family], (family, score.line(), score.misses)


def test_self_evaluation_rows_right_on_target_actual_weight_and_score():
    """Issue 10's bar: the rows of every self-evaluation form, the wild corpus's (025–032) and
    the built ones, exactly right on target, actual, weight and score (≥ 95 %)."""
    wild = [path for path in WILD if _self_evaluation(path)]
    assert len(wild) == 8
    scores = [score for score in score_folder(WILD_DIR, wild_output)
              if score.stem in {path.stem for path in wild}]
    built = {path.stem for path in BUILT if _self_evaluation(path)}
    assert len(built) >= 4
    read = [score for score in score_folder(BUILT_DIR, built_output) if score.stem in built]
    scores += [score for score in read if _session(score.stem) is None]
    total = _report(scores)
    assert total.exact_rate >= 0.95, "\n".join(total.misses)
    for session, floor in SESSION_SELF_EVALUATION_FLOORS.items():
        latest = _report([score for score in read if _session(score.stem) == session])
        assert latest.exact_rate >= floor, "\n".join(latest.misses)


@pytest.mark.skipif(not MEASUREMENT_DIR.is_dir(), reason="../shared/eval is not beside this checkout")
def test_samples_scored_with_the_measurements_gold():
    total = _report(score_folder(MEASUREMENT_DIR,
                                 lambda stem: wild_output(stem, ROOT / "samples")))
    assert total.forms_rate == 1.0
    assert total.fields_rate >= 0.97
    assert total.exact_rate >= 0.85


def test_golden_dir_holds_only_golden_pairs_and_notes():
    assert {path.suffix for path in WILD_DIR.iterdir()} <= {".json", ".txt", ".md"}
    assert {path.suffix for path in BUILT_DIR.iterdir()} <= {".json", ".txt", ".md", ".html", ".docx",
                                                            ".xlsx", ".xls", ".pdf", ".png", ".jpg", ".htm",
                                                            ".doc", ".mht", ".csv", ".tif", ".webp", ".eml",
                                                            ".rtf", ".odt", ".ods", ".tsv", ".xml", ".rst",
                                                            ".adoc", ".wiki", ".wps", ".et", ".xlsm"}
    assert (GOLDEN_DIR / "CONVENTIONS.md").exists()
