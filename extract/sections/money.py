"""The money block: total, annual amount, funding lines, and on self-evaluation forms
what was executed, in 万元.

The block starts at a money label (项目资金 / 资金总额 / 资金投入 / 项目总预算 …)
and runs while rows hold money labels and amounts. Each row is read left to
right: a total or annual label takes the next amount; a source label
(一般公共预算 …) or scope label (本级/上级) opens a funding line that takes the
next amount. A row that prints the same source twice is two-sided (中期 /
年度, 实施期 / 年度): only its first side makes lines. Self-evaluation forms
print a matrix instead — a row of column labels (全年预算数 | 全年执行数 | 分值 |
执行率 | 得分) over a row per source — read by column, the values aligned from
the right (the leading 年初预算数 is often left out). Forms with no money
block state their total in prose (`预算数368.55万元`).

Where only 年度资金总额 is printed it is the form's total (annual stays null);
where 合计 is blank, the total stays null — never a sum made up here — and a
warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from itertools import islice, takewhile

import regex

from extract.classify import Tags, classify, states_money_unit
from extract.grid import Cell
from extract.normalise import (
    clean_text,
    figure_cuts,
    parse_amount,
    parse_number,
    parse_percent,
    without_thousands,
    yuan_to_wan,
)
from extract.sections.common import FormView, SectionResult, hierarchy_in, tags_of
from extract.split import filled
from extract.vocab import key, vocabulary
from schemas.record import Funding, FundingLine, Warning

_MAX_BLOCK_ROWS = 14
_MATRIX_ROLES = ("budget", "budget_initial", "arrived", "executed", "rate")
_CARRIED = ("total", "annual", "budget", "executed")


def read(form: FormView) -> SectionResult:
    rows = list(form.rows())
    in_yuan = _stated_in_yuan(form)
    result = _read_block(form, rows, in_yuan)
    result.claim(*(cell for row in rows if _states_unit(row) for cell in filled(row)))
    return result


def _read_block(form: FormView, rows: list[list[Cell]], in_yuan: bool) -> SectionResult:
    start = next((i for i, row in enumerate(rows) if _starts_block(row)), None)
    if start is None:
        return _from_hierarchy(rows, in_yuan) or _from_label_lines(form, in_yuan) or _from_prose(form)
    return _read_rows(_block(rows, start), in_yuan)


def _read_rows(printed: list[list[Cell]], in_yuan: bool) -> SectionResult:
    """A money block's rows, from its first label on."""
    glued: list[Cell] = []  # (cells cut apart: claimed with their pieces)
    block = _labels_over_amounts([_amounts_apart(row, glued) for row in printed])
    reader = _BlockReader(in_yuan, periods=any(_period_headings(row) for row in block))
    matrix_at = _matrix_start(block)
    for row in block if matrix_at is None else block[:matrix_at]:
        reader.read_row(row)
    if matrix_at is not None:
        reader.read_matrix([filled(row) for row in block[matrix_at:]])
    result = reader.result()
    result.claim(*glued, *(cell for row in block for cell in row))  # (a glued cell, and its cuts)
    return result


@cache
def _sum_words() -> frozenset[str]:
    return frozenset(key(word) for word in vocabulary().money.sums)


def _period_headings(row: list[Cell]) -> bool:
    """`中期（2025年—2027年） | 年度（2025年）` or `中期资金总额 | 年度资金总额`: a row heading the
    term's column and the year's, with no amount and no money label but a total's of its own."""
    money = vocabulary().money
    cells = filled(row)
    if any(tags_of(cell).money not in (None, "block", "total", "annual")
           or parse_amount(cell.text)[0] is not None for cell in cells):
        return False
    keys = [tags_of(cell).key for cell in cells]
    return any(k.startswith(tuple(money.period_mid_term)) for k in keys) and \
        any(k.startswith(tuple(money.period_annual)) for k in keys)


