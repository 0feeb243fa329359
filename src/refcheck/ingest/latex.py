"""LaTeX sources: comments dropped, \\input / \\include / \\subfile inlined, Latin-1 understood."""

from __future__ import annotations

import re
from pathlib import Path

from refcheck.errors import InputError
from refcheck.ingest.decoding import decode_text
from refcheck.ingest.document import Document, Format
from refcheck.ingest.source import Origin, SourceText, TextBuilder

_INCLUDE = re.compile(r"\\(?:input|include|subfile)\s*\{([^{}]+)\}")
_INPUTENC = re.compile(rb"\\usepackage\s*\[([^\]]*)\]\s*\{inputenc\}")
_LATIN_ENCODINGS = {"latin1": "latin-1", "latin9": "iso8859-15", "ansinew": "cp1252", "cp1252": "cp1252", "applemac": "mac-roman"}
_MAX_DEPTH = 16


def _encoding_of(data: bytes) -> str | None:
    """The legacy encoding declared by inputenc, if any."""
    match = _INPUTENC.search(data)
    if match:
        for option in match.group(1).decode("ascii", "replace").split(","):
            if option.strip() in _LATIN_ENCODINGS:
                return _LATIN_ENCODINGS[option.strip()]
    return None


def read_tex(path: Path, shown: str) -> tuple[str, str]:
    """Decode a .tex file: UTF-8, else the inputenc encoding, else Latin-1 (TeX's old default)."""
    data = path.read_bytes()
    declared = _encoding_of(data)
    if declared:
        try:
            return decode_text(data, shown)
        except InputError:
            return decode_text(data, shown, fallback=declared)
    return decode_text(data, shown, fallback="latin-1")


def strip_comments(source: SourceText) -> SourceText:
    """Drop `%` comments (not `\\%`), keeping line breaks so lines still count."""
    text = source.text
    builder = TextBuilder()
    pos = 0
    for match in re.finditer(r"(?<!\\)(?:\\\\)*%", text):
        start = match.end() - 1  # the % itself
        if start < pos:
            continue
        builder.append(source, pos, start)
        newline = text.find("\n", start)
        pos = len(text) if newline == -1 else newline
    builder.append(source, pos, len(text))
    return builder.build()


class LatexReader:
    suffixes = (".tex", ".ltx")
    format = Format.LATEX

    def read(self, path: Path, shown: str) -> Document:
        root = path.resolve().parent
        warnings: list[str] = []
        source, encoding = self._load(path, shown, root, stack=(), warnings=warnings)
        return Document(shown, self.format, source, encoding, warnings=tuple(warnings))

    def _load(
        self, path: Path, shown: str, root: Path, stack: tuple[Path, ...], warnings: list[str]
    ) -> tuple[SourceText, str]:
        text, encoding = read_tex(path, shown)
        source = strip_comments(SourceText.from_origin(Origin(shown, text)))
        builder = TextBuilder()
        pos = 0
        for match in _INCLUDE.finditer(source.text):
            target = self._resolve(match.group(1).strip(), path.parent, root)
            if target is None or target in stack or target == path.resolve() or len(stack) >= _MAX_DEPTH:
                continue
            where = source.locate(match.start())
            if not target.is_file():
                # the rest of the document is still read: a thesis with one chapter missing is still checked
                warnings.append(f"{where.path}:{where.line}: {match.group(0)}: no such file {target.name}; the rest is read")
                continue
            builder.append(source, pos, match.start())
            child_shown = str(Path(shown).parent / target.relative_to(path.resolve().parent)) if target.is_relative_to(path.resolve().parent) else str(target)
            child, _ = self._load(target, child_shown, root, stack + (path.resolve(),), warnings)
            builder.append(child, 0, len(child))
            pos = match.end()
        builder.append(source, pos, len(source))
        return builder.build(), encoding

    @staticmethod
    def _resolve(name: str, here: Path, root: Path) -> Path | None:
        """Resolve an included name, only inside the document's own folder tree."""
        candidate = (root / name) if not (here / name).exists() and not (here / f"{name}.tex").exists() else (here / name)
        if candidate.suffix != ".tex" and not candidate.is_file():
            candidate = candidate.with_name(candidate.name + ".tex")
        candidate = candidate.resolve()
        if not candidate.is_relative_to(root):
            return None
        return candidate


def included_files(path: Path) -> set[Path]:
    """Files a LaTeX document pulls in (so a folder scan does not read them twice)."""
    try:
        text, _ = read_tex(path, str(path))
    except (InputError, OSError):
        return set()
    source = strip_comments(SourceText.from_origin(Origin(str(path), text)))
    root = path.resolve().parent
    found = set()
    for match in _INCLUDE.finditer(source.text):
        target = LatexReader._resolve(match.group(1).strip(), path.parent, root)
        if target is not None and target != path.resolve():
            found.add(target)
    return found
