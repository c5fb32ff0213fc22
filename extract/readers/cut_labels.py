"""Labels a laid-out page cut at its cells' line breaks, read whole again.

`pdftotext -layout` of a table with narrow columns prints a label, a heading or a
field's value wrapped in its cell over two lines, and where it stands depends on how
the page set the cell:

- centred on its row, the pieces frame the line the row's one-line cells stand on
  (`项目名` / `      职业技能提升行动培训补贴` / `称`, `一级指` / … / `标`);
- set at the row's top, the first piece stands on the row's line and the rest below it
  (`项目名 2025 年…` / `称`, `主管部门  涟溪县农业农村` / `局`).

Both passes rewrite the page's lines before any layout family reads them: where the
pieces together make a listed label or heading, or carry one value on beside its label,
the whole stands on one line at its column (the lines around keep their columns), and
the pieces leave their lines. Positions are taken in characters, or with CJK two columns
wide, whichever puts a piece under the other: a text tool lays a line out either way.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from extract.classify import (
    UNIT_FIELDS,
    classify,
    ends_as_unit,
    level_label,
    listed_heading,
    opens_level_label,
    whole_heading_role,
    whole_label,
)
from extract.readers.space_runs import display_width
from extract.settings import SETTINGS
from extract.vocab import vocabulary


def spread_labels(lines: list[str]) -> list[str]:
    """`项       目       名       称`: Word's distributed alignment (分散对齐) and labels
    typed with full-width spaces between their characters print a label a character at a
    time, the gaps as wide as a column's. Where such characters (each a piece of its own,
    two spaces apart or more) make a listed label together, or a level label's first
    characters (`质   量   指`, its tail wrapped below), they are read as the one word, at
    the first character's place; the spaces they free keep the rest of the line in its
    columns. A line that holds the run alone (`项 目 名 称`, its value on the line below) is
    left as printed: the layouts read such a label as they always have."""
    return [_spread_joined(line) for line in lines]


def _spread_joined(line: str) -> str:
    if not _LONE_CHARACTERS.search(line) or _SPACED_RUN.fullmatch(line.strip()) \
            or _SPREAD_RUN.fullmatch(line.strip()):
        return line
    return _SPREAD_RUN.sub(_stretches_joined, _SPACED_RUN.sub(_whole_run_joined, line))


def _whole_run_joined(run: regex.Match[str]) -> str:
    """A run of characters one space apart, joined where the whole run is one label (in
    text that spaces every character, `项 目 支 出 …`, a part joined would part a cell)."""
    word = run.group(0).replace(" ", "")
    return word.ljust(len(run.group(0))) if _label_fit(word) else run.group(0)


def _stretches_joined(run: regex.Match[str]) -> str:
    """The run with its characters parted into labels (`_label_stretches`), each written at
    its first character's place; characters that make none stay where they are."""
    text = run.group(0)
    places = [match.start() for match in _CHARACTER.finditer(text)]
    out = list(text)
    for start, end in _label_stretches([text[at] for at in places]):
        for at in places[start:end]:
            out[at] = " "
        word = "".join(text[at] for at in places[start:end])
        out[places[start]:places[start] + len(word)] = word
    return "".join(out)


def _label_stretches(characters: list[str]) -> list[tuple[int, int]]:
    """(start, end) of the stretches of characters that make labels, chosen to cover the most
    characters (`一级指标` `二级指标` `三级指标` `指标值`, not `一级指标二级`): a listed label
    counts its length, a looser one (`质量指`, a level label's opening) a little less."""
    count = len(characters)
    best: list[tuple[float, list[tuple[int, int]]]] = [(0.0, [])] * (count + 1)
    for end in range(1, count + 1):
        best[end] = best[end - 1]
        for start in range(end - 1):
            fit = _label_fit("".join(characters[start:end]))
            if fit and best[start][0] + fit > best[end][0]:
                best[end] = (best[start][0] + fit, [*best[start][1], (start, end)])
    return best[count][1]