def _labels_over_amounts(block: list[list[Cell]]) -> list[list[Cell]]:
    """`资金总额 | 一般公共预算 | 其他资金` over `96.00 | 60.00 | 0.00`: a row of money labels
    whose amounts stand in the row under it, one under each, is read as label, amount,
    label, amount (a block label before them stays first: `年度预算（万元）` merged down
    beside them, one label more than there are amounts, where flattening left out the cell
    its merge covers in the row below; headings that name no funding line, `基本支出`, pair
    too and are read as no more)."""
    block = [_labels_then_amounts(row) for row in block]
    paired: list[list[Cell]] = []
    index = 0
    while index < len(block):
        printed = filled(block[index])
        notes = [cell for cell in printed if _bracket_note(cell.text)]  # `(万元)`, kept with them
        labels = [cell for cell in printed if not _bracket_note(cell.text)]
        below = [cell for cell in (filled(block[index + 1]) if index + 1 < len(block) else [])
                 if not _bracket_note(cell.text)]  # `(万元)` the block label wrapped onto
        wrapped = below[:1] if _side_label_wrapped(labels, below) else []
        below = below[len(wrapped):]
        lead = labels[:1] if labels and (tags_of(labels[0]).money == "block" or (
            len(labels) == len(below) + 1 and not tags_of(labels[0]).money)) else []
        named = labels[len(lead):]
        if len(named) >= _PAIRED_LABELS and len(below) == len(named) \
                and sum(1 for cell in named if tags_of(cell).money) >= _PAIRED_LABELS \
                and all(tags_of(cell).money or _plain_heading(cell) for cell in named) \
                and all(parse_amount(cell.text)[0] is not None for cell in below):
            paired.append([*lead, *notes, *wrapped,
                           *(cell for pair in zip(named, below, strict=True) for cell in pair)])
            index += 2
            continue
        stacked = _labels_stacked_over(paired, filled(block[index]))
        if stacked is not None:
            paired[len(paired) - stacked[0]:] = [stacked[1]]
        else:
            paired.append(block[index])
        index += 1
    return paired


def _amounts_apart(row: list[Cell], glued: list[Cell]) -> list[Cell]:
    """`2,160.00720.00`, `1,920.00640.00`: amounts printed to two places glued end to end (a
    run-together 中期 | 年度 pair) are one cell each; the two places tie the cut down. The
    cells cut go to `glued`."""
    cut: list[Cell] = []
    for cell in row:
        text = cell.text.replace(" ", "")
        pieces = _TWO_PLACES.findall(text)
        if len(pieces) >= _PAIRED_LABELS and "".join(pieces) == text:
            glued.append(cell)
            cut.extend(replace(cell, text=piece, raw=piece) for piece in pieces)
        else:
            cut.append(cell)
    return cut


_TWO_PLACES = regex.compile(r"\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}")


def _labels_then_amounts(row: list[Cell]) -> list[Cell]:
    """`资金总额 | 财政拨款 | 其他资金 | 1486.52 | 1402.52 | 84.00` in one row (Word text a cell
    a line: the row of labels, then the row of their amounts): a run of money labels, then
    as many amounts printed at one precision (`968.191 | 8` is one figure a PDF broke), are
    paired in order."""
    cells = filled(row)
    for start in range(len(cells)):
        end = start
        while end < len(cells) and tags_of(cells[end]).money not in (None, "block") \
                and parse_amount(cells[end].text)[0] is None:
            end += 1
        count = end - start
        amounts = cells[end: end + count]
        if count >= _PAIRED_LABELS and len(amounts) == count \
                and all(parse_amount(cell.text)[0] is not None for cell in amounts) \
                and len({len(cell.text.partition(".")[2]) for cell in amounts}) == 1:
            pairs = [cell for pair in zip(cells[start:end], amounts, strict=True) for cell in pair]
            return [*cells[:start], *pairs, *cells[end + count:]]
    return row


def _side_label_wrapped(labels: list[Cell], below: list[Cell]) -> bool:
    """`年度 | 资金总额 | 财政拨款` over `预算 | 1268.45 | 1198.45`: the block's side label,
    printed over two lines (`年度` / `预算`), leads both rows; the rest pair."""
    return len(below) == len(labels) >= _PAIRED_LABELS + 1 and \
        not any(tags_of(cell).money or parse_amount(cell.text)[0] is not None
                for cell in (labels[0], below[0])) and \
        all(parse_amount(cell.text)[0] is not None for cell in below[1:])


