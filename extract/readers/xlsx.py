"""Excel workbooks (.xlsx) → the cell grid: every sheet, merged ranges, values as shown.

openpyxl reads each sheet in read-only mode (streamed, so a huge sheet costs
only the rows we keep) with cached formula values (`data_only`); the merged
ranges, which read-only mode does not expose, are taken from the sheet XML's
`<mergeCell ref=…>` list. Values are written as Excel shows them: dates as
dates (never serial numbers), percentages as `95%`, the decimals a number
format asks for (`265.50`), and text set in the Symbol font as it draws (`³95%`,
typed so for `≥95%`: a rich text's run or a cell's style). A hidden sheet (a
template's blank copy, the lists its drop-downs draw on) is not shown, so not read,
and noted; so is a visible sheet that another sheet's drop-down lists draw on. A
sheet is cut at blank rows into tables; a title line above a table (a row holding
one value) is prose. Each row of the output counts one `line`; `location` is the
cell's address (`Sheet1!C7`).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from extract.grid import Cell, Grid, ProseBlock, TableBlock
from extract.normalise import clean_text, symbol_font
from extract.reader import UnreadableFile
from extract.readers.formula import MAX_DEPTH, Unsupported, Value, cell_address, evaluate
from extract.readers.safety import LIMITS, check_xml_parts, open_zip

READER = "xlsx_sheet"

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"')
_DECIMALS = re.compile(r"0\.(0+)")
_SECTION_SPLIT = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')  # a `;` outside quoted text
# one piece of a number format: a bracket, padding or fill, quoted text, an escaped
# character, the word General, or one character
_FORMAT_TOKEN = re.compile(r'\[[^\]]*\]|[_*].?|"[^"]*"?|\\.|General|.', re.DOTALL | re.IGNORECASE)
_CURRENCY = re.compile(r"\[\$([^-\]]*)(?:-[0-9A-Fa-f]+)?\]")  # `[$¥-804]` writes ¥
# one piece of a date format: a bracket, quoted text, an escaped character, a run of one
# date code (`yyyy`, `m`, `dd`, `hh`, `ss`), padding or fill, or one character
_DATE_TOKEN = re.compile(r'\[[^\]]*\]|"[^"]*"?|\\.|y+|m+|d+|h+|s+|[_*].?|.', re.DOTALL | re.IGNORECASE)
# the system's short date (built-in 14, 22), shown as Windows in Chinese shows it
_LOCAL_DATES = {"mm-dd-yy": "yyyy/m/d", "m/d/yy h:mm": "yyyy/m/d h:mm"}
_NUMBER_CODE = re.compile(r"[0#?.,%@]|General", re.IGNORECASE)

Box = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based, inclusive)

_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_COL_MIN = re.compile(rb'\bmin="(\d+)"')
_COL_MAX = re.compile(rb'\bmax="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
# text set in the Symbol font (`³` drawn `≥`): a rich text's run, or a style's font
_SYMBOL_RUN = re.compile(rb'<(?:\w+:)?rFont\s+val="Symbol"', re.I)
_SYMBOL_STYLE = re.compile(rb'<(?:\w+:)?name\s+val="Symbol"', re.I)
# drop-down lists (`<dataValidation type="list">`, or Excel 2010's `x14:dataValidation`) and
# the defined names their formulas may use
_VALIDATION = re.compile(rb"<(?:\w+:)?dataValidation\b([^>]*)>(.*?)</(?:\w+:)?dataValidation>", re.S)
_LIST_TYPE = re.compile(rb'\btype="list"')
_FORMULA = re.compile(rb"<(?:\w+:)?formula1>(.*?)</(?:\w+:)?formula1>", re.S)
_TAG = re.compile(rb"<[^>]*>")
# a formula with no value stored beside it (`<f>SUM(D9:D11)</f><v />`, or no `<v>`); a shared
# formula's other cells (`<f t="shared" si="0"/>`) have no text of their own. A computed empty
# text is stored `t="str"` with an empty `<v></v>` (LibreOffice): computed, not matched
_UNCOMPUTED = re.compile(rb'<(?:\w+:)?c\b(?![^>]*\bt="str")[^>]*?\br="([A-Z]{1,3}\d{1,7})"[^>]*>\s*'
                         rb"<(?:\w+:)?f\b[^>]*?"
                         rb"(?:/>|>([^<]*)</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|"
                         rb"<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_DEFINED_NAME = re.compile(rb'<(?:\w+:)?definedName\b[^>]*\bname="([^"]+)"[^>]*>([^<]*)</', re.S)
_RICH = re.compile(rb"<(?:\w+:)?(si|is)>(.*?)</(?:\w+:)?\1>", re.S)
_RUN = re.compile(rb"<(?:\w+:)?r>(.*?)</(?:\w+:)?r>", re.S)
_RUN_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)


@dataclass(frozen=True)
class Hidden:
    """Rows and columns a sheet hides (1-based): a reader of the sheet never sees them."""

    rows: frozenset[int] = frozenset()
    cols: frozenset[int] = frozenset()


def read_xlsx(data: bytes, name: str) -> Grid:
    """Every sheet's tables and title lines, in sheet order."""
    package = open_zip(data, "Excel")
    check_xml_parts(package, "Excel")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError) as err:
        raise UnreadableFile(f"{name} could not be opened as an Excel workbook ({err}); "
                             "open and re-save it as .xlsx") from err
    out = Output(reader=READER)
    shared = _drawn_rich_text(_sheet_xml(package, "xl/sharedStrings.xml"))
    symbol_styles = bool(_SYMBOL_STYLE.search(_sheet_xml(package, "xl/styles.xml")))
    try:
        xmls = {sheet.title: _sheet_xml(package, sheet._worksheet_path) for sheet in book.worksheets}
        lists = _list_sources(xmls, _sheet_xml(package, "xl/workbook.xml"))
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                out.hidden(sheet.title)
                continue
            if sheet.title in lists:
                out.notes.append(f"sheet {sheet.title} holds the lists other sheets' drop-downs "
                                 "draw on; not read")
                continue
            xml = xmls[sheet.title]
            drawn = Drawn(rich={**shared, **_drawn_rich_text(xml)}, by_style=symbol_styles)
            uncomputed = _uncomputed_formulas(xml)
            values, truncated, stored = _sheet_values(sheet, drawn, set(uncomputed))
            if truncated:
                out.notes.append(f"sheet {sheet.title}: {truncated}; the rest was not read")
            if uncomputed:
                out.notes.append(_computed(sheet.title, uncomputed, values, stored))
            out.sheet(sheet.title, values, _merges(xml), _hidden(xml))
    finally:
        book.close()
    return Grid(blocks=out.blocks, reader=READER, notes=out.notes)


