"""Hand-made PDFs for the cases no renderer produces: unmapped fonts, encryption, damage."""

from __future__ import annotations

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def build_pdf(page_streams: list[bytes], second_font: bytes = HELVETICA, trailer_extra: str = "") -> bytes:
    """A PDF with one page per content stream; /F1 is Helvetica, /F2 `second_font`."""
    count = len(page_streams)
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(), HELVETICA, second_font]
    for i, stream in enumerate(page_streams):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
                       f"<< /F1 3 0 R /F2 4 0 R >> >> /Contents {6 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
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


def text_stream(lines: list[tuple[float, float, str]], size: int = 12) -> bytes:
    """Text at (x, y) points, ASCII only (Helvetica)."""
    parts = [f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm ({text}) Tj ET" for x, y, text in lines]
    return "\n".join(parts).encode("latin-1")


UNMAPPED_FONT = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                 b"/Differences [65 /g1 /g2 /g3 /g4 /g5 /g6 /g7 /g8] >> >>")
ENCRYPT = ("/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + "00" * 32 + "> /U <" + "11" * 32
           + "> /P -4 >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")