_PAIRED_LABELS = 2
_STACKED_ROWS = 2


def _plain_heading(cell: Cell) -> bool:
    """A heading among money labels that names no funding line (`基本支出`, `项目支出`): no
    field, level or column label, and no amount."""
    tags = tags_of(cell)
    return not (tags.field or tags.is_level or tags.column or tags.goal) and \
        parse_amount(cell.text)[0] is None


def _labels_stacked_over(rows: list[list[Cell]], amounts: list[Cell]) -> tuple[int, list[Cell]] | None:
    """`资金总额` merged down two header rows beside `按收入性质分` over `财政拨款 | 其他资金`,
    then a row of amounts: where the cells keep their grid columns (Word, HTML, a sheet, a
    PDF's ruled table), each amount is paired with the nearest label above whose columns
    cover it (some money labels among them; `基本支出` names no funding line and is read as
    no more). (How many label rows were used, the paired row.)"""
    if len(amounts) < _PAIRED_LABELS or not all(parse_amount(cell.text)[0] is not None
                                                 for cell in amounts):
        return None
    labels: list[list[Cell]] = []
    for row in reversed(rows[-_STACKED_ROWS:]):
        cells = filled(row)
        if not cells or any(parse_amount(cell.text)[0] is not None for cell in cells):
            break
        labels.insert(0, cells)
    pairs: list[Cell] = []
    for amount in amounts:
        label = next((cell for row in reversed(labels) for cell in row
                      if cell.col <= amount.col < cell.col + cell.col_span), None)
        if label is None or any(label is cell for cell in pairs[::2]):
            return None
        pairs.extend((label, amount))
    if not any(tags_of(cell).money for cell in pairs[::2]):
        return None
    lead = labels[0][:1] if labels and tags_of(labels[0][0]).money == "block" else []
    return len(labels), [*lead, *pairs]


def _bracket_note(text: str) -> bool:
    """`(万元)`: a unit note in brackets, no amount and no label."""
    return regex.fullmatch(r"[(（].{1,4}[)）]", text) is not None


@cache
def _header_amount() -> regex.Pattern[str]:
    """`金额(232万元)`: the total printed in a column heading."""
    marks = vocabulary().marks
    wan, yuan = regex.escape(marks.wan), regex.escape(marks.yuan)
    return regex.compile(rf"[(（]\s*([\d,.\s]+)\s*({wan}{yuan}|{wan}|{yuan})\s*[)）]")


@cache
def _yuan_markers() -> tuple[str, ...]:
    return tuple(key(marker) for marker in vocabulary().money.yuan_markers)


def _stated_in_yuan(form: FormView) -> bool:
    """`单位:元` or `金额(元)` in the form's heading lines or its money labels."""
    texts = [form.title or ""] + [cell.text for row in form.rows() for cell in filled(row)]
    texts += [block.text for block in form.prose()]
    return any(marker in key(text) for text in texts for marker in _yuan_markers()
               if len(text) <= 40)


def _states_unit(row: list[Cell]) -> bool:
    cells = filled(row)
    return bool(cells) and states_money_unit("".join(c.text for c in cells))


def _starts_block(row: list[Cell]) -> bool:
    """A row with a money label; in a row led by another field's label, one that an amount
    follows or that ends the row (its amount wrapped below): `项目类别 | (31) | 部门预算 |
    项目` names a category, not a budget."""
    cells = filled(row)
    led_by_field = bool(cells) and tags_of(cells[0]).field is not None and not tags_of(cells[0]).money
    return any(_money_label(cell) and not (led_by_field and not _amount_after(cells, index)
                                           and index < len(cells) - 1)
               for index, cell in enumerate(cells))


def _money_label(cell: Cell) -> bool:
    tags = tags_of(cell)
    return tags.money in ("block", "total", "annual", "budget") and \
        tags.field not in ("overview",) and len(tags.key) <= 24


