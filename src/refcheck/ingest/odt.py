"""OpenDocument text (.odt, LibreOffice): paragraphs, native footnotes and endnotes, Zotero reference marks (odfpy).

Paragraphs and headings in document order (lists, tables and sections
included; tracked deletions and comments left out); each `text:note` is a
marker with its own citation text (1, 2 ... or i, ii ...) and a note. Zotero's
LibreOffice plugin keeps a citation's CSL JSON in the name of the reference
mark around its visible text. Locations are paragraph numbers and columns.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from refcheck.errors import InputError
from refcheck.ingest.docx import citation_items
from refcheck.ingest.document import Document, Format
from refcheck.ingest.paragraphs import Paragraph, ParagraphDocument

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SKIP = {(TEXT, "tracked-changes"), (OFFICE, "annotation"), (TEXT, "note-citation"), (TEXT, "bookmark-ref")}


class _Walker:
    def __init__(self, out: ParagraphDocument) -> None:
        self.out = out
        self.open_marks: dict[str, tuple[Paragraph, int]] = {}

    def container(self, node) -> None:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            if child.qname in ((TEXT, "p"), (TEXT, "h")):
                para = Paragraph()
                self.inline(child, para)
                self.out.paragraph(para)
            elif child.qname not in _SKIP:
                self.container(child)

    def inline(self, node, para: Paragraph) -> None:
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                para.add(child.data)
                continue
            if child.nodeType != child.ELEMENT_NODE or child.qname in _SKIP:
                continue
            name = child.qname
            if name == (TEXT, "s"):
                para.add(" " * int(child.getAttrNS(TEXT, "c") or 1))
            elif name in ((TEXT, "tab"), (TEXT, "line-break")):
                para.add(" ")
            elif name == (TEXT, "note"):
                self.note(child, para)
            elif name == (TEXT, "reference-mark-start"):
                self.open_marks[child.getAttrNS(TEXT, "name") or ""] = (para, len(para.text))
            elif name == (TEXT, "reference-mark-end"):
                self.close_mark(child.getAttrNS(TEXT, "name") or "", para)
            else:
                self.inline(child, para)

    def note(self, node, para: Paragraph) -> None:
        label = ""
        paras: list[Paragraph] = []
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            if child.qname == (TEXT, "note-citation"):
                label = "".join(t.data for t in child.childNodes if t.nodeType == t.TEXT_NODE).strip()
            elif child.qname == (TEXT, "note-body"):
                for p in child.childNodes:
                    if p.nodeType == p.ELEMENT_NODE and p.qname in ((TEXT, "p"), (TEXT, "h")):
                        inner = Paragraph()
                        self.inline(p, inner)
                        paras.append(inner)
        if label:
            para.mark(label)
            self.out.note(label, paras)

    def close_mark(self, name: str, para: Paragraph) -> None:
        opened = self.open_marks.pop(name, None)
        if opened is None or opened[0] is not para:
            return
        items = citation_items("ADDIN " + name)  # "ZOTERO_ITEM CSL_CITATION {json} RND…": the JSON ends itself
        if items:
            para.fields.append((opened[1], len(para.text), items))


class OdtReader:
    suffixes = (".odt",)
    format = Format.ODT

    def read(self, path: Path, shown: str) -> Document:
        from odf.opendocument import load

        try:
            document = load(str(path))
        except (zipfile.BadZipFile, KeyError):
            raise InputError("not an OpenDocument text (not an .odt package)", shown) from None
        except Exception as exc:  # odfpy raises the XML parser's own errors for a damaged content.xml
            raise InputError(f"damaged OpenDocument text: {exc}", shown) from None
        out = ParagraphDocument(shown)
        _Walker(out).container(document.text)
        return out.build(self.format)