def _label_fit(text: str) -> float:
    """How surely the text is one label: its length where listed, a little less where only
    classification or a level label's opening or tail reads it so, 0 where it is none."""
    if whole_label(text) or listed_heading(text) or level_label(text):
        return float(len(text))
    if any(level_label(text[:end]) for end in range(2, len(text))):
        return 0.0  # a level label and more, run together
    shortest, longest = _LOOSE_LABEL
    loose = len(text) >= shortest and (opens_level_label(text) or len(text) <= longest and (
        classify(text).is_label or text.endswith(vocabulary().marks.indicator_number)))
    return len(text) - _LOOSE if loose else 0.0


# characters of a label only classification or a level label's opening reads (`数数`, two
# headings' wrapped tails side by side, is none)
_LOOSE_LABEL = (3, 6)
_LOOSE = 0.5


# characters standing alone, two spaces or more apart (a run of them, two at least; one
# space apart they are one cell already, which classification reads without the spaces)
_SPREAD_RUN = regex.compile(r"(?<!\S)[\p{Han}（）](?: {2,}[\p{Han}（）](?!\S))+(?!\S)")
_SPACED_RUN = regex.compile(r"(?<!\S)[\p{Han}（）](?: [\p{Han}（）](?!\S))+(?!\S)")
_LONE_CHARACTERS = regex.compile(r"(?<!\S)[\p{Han}（）] +[\p{Han}（）](?!\S)")
_CHARACTER = regex.compile(r"\S")


def tails_listed_below(lines: list[str]) -> list[str]:
    """`一级指 二级指 三级指标 年度指标 实际完成 分值 得分` / `标` / `标` / `值` / `值`: plain
    `pdftotext` (no layout) prints a header row's line, its cells parted by single spaces,
    then each heading's wrapped tail at the margin on a line of its own, in the order of the
    headings. Where every such line completes the next heading piece after the last one
    completed (a piece that is no heading, or the same heading printed whole: `实际完成` /
    `值`), the headings are read whole on the last tail's line, the lines above left blank."""
    out = list(lines)
    for upper in range(len(out) - 1):
        pieces = out[upper].split(" ")
        if len(pieces) < _ROW_PIECES or not all(pieces) \
                or sum(1 for piece in pieces if classify(piece).column) < _ROW_PIECES:
            continue  # (single spaces only: a laid-out page sets a tail under its piece)
        tails = []
        while upper + 1 + len(tails) < len(out) and _TAIL.fullmatch(out[upper + 1 + len(tails)]):
            tails.append(out[upper + 1 + len(tails)])
        joined = _tails_on(pieces, tails) if tails else None
        if joined is not None:  # (on the last tail's line: no blank line between header and rows)
            out[upper: upper + 1 + len(tails)] = [""] * len(tails) + [" ".join(joined)]
    return out


_TAIL = regex.compile(r"\p{Han}{1,2}")


def _tails_on(pieces: list[str], tails: list[str]) -> list[str] | None:
    """The pieces with each tail on the next piece it makes a heading of; None where one
    finds no such piece."""
    joined, at = list(pieces), 0
    for tail in tails:
        while at < len(joined) and not _completed_by(joined[at], tail):
            at += 1
        if at == len(joined):
            return None
        joined[at] += tail
        at += 1
    return joined


def _completed_by(piece: str, tail: str) -> bool:
    """The piece and the tail make a heading as the vocabulary lists it, and the piece alone
    is none or the same one (`二级指标` / `据` is no heading's end)."""
    whole, alone = classify(piece + tail).column, classify(piece).column
    return whole is not None and alone in (None, whole) and listed_heading(piece + tail)


def framed_labels(lines: list[str]) -> list[str]:
    """`项目名` / `      职业技能提升行动培训补贴` / `称`: a PDF centres a one-line cell on the
    middle line of its row, and a label or heading its narrow cell wrapped frames that line,
    one piece on the line above and one on the line below, in the same column. Where the two
    pieces together are a listed label or heading (`项目名称`, `一级指标`, `年度指标值`,
    `偏差原因分析及改进措施`) and neither piece is one alone, the label is read whole on the
    middle line, at its column, beside what that line prints; both pieces leave their lines.
    A field's value wrapped around its label's line (`澄岭县学校建设服` / `实施单位` /
    `务中心`) is read whole beside the label the same way."""
    out = list(lines)
    for middle in range(1, len(lines) - 1):
        if not (out[middle - 1].strip() and out[middle].strip() and out[middle + 1].strip()) \
                or any("\t" in line for line in lines[middle - 1: middle + 2]):
            continue  # (tabs place no text where the page put it)
        for above, below in _framing_pieces(out[middle - 1], out[middle], out[middle + 1]):
            whole = above[1] + below[1]
            placed = _placed(out[middle], above[0], whole)
            if placed is None:
                continue
            out[middle] = placed
            out[middle - 1] = _blanked(out[middle - 1], *above)
            out[middle + 1] = _blanked(out[middle + 1], *below)
    return out


