"""Fixtures for the native-format readers: golden forms rendered once per session.

Rendered files live in a session temp dir (never in git). Chromium-made
formats (PDF, PNG) skip when the browser is not installed.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from itertools import groupby

import pytest

from extract.normalise import clean_text
from extract.readers import FORMAT_READERS
from tests.render.browser import chromium
from tests.render.canonical import CanonicalForm, canonical_forms, slots_with_positions

Expected = list[tuple[int, int, str, int, int]]


@pytest.fixture(scope="session")
def forms() -> list[CanonicalForm]:
    found = canonical_forms()
    if not found:
        pytest.skip("no golden records found (tests/golden/wild, ../shared/eval/gold_seeds)")
    return found


@pytest.fixture(scope="session")
def form_groups(forms) -> list[tuple[str, list[CanonicalForm]]]:
    """The forms grouped by golden file: one rendered document per file."""
    return [(stem, list(group)) for stem, group in groupby(forms, key=lambda f: f.key.split("#")[0])]


@pytest.fixture(scope="session")
def rendered(form_groups, tmp_path_factory) -> Callable[[str], list[tuple[str, list[CanonicalForm], bytes]]]:
    """format → [(stem, forms, file bytes)], rendered on first use and kept on disk for the session."""
    from tests.render import docx, html, pdf, xlsx

    renderers = {"html": html.render_html, "docx": docx.render_docx, "xlsx": xlsx.render_xlsx,
                 "pdf": pdf.render_pdf}
    folder = tmp_path_factory.mktemp("rendered")
    cache: dict[str, list] = {}

    def get(fmt: str):
        if fmt == "pdf" and chromium() is None:
            pytest.skip("chromium is not installed (bash tests/setup_browser.sh)")
        if fmt not in cache:
            out = []
            for stem, group in form_groups:
                path = folder / f"{stem}.{fmt}"
                if not path.exists():
                    path.write_bytes(renderers[fmt](group))
                out.append((stem, group, path.read_bytes()))
            cache[fmt] = out
        return cache[fmt]

    return get


def expected_cells(form: CanonicalForm) -> Expected:
    """The canonical table's slots as (row, col, text, row_span, col_span), texts cleaned."""
    return [(r, c, clean_text(t), rs, cs) for table in form.tables
            for r, c, t, rs, cs in slots_with_positions(table)]


def grid_cells(block) -> Expected:
    return sorted((c.row, c.col, c.text, c.row_span, c.col_span) for c in block.cells)


def printed(cells: Expected) -> Expected:
    """What a print can show: whitespace removed (a page shows no space at a line wrap), and
    columns no cell border separates merged (a column every row spans is never drawn)."""
    edges = sorted({c for _r, c, _t, _rs, _cs in cells} | {c + cs for _r, c, _t, _rs, cs in cells})
    index = {edge: n for n, edge in enumerate(edges)}
    return sorted((r, index[c], "".join(t.split()), rs, index[c + cs] - index[c])
                  for r, c, t, rs, cs in cells)


def read(fmt: str, data: bytes, name: str):
    return FORMAT_READERS[fmt](data, name)


@pytest.fixture
def network_off(monkeypatch):
    """Any attempt to open a connection fails loudly (proves the OCR engine downloads nothing)."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args[1:] if len(args) > 1 else args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
