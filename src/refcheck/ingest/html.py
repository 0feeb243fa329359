"""HTML (an article saved from the web, Pandoc or Quarto HTML): block text, footnote anchors and notes (lxml).

A note is an element with an `id` that an in-page link with a short label
points at (`<a href="#fn1"><sup>1</sup></a>`, Wikipedia's `[1]`): the link is a
marker and the element the note's text. An unlinked `<sup>6</sup>` stays a
superscript marker. Scripts, styles, navigation and back-links (`↩`) are not
prose. Locations are paragraph (block) numbers and columns.
"""

from __future__ import annotations

import re
from pathlib import Path

from refcheck.errors import InputError
from refcheck.ingest.decoding import decode_text
from refcheck.ingest.document import Document, Format
from refcheck.ingest.paragraphs import Paragraph, ParagraphDocument

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "td", "th", "caption",
           "figcaption", "div", "section", "article", "main", "body", "ol", "ul", "dl", "table", "tr", "tbody",
           "thead", "aside", "header", "footer", "details", "summary", "address"}
_NOT_PROSE = {"script", "style", "noscript", "template", "head", "nav", "svg", "math", "button", "form", "pre", "code"}
_LABEL = re.compile(r"^\[?\s*([0-9]{1,3}|[ivxlc]{1,6}|[a-z]|[*†‡§])\s*\]?$")
_BACKLINK = {"↩", "↩︎", "^", "↑"}


class HtmlReader:
    suffixes = (".html", ".htm", ".xhtml")
    format = Format.HTML

    def read(self, path: Path, shown: str) -> Document:
        import lxml.html

        text, _ = decode_text(path.read_bytes(), shown, line_limit=False)
        try:
            root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
        except Exception as exc:  # lxml's parser errors: an empty or non-HTML file
            raise InputError(f"not an HTML document: {exc}", shown) from None
        notes = _note_targets(root)
        out = ParagraphDocument(shown)
        walker = _Walker(out, notes)
        body = root.find("body")
        walker.block(body if body is not None else root)
        for element, label in notes.values():
            para = Paragraph()
            walker.inline(element, para, contents=True)
            out.note(label, [para])
        return out.build(self.format)


def _note_targets(root) -> dict[str, tuple[object, str]]:
    """id -> (element, label) for each element that a short-labelled in-page link points at."""
    by_id = {e.get("id"): e for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
    notes: dict[str, tuple[object, str]] = {}
    for a in root.iter("a"):
        href = a.get("href") or ""
        label = _LABEL.match(" ".join(a.text_content().split()))
        if not href.startswith("#") or not label or href[1:] not in by_id:
            continue
        target = by_id[href[1:]]
        if target.tag in ("li", "p", "div", "aside", "dd", "span") and href[1:] not in notes:
            if any(anc is target for anc in a.iterancestors()):
                continue  # a back-link inside the note itself
            notes[href[1:]] = (target, label.group(1))
    return notes


class _Walker:
    def __init__(self, out: ParagraphDocument, notes: dict[str, tuple[object, str]]) -> None:
        self.out = out
        self.notes = notes
        self.note_elements = {id(e) for e, _ in notes.values()}

    def block(self, element) -> None:
        """Emit a paragraph for each run of inline content between blocks."""
        para = Paragraph()
        para.add(element.text or "")
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _NOT_PROSE or id(child) in self.note_elements:
                para.add(child.tail or "")
                continue
            if child.tag in _BLOCKS:
                self.out.paragraph(_folded(para))
                self.block(child)
                para = Paragraph()
            else:
                self.inline(child, para, contents=False)
            para.add(child.tail or "")
        self.out.paragraph(_folded(para))

    def inline(self, element, para: Paragraph, contents: bool) -> None:
        if contents:
            para.add(element.text or "")
        for child in element if contents else [element]:  # its children, or the element itself
            if not isinstance(child.tag, str) or child.tag in _NOT_PROSE:
                if contents:
                    para.add(child.tail or "")
                continue
            href = child.get("href") or ""
            if child.tag == "a" and href[1:] in self.notes and href.startswith("#"):
                para.mark(self.notes[href[1:]][1])
            elif child.tag == "a" and " ".join(child.text_content().split()) in _BACKLINK:
                pass
            elif child.tag == "sup" and child.find(".//a") is None and re.fullmatch(r"\s*\d{1,3}\s*", child.text_content()):
                para.add(f"<sup>{child.text_content().strip()}</sup>")
            elif child.tag == "br":
                para.add(" ")
            else:
                self.inline(child, para, contents=True)
            if contents:
                para.add(child.tail or "")


def _folded(para: Paragraph) -> Paragraph:
    """The paragraph with HTML's source whitespace folded, markers and fields kept at their places."""
    text = para.text
    keep = []
    out = []
    previous_space = True
    for i, ch in enumerate(text):
        if ch.isspace():
            if previous_space:
                continue
            ch = " "
            previous_space = True
        else:
            previous_space = False
        keep.append(i)
        out.append(ch)
    folded = "".join(out).rstrip()

    def moved(offset: int) -> int:
        return sum(1 for i in keep[: len(folded)] if i < offset)

    return Paragraph(folded, [(moved(at), label) for at, label in para.markers], [])
