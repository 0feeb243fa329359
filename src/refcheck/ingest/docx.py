"""Word documents (.docx): body paragraphs, native footnotes and endnotes, and Zotero / Mendeley citation fields.

Read from the package's XML with lxml (python-docx has no footnote API):
paragraphs in document order (tables included, the Fallback copy of a text box
and deleted text left out), `w:footnoteReference` / `w:endnoteReference`
markers numbered as Word numbers them (footnotes 1, 2, 3; endnotes i, ii, iii),
and the citation fields a reference manager inserts (`ADDIN ZOTERO_ITEM
CSL_CITATION {...}`, Mendeley's `ADDIN CSL_CITATION {...}`) with their CSL JSON
items. Locations are paragraph numbers (paragraphs with text) and columns.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path, PurePosixPath

from refcheck.errors import InputError
from refcheck.ingest.document import Document, Format
from refcheck.ingest.paragraphs import Paragraph, ParagraphDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CITATION_FIELD = re.compile(r"^\s*ADDIN\s+(?:ZOTERO_ITEM\s+)?CSL_CITATION\s*(?P<json>\{.*)$", re.DOTALL)
_SKIP = {W + "del", W + "delText", W + "txbxContent", _FALLBACK, W + "rPr", W + "pPr", W + "commentReference"}


def roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def citation_items(instruction: str) -> tuple[dict, ...] | None:
    """The CSL JSON citation items of a Zotero / Mendeley field instruction; None for any other field."""
    m = _CITATION_FIELD.match(instruction)
    if not m:
        return None
    try:
        data, _ = json.JSONDecoder().raw_decode(m.group("json"))
    except json.JSONDecodeError:
        return None
    items = data.get("citationItems") if isinstance(data, dict) else None
    return tuple(i for i in items if isinstance(i, dict)) if isinstance(items, list) else None


class _Story:
    """Walks the paragraphs of one part (the body, or one note), with its fields open across runs."""

    def __init__(self, labels: dict[tuple[str, str], str]) -> None:
        self.labels = labels  # (kind, w:id) -> label
        self.fields: list[dict] = []

    def paragraphs(self, root) -> list[Paragraph]:
        out = []
        for p in root.iter(W + "p"):
            if any(a.tag in (_FALLBACK, W + "txbxContent") for a in p.iterancestors()) and root.tag != W + "txbxContent":
                continue
            para = Paragraph()
            self._walk(p, para)
            out.append(para)
        return out

    def _walk(self, element, para: Paragraph) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or (tag == W + "p" and child is not element):
                continue
            if tag == W + "t":
                para.add(child.text or "")
            elif tag in (W + "tab", W + "br", W + "cr"):
                para.add(" ")
            elif tag == W + "noBreakHyphen":
                para.add("-")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                kind = "footnote" if tag == W + "footnoteReference" else "endnote"
                label = self.labels.get((kind, child.get(W + "id", "")))
                if label:
                    para.mark(label)
            elif tag == W + "fldChar":
                self._field_char(child.get(W + "fldCharType"), para)
            elif tag == W + "instrText":
                if self.fields:
                    self.fields[-1]["instr"] += child.text or ""
            elif tag == W + "fldSimple":
                start = len(para.text)
                self._walk(child, para)
                items = citation_items(child.get(W + "instr", ""))
                if items:
                    para.fields.append((start, len(para.text), items))
            else:
                self._walk(child, para)

    def _field_char(self, kind: str | None, para: Paragraph) -> None:
        if kind == "begin":
            self.fields.append({"instr": "", "start": None, "para": para})
        elif kind == "separate" and self.fields:
            self.fields[-1]["start"] = len(para.text)
        elif kind == "end" and self.fields:
            field = self.fields.pop()
            if field["start"] is None or field["para"] is not para:
                return  # no visible result, or one spread over paragraphs (a bibliography)
            items = citation_items(field["instr"])
            if items:
                para.fields.append((field["start"], len(para.text), items))


class DocxReader:
    suffixes = (".docx", ".docm")
    format = Format.WORD

    def read(self, path: Path, shown: str) -> Document:
        from lxml import etree

        try:
            package = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError):
            raise InputError("not a Word document (not a .docx package)", shown) from None
        with package:
            names = set(package.namelist())
            main = _main_part(package, names)
            if main is None:
                raise InputError("not a Word document (no word/document.xml)", shown)
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
            try:
                body = etree.fromstring(package.read(main), parser)
                parts = _note_parts(package, names, main)
                notes = {kind: etree.fromstring(package.read(name), parser) for kind, name in parts.items()}
            except etree.XMLSyntaxError as exc:
                raise InputError(f"damaged Word document: {exc}", shown) from None
        labels = _note_labels(body)
        out = ParagraphDocument(shown)
        story = _Story(labels)
        for para in story.paragraphs(body.find(W + "body") if body.find(W + "body") is not None else body):
            out.paragraph(para)
        for (kind, note_id), label in sorted(labels.items(), key=lambda kv: (kv[0][0] != "footnote", _order(kv[1]))):
            root = notes.get(kind)
            if root is None:
                continue
            for note in root.iter(W + kind):
                if note.get(W + "id") == note_id:
                    out.note(label, _Story(labels).paragraphs(note))
                    break
        return out.build(self.format)


def _order(label: str) -> tuple[int, str]:
    return (int(label), "") if label.isdigit() else (len(label), label)


def _main_part(package: zipfile.ZipFile, names: set[str]) -> str | None:
    if "word/document.xml" in names:
        return "word/document.xml"
    return next((n for n in sorted(names) if n.startswith("word/document") and n.endswith(".xml")), None)


def _note_parts(package: zipfile.ZipFile, names: set[str], main: str) -> dict[str, str]:
    """footnote/endnote -> part name, from the main part's relationships (word/footnotes.xml by default)."""
    from lxml import etree

    found = {"footnote": "word/footnotes.xml", "endnote": "word/endnotes.xml"}
    main_path = PurePosixPath(main)
    rels = str(main_path.parent / "_rels" / (main_path.name + ".rels"))
    if rels in names:
        for rel in etree.fromstring(package.read(rels)).iter(_REL):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if kind in ("footnotes", "endnotes"):
                target = str(PurePosixPath(main_path.parent, rel.get("Target", "")))
                found[kind[:-1]] = target.replace("word/../", "")
    return {kind: name for kind, name in found.items() if name in names}


def _note_labels(body) -> dict[tuple[str, str], str]:
    """Word's numbering: footnotes 1, 2, 3 and endnotes i, ii, iii in the order their references appear."""
    labels: dict[tuple[str, str], str] = {}
    counts = {"footnote": 0, "endnote": 0}
    for ref in body.iter(W + "footnoteReference", W + "endnoteReference"):
        if any(a.tag == _FALLBACK for a in ref.iterancestors()):
            continue
        kind = "footnote" if ref.tag == W + "footnoteReference" else "endnote"
        key = (kind, ref.get(W + "id", ""))
        if key in labels or ref.get(W + "customMarkFollows") in ("1", "true"):
            continue
        counts[kind] += 1
        labels[key] = str(counts[kind]) if kind == "footnote" else roman(counts[kind])
    return labels
