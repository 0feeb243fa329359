"""LaTeX sources as TeX reads them: \\input / \\include / \\subfile / \\import inlined, Latin-1 understood.

Comments, verbatim text and \\iffalse blocks are dropped (`latex_reading`),
user macros that cite are expanded (`latex_macros`), and the reader notes the
\\nocite keys and the .bib files the document and its own class and packages
name. A missing \\input file is a warning; the rest is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from refcheck.confine import is_inside, refusal, roots_for
from refcheck.errors import InputError
from refcheck.ingest.decoding import decode_text
from refcheck.ingest.document import Document, Format
from refcheck.ingest.latex_macros import expand_citing_macros
from refcheck.ingest.latex_reading import VERBATIM_ENVIRONMENTS, declared_ifs, read_as_tex, verbatim_environments
from refcheck.ingest.source import Origin, SourceText, TextBuilder

_INCLUDE = re.compile(
    r"\\(?P<cmd>input|include|subfile)\s*(?:\{(?P<name>[^{}]+)\}|[ \t]+(?P<bare>[A-Za-z0-9_./-]+))"
    r"|\\(?:sub)?(?:import|inputfrom|includefrom)\*?\s*\{(?P<dir>[^{}]*)\}\s*\{(?P<file>[^{}]+)\}"
)
_INCLUDEONLY = re.compile(r"\\includeonly\s*\{([^{}]*)\}")
_NOCITE = re.compile(r"\\nocite\s*\{([^{}]*)\}")
_BIBLIOGRAPHY = re.compile(r"\\bibliography\s*\{(?P<names>[^{}]*)\}|\\addbibresource\s*(?:\[[^\]]*\])?\s*\{(?P<resource>[^{}]*)\}")
_PACKAGE = re.compile(r"\\(?P<cmd>documentclass|usepackage|RequirePackage|LoadClass)\s*(?:\[[^\]]*\])?\s*\{(?P<names>[^{}]+)\}")
_INPUTENC = re.compile(rb"\\usepackage\s*\[([^\]]*)\]\s*\{inputenc\}")
_LATIN_ENCODINGS = {"latin1": "latin-1", "latin9": "iso8859-15", "ansinew": "cp1252", "cp1252": "cp1252", "applemac": "mac-roman"}
_MAX_DEPTH = 16
# Files inlined into one document at most: a file that \input-s another twice at each of 16 levels would
# otherwise be read 65,536 times (TeX itself runs until its memory ends).
MAX_INCLUSIONS = 2000


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
        roots = roots_for(path)
        packages = local_packages(path, roots)
        package_texts = [text for _, text in packages]
        settings = _Reading(VERBATIM_ENVIRONMENTS, frozenset(), None)
        warnings: list[str] = []
        source, encoding = self._load(path, shown, root, (), warnings, settings, roots, [0])
        # environments and conditionals the document defines itself, maybe in an \input preamble: read again knowing them
        known = _Reading(
            verbatim_environments([source.text, *package_texts]), declared_ifs([source.text, *package_texts]),
            _include_only(source.text),
        )
        if known != settings:
            warnings = []
            source, encoding = self._load(path, shown, root, (), warnings, known, roots, [0])
        source = expand_citing_macros(source, package_texts)
        # TeX finds files from the main file's folder (its working directory)
        named = _libraries(source.text, [root]) + [lib for p, t in packages for lib in _libraries(t, [root, p.parent])]
        libraries = tuple(dict.fromkeys(named))
        return Document(
            shown, self.format, source, encoding, warnings=tuple(warnings),
            bibliography=libraries, nocite=tuple(_nocite(source.text)),
        )  # fmt: skip

    def _load(
        self, path: Path, shown: str, root: Path, stack: tuple[Path, ...], warnings: list[str], settings: _Reading,
        roots: tuple[Path, ...], inlined: list[int],
    ) -> tuple[SourceText, str]:
        """`path` with its inclusions inlined; `roots` bound what may be read, `inlined` counts files read so far."""
        text, encoding = read_tex(path, shown)
        source = read_as_tex(SourceText.from_origin(Origin(shown, text)), settings.verbatim, settings.ifs)
        source = _document_part(source, main=not stack)
        builder = TextBuilder()
        pos = 0
        for match in _INCLUDE.finditer(source.text):
            name = _included_name(match)
            if match.group("cmd") == "include" and settings.include_only is not None and name not in settings.include_only:
                builder.append(source, pos, match.start())
                pos = match.end()
                continue  # \includeonly leaves this chapter out
            target = self._resolve(name, path.parent, root)
            where = source.locate(match.start())
            if target is None and not Path(name).is_absolute():  # `.`, a NUL byte, a name too long: said, not read
                warnings.append(f"{where.path}:{where.line}: {match.group(0)}: not a file name; the rest is read")
                continue
            if target is None or target in stack or target == path.resolve() or len(stack) >= _MAX_DEPTH:
                continue
            if not is_inside(target, roots):  # \input{../../x} beyond the project: not read, and said so
                warnings.append(f"{where.path}:{where.line}: {refusal(match.group(0), roots)}")
                continue
            if inlined[0] >= MAX_INCLUSIONS:
                if inlined[0] == MAX_INCLUSIONS:
                    warnings.append(f"{where.path}:{where.line}: more than {MAX_INCLUSIONS} \\input/\\include "
                                    "files in one document; the rest are left out")
                    inlined[0] += 1
                continue
            if not target.is_file():
                # the rest of the document is still read: a thesis with one chapter missing is still checked
                warnings.append(f"{where.path}:{where.line}: {match.group(0)}: no such file {target.name}; the rest is read")
                continue
            child_shown = str(Path(shown).parent / target.relative_to(path.resolve().parent)) if target.is_relative_to(path.resolve().parent) else str(target)
            inlined[0] += 1
            try:
                child, _ = self._load(target, child_shown, root, stack + (path.resolve(),), warnings, settings, roots, inlined)
            except (InputError, OSError) as exc:  # an unreadable chapter is said, and the rest is read
                reason = exc if isinstance(exc, InputError) else f"{child_shown}: {exc.strerror or exc}"
                warnings.append(f"{where.path}:{where.line}: {match.group(0)}: {reason}; the rest is read")
                continue
            builder.append(source, pos, match.start())
            builder.append(child, 0, len(child))
            pos = match.end()
        builder.append(source, pos, len(source))
        return builder.build(), encoding

    @staticmethod
    def _resolve(name: str, here: Path, root: Path) -> Path | None:
        """Resolve an included name as TeX does: from the including file's folder, else the main file's."""
        if Path(name).is_absolute():
            return None  # a file of the TeX installation, not of the document
        try:
            near = (here / name).exists() or (here / f"{name}.tex").exists()
            candidate = (here / name) if near else (root / name)
            if candidate.suffix != ".tex" and not candidate.is_file():
                candidate = candidate.with_name(candidate.name + ".tex")
            return candidate.resolve()
        except (ValueError, OSError, RuntimeError):  # a NUL byte, a name too long, a folder with no name, a link loop
            return None


@dataclass(frozen=True)
class _Reading:
    """What a document defines that changes how its files are read."""

    verbatim: frozenset[str]
    ifs: frozenset[str]
    include_only: frozenset[str] | None


def _included_name(match: re.Match) -> str:
    if match.group("dir") is not None:  # \import{dir/}{file}, \subimport{dir/}{file}
        return (match.group("dir").strip().rstrip("/") + "/" + match.group("file").strip()).lstrip("/")
    return (match.group("name") or match.group("bare")).strip()


def _document_part(source: SourceText, main: bool) -> SourceText:
    """The main file up to \\end{document}; of an included file with its own preamble (subfiles, standalone), its body."""
    text = source.text
    end = text.find("\\end{document}")
    if main:
        return source if end == -1 else source.slice(0, end + len("\\end{document}"))
    begin = text.find("\\begin{document}")
    if begin == -1:
        return source
    return source.slice(begin + len("\\begin{document}"), len(text) if end == -1 else end)


def _include_only(text: str) -> frozenset[str] | None:
    m = _INCLUDEONLY.search(text)
    return frozenset(n.strip() for n in m.group(1).split(",") if n.strip()) if m else None


def _nocite(text: str) -> list[str]:
    """Keys of every \\nocite, `*` included (every entry of the library is then cited)."""
    return [k.strip() for m in _NOCITE.finditer(text) for k in m.group(1).split(",") if k.strip()]


def _libraries(text: str, folders: list[Path]) -> list[str]:
    """The .bib files a text names with \\bibliography{a,b} or \\addbibresource{x.bib}, that exist."""
    found = []
    for m in _BIBLIOGRAPHY.finditer(text):
        names = m.group("names").split(",") if m.group("names") else [m.group("resource")]
        for name in (n.strip() for n in names if n.strip()):
            name = name if name.endswith(".bib") else name + ".bib"
            path = next((f / name for f in folders if (f / name).is_file()), None)
            if path is not None:
                found.append(str(path))
    return found


def local_packages(main: Path, roots: tuple[Path, ...] | None = None) -> list[tuple[Path, str]]:
    """The document's own class and packages (next to it, or named by a relative path), each read as TeX reads it.

    Only files that exist under the project's `roots` are taken: the installed TeX packages are not read.
    """
    roots = roots if roots is not None else roots_for(main)
    found: list[tuple[Path, str]] = []
    pending = [main]
    seen = {main.resolve()}
    while pending and len(seen) < 64:
        current = pending.pop(0)
        try:
            text, _ = read_tex(current, str(current))
        except (InputError, OSError):
            continue
        text = read_as_tex(SourceText.from_origin(Origin(str(current), text))).text
        if current != main:
            found.append((current, text))
        if current != main:  # a class or package may \input more of itself (paths from the main file's folder)
            for m in _INCLUDE.finditer(text):
                target = LatexReader._resolve(_included_name(m), main.parent, main.parent)
                if target is not None and target.is_file() and target not in seen and is_inside(target, roots):
                    seen.add(target)
                    pending.append(target)
        for m in _PACKAGE.finditer(text):
            suffix = ".cls" if m.group("cmd") in ("documentclass", "LoadClass") else ".sty"
            for name in m.group("names").split(","):
                name = name.strip()
                if not name or Path(name).is_absolute():
                    continue
                try:
                    candidate = (main.parent / (name if name.endswith(suffix) else name + suffix)).resolve()
                    wanted = candidate.is_file() and candidate not in seen and is_inside(candidate, roots)
                except (ValueError, OSError, RuntimeError):
                    continue
                if wanted:
                    seen.add(candidate)
                    pending.append(candidate)
    return found


def included_files(path: Path) -> set[Path]:
    """Files a LaTeX document pulls in (so a folder scan does not read them twice)."""
    try:
        text, _ = read_tex(path, str(path))
    except (InputError, OSError):
        return set()
    source = read_as_tex(SourceText.from_origin(Origin(str(path), text)))
    root = path.resolve().parent
    found = set()
    for match in _INCLUDE.finditer(source.text):
        target = LatexReader._resolve(_included_name(match), path.parent, root)
        if target is not None and target != path.resolve():
            found.add(target)
    return found