@dataclass
class Stored:
    """What a sheet's uncomputed formulas need beside the shown values: the numbers as
    stored, and the formula cells' own number formats."""

    numbers: dict[tuple[int, int], int | float] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Drawn:
    """What the Symbol font draws in a sheet: rich texts with runs in it, by their plain
    text (`³95%` → `≥95%`), and whether any cell style sets it (looked up per cell then)."""

    rich: dict[str, str] = field(default_factory=dict)
    by_style: bool = False

    def shown(self, text: str, cell) -> str:
        text = self.rich.get(text, text)
        font = getattr(cell, "font", None) if self.by_style else None
        return symbol_font(text) if font is not None and (font.name or "").lower() == "symbol" else text


def _list_sources(xmls: dict[str, bytes], workbook: bytes) -> set[str]:
    """The sheets that another sheet's drop-down lists draw on (`下拉选项!$A$2:$A$5`, directly
    or through a defined name): a template's lists, no form. A sheet whose own drop-downs
    draw on itself is none of them."""
    names = {match.group(1).decode("utf-8", "replace"): match.group(2).decode("utf-8", "replace")
             for match in _DEFINED_NAME.finditer(workbook)}
    sources: set[str] = set()
    for title, xml in xmls.items():
        for attributes, body in _VALIDATION.findall(xml):
            if not _LIST_TYPE.search(attributes):
                continue
            for formula in _FORMULA.findall(body):
                text = html.unescape(_TAG.sub(b"", formula).decode("utf-8", "replace")).strip()
                text = names.get(text.lstrip("="), text)
                if "!" in text:
                    sheet = text.lstrip("=").rsplit("!", 1)[0].strip("'").replace("''", "'")
                    if sheet != title:
                        sources.add(sheet)
    return sources


