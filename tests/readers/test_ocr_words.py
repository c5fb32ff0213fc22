"""An OCR engine's words laid out by their boxes: ruled lines read as words, and lines read twice."""

from __future__ import annotations

import pytest

from extract.readers.ocr_words import OcrWord, without_copies, without_rules, words_laid_out
from extract.readers.positioned import Piece


def _word(text: str, left: float, line: int, confidence: float = 0.9, top: float = 100,
          width: float | None = None, tall: float = 36) -> OcrWord:
    wide = 36.0 * len(text) if width is None else width
    return OcrWord(Piece(0, top + tall / 2, left, text, tall, wide), line, top, top + tall, confidence)


@pytest.mark.parametrize(("texts", "kept", "opening"), [
    (["年度指标值", "|", "实际完成值"], ["年度指标值", "实际完成值"], ["实际完成值"]),
    (["”|", "二级指标"], ["二级指标"], ["二级指标"]),
    (["[证", "分值|"], ["证", "分值"], ["证"]),
    (["“放管服”", "改革"], ["“放管服”", "改革"], []),  # quotes inside a word are print
    (["”", "项目"], ["”", "项目"], []),  # a quote alone is no rule
])
def test_ruled_lines_read_as_words_are_taken_off_and_part_the_cells(texts, kept, opening):
    words = [_word(text, 100 + 300 * k, line=1) for k, text in enumerate(texts)]
    left = without_rules(words)
    assert [word.piece.text for word in left] == kept
    assert [word.piece.text for word in left if word.piece.opens] == opening


def test_a_line_read_twice_loses_the_copy_the_engine_was_less_sure_of():
    sure = [_word("二级指标", 400, 2, 0.96), _word("年度指标值", 1000, 2, 0.93)]
    copy = [_word("三", 300, 1, 0.9, top=96, width=30),  # no word of the sure line is there
            _word("虽", 480, 1, 0.75, top=96, width=30), _word("度", 1050, 1, 0.87, top=96, width=30),
            _word("指", 1100, 1, 0.91, top=96, width=30)]
    below = [_word("受益人数", 400, 3, 0.5, top=200)]  # another printed line: not compared
    left = without_copies(copy + sure + below)
    assert sorted(word.piece.text for word in left) == ["三", "二级指标", "受益人数", "年度指标值"]


def test_words_that_touch_at_an_edge_are_both_kept():
    first, second = _word("城镇新增", 100, 1, 0.5), _word("就业人数", 100 + 36 * 4 - 5, 2, 0.9)
    assert without_copies([first, second]) == [first, second]


def test_a_page_too_short_for_a_form_is_none_and_a_text_layer_keeps_its_marks():
    words = [_word(f"字{k}", 100 + 200 * (k % 5), line=k // 5, top=100 + 50 * (k // 5)) for k in range(25)]
    assert words_laid_out(words[:10], [36.0]) is None
    marked = [*words, _word("[2024]", 1200, 0)]
    assert "[2024]" in "\n".join(words_laid_out(marked, [36.0], read_by_engine=False))
    assert "[2024]" not in "\n".join(words_laid_out(marked, [36.0]))
