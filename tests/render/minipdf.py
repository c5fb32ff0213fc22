"""Hand-made PDFs for the cases no renderer produces: unmapped fonts, encryption, damage."""

from __future__ import annotations

import zlib

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def build_pdf(page_streams: list[bytes], second_font: bytes = HELVETICA, trailer_extra: str = "",
              image: tuple[int, int, bytes] | None = None) -> bytes:
    """A PDF with one page per content stream; /F1 is Helvetica, /F2 `second_font`.

    `image` (width, height, 8-bit gray pixels) is painted over every whole page
    first, as a scanner writes a page, with the stream's text on top.
    """
    count = len(page_streams)
    first_page = 6 if image else 5
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(), HELVETICA, second_font]
    xobject, paint = "", b""
    if image:
        width, height, pixels = image
        packed = zlib.compress(pixels)
        objects.append(f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace "
                       f"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {len(packed)} >>\n"
                       "stream\n".encode() + packed + b"\nendstream")
        xobject, paint = " /XObject << /Im1 5 0 R >>", b"q 612 0 0 792 0 0 cm /Im1 Do Q\n"
    for i, stream in enumerate(page_streams):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
                       f"<< /F1 3 0 R /F2 4 0 R >>{xobject} >> /Contents {first_page + 1 + 2 * i} 0 R >>"
                       .encode())
        body = paint + stream
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
    return _serialised(objects, trailer_extra)


def _serialised(objects: list[bytes], trailer_extra: str = "") -> bytes:
    """The objects (numbered from 1, the catalog first) as a PDF with its cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return out


def text_stream(lines: list[tuple[float, float, str]], size: int = 12, invisible: bool = False) -> bytes:
    """Text at (x, y) points, ASCII only (Helvetica); `invisible` as OCR software writes it."""
    mode = "3 Tr " if invisible else ""
    parts = [f"BT {mode}/F1 {size} Tf 1 0 0 1 {x} {y} Tm ({text}) Tj ET" for x, y, text in lines]
    return "\n".join(parts).encode("latin-1")


UNMAPPED_FONT = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                 b"/Differences [65 /g1 /g2 /g3 /g4 /g5 /g6 /g7 /g8] >> >>")
ENCRYPT = ("/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + "00" * 32 + "> /U <" + "11" * 32
           + "> /P -4 >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")


def form_pdf(label: str, value: str) -> bytes:
    """A fillable PDF: `label` printed on the page, `value` only in a text field's value and
    its appearance (a fillable form as its user filled it in, not flattened)."""
    appearance = f"/Tx BMC BT /F1 12 Tf 2 6 Td ({value}) Tj ET EMC".encode("latin-1")
    page = text_stream([(72, 700, label)])
    objects = [b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /DA (/F1 12 Tf 0 g) "
               b"/DR << /Font << /F1 3 0 R >> >> >> >>",
               b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", HELVETICA,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Contents 5 0 R /Annots [6 0 R] >>",
               b"<< /Length %d >>\nstream\n" % len(page) + page + b"\nendstream",
               f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (target) /V ({value}) /Rect [200 690 320 716] "
               "/F 4 /P 4 0 R /DA (/F1 12 Tf 0 g) /AP << /N 7 0 R >> >>".encode("latin-1"),
               b"<< /Type /XObject /Subtype /Form /BBox [0 0 120 26] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Length %d >>\nstream\n" % len(appearance) + appearance + b"\nendstream"]
    return _serialised(objects)