def _drawn_rich_text(xml: bytes) -> dict[str, str]:
    """The rich texts (shared or inline) with a run in the Symbol font: plain → drawn."""
    drawn: dict[str, str] = {}
    if not _SYMBOL_RUN.search(xml):
        return drawn
    for _, item in _RICH.findall(xml):
        runs = _RUN.findall(item)
        if not any(_SYMBOL_RUN.search(run) for run in runs):
            continue
        plain = shown = ""
        for run in runs:
            text = "".join(html.unescape(piece.decode("utf-8", "replace"))
                           for piece in _RUN_TEXT.findall(run))
            plain += text
            shown += symbol_font(text) if _SYMBOL_RUN.search(run) else text
        drawn[plain] = shown
    return drawn


def _sheet_values(sheet, drawn: Drawn, formulas: set[tuple[int, int]] = frozenset()
                  ) -> tuple[dict[tuple[int, int], str], str, Stored]:
    """(row, col) → shown text of every non-empty cell, within the row and column caps; what
    the caps cut; and, where the sheet has uncomputed `formulas`, the numbers as stored (a
    formula computes on those, not on their shown text) and those cells' number formats."""
    stated = sheet.max_row or 0  # from the sheet's <dimension>, which may be absurd
    sheet.reset_dimensions()  # so read what is there, up to the caps
    values: dict[tuple[int, int], str] = {}
    stored = Stored()
    truncated = f"the sheet states {stated} rows, over {LIMITS.sheet_rows}" \
        if stated > LIMITS.sheet_rows else ""
    for r, row in enumerate(sheet.iter_rows(min_row=1, max_row=LIMITS.sheet_rows + 1,
                                            max_col=LIMITS.sheet_cols + 1), start=1):
        if r > LIMITS.sheet_rows:
            if any(getattr(cell, "value", None) not in (None, "") for cell in row):
                truncated = f"over {LIMITS.sheet_rows} rows"
            break
        for c, cell in enumerate(row, start=1):
            value = getattr(cell, "value", None)
            if (r, c) in formulas:
                stored.formats[(r, c)] = getattr(cell, "number_format", "General")
            elif formulas and isinstance(value, int | float) and not isinstance(value, bool):
                stored.numbers[(r, c)] = value
            shown = display_value(value, getattr(cell, "number_format", "General"))
            if not shown.strip():
                continue
            shown = drawn.shown(shown, cell)
            if c > LIMITS.sheet_cols:
                truncated = f"over {LIMITS.sheet_cols} columns"
                continue
            values[(r, c)] = shown
    return values, truncated, stored


def _uncomputed_formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """(row, col) → formula text of each formula cell the file stores no value for (a shared
    formula's other cells: an empty text, not computed)."""
    found = {}
    for ref, text in _UNCOMPUTED.findall(xml):
        try:
            found[cell_address(ref.decode("ascii"))] = html.unescape((text or b"").decode("utf-8", "replace"))
        except Unsupported:
            continue
    return found


