"""Office 2003 XML documents: parsed safely, and told from other XML by their root.

Java and .NET systems export forms from templates (freemarker, Velocity) as Office
2003's XML formats, saved under the old binary names: a "Word" `.doc` that is
WordprocessingML 2003 (`<w:wordDocument>`, read by wordml.py) and an "Excel" `.xls`
that is SpreadsheetML 2003 (`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`,
read by spreadsheetml.py). Both are one plain XML document: it is parsed with no DTD,
no entities and no network, so an entity bomb costs a refusal, not memory.
"""

from __future__ import annotations

import re

from lxml import etree

from extract.reader import UnreadableFile

WORD_2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
SPREADSHEET_2003 = "urn:schemas-microsoft-com:office:spreadsheet"

_PROGID = re.compile(rb'<\?mso-application\s+progid="(Word\.Document|Excel\.Sheet)"')
_WORD_ROOT = re.compile(rb"<(?:\w+:)?wordDocument\b[^>]*" + re.escape(WORD_2003.encode()))
_SHEET_ROOT = re.compile(rb"<(?:\w+:)?Workbook\b[^>]*" + re.escape(SPREADSHEET_2003.encode()))
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def office_xml_kind(head: bytes) -> str | None:
    """`wordml` or `spreadsheetml` for a Word or Excel 2003 XML document (by its processing
    instruction or its root element near the start), else None."""
    if b"<?xml" not in head[:512] and b"<" not in head[:64]:
        return None
    progid = _PROGID.search(head)
    if progid:
        return "wordml" if progid.group(1) == b"Word.Document" else "spreadsheetml"
    if _WORD_ROOT.search(head):
        return "wordml"
    if _SHEET_ROOT.search(head):
        return "spreadsheetml"
    return None


def parse(data: bytes, name: str, what: str) -> etree._Element:
    """The document's root element; UnreadableFile where it declares entities or does not
    parse."""
    if _DTD.search(data[:65536]):
        raise UnreadableFile(f"{name} declares XML entities (a {what} file never needs them; "
                             "an entity bomb does); refused")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, recover=False)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as err:
        raise UnreadableFile(f"{name} is a damaged {what} file ({err}); open it in Word or "
                             "Excel and save it as .docx or .xlsx") from err
