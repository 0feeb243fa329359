"""Typst documents (.typ): comments, raw text and math blanked; `#bibliography(...)` names the library.

Lines and columns stay those of the file: what is not prose is replaced by
spaces, so `@key` in a code example or a comment is no citation.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from refcheck.ingest.decoding import decode_text
from refcheck.ingest.document import Document, Format
from refcheck.ingest.source import Origin, SourceText

# raw blocks, raw spans, block comments, line comments (not the // of a URL), math
_NOT_PROSE = re.compile(r"(?P<fence>`{3,})[\s\S]*?(?P=fence)|`[^`\n]*`|/\*[\s\S]*?\*/|(?<![:/])//[^\n]*|\$[^$]*\$")
_BIBLIOGRAPHY = re.compile(r"#bibliography\(\s*(?P<args>\((?:[^()]*)\)|\"[^\"]*\")")
_STRING = re.compile(r"\"([^\"]+)\"")


def blank(text: str, pattern: re.Pattern) -> str:
    """`text` with each match of `pattern` replaced by spaces (line breaks kept)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


class TypstReader:
    suffixes = (".typ",)
    format = Format.TYPST

    def read(self, path: Path, shown: str) -> Document:
        text, encoding = decode_text(path.read_bytes(), shown)
        masked = blank(text, _NOT_PROSE)
        names = [s for m in _BIBLIOGRAPHY.finditer(masked) for s in _STRING.findall(m.group("args"))]
        folder = Path(shown).parent
        libraries = tuple(os.path.normpath(folder / n) for n in names if n.lower().endswith((".bib", ".yml", ".yaml", ".json")))
        return Document(shown, self.format, SourceText.from_origin(Origin(shown, masked)), encoding, bibliography=libraries)