def _computed(title: str, formulas: dict[tuple[int, int], str], values: dict[tuple[int, int], str],
              stored: Stored) -> str:
    """Compute the uncomputed formulas the way Excel shows them (formula.py), writing their
    shown values into `values`; the note that says so."""
    results: dict[tuple[int, int], Value] = {}
    visiting: set[tuple[int, int]] = set()

    def value_of(row: int, col: int, _depth: int = 0) -> Value:
        where = (row, col)
        if where in formulas:
            if where not in results:
                if where in visiting or len(visiting) > MAX_DEPTH or not formulas[where]:
                    raise Unsupported("a loop, too deep, or a shared formula")
                visiting.add(where)
                try:
                    results[where] = evaluate(formulas[where], value_of)
                finally:
                    visiting.discard(where)
            return results[where]
        number = stored.numbers.get(where)
        return Decimal(repr(number)) if number is not None else values.get(where)

    failed = 0
    for where in formulas:
        try:
            result = value_of(*where)
        except (Unsupported, RecursionError):
            failed += 1
            continue
        shown = display_value(float(result) if isinstance(result, Decimal) else result,
                              stored.formats.get(where, "General"))
        if shown.strip():
            values[where] = shown
    done = len(formulas) - failed
    return (f"sheet {title}: {len(formulas)} formula cells hold no computed value (a program that "
            f"does not calculate wrote the file); {done} were computed from their formulas"
            + (f", {failed} could not be and read as empty" if failed else "")
            + "; open and save it in Excel or LibreOffice to check them")


def _sheet_xml(package: zipfile.ZipFile, path: str) -> bytes:
    try:
        return package.read(path.lstrip("/"))
    except KeyError:
        return b""


def _merges(xml: bytes) -> list[Box]:
    """Merged ranges from the sheet XML, clipped to the caps."""
    boxes = []
    for ref in _MERGE.findall(xml):
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
        if min_row > LIMITS.sheet_rows or min_col > LIMITS.sheet_cols:
            continue
        boxes.append((min_row, min_col, min(max_row, LIMITS.sheet_rows), min(max_col, LIMITS.sheet_cols)))
    return boxes


def _hidden(xml: bytes) -> Hidden:
    """The rows and columns the sheet XML marks hidden (`<row r="19" hidden="1">`,
    `<col min="3" max="4" hidden="1"/>`), within the caps."""
    rows = {int(match.group(1)) for tag in _ROW_TAG.findall(xml) if _HIDDEN.search(tag)
            and (match := _ROW_NUMBER.search(tag)) and int(match.group(1)) <= LIMITS.sheet_rows}
    cols: set[int] = set()
    for tag in _COL_TAG.findall(xml):
        low, high = _COL_MIN.search(tag), _COL_MAX.search(tag)
        if low and high and _HIDDEN.search(tag):
            cols.update(range(int(low.group(1)), min(int(high.group(1)), LIMITS.sheet_cols) + 1))
    return Hidden(rows=frozenset(rows), cols=frozenset(cols))


def display_value(value, number_format: str | None = "General") -> str:
    """A cell value as Excel shows it (see the module docstring)."""
    fmt = number_format or "General"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return _date(value, fmt)
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, int | float):
        return _number(value, fmt)
    return str(value)


def _date(value: dt.date, fmt: str) -> str:
    """A date as its format shows it: `yyyy/m/d` 2024/6/30, `yyyy"年"m"月"d"日前"` 2024年4月30日前
    (a publisher's way of writing a deadline with a real date). The system's short date
    (built-in formats 14 and 22) is shown as a Chinese Excel shows it; a format naming no
    part of a date (`General`, a number's) shows the ISO date, as never a serial number."""
    fmt = _LOCAL_DATES.get(fmt.lower(), fmt)
    tokens = _DATE_TOKEN.findall(_SECTION_SPLIT.split(fmt)[0])
    codes = [token.lower() for token in tokens if token[:1].lower() in _DATE_CODES]
    if not any(code[0] in "ymd" for code in codes):
        text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
        return text.removesuffix(" 00:00:00")
    moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    shown: list[str] = []
    position = 0  # codes passed so far
    for token in tokens:
        literal = _literal(token)
        if literal is not None or token[:1].lower() not in _DATE_CODES:
            shown.append(token if literal is None else literal)
            continue
        shown.append(_date_part(moment, token, _minutes(codes, position)))
        position += 1
    return "".join(shown)