def _amount_after(cells: list[Cell], index: int) -> bool:
    """An amount, or figures glued together (`2456.182456.18…`, `340.00360.00…95.20%9.52`),
    later in the row."""
    return any(parse_amount(cell.text)[0] is not None or regex.match(r"\d[\d.,%]*$", cell.text)
               for cell in cells[index + 1:])


def _block(rows: list[list[Cell]], start: int) -> list[list[Cell]]:
    block = [rows[start]]
    for row in rows[start + 1: start + _MAX_BLOCK_ROWS]:
        first = filled(row)[:1]
        if not first:
            continue
        tags = tags_of(first[0])
        if tags.goal or (tags.field and not tags.money) or tags.is_level or tags.column \
                and not tags.money and tags.column not in ("weight", "score"):
            break
        block.append(row)
    return block


@dataclass
class _BlockReader:
    in_yuan: bool
    periods: bool = False  # a term column and a year column, side by side
    total: Decimal | None = None
    header_total: Decimal | None = None
    annual: Decimal | None = None
    executed: Decimal | None = None
    rate: Decimal | None = None
    lines: list[FundingLine] = field(default_factory=list)
    provenance: dict[str, int] = field(default_factory=dict)
    source: str | None = None
    first_line: int = 0
    converted: bool = False
    matrix: list[str | None] | None = None
    execution_score: Decimal | None = None  # the budget-execution points of a self-evaluation
    carried: str | None = None  # a label that ended the row before, still waiting for its amount

    def read_row(self, row: list[Cell]) -> None:
        cells = filled(row)
        self.first_line = self.first_line or (cells[0].line if cells else 0)
        self._sequential(cells)

    def read_matrix(self, rows: list[list[Cell]]) -> None:
        """Column labels (全年预算数 | 全年执行数 | 分值 | 执行率 | 得分), then rows led by a
        label (年度资金总额, 其中:财政拨款) whose values are aligned to them from the right.
        The end of a printed row ends its label's values (`其中：基本支出` under 年度资金总额
        is a row of its own, whatever its label), unless the label ended its row and its
        values are on the next; glued text has one row, and labels end them there."""
        cells = [cell for row in rows for cell in row]
        row_starts = {id(row[0]) for row in rows if row}
        self.first_line = self.first_line or (cells[0].line if cells else 0)
        position = 0
        roles: list[str] = []
        while position < len(cells) and (_matrix_role(tags_of(cells[position])) or not roles):
            role = _matrix_role(tags_of(cells[position]))
            if role in roles:
                break  # `预算数 6.84` under `预算安排情况`: the first row, led by its column's label
            if role:
                roles.append(role)
            position += 1
        self.matrix = roles
        groups: list[tuple[Cell, list[Cell]]] = []
        while position < len(cells):
            label = cells[position]
            position += 1
            values: list[Cell] = []
            while position < len(cells) and not tags_of(cells[position]).is_label \
                    and not (values and id(cells[position]) in row_starts):
                values.append(cells[position])
                position += 1
            groups.append((label, values))
        for index, (label, values) in enumerate(groups):
            source = tags_of(label).source
            after = index + 1 < len(groups) and tags_of(groups[index + 1][0]).source == source
            before = index > 0 and tags_of(groups[index - 1][0]).source == source
            if source and values and (before or after):
                # `其中:财政资金 6.84 其中:财政资金 6.84 …`: the label again under each column;
                # the first is the budget column's
                if not before:
                    self._add_line(source, None, self._amount(values[0])[0], [label.raw])
            elif tags_of(label).money:
                self._matrix_row([label, *values])

    def _amount(self, cell: Cell) -> tuple[Decimal | None, bool]:
        amount, converted = parse_amount(cell.text)
        if amount is not None and self.in_yuan and not converted and \
                vocabulary().marks.wan not in cell.text:
            return yuan_to_wan(amount), True
        return amount, converted

    def _matrix_row(self, cells: list[Cell]) -> None:
        """A source row under the matrix's column labels: its values, aligned from the right."""
        label = tags_of(cells[0])
        # a label's unit note wrapped among the values (`项目资金 | 年度资金总额 | 265.00 … |
        # （万元）`, a stream of one cell per line) is no value of any column
        values = [cell for cell in cells[1:] if not _bracket_note(cell.text)]
        roles = self.matrix or []
        if label.money in roles:  # `预算数 6.84 … 执行数 6.84 100.00`: the row names its column
            placed = list(zip(roles[roles.index(label.money):], values, strict=False))
            self._matrix_values({role: cell for role, cell in placed})
            return
        values = _cut_glued_values(values, roles)
        placed = list(zip(roles[-len(values):] if len(values) <= len(roles) else roles,
                          values[-len(roles):] if len(values) > len(roles) else values,
                          strict=False))
        by_role = {role: cell for role, cell in placed if role}
        if label.money in ("total", "annual", "block", "budget") or self.total is None and \
                label.money != "source":
            self._matrix_values(by_role)
        elif label.money == "source" and label.source:
            amount = self._amount(by_role["budget"])[0] if "budget" in by_role else None
            self._add_line(label.source, None, amount, [cells[0].raw])

    def _matrix_values(self, by_role: dict[str, Cell]) -> None:
        self._set_total(by_role.get("budget") or by_role.get("budget_initial"))
        if "executed" in by_role and self.executed is None:
            self.executed = self._amount(by_role["executed"])[0]
            self.provenance["funding.executed"] = by_role["executed"].line
        if "rate" in by_role:
            self._take_rate(by_role["rate"])
        if "score" in by_role and self.execution_score is None:
            self.execution_score = parse_number(by_role["score"].text)

    def _set_total(self, cell: Cell | None) -> None:
        if cell is None or self.total is not None:
            return
        amount, converted = self._amount(cell)
        if amount is not None:
            self.total = amount
            self.converted |= converted
            self.provenance["funding.total"] = cell.line

    def _sequential(self, cells: list[Cell]) -> None:
        pending: str | None = self.carried
        self.carried = None
        line_source: str | None = None
        line_scope: str | None = None
        line_cells: list[str] = []
        line_amount: Decimal | None = None
        sources_seen: list[str] = []
        unnamed_source = False
        for cell in (piece for printed in cells for piece in _label_and_amount(printed)):
            header = _header_amount().search(cell.text)
            if header:
                self.header_total = parse_amount(header.group(1) + header.group(2))[0]
                self.provenance.setdefault("funding.total", cell.line)
                continue
            if pending == "rate" and parse_percent(cell.text) is not None:
                pending = self._take_rate(cell)
                continue
            amount, converted = self._amount(cell)
            if amount is not None:
                self.converted |= converted
                pending, line_amount = self._place(pending, amount, cell, line_amount, line_cells)
                continue
            tags = tags_of(cell)
            role = tags.money
            if role is None:
                if tags.unit or _bracket_note(cell.text) or \
                        not regex.search(r"[\p{Han}\d]", cell.text):
                    continue  # `(万元)` or OCR debris (`MW/V`) between a label and its amount
                listed = _listed_label(cell.text)
                if listed is None or line_source or line_scope:
                    pending = None
                    continue
                line_source, pending = listed, "line"  # `1、事业收入`: a line by its printed name
                unnamed_source = True
                line_cells.append(cell.raw)
                continue
            if role == "source" and tags.source in sources_seen:
                break  # the second side of a two-sided block repeats its sources
            if role == "total" and pending == "annual" and tags.key in _sum_words():
                continue  # `本年预算（万元） | 合计 | 1248.60`: the sum of the year's lines
            if role in ("total", "annual", "budget", "executed", "rate"):
                pending = role
            elif role in ("source", "scope_own", "scope_upper"):
                taken = line_source if role == "source" else line_scope
                if (line_amount is not None or taken) and (line_source or line_scope):
                    # `中央补助 450.00 省级补助 187.50 …` on one row: each label opens its line
                    # (a source with a scope, `一般公共预算 本级 265.50`, is one line)
                    self._add_line(line_source or self.source, line_scope, line_amount, line_cells)
                    line_source, line_scope, line_cells, line_amount = None, None, [], None
                if role == "source":
                    sources_seen.append(tags.source or "")
                    line_source = self.source = tags.source
                    line_scope = _scope_in(tags, cell.text) or line_scope
                else:
                    line_scope = "上级" if role == "scope_upper" else "本级"
                pending = "line"
                line_cells.append(cell.raw)
        if unnamed_source and line_amount is None:
            return  # `1. 前两年预算安排情况`: a numbered heading with no amount is no line
        if line_source or line_scope:
            self._add_line(line_source or self.source, line_scope, line_amount, line_cells)
        elif pending in _CARRIED:
            self.carried = pending  # `项目申报金额` ends the row; `(万元)` / `2243.02` below

    def _place(self, pending: str | None, amount: Decimal, cell: Cell,
               line_amount: Decimal | None, line_cells: list[str]) -> tuple[str | None, Decimal | None]:
        if pending in ("total", "budget") and self.total is None:
            self.total = amount
            self.provenance["funding.total"] = cell.line
            if self.periods and pending == "total":
                return "annual", line_amount  # the year's amount beside the term's
        elif pending == "annual" and self.annual is None:
            self.annual = amount
            self.provenance["funding.annual"] = cell.line
        elif pending == "executed" and self.executed is None:
            self.executed = amount
            self.provenance["funding.executed"] = cell.line
        elif pending == "rate":
            self._take_rate(cell)
        elif pending == "line" and line_amount is None:
            line_cells.append(cell.raw)
            return None, amount
        return None, line_amount

    def _take_rate(self, cell: Cell) -> None:
        """`执行率 | 86.5%`: the first rate printed after its label (figures glued past any
        rate, `202010100.00%`, are none)."""
        rate = parse_percent(cell.text)
        if self.rate is None and rate is not None and rate <= _MAX_RATE:
            self.rate = rate
            self.provenance["funding.execution_rate"] = cell.line

    def _add_line(self, source: str | None, scope: str | None, amount: Decimal | None,
                  cells: list[str]) -> None:
        raw = clean_text(" ".join(cells)) or " ".join(cells)
        if self.converted and amount is not None:
            raw += " (元→万元)"
        self.lines.append(FundingLine(source=source or "未注明", scope=scope, amount=amount, raw=raw))

    def result(self) -> SectionResult:
        result = SectionResult(provenance=dict(self.provenance))
        total = self.total if self.total is not None else self.header_total
        annual = self.annual
        if total is None and annual is not None:
            total, annual = annual, None
            if "funding.annual" in result.provenance:
                result.provenance["funding.total"] = result.provenance.pop("funding.annual")
        stated = [line.amount for line in _top_level(self.lines) if line.amount is not None]
        if total is None and stated:
            result.warnings.append(Warning(code="funding_total_missing", line=self.first_line,
                                           message=f"合计 is blank; the lines add up to {sum(stated)}"))
        if self.converted:
            result.warnings.append(Warning(code="amounts_in_yuan", line=self.first_line,
                                           message="amounts printed in 元 were converted to 万元"))
        result.values["execution_score"] = self.execution_score
        result.values["funding"] = Funding(total=total, annual=annual, executed=self.executed,
                                           execution_rate=self.rate, lines=self.lines)
        return result