def _framing_pieces(upper: str, middle: str, lower: str
                    ) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """(piece above, piece below) pairs standing in one column, around a middle line that
    prints nothing over them, that make one label, or one value beside its label."""
    pairs: list[tuple[tuple[int, str], tuple[int, str]]] = []
    lows = _pieces(lower)
    for start, text in _pieces(upper):
        end = start + len(text)
        under = [(at, piece) for at, piece in lows if _stands_under(upper, start, text, lower, at, piece)
                 and all(at != taken[0] for _, taken in pairs)]
        if not under or middle[max(0, start - 1): end + 1].strip():
            continue
        below = min(under, key=lambda item: _off_centre(upper, start, text, lower, *item))
        if _label_framed(text, below[1]) or _value_framed((upper, start, text), middle, (lower, *below)):
            pairs.append(((start, text), below))
    return pairs


def _off_centre(upper: str, start: int, text: str, lower: str, at: int, piece: str) -> float:
    """How far the lower piece's middle stands from the upper one's, in the nearer measure."""
    by_characters = abs((start + len(text) / 2) - (at + len(piece) / 2))
    left, below = display_width(upper[:start]), display_width(lower[:at])
    by_display = abs((left + display_width(text) / 2) - (below + display_width(piece) / 2))
    return min(by_characters, by_display)


def _value_framed(top: tuple[str, int, str], middle: str, bottom: tuple[str, int, str]) -> bool:
    """`澄岭县学校建设服` / `实施单位` / `务中心`: a field's value its narrow cell wrapped frames
    the line its label stands on, right of the label, which has no value there; neither
    piece follows a label of its own line, and the two carry one text on (CJK to CJK)."""
    (upper, start, text), (lower, at, rest) = top, bottom
    label = _left_of(middle, start)
    if label is None or not classify(label).field or not whole_label(label):
        return False
    lefts = (_left_of(upper, start), _left_of(lower, at))
    if any(classify(piece).is_label for piece in (text, rest)) or \
            any(left is not None and classify(left).is_label for left in lefts):
        return False
    return bool(_HAN_END.search(text)) and bool(_HAN_START.match(rest))


def _left_of(line: str, start: int) -> str | None:
    """The piece of the line nearest left of `start`, if any."""
    before = [piece for at, piece in _pieces(line) if at + len(piece) <= start]
    return before[-1] if before else None


_HAN_END = regex.compile(r"\p{Han}$")
_ROW_PIECES = 2  # pieces of a laid-out row at least: a label and its value, or headings
_REST = 2  # characters a label's wrapped rest may have and be a word of its own (`部门`)
_HAN_START = regex.compile(r"\p{Han}")


def _stands_under(upper: str, start: int, text: str, lower: str, at: int, piece: str) -> bool:
    """The lower piece stands within the upper one's columns, give or take two, counting
    each character one column or CJK two (a text tool lays a line out either way, and a
    centred piece under a wider one may come out off by the CJK before them)."""
    if _within(start, text, at, piece):
        return True
    left, below = display_width(upper[:start]), display_width(lower[:at])
    return left - _FRAME_SLACK <= below and below + display_width(piece) <= \
        left + display_width(text) + _FRAME_SLACK


def _within(start: int, text: str, at: int, piece: str) -> bool:
    """The piece at `at` stands within the columns of `text` at `start`, give or take two."""
    return start - _FRAME_SLACK <= at and at + len(piece) <= start + len(text) + _FRAME_SLACK


def _label_framed(top: str, bottom: str) -> bool:
    whole = top + bottom
    if whole_label(whole) and not classify(top).is_label:
        return True  # (`主管` / `部门`: the second piece may be a word of its own)
    if whole_label(bottom) or listed_heading(top) and listed_heading(bottom) and not listed_heading(whole):
        return False  # (a heading over another of its own: `绩效指标分类` over `优`, a sub-header)
    role = whole_heading_role(whole)
    return role is not None and whole_heading_role(top) in (None, role) \
        and (whole_heading_role(bottom) in (None, role) or len(bottom) == 1) \
        and len(whole) <= SETTINGS.max_column_heading_length  # (`值` alone reads as 指标值)