_DATE_CODES = "ymdhs"


def _minutes(codes: list[str], position: int) -> bool:
    """`m` is minutes right after an hour code or right before a seconds code, else the month."""
    before = codes[position - 1][0] if position > 0 else ""
    after = codes[position + 1][0] if position + 1 < len(codes) else ""
    return codes[position][0] == "m" and (before == "h" or after == "s")


def _date_part(moment: dt.datetime, token: str, minutes: bool) -> str:
    """One date code of a format (`yyyy`, `m`, `dd`, `hh`, `ss`) as it shows the moment."""
    code, size = token[0].lower(), len(token)
    if code == "y":
        return str(moment.year) if size > 2 else f"{moment.year % 100:02d}"
    if code == "m" and minutes:
        return f"{moment.minute:0{min(size, 2)}d}"
    if code == "m":
        return {1: str(moment.month), 2: f"{moment.month:02d}", 3: moment.strftime("%b")}.get(
            size, moment.strftime("%B"))
    if code == "d":
        return {1: str(moment.day), 2: f"{moment.day:02d}", 3: moment.strftime("%a")}.get(
            size, moment.strftime("%A"))
    if code == "h":
        return f"{moment.hour:0{min(size, 2)}d}"
    return f"{moment.second:0{min(size, 2)}d}"


def _number(value: int | float, fmt: str) -> str:
    """The decimal Excel shows (15 significant digits), scaled for `%`, with the decimals
    the format shows, and the text the format writes around it (`"≥"0"座"` shows 12 as
    `≥12座`: a publisher's way of keeping the operator and unit beside a real number)."""
    try:  # Excel shows a float to 15 significant digits (a sum stored 99.42999999999999 shows 99.43)
        number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    sections = _SECTION_SPLIT.split(fmt)
    if number < 0 and len(sections) > 1:
        number, section = -number, sections[1]  # it writes its own sign, or brackets
    else:
        section = sections[2] if number == 0 and len(sections) > 2 else sections[0]
    before, core, after = _literals(section)
    if not core:  # a section of text alone (`0;-0;"—"` shows zero as —) shows the text
        return before + after
    return before + _digits(number, core) + after


def _literals(section: str) -> tuple[str, str, str]:
    """(text before the number, the number's own codes, text after): quoted text, escaped
    characters and any character that is no number code are written as they are; colours,
    conditions, padding (`_)`) and fills (`*-`) show nothing. Text between digit codes
    (`0000-0000`) is left out: the digits are shown as one number."""
    before: list[str] = []
    core: list[str] = []
    after: list[str] = []
    for match in _FORMAT_TOKEN.finditer(section):
        token = match.group()
        literal = _literal(token)
        if literal is None and _NUMBER_CODE.fullmatch(token):
            core.append(token)
            after.clear()
            continue
        (after if core else before).append(token if literal is None else literal)
    return "".join(before), "".join(core), "".join(after)


def _literal(token: str) -> str | None:
    """What a format's token that is no code writes (number and date formats alike): a
    bracket nothing but a currency's symbol (colours, conditions, locales show nothing),
    padding and fills nothing, quoted text and an escaped character themselves; None for
    any other token."""
    if token[0] == "[":
        currency = _CURRENCY.fullmatch(token)
        return currency.group(1) if currency else ""
    if token[0] in "_*":
        return ""
    if token[0] == '"':
        return token[1:-1] if len(token) > 1 and token.endswith('"') else token[1:]
    if token[0] == "\\":
        return token[1:]
    return None


