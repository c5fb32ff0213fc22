"""Excel formulas a program wrote without computing them, computed as Excel would show them.

openpyxl, and the finance systems that export through it or through Apache POI, write a
cell's formula (`=SUM(D9:D11)`, `=IF(E8=0,0,F8/E8*100)`) and no value beside it: Excel
computes it on opening, a reader of the file finds nothing. The forms' formulas are sums,
rates and scores, so the common arithmetic subset is computed here, on the sheet's own
values: numbers, cell references and ranges, `+ - * / ^ &`, comparisons, and SUM, AVERAGE,
MIN, MAX, COUNT, ROUND, ROUNDUP, ROUNDDOWN, ABS, IF, IFERROR. Nothing from the file is run:
the formula is parsed by the grammar below and evaluated on Decimal values. A formula out
of that subset (another sheet, a name, a function not listed), one too long or too deep,
or one that fails (a division by zero) gives nothing, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

import regex

MAX_LENGTH = 1_000  # characters of a formula
MAX_DEPTH = 40  # formulas that refer to formulas, and nested brackets
MAX_RANGE = 10_000  # cells a range may cover

Value = Decimal | str | bool | None
_TOKEN = regex.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)"
    r"|(?P<string>\"(?:[^\"]|\"\")*\")"
    r"|(?P<range>\$?[A-Z]{1,3}\$?\d{1,7}:\$?[A-Z]{1,3}\$?\d{1,7})"
    r"|(?P<ref>\$?[A-Z]{1,3}\$?\d{1,7})(?![\w(])"
    r"|(?P<name>[A-Z][A-Z0-9.]*)(?=\s*\()"
    r"|(?P<op><=|>=|<>|[-+*/^&=<>(),%]))")


class Unsupported(Exception):
    """The formula is out of the subset, or cannot be computed."""


def evaluate(formula: str, value_of: Callable[[int, int, int], Value]) -> Value:
    """The formula's value (`=` optional); `value_of(row, col, depth)` gives a cell's.
    Raises Unsupported where it cannot be computed."""
    text = formula[1:] if formula.startswith("=") else formula
    if len(text) > MAX_LENGTH:
        raise Unsupported("too long")
    parser = _Parser(list(_tokens(text)), value_of)
    result = parser.expression()
    if parser.position != len(parser.tokens):
        raise Unsupported("trailing tokens")
    return result


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    position = 0
    while position < len(text):
        if not text[position:].strip():
            return
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise Unsupported(f"cannot read {text[position:position + 10]!r}")
        kind = match.lastgroup or ""
        yield kind, match.group(kind)
        position = match.end()


def cell_address(ref: str) -> tuple[int, int]:
    """`$D$9` → (9, 4)."""
    letters = regex.match(r"\$?([A-Z]+)\$?(\d+)", ref)
    if letters is None:
        raise Unsupported(ref)
    col = 0
    for char in letters.group(1):
        col = col * 26 + ord(char) - 64
    return int(letters.group(2)), col


def _number(value: Value) -> Decimal:
    if isinstance(value, bool):
        return Decimal(int(value))
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(value.replace(",", ""))
    except InvalidOperation as err:
        raise Unsupported(f"not a number: {value!r}") from err


class _Parser:
    """expression := comparison; comparison := concat (cmp concat)*; concat := sum (& sum)*;
    sum := product ((+|-) product)*; product := power ((*|/) power)*; power := unary (^ unary)*;
    unary := (+|-) unary | postfix; postfix := atom %?; atom := number | string | ref | name(args)
    | (expression)."""

    def __init__(self, tokens: list[tuple[str, str]], value_of: Callable[[int, int, int], Value]) -> None:
        self.tokens, self.position, self.value_of, self.depth = tokens, 0, value_of, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, text: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or text is not None and token[1] != text:
            raise Unsupported(f"expected {text!r}")
        self.position += 1
        return token

    def at(self, *texts: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "op" and token[1] in texts

    def expression(self) -> Value:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unsupported("too deep")
        left = self.concat()
        while self.at("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            left = _compare(op, left, self.concat())
        self.depth -= 1
        return left

    def concat(self) -> Value:
        left = self.sum()
        while self.at("&"):
            self.take()
            left = _text(left) + _text(self.sum())
        return left

    def sum(self) -> Value:
        left = self.product()
        while self.at("+", "-"):
            op = self.take()[1]
            right = _number(self.product())
            left = _number(left) + right if op == "+" else _number(left) - right
        return left

    def product(self) -> Value:
        left = self.power()
        while self.at("*", "/"):
            op = self.take()[1]
            right = _number(self.power())
            if op == "/" and right == 0:
                raise Unsupported("division by zero")
            left = _number(left) * right if op == "*" else _number(left) / right
        return left

    def power(self) -> Value:
        left = self.unary()
        while self.at("^"):
            self.take()
            exponent = _number(self.unary())
            if abs(exponent) > 10:
                raise Unsupported("exponent")
            left = _number(left) ** exponent
        return left

    def unary(self) -> Value:
        if self.at("-", "+"):
            op = self.take()[1]
            value = _number(self.unary())
            return -value if op == "-" else value
        value = self.atom()
        if self.at("%"):
            self.take()
            value = _number(value) / 100
        return value

    def atom(self) -> Value:
        token = self.peek()
        if token is None:
            raise Unsupported("ends too soon")
        kind, text = token
        self.position += 1
        if kind == "number":
            return Decimal(text)
        if kind == "string":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            return self.value_of(*cell_address(text), self.depth)
        if kind == "name":
            return self.call(text)
        if kind == "op" and text == "(":
            value = self.expression()
            self.take(")")
            return value
        raise Unsupported(f"unexpected {text!r}")

    def call(self, name: str) -> Value:
        self.take("(")
        if name in ("IF", "IFERROR"):
            return self.conditional(name)
        values: list[Value] = []
        while not self.at(")"):
            token = self.peek()
            if token is not None and token[0] == "range":
                self.position += 1
                values.extend(self.cells(token[1]))
            else:
                values.append(self.expression())
            if not self.at(")"):
                self.take(",")
        self.take(")")
        return _function(name, values)

    def conditional(self, name: str) -> Value:
        """IF and IFERROR take only the branch they give (the other may fail harmlessly)."""
        start = self.position
        try:
            first = self.expression()
            failed = False
        except Unsupported:
            if name == "IF":
                raise
            failed, first = True, None
            self.position = start
            self._skip_argument()
        branches: list[tuple[int, int]] = []
        while self.at(","):
            self.take(",")
            begin = self.position
            self._skip_argument()
            branches.append((begin, self.position))
        self.take(")")
        end = self.position
        if name == "IFERROR":
            if not failed:
                return first
            chosen = branches[0] if branches else None
        else:
            truth = first if isinstance(first, bool) else _number(first) != 0
            chosen = branches[0] if truth else branches[1] if len(branches) > 1 else None
            if chosen is None:
                return False  # `IF(A1>0, 1)` false: Excel shows FALSE
        if chosen is None:
            return ""
        self.position = chosen[0]
        value = self.expression()
        self.position = end
        return value

    def _skip_argument(self) -> None:
        """Move past one argument (up to its comma or the call's closing bracket)."""
        level = 0
        while self.peek() is not None:
            kind, text = self.peek()  # type: ignore[misc]
            if kind == "op" and text == "(":
                level += 1
            elif kind == "op" and text == ")":
                if level == 0:
                    return
                level -= 1
            elif kind == "op" and text == "," and level == 0:
                return
            self.position += 1
        raise Unsupported("unclosed call")

    def cells(self, ref: str) -> list[Value]:
        first, last = (cell_address(part) for part in ref.split(":"))
        rows = range(min(first[0], last[0]), max(first[0], last[0]) + 1)
        cols = range(min(first[1], last[1]), max(first[1], last[1]) + 1)
        if len(rows) * len(cols) > MAX_RANGE:
            raise Unsupported("range too large")
        return [self.value_of(row, col, self.depth) for row in rows for col in cols]


def _compare(op: str, left: Value, right: Value) -> bool:
    if isinstance(left, str) or isinstance(right, str):
        a, b = _text(left), _text(right)
    else:
        a, b = _number(left), _number(right)
    return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value


def _numbers(values: list[Value]) -> list[Decimal]:
    """The numbers among a function's arguments (text and empty cells are skipped, as Excel's
    SUM skips them in a range)."""
    return [value if isinstance(value, Decimal) else Decimal(int(value)) for value in values
            if isinstance(value, Decimal | bool)]


def _rounded(values: list[Value], rounding: str) -> Decimal:
    if not values:
        raise Unsupported("ROUND needs a number")
    places = int(_number(values[1])) if len(values) > 1 else 0
    return _number(values[0]).quantize(Decimal(1).scaleb(-places), rounding=rounding)


_FUNCTIONS: Mapping[str, Callable[[list[Value]], Value]] = {
    "SUM": lambda values: sum(_numbers(values), Decimal(0)),
    "AVERAGE": lambda values: sum(_numbers(values), Decimal(0)) / len(_numbers(values)),
    "MIN": lambda values: min(_numbers(values), default=Decimal(0)),
    "MAX": lambda values: max(_numbers(values), default=Decimal(0)),
    "COUNT": lambda values: Decimal(len(_numbers(values))),
    "ROUND": lambda values: _rounded(values, ROUND_HALF_UP),
    "ROUNDUP": lambda values: _rounded(values, ROUND_CEILING if _number(values[0]) >= 0 else ROUND_FLOOR),
    "ROUNDDOWN": lambda values: _rounded(values, ROUND_FLOOR if _number(values[0]) >= 0 else ROUND_CEILING),
    "ABS": lambda values: abs(_number(values[0])),
}


def _function(name: str, values: list[Value]) -> Value:
    function = _FUNCTIONS.get(name)
    if function is None:
        raise Unsupported(f"function {name}")
    try:
        return function(values)
    except (IndexError, ZeroDivisionError, InvalidOperation) as err:
        raise Unsupported(f"{name} failed") from err