def wrapped_down(lines: list[str]) -> list[str]:
    """`项目名  2025 年高标准农田建设项目` / `称`, `一级` / `指标`: a page that sets its cells at
    their tops prints a label its narrow cell wrapped on its row's line and the rest on the
    line below, in its column. Where the two pieces together are a listed label or heading
    and the first is none, the label is read whole on the first line; then a field's value
    wrapped the same way (`主管部门  涟溪县农业农村` / `局`) is read whole beside its label."""
    out = list(lines)
    for joins in (_label_framed, None):
        for upper in range(len(out) - 1):
            if " " not in out[upper].strip() or "\t" in out[upper] or "\t" in out[upper + 1] \
                    or not out[upper + 1].strip():
                continue
            while _join_wrapped_down(out, upper, joins):
                pass  # one join at a time: a push moves the pieces after it
    return out


def _join_wrapped_down(out: list[str], upper: int, joins: Callable[[str, str], bool] | None) -> bool:
    """Join the first piece of line `upper` whose rest stands below it; whether one was."""
    for (start, text), (at, rest) in _pieces_wrapped_down(out[upper], out[upper + 1], joins):
        placement = _placement(_blanked(out[upper], start, text), start, text + rest)
        if placement is not None:
            out[upper], where, push = placement
            out[upper + 1] = _pushed(_blanked(out[upper + 1], at, rest), where, push)
            return True
    return False


def _pieces_wrapped_down(upper: str, lower: str, joins: Callable[[str, str], bool] | None
                         ) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """(piece, its rest on the line below) pairs: labels that `joins` (a label's pieces), or
    with None the value after a field label, carried on CJK to CJK, under it alone."""
    pairs: list[tuple[tuple[int, str], tuple[int, str]]] = []
    ups, lows = _pieces(upper), _pieces(lower)
    if len(ups) < _ROW_PIECES or not all(any(_within(start, text, at, piece) for start, text in ups)
                                         for at, piece in lows):
        return pairs  # a line of one cell (cells listed a line each), or a line of a row below
    for index, (start, text) in enumerate(ups):
        end = start + len(text)
        below = [(at, piece) for at, piece in lows if _within(start, text, at, piece)]
        if not below:
            continue
        at, rest = max(below, key=lambda item: min(end, item[0] + len(item[1])) - max(start, item[0]))
        if not _HAN_START.match(rest) or len(rest) > _REST and whole_label(rest):
            continue  # (a label of its own under the piece: the next row's)
        if joins is not None:
            if joins(text, rest):
                pairs.append(((start, text), (at, rest)))
            continue
        label = ups[index - 1][1] if index else None
        left = _left_of(lower, at)
        if label is not None and classify(label).field and whole_label(label) and left is None \
                and not classify(text).is_label and not classify(rest).is_label \
                and _HAN_END.search(text) and _HAN_START.match(rest) and not _named_whole(label, text):
            pairs.append(((start, text), (at, rest)))
    return pairs


def cut_by_page_breaks(lines: list[str]) -> list[str]:
    """`满意度指  服务对象满意  参训农牧民满意度 …` at a page's foot, `标  度指标  用工企业
    满意度 …` at the next page's head: a merged label a page break cut, each piece on the
    row of its own page. Where the two pieces in one column make a level label and the
    upper is none, the label is read whole on the upper line (the rows below it share it,
    as a merged label's); the lower line keeps its own cells."""
    out = list(lines)
    for feed in (index for index, line in enumerate(lines) if "\f" in line):
        before, after = out[feed].split("\f", 1)[0], out[feed].rsplit("\f", 1)[-1]
        upper = feed if before.strip() else _filled(out, range(feed - 1, feed - _PAGE_BREAK_LINES - 1, -1))
        lower = feed if after.strip() and not before.strip() else \
            _filled(out, range(feed + 1, feed + _PAGE_BREAK_LINES + 1))
        if upper is None or lower is None or lower - upper > _PAGE_BREAK_LINES:
            continue
        head, feed_on = out[upper].partition("\f")[0], "".join(out[upper].partition("\f")[1:])
        for (start, text), (at, rest) in _level_pieces(head, out[lower]):
            placement = _placement(_blanked(head, start, text), start, text + rest)
            if placement is not None:
                head = placement[0]
                out[lower] = _blanked(out[lower], at, rest)
                out[upper] = head + feed_on  # (the feed after a page's last row stays)
    return out