def _digits(number: Decimal, fmt: str) -> str:
    """The number as the format's digit codes show it."""
    percent = "%" in fmt
    if percent:
        number *= 100
    decimals = _DECIMALS.search(fmt)
    if decimals:
        number = number.quantize(Decimal(1).scaleb(-len(decimals.group(1))))
    elif fmt != "General" and re.fullmatch(r"[#,]*0(?:%)?", fmt.replace("\\", "")):
        number = number.quantize(Decimal(1))
    text = format(number.normalize() if not decimals else number, "f")
    return text + ("%" if percent else "")


@dataclass
class Output:
    """A workbook's blocks as its sheets are cut (xls.py reads old workbooks into it too)."""

    reader: str
    blocks: list[TableBlock | ProseBlock] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    line: int = 0
    rows_back: dict[int, int] = field(default_factory=dict)  # a closed-up row → the sheet's own
    cols_back: dict[int, int] = field(default_factory=dict)

    def hidden(self, title: str) -> None:
        """A hidden sheet (a template's blank copy, the lists its drop-downs draw on): not
        shown, so not read; noted."""
        self.notes.append(f"sheet {title} is hidden; not read")

    def sheet(self, title: str, values: dict[tuple[int, int], str], merges: list[Box],
              hidden: Hidden = Hidden()) -> None:
        """Cut the sheet at blank rows; each part is title lines, a table, closing lines.
        Hidden rows and columns are taken out first, as if never there (a draft's row
        left hidden inside a merged group does not cut the table); what they held is noted."""
        self.rows_back, self.cols_back = {}, {}
        if hidden.rows or hidden.cols:
            values, merges = self._shown_only(title, values, merges, hidden)
        anchors = {(b[0], b[1]): b for b in merges}
        covered = {(r, c) for b in merges for r in range(b[0], b[2] + 1) for c in range(b[1], b[3] + 1)
                   if (r, c) != (b[0], b[1])}
        used = sorted({r for r, _ in values} | {r for b in merges if (b[0], b[1]) in values
                                                  for r in range(b[0], b[2] + 1)})
        for part in _runs(used):
            self.part(title, part, values, anchors, covered)

    def _shown_only(self, title: str, values: dict[tuple[int, int], str], merges: list[Box],
                    hidden: Hidden) -> tuple[dict[tuple[int, int], str], list[Box]]:
        """The sheet with its hidden rows and columns closed up; `rows_back`/`cols_back`
        keep each cell's own address."""
        lost_rows = sorted({r for r, c in values if r in hidden.rows})
        lost_cols = sorted({c for r, c in values if c in hidden.cols and r not in hidden.rows})
        if lost_rows:
            self.notes.append(f"sheet {title}: hidden rows {_listed(lost_rows)} not read")
        if lost_cols:
            self.notes.append(f"sheet {title}: hidden columns "
                              f"{_listed([get_column_letter(c) for c in lost_cols])} not read")
        row_to = _closed_up(hidden.rows, max([r for r, _ in values] + [b[2] for b in merges], default=0))
        col_to = _closed_up(hidden.cols, max([c for _, c in values] + [b[3] for b in merges], default=0))
        self.rows_back = {new: old for old, new in row_to.items()}
        self.cols_back = {new: old for old, new in col_to.items()}
        shown = {(row_to[r], col_to[c]): v for (r, c), v in values.items() if r in row_to and c in col_to}
        boxes = []
        for r0, c0, r1, c1 in merges:
            rows = [row_to[r] for r in range(r0, r1 + 1) if r in row_to]
            cols = [col_to[c] for c in range(c0, c1 + 1) if c in col_to]
            if not rows or not cols:
                continue
            if (r0, c0) in values and (rows[0], cols[0]) not in shown:
                shown[(rows[0], cols[0])] = values[(r0, c0)]  # a merged cell shows its value
            boxes.append((rows[0], cols[0], rows[-1], cols[-1]))
        return shown, boxes

    def part(self, title, rows: list[int], values, anchors, covered) -> None:
        """Title lines, then the table, then closing lines (see `_lone_line`)."""
        first_col = min(c for (r, c) in values if rows[0] <= r <= rows[-1])

        def lone(r: int) -> bool:
            return _lone_line(r, first_col, values, anchors)

        start, end = 0, len(rows)
        while start < end and lone(rows[start]):
            self.prose(title, rows[start], values)
            start += 1
        tail = end
        while tail > start + 1 and lone(rows[tail - 1]):
            tail -= 1
        if start < tail:
            self.table(title, rows[start:tail], values, anchors, covered)
        for r in rows[tail:end]:
            self.prose(title, r, values)

    def address(self, title: str, row: int, col: int) -> str:
        """The cell's address in the workbook, hidden rows and columns counted."""
        return _address(title, self.rows_back.get(row, row), self.cols_back.get(col, col))

    def prose(self, title: str, r: int, values) -> None:
        (c, raw), = [(c, v) for (rr, c), v in values.items() if rr == r]
        self.line += 1
        self.blocks.append(ProseBlock(text=clean_text(raw), raw=raw, line=self.line, last_line=self.line,
                                      location=self.address(title, r, c)))

    def table(self, title, rows: list[int], values, anchors, covered) -> None:
        first, last = rows[0], rows[-1]
        cols = [c for (r, c) in values if first <= r <= last]
        cols += [b[3] for (r, _c), b in anchors.items() if first <= r <= last]
        c0, c1 = min(c for (r, c) in values if first <= r <= last), max(cols)
        cells = []
        for r in range(first, last + 1):
            for c in range(c0, c1 + 1):
                if (r, c) in covered:
                    continue
                box = anchors.get((r, c), (r, c, r, c))
                raw = values.get((r, c), "")
                rs, cs = min(box[2], last) - r + 1, min(box[3], c1) - c + 1
                line = self.line + 1 + r - first
                cells.append(Cell(row=r - first, col=c - c0, text=clean_text(raw), raw=raw, line=line,
                                  last_line=line + rs - 1, row_span=rs, col_span=cs,
                                  location=self.address(title, r, c)))
        self.line += last - first + 1
        self.blocks.append(TableBlock(cells=cells, reader=self.reader, rows="exact", columns="exact"))


