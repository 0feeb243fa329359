"""Org-mode documents (.org): comments, keyword lines, source and example blocks, verbatim and code blanked.

`#+bibliography: refs.bib` (org-cite) or an org-ref `bibliography:refs.bib`
link names the library. Lines and columns stay those of the file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from refcheck.ingest.decoding import decode_text
from refcheck.ingest.document import Document, Format
from refcheck.ingest.source import Origin, SourceText
from refcheck.ingest.typst import blank

_NOT_PROSE = re.compile(
    r"^[ \t]*#\+begin_(?P<block>src|example|comment|export|verse)\b[\s\S]*?^[ \t]*#\+end_(?P=block)\b[^\n]*"
    r"|^[ \t]*#(?:\+[^\n]*|[ \t][^\n]*|)$"
    r"|(?<![\w=~])(?P<mark>[=~])(?=\S)[^\n]*?\S(?P=mark)(?![\w=~])",
    re.MULTILINE | re.IGNORECASE,
)
_KEYWORD = re.compile(r"^[ \t]*#\+bibliography:[ \t]*(?P<names>[^\n]+)$", re.MULTILINE | re.IGNORECASE)
_ORG_REF = re.compile(r"(?<![\w\[])(?:bibliography|addbibresource):(?P<names>[^\s\]]+)")


class OrgReader:
    suffixes = (".org",)
    format = Format.ORG

    def read(self, path: Path, shown: str) -> Document:
        text, encoding = decode_text(path.read_bytes(), shown)
        names = [n for m in _KEYWORD.finditer(text) for n in m.group("names").split()]
        masked = blank(text, _NOT_PROSE)
        names += [n for m in _ORG_REF.finditer(masked) for n in m.group("names").split(",")]
        folder = Path(shown).parent
        libraries = tuple(dict.fromkeys(os.path.normpath(folder / n) for n in names if n))
        return Document(shown, self.format, SourceText.from_origin(Origin(shown, masked)), encoding, bibliography=libraries)