_PAGE_BREAK_LINES = 4  # lines from a page's last row to the next page's first, at most


def _filled(lines: list[str], indices: range) -> int | None:
    """The first of the lines at `indices` with text (a page's last, or the next page's first)."""
    return next((k for k in indices if 0 <= k < len(lines) and lines[k].strip(" \f")), None)


def _level_pieces(upper: str, lower: str) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """(piece above, its rest below) pairs, right to left (a join moves only what follows),
    whose join is a level label that the piece above alone is not."""
    ups, lows = _pieces(upper.split("\f")[0]), _pieces(lower.replace("\f", " "))
    pairs = []
    for start, text in ups:
        below = [(at, piece) for at, piece in lows if _within(start, text, at, piece)
                 and _HAN_START.match(piece)]
        if not below:
            continue
        at, rest = below[0]
        whole, alone = classify(text + rest), classify(text)
        if whole.is_level and not whole.soft_level and not (alone.is_level and not alone.soft_level) \
                and not classify(rest).is_level:
            pairs.append(((start, text), (at, rest)))
    return pairs[::-1]


def _named_whole(label: str, value: str) -> bool:
    """A body's name under its unit label that already ends as a body's does (`滦泉县应急管理局`
    over the money block's `资金来源`): whole, no rest below it."""
    return classify(label).field in UNIT_FIELDS and ends_as_unit(value)


def _pieces(line: str) -> list[tuple[int, str]]:
    """(character offset, text) of the runs of a line parted by two spaces or more, or by
    one after a CJK character before another or a figure (a narrow gap: `绩效 一级`,
    `项目名 2025 年…`)."""
    return [(match.start(), match.group(0)) for match in _FRAME_PIECE.finditer(line)]


_FRAME_PIECE = regex.compile(r"\S+(?: (?!(?<=\p{Han} )[\p{Han}\d])\S+)*")
_FRAME_SLACK = 2  # characters a centred second piece may stand out of the first's span


def _placed(line: str, start: int, text: str) -> str | None:
    """The line with `text` written in at `start` (see `_placement`); None where it has no room."""
    placement = _placement(line, start, text)
    return placement[0] if placement is not None else None


def _pushed(line: str, at: int, push: int) -> str:
    """The line with what stands from `at` on moved `push` columns right, as the line above
    it was (so the two keep their columns)."""
    return line[:at] + " " * push + line[at:] if push > 0 and line[at:].strip() else line


def _placement(line: str, start: int, text: str) -> tuple[str, int, int] | None:
    """(line, where, push): the line with `text` written in at `start`, moved left where it
    would touch the next piece, and that piece and the rest of the line pushed right a little
    (`push` columns from `where`) where even that leaves no gap (`项目名称` in a margin four
    characters wide); None where it has no room."""
    padded = line.ljust(start + len(text) + _FRAME_GAP)
    pieces = _pieces(padded)
    nxt = next((at for at, _ in pieces if at >= start), len(padded) + _FRAME_GAP)
    feeds = len(padded) - len(padded.lstrip("\f"))  # a page break opening the line stays
    prev = max((at + len(piece) for at, piece in pieces if at < start), default=feeds - _FRAME_GAP)
    at = max(min(start, nxt - _FRAME_GAP - len(text)), prev + _FRAME_GAP)
    push = at + len(text) + _FRAME_GAP - nxt
    if push > _FRAME_PUSH:
        return None
    padded = _pushed(padded, nxt, push)
    return (padded[:at] + text + padded[at + len(text):]).rstrip(), nxt, max(push, 0)


_FRAME_GAP = 2  # spaces between two cells of a laid-out line
_FRAME_PUSH = 4  # characters the rest of a line may move right to leave the gap


def _blanked(line: str, start: int, text: str) -> str:
    return (line[:start] + " " * len(text) + line[start + len(text):]).rstrip()