def _closed_up(hidden: frozenset[int], last: int) -> dict[int, int]:
    """Each shown row (or column) up to `last` → its place once the hidden ones are gone."""
    shown = [n for n in range(1, last + 1) if n not in hidden]
    return {n: place for place, n in enumerate(shown, start=1)}


def _listed(items: list) -> str:
    return ", ".join(map(str, items[:10])) + (f" and {len(items) - 10} more" if len(items) > 10 else "")


def _address(title: str, row: int, col: int) -> str:
    """`Sheet1!C7`, with the sheet name quoted as Excel writes it when it needs quoting."""
    sheet = title if re.fullmatch(r"\w+", title) else "'" + title.replace("'", "''") + "'"
    return f"{sheet}!{get_column_letter(col)}{row}"


def _lone_line(r: int, first_col: int, values, anchors) -> bool:
    """A row that is a line of text, not a table row: one value, starting the block's first
    column (a title merged across, `填报人：…`), and no merged cell reaching into it from
    above or down from it (a table row whose other cells are merged from above holds one)."""
    cols = [c for (rr, c) in values if rr == r]
    if len(cols) != 1 or cols[0] != first_col:
        return False
    if anchors.get((r, cols[0]), (r, cols[0], r, cols[0]))[2] > r:
        return False
    return not any(box[0] < r <= box[2] for box in anchors.values())


def _runs(rows: list[int]) -> list[list[int]]:
    """Consecutive row numbers grouped; a blank row ends a group."""
    groups: list[list[int]] = []
    for r in rows:
        if groups and r == groups[-1][-1] + 1:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups
