"""Library files by suffix: BibTeX / biblatex (.bib), CSL JSON (.json), CSL YAML (.yaml, .yml), RIS (.ris).

Every format becomes the same raw entries, so matching, checks and
`refcheck bib clean` treat a Pandoc user's `references.json` like a `.bib` file.
"""

from __future__ import annotations

import os

from refcheck.library.bibfile import ParsedFile, parse_bib

LIBRARY_SUFFIXES = (".bib", ".json", ".yaml", ".yml", ".ris")


def parse_library_text(text: str, path: str, macros: dict[str, str]) -> ParsedFile:
    """Parse one library file's text by its suffix; anything else is read as BibTeX."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".json":
        from refcheck.library.csl_json import parse_csl_json

        return parse_csl_json(text, path)
    if suffix in (".yaml", ".yml"):
        from refcheck.library.csl_json import parse_csl_yaml

        return parse_csl_yaml(text, path)
    if suffix == ".ris":
        from refcheck.library.ris import parse_ris

        return parse_ris(text, path)
    return parse_bib(text, path, macros)
