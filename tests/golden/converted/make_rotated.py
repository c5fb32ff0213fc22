"""Store the LibreOffice PDFs' pages turned: `<stem>.pdf_rotated.pdf` and `<stem>.pdf_sideways.pdf`.

Why a script: the PDFs an archive holds are not all written the way LibreOffice
writes them. Print drivers, scanners' PDF writers and page tools often store a
page turned a quarter, with the page's /Rotate entry set so that it shows upright
(a landscape table on a portrait sheet turned for the screen); and a page may show
its table sideways, its content drawn turned with no /Rotate at all (a landscape
sheet printed onto a portrait page). Either way the text layer is intact but its
characters run up or down the page, not across it.

Each page of `<stem>.libreoffice.pdf` is placed, as a form XObject, on a page with
its width and height swapped, turned a quarter; `pdf_rotated` sets /Rotate so the
page shows upright (90 and 270 in turn, by document), `pdf_sideways` leaves /Rotate
at 0 (the page shows turned, anticlockwise and clockwise in turn).

Run by hand: `python tests/golden/converted/make_rotated.py`.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

HERE = Path(__file__).parent
ROTATED = ("t13_two_forms_word", "s13_department_self_eval_workbook", "t24_projects_workbook",
           "t47_project_word_merged")
SIDEWAYS = ("t23_department_word", "s06_self_eval_workbook", "t31_two_forms_one_table")


def turned(source: Path, target: Path, anticlockwise: bool, shown_upright: bool) -> None:
    """Every page of `source` drawn turned a quarter on a page of swapped size."""
    original = pdfium.PdfDocument(source)
    result = pdfium.PdfDocument.new()
    for index in range(len(original)):
        width, height = original[index].get_size()
        page = result.new_page(height, width)
        drawn = original.page_as_xobject(index, result).as_pageobject()
        matrix = pdfium.PdfMatrix()
        if anticlockwise:  # the page's bottom-left corner goes to its bottom-right
            matrix = matrix.rotate(90, ccw=True).translate(height, 0)
        else:
            matrix = matrix.rotate(90, ccw=False).translate(0, width)
        drawn.transform(matrix)
        page.insert_obj(drawn)
        page.gen_content()
        if shown_upright:  # /Rotate turns the view back clockwise (90) or anticlockwise (270)
            page.set_rotation(90 if anticlockwise else 270)
    result.save(target)


def main() -> None:
    for number, stem in enumerate(ROTATED):
        turned(HERE / f"{stem}.libreoffice.pdf", HERE / f"{stem}.pdf_rotated.pdf",
               anticlockwise=number % 2 == 0, shown_upright=True)
    for number, stem in enumerate(SIDEWAYS):
        turned(HERE / f"{stem}.libreoffice.pdf", HERE / f"{stem}.pdf_sideways.pdf",
               anticlockwise=number % 2 == 0, shown_upright=False)


if __name__ == "__main__":
    main()