def _top_level(lines: list[FundingLine]) -> list[FundingLine]:
    """Lines numbered `(一)`, `(二)` are subtotals over the `1、`, `2、` lines under them;
    only they add up to the whole (summing both counts each amount twice)."""
    subtotals = [line for line in lines if _subtotal_number().match(line.raw)]
    return subtotals or lines


def _listed_label(text: str) -> str | None:
    """`1、事业收入`, `(三)其他`: a numbered line of the breakdown whose source the vocabulary
    does not name; RECORD.md keeps the printed label."""
    match = _listed_pattern().fullmatch(text)
    return match.group(1) if match else None


@cache
def _listed_pattern() -> regex.Pattern[str]:
    numerals = regex.escape(vocabulary().marks.chinese_numerals)
    return regex.compile(rf"(?:\d{{1,2}}[、.]|[(（][{numerals}]{{1,3}}[)）])\s*(\p{{Han}}{{2,12}})")


@cache
def _subtotal_number() -> regex.Pattern[str]:
    numerals = regex.escape(vocabulary().marks.chinese_numerals)
    return regex.compile(rf"[(（][{numerals}]{{1,3}}[)）]")


@cache
def _colon_amount() -> regex.Pattern[str]:
    marks = vocabulary().marks
    wan, yuan = regex.escape(marks.wan), regex.escape(marks.yuan)
    return regex.compile(rf"(.*\D)[:：]\s*(-?[\d,]+(?:\.\d+)?\s*(?:{wan}{yuan}|{wan}|{yuan})?)")


