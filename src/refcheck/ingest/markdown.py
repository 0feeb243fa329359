"""Markdown (CommonMark, Pandoc, Quarto, R Markdown, MyST): structure from markdown-it-py, not from guesses.

The document text keeps every line and column of the file, but what is not
prose is blanked with spaces: the YAML front matter, fenced and indented code,
inline code spans, and HTML comments. So `[^1]` in a code span is no footnote
marker and `[@key]` in a fenced example is no citation. MyST's citation roles
(`{cite:p}`key``) keep their code span: it is the citation.

The front matter's `bibliography:` names the library files (relative to the
document) and `nocite:` lists keys cited without a place in the text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from refcheck.ingest.decoding import decode_text
from refcheck.ingest.document import Document, Format
from refcheck.ingest.source import Origin, SourceText

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MYST_ROLE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}$")
_NOCITE_KEY = re.compile(r"@([\w*][\w:.#$%&\-+?<>~/]*\w|[\w*])")


def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin).enable("table")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, min(end, len(chars))):
        if chars[i] != "\n":
            chars[i] = " "


def mask_markdown(text: str) -> tuple[str, str | None]:
    """(text with non-prose blanked, the front matter's YAML or None)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(line: int) -> int:
        return starts[line] if line < len(starts) else len(text)

    chars = list(text)
    front = None
    for token in _parser().parse(text):
        if token.map is None:
            continue
        a, b = offset(token.map[0]), offset(token.map[1])
        if token.type == "front_matter":
            front = token.content
            _blank(chars, a, b)
        elif token.type in ("fence", "code_block"):
            _blank(chars, a, b)
        elif token.type == "html_block":
            for m in _COMMENT.finditer(text, a, b):
                _blank(chars, m.start(), m.end())
        elif token.type == "inline" and token.children:
            _mask_inline(text, chars, token.children, a, b)
    return "".join(chars), front


def _mask_inline(text: str, chars: list[str], children, start: int, end: int) -> None:
    cursor = start
    for child in children:
        if child.type == "code_inline":
            fence = child.markup
            run = re.compile(rf"(?<!`){re.escape(fence)}(?!`)")
            opening = run.search(text, cursor, end)
            if opening is None:
                continue
            closing = run.search(text, opening.end(), end)
            if closing is None:
                continue
            cursor = closing.end()
            if _MYST_ROLE.search(text, max(start, opening.start() - 12), opening.start()):
                continue  # {cite:p}`key`: the code span is the citation
            _blank(chars, opening.start(), closing.end())
        elif child.type == "html_inline" and child.content.startswith("<!--"):
            at = text.find(child.content, cursor, end)
            if at == -1:
                continue
            cursor = at + len(child.content)
            _blank(chars, at, cursor)


def front_matter_fields(front: str | None) -> dict:
    """The front matter as a mapping ({} when it is absent or not YAML)."""
    if not front:
        return {}
    import yaml

    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def declared_bibliography(fields: dict, folder: Path) -> tuple[str, ...]:
    """`bibliography:` (a name or a list), each relative to the document's folder."""
    value = fields.get("bibliography")
    names = value if isinstance(value, list) else [value] if value else []
    return tuple(os.path.normpath(folder / str(n)) for n in names if n)


def nocite_keys(fields: dict) -> tuple[str, ...]:
    """Keys of `nocite: | @a, @b` (Pandoc); `@*` stands for every entry."""
    value = fields.get("nocite")
    text = " ".join(map(str, value)) if isinstance(value, list) else str(value or "")
    return tuple(m.group(1) for m in _NOCITE_KEY.finditer(text))


class MarkdownReader:
    suffixes = (".md", ".markdown", ".qmd", ".rmd", ".myst")
    format = Format.MARKDOWN

    def read(self, path: Path, shown: str) -> Document:
        text, encoding = decode_text(path.read_bytes(), shown)
        masked, front = mask_markdown(text)
        fields = front_matter_fields(front)
        return Document(
            shown, self.format, SourceText.from_origin(Origin(shown, masked)), encoding,
            bibliography=declared_bibliography(fields, Path(shown).parent), nocite=nocite_keys(fields),
        )
