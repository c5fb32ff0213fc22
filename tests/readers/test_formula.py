"""Formulas a program stored with no value, computed as Excel shows them (formula.py): the
arithmetic subset forms use, on Decimal values; anything else gives nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.readers.formula import MAX_LENGTH, Unsupported, cell_address, evaluate

SHEET = {(9, 4): Decimal("300"), (10, 4): Decimal("100.5"), (11, 4): Decimal("8"),
         (8, 5): Decimal("408.5"), (8, 6): Decimal("393.74"), (9, 5): Decimal("0"),
         (1, 1): "合计", (2, 1): None}


def value_of(row: int, col: int, _depth: int = 0):
    return SHEET.get((row, col))


@pytest.mark.parametrize(("formula", "value"), [
    ("=SUM(D9:D11)", Decimal("408.5")),
    ("=ROUND(F8/E8*100,2)", Decimal("96.39")),
    ("=IF(E8=0,0,ROUND(F8/E8*100,2))", Decimal("96.39")),
    ('=IF(E9=0,"",F9/E9*100)', ""),  # the branch not taken may fail: it is not computed
    ("=ROUND(10*MIN(96.39,100)/100,2)", Decimal("9.64")),
    ("=$D$9+D10-D11", Decimal("392.5")),
    ("=-D11^2", Decimal("64")),  # as in Excel, the sign binds before the power
    ("=50%*D9", Decimal("150")),
    ('=A1&"："&D11', "合计：8"),
    ("=AVERAGE(D9:D11)", Decimal("136.1666666666666666666666667")),
    ("=SUM(A1:A2,D11)", Decimal("8")),  # text and empty cells in a range are skipped
    ("=IF(D9>=300,\"达标\",\"未达标\")", "达标"),
    ('=IFERROR(D9/E9,"—")', "—"),
    ("=ROUNDDOWN(7.789,1)+ROUNDUP(0.11,1)", Decimal("7.9")),
    ("=COUNT(D9:D11)", Decimal("3")),
])
def test_the_subset_forms_use_is_computed(formula, value):
    assert evaluate(formula, value_of) == value


@pytest.mark.parametrize("formula", [
    "=D9/E9",                     # a division by zero
    "=Sheet2!A1",                 # another sheet
    "=VLOOKUP(A1,B1:C9,2,0)",     # a function out of the subset
    "=__import__('os')",          # nothing is run: it is no formula
    "=SUM(A1:ZZ99999)",           # a range too large
    "=" + "(" * 60 + "1" + ")" * 60,  # too deep
    "=" + "1+" * MAX_LENGTH + "1",    # too long
    "=SUM(D9:D11",                # unclosed
])
def test_what_is_out_of_the_subset_gives_nothing(formula):
    with pytest.raises(Unsupported):
        evaluate(formula, value_of)


def test_cell_addresses():
    assert cell_address("$D$9") == (9, 4) and cell_address("AA10") == (10, 27)