def _label_and_amount(cell: Cell) -> list[Cell]:
    """`金额:100`: a money label and its amount in one cell, read as two."""
    match = _colon_amount().fullmatch(cell.text)
    if not match or not classify(match.group(1)).money:
        return [cell]
    return [replace(cell, text=match.group(1), raw=match.group(1)),
            replace(cell, text=match.group(2), raw=match.group(2))]


_GLUED_VALUES = 48  # longest run of glued matrix values tried
_MAX_CUTS = 3_000  # cuts read per run at most: bounded time on a run of ones


def _cut_glued_values(values: list[Cell], roles: list[str]) -> list[Cell]:
    """`202010100.00%10` under 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分: the row's values
    glued together, cut where the figures agree with each other (执行数 / 预算数 = 执行率, the
    score within its points); left as printed unless exactly one cut does. Thousands
    separators (`2,864.503,126.80…`) go first: they only part a figure's own digits."""
    figures = list(takewhile(lambda cell: regex.fullmatch(r"[\d.,%\s]+", cell.text), values))
    glued = without_thousands("".join(cell.text for cell in figures).replace(" ", ""))
    if len(figures) >= len(roles) or not figures or len(glued) > _GLUED_VALUES \
            or not any(_looks_glued(cell.text) for cell in figures):
        return values
    cuts = [dict(zip(roles[-count:], cut, strict=True)) for count in (len(roles), len(roles) - 1)
            if "rate" in roles[-count:]  # a cut agrees only where the rate ties it down
            for cut in islice(figure_cuts(glued, count, roles[-count:].index("rate")), _MAX_CUTS)]
    cuts = [cut for cut in cuts if _agrees(cut)]
    for preference in (_scored_by_rate, _one_precision):
        if len(cuts) > 1:
            cuts = [cut for cut in cuts if preference(cut)]
    if len(cuts) != 1:
        return values
    first = values[0]  # what follows the figures (`按收入性质分:…`) is no value of this row
    return [replace(first, text=part, raw=part) for part in cuts[0].values()]


def _looks_glued(figure: str) -> bool:
    """Two figures in one: two decimal points, a `%` inside, or a long run of digits."""
    text = without_thousands(figure.replace(" ", ""))
    return text.count(".") > 1 or "%" in text.rstrip("%") or len(text) >= _LONG_FIGURE


_LONG_FIGURE = 6


def _agrees(by_role: dict[str, str]) -> bool:
    """The figures of one matrix row fit together: a `%` on the rate only, the rate equal to
    执行数 / 预算数 where all three are there, points of 100 at most, a score no higher."""
    if any(value.endswith("%") for role, value in by_role.items() if role != "rate"):
        return False
    numbers = {role: Decimal(value.rstrip("%")) for role, value in by_role.items()}
    if "rate" not in numbers or "executed" not in numbers or not numbers.get("budget") \
            or not by_role["rate"].endswith("%"):
        return False  # nothing ties the cut down
    rate = numbers["executed"] / numbers["budget"] * 100
    if abs(rate - numbers["rate"]) > _RATE_ROUNDING:
        return False
    if "weight" in numbers and numbers["weight"] > _MAX_POINTS:
        return False
    return not ("score" in numbers and "weight" in numbers and numbers["score"] > numbers["weight"])


def _scored_by_rate(by_role: dict[str, str]) -> bool:
    """The usual rule: the execution score is its points times the execution rate."""
    if not {"score", "weight", "rate"} <= set(by_role):
        return False
    expected = Decimal(by_role["weight"]) * Decimal(by_role["rate"].rstrip("%")) / 100
    return abs(expected - Decimal(by_role["score"])) <= _RATE_ROUNDING


def _one_precision(by_role: dict[str, str]) -> bool:
    """A form prints its amounts at one precision (`2456.18 | 2456.18`, not `2456.1 | 82456.18`)."""
    places = {len(value.partition(".")[2]) for role, value in by_role.items()
              if role in ("budget_initial", "budget", "executed")}
    return len(places) == 1


_RATE_ROUNDING = Decimal("0.6")
_MAX_RATE = 1000
_MAX_POINTS = 100


def _matrix_start(block: list[list[Cell]]) -> int | None:
    """The row where a self-evaluation matrix's column labels start, if the block has one."""
    for index, row in enumerate(block):
        roles = [_matrix_role(tags_of(cell)) for cell in filled(row)]
        if any(a in _MATRIX_ROLES and b for a, b in zip(roles, roles[1:], strict=False)):
            return index  # column labels side by side, no amount between them
    return None


def _matrix_role(tags: Tags) -> str | None:
    if tags.money in _MATRIX_ROLES:
        return tags.money
    if tags.column in ("weight", "score"):
        return tags.column
    return None


def _scope_in(tags: Tags, text: str) -> str | None:
    money = vocabulary().money
    cell_key = key(text)
    if any(key(word) in cell_key for word in money.scope_upper):
        return "上级"
    if any(key(word) in cell_key for word in money.scope_own):
        return "本级"
    return None


def _from_hierarchy(rows: list[list[Cell]], in_yuan: bool) -> SectionResult | None:
    """A 批复表's amount under 绩效金额, on the project's line."""
    for row in rows:
        listed = hierarchy_in(row)
        if listed is None or listed.amount is None:
            continue
        reader = _BlockReader(in_yuan)
        reader._set_total(listed.amount)
        result = reader.result()
        result.claim(listed.amount)
        return result
    return None


@cache
def _prose_pattern() -> regex.Pattern[str]:
    keywords = vocabulary().money.prose.keywords
    alternatives = "|".join(regex.escape(k) for k in sorted(keywords, key=len, reverse=True))
    wan = regex.escape(vocabulary().marks.wan)
    figure = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # (thousands parted or not)
    return regex.compile(rf"({alternatives})\s*[为是:：]?\s*({figure})\s*{wan}")


_SEPARATORS = regex.compile(r"[,，]")  # a prose total's thousands (`资金总额2,356.80万元`)


def _from_label_lines(form: FormView, in_yuan: bool) -> SectionResult | None:
    """A money block typed as lines, a label and its amount each (`资金情况（万元）：` /
    `年度资金总额：386.40` / `其中：中央补助资金：215.00`: a form typed without a table),
    read as the rows of a block; None where no such line gives an amount."""
    lines = list(form.prose())
    rows = [[Cell(row=index, col=0, text=block.text, raw=block.raw, line=block.line)]
            for index, block in enumerate(lines)]
    start = next((i for i, row in enumerate(rows) if _starts_block(row)), None)
    if start is None:
        return None
    block = _block(rows, start)
    if not any(len(_label_and_amount(row[0])) == 2 for row in block):
        return None
    result = _read_rows(block, in_yuan)
    if result.values.get("funding") is None:
        return None
    result.claim(*lines[start:start + len(block)])
    return result


def _from_prose(form: FormView) -> SectionResult:
    """`预算数368.55万元` in the usage text: the first strong statement, else the last weak one."""
    texts: list[tuple[str, int]] = [(block.text, block.line) for block in form.prose()]
    texts += [(cell.text, cell.line) for row in form.rows() for cell in filled(row)
              if tags_of(cell).shape == "long"]
    weak = set(vocabulary().money.prose.weak)
    found: list[tuple[str, Decimal, int]] = []
    for text, line in texts:
        for match in _prose_pattern().finditer(text.replace(" ", "")):
            found.append((match.group(1), Decimal(_SEPARATORS.sub("", match.group(2))), line))
    if not found:
        return SectionResult(values={"funding": None})
    chosen = next((f for f in found if f[0] not in weak), found[-1])
    return SectionResult(values={"funding": Funding(total=chosen[1])},
                         provenance={"funding.total": chosen[2]})
