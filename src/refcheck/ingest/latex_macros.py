"""User macros that cite, expanded where they are used, as TeX would expand them.

A thesis writes ``\\citeeg{key}`` for ``\\citep[e.g.,][]{key}`` or ``\\cf[p. 4]{key}``
for an xparse command whose body calls ``\\cite``; the keys in those uses are
citations. Definitions (``\\newcommand``, ``\\renewcommand``, ``\\providecommand``,
``\\DeclareRobustCommand``, ``\\def``, ``\\let``, xparse ``\\NewDocumentCommand`` and
its kin) are read in document order, from the local class and packages first; a use
of a macro whose body cites (directly or through another such macro) is replaced
by its expansion, anchored at the use. A macro that drops an argument
(``\\renewcommand{\\onlyinsubfile}[1]{}``) hides a ``\\cite`` standing in it.
Conditionals in a body are decided when their inputs are known after
substitution (xparse ``\\IfValueTF``, ``\\IfBooleanTF``, ``\\ifthenelse`` with
``\\isempty``/``\\equal``); otherwise both branches are kept. Other macros are
left as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refcheck.ingest.source import SourceText, TextBuilder
from refcheck.texsyntax import closing_brace

NO_VALUE = "-NoValue-"  # what xparse passes for an absent optional argument
_TRUE, _FALSE = "\\BooleanTrue", "\\BooleanFalse"
_CITES = re.compile(r"\\[A-Za-z]*cite[A-Za-z]*\b")
_CMD = re.compile(r"\\([A-Za-z@]+)")
_NEWCOMMANDS = {"newcommand", "renewcommand", "providecommand", "DeclareRobustCommand"}
_DOCUMENTCOMMANDS = {"NewDocumentCommand", "RenewDocumentCommand", "ProvideDocumentCommand", "DeclareDocumentCommand"}
_MAX_DEPTH = 12
_MAX_EXPANSION = 20_000


@dataclass(frozen=True)
class Macro:
    """`spec`: one (kind, default, delimiters) per argument, in xparse's letters (m, o, O, s, t, d, D, r, R, g, G)."""

    name: str
    spec: tuple[tuple[str, str | None, str], ...]
    body: str
    cites: bool  # the body calls a cite command, directly or through a citing macro

    def dropped(self) -> set[int]:
        """Numbers of the arguments the body never uses."""
        return {k for k in range(1, len(self.spec) + 1) if f"#{k}" not in self.body}


class MacroTable:
    """The user macros met so far; later definitions replace earlier ones, as in TeX."""

    def __init__(self) -> None:
        self.macros: dict[str, Macro] = {}
        self.plain: dict[str, str] = {}  # argument-less macros with a literal body, for \equal tests

    def define(self, name: str, spec: tuple, body: str) -> None:
        body = re.sub(r"\n[ \t]*", "", body)  # bodies are written one %-ended line at a time
        cites = bool(_CITES.search(body)) or any(
            c in self.macros and self.macros[c].cites for c in _CMD.findall(body)
        )
        self.macros[name] = Macro(name, spec, body, cites)
        if not spec and "\\" not in body and "#" not in body:
            self.plain[name] = body
        else:
            self.plain.pop(name, None)

    def alias(self, name: str, target: str) -> None:
        """``\\let\\name\\target``: a cite command or a citing macro under another name."""
        if target in self.macros:
            self.macros[name] = self.macros[target]
        elif _CITES.fullmatch("\\" + target):
            self.macros[name] = Macro(name, (), "\\" + target, True)
        else:
            self.macros.pop(name, None)

    def read_definitions(self, text: str) -> None:
        """Learn every definition in `text` (a class or package file), in order."""
        for m in _CMD.finditer(text):
            self.definition_at(text, m)

    def definition_at(self, text: str, m: re.Match) -> int | None:
        """If the command matched by `m` defines a macro, learn it and return where the definition ends."""
        word = m.group(1)
        if word in _NEWCOMMANDS:
            return self._newcommand(text, m.end())
        if word in _DOCUMENTCOMMANDS:
            return self._documentcommand(text, m.end())
        if word in ("def", "gdef", "edef", "xdef"):
            return self._def(text, m.end())
        if word == "let":
            found = re.match(r"\s*\\([A-Za-z@]+)\s*=?\s*\\([A-Za-z@]+)", text[m.end() : m.end() + 200])
            if found:
                self.alias(found.group(1), found.group(2))
                return m.end() + found.end()
        return None

    def _newcommand(self, text: str, pos: int) -> int | None:
        head = re.match(r"\*?\s*(?:\{\s*\\([A-Za-z@]+)\s*\}|\\([A-Za-z@]+))\s*(?:\[\s*(\d)\s*\])?", text[pos : pos + 300])
        if not head:
            return None
        name = head.group(1) or head.group(2)
        count = int(head.group(3) or 0)
        at = pos + head.end()
        default = None
        optional = re.match(r"\s*\[", text[at : at + 10])
        if optional and count:
            close = _closing_bracket(text, at + optional.end() - 1)
            if close == -1:
                return None
            default, at = text[at + optional.end() : close], close + 1
        body, end = _group(text, at)
        if body is None:
            return None
        spec = ([("O", default, "")] if default is not None else []) + [("m", None, "")] * (count - (default is not None))
        self.define(name, tuple(spec), body)
        return end

    def _documentcommand(self, text: str, pos: int) -> int | None:
        head = re.match(r"\s*(?:\{\s*\\([A-Za-z@]+)\s*\}|\\([A-Za-z@]+))\s*", text[pos : pos + 300])
        if not head:
            return None
        spec_text, at = _group(text, pos + head.end())
        spec = _xparse_spec(spec_text) if spec_text is not None else None
        body, end = _group(text, at) if spec is not None else (None, at)
        if body is None:
            return None
        self.define(head.group(1) or head.group(2), spec, body)
        return end

    def _def(self, text: str, pos: int) -> int | None:
        head = re.match(r"\s*\\([A-Za-z@]+)((?:#\d)*)\s*(?=\{)", text[pos : pos + 300])
        if not head:
            return None
        body, end = _group(text, pos + head.end())
        if body is None:
            return None
        self.define(head.group(1), (("m", None, ""),) * (len(head.group(2)) // 2), body)
        return end


def expand_citing_macros(source: SourceText, preamble_texts: list[str] = ()) -> SourceText:
    """`source` with every use of a citing (or cite-hiding) user macro replaced by its expansion.

    `preamble_texts` are the local class and package files, read before the
    document. A definition whose body cites is dropped from the text: it is
    not text, and its ``#1`` is no key.
    """
    table = MacroTable()
    for text in preamble_texts:
        table.read_definitions(text)
    text = source.text
    if not table.macros and not re.search(r"\\(?:newcommand|renewcommand|providecommand|DeclareRobustCommand|def|let|"
                                          r"NewDocumentCommand|RenewDocumentCommand|DeclareDocumentCommand|ProvideDocumentCommand)\b", text):
        return source
    out = TextBuilder()
    pos = 0
    scan = 0
    changed = False
    while True:
        m = _CMD.search(text, scan)
        if m is None:
            break
        defined_end = table.definition_at(text, m)
        if defined_end is not None:
            macro = table.macros.get(_defined_name(text, m))
            if macro is not None and macro.cites:
                out.append(source, pos, m.start())
                out.append_text("\n" * min(text.count("\n", m.start(), defined_end), 1), source.origin_of(m.start()))
                pos = defined_end
                changed = True
            scan = defined_end
            continue
        macro = table.macros.get(m.group(1))
        if macro is None or (macro.spec and text[m.end() : m.end() + 1].isalpha()):
            scan = m.end()
            continue
        args, end = _arguments(text, m.end(), macro.spec)
        if args is None or not (macro.cites or _hides_cite(macro, args)):
            scan = m.end()
            continue
        expansion = _expand(table, _substitute(macro, args), 1)
        out.append(source, pos, m.start())
        out.append_text(expansion or " ", source.origin_of(m.start()))
        pos = scan = end
        changed = True
    if not changed:
        return source
    out.append(source, pos, len(text))
    return out.build()


def _defined_name(text: str, m: re.Match) -> str | None:
    found = re.match(r"\*?\s*\{?\s*\\([A-Za-z@]+)", text[m.end() : m.end() + 200])
    return found.group(1) if found else None


def _hides_cite(macro: Macro, args: list[str]) -> bool:
    return any(_CITES.search(args[k - 1]) for k in macro.dropped() if k <= len(args))


def _substitute(macro: Macro, args: list[str]) -> str:
    def arg(m: re.Match) -> str:
        if m.group(0) == "##":
            return "#"
        k = int(m.group(1))
        return args[k - 1] if k <= len(args) else ""

    return re.sub(r"##|#(\d)", arg, macro.body)


def _expand(table: MacroTable, text: str, depth: int) -> str:
    """Expand citing macros and decidable conditionals inside an expansion, to a fixed depth."""
    if depth > _MAX_DEPTH or len(text) > _MAX_EXPANSION:
        return text
    out: list[str] = []
    pos = 0
    for m in _CMD.finditer(text):
        if m.start() < pos:
            continue
        word = m.group(1)
        replaced = _conditional(table, text, m)
        if replaced is None and word in table.macros:
            macro = table.macros[word]
            args, end = _arguments(text, m.end(), macro.spec)
            if args is not None and (macro.cites or _hides_cite(macro, args)):
                replaced = (_substitute(macro, args), end)
        if replaced is None:
            continue
        out.append(text[pos : m.start()])
        out.append(_expand(table, replaced[0], depth + 1))
        pos = replaced[1]
    out.append(text[pos:])
    return "".join(out)


def _conditional(table: MacroTable, text: str, m: re.Match) -> tuple[str, int] | None:
    """(the branch taken, end) for an xparse test or an \\ifthenelse whose condition is known; else None."""
    word = m.group(1)
    tests = {"IfValue": lambda v: v.strip() != NO_VALUE, "IfNoValue": lambda v: v.strip() == NO_VALUE,
             "IfBoolean": lambda v: v.strip() == _TRUE}
    for prefix, test in tests.items():
        if word.startswith(prefix) and word[len(prefix) :] in ("TF", "T", "F"):
            branches = word[len(prefix) :]
            args, end = _arguments(text, m.end(), (("m", None, ""),) * (1 + len(branches)))
            if args is None:
                return None
            taken = test(args[0])
            if branches == "TF":
                return (args[1] if taken else args[2]), end
            return (args[1] if taken == (branches == "T") else ""), end
    if word == "ifthenelse":
        args, end = _arguments(text, m.end(), (("m", None, ""),) * 3)
        if args is None:
            return None
        decided = _condition(table, args[0])
        if decided is None:
            return args[1] + args[2], end  # both branches, as a reader of the source would
        return (args[1] if decided else args[2]), end
    return None


def _condition(table: MacroTable, cond: str) -> bool | None:
    cond = cond.strip()
    negated = cond.startswith("\\NOT")
    if negated:
        cond = cond[4:].strip()
    if cond.startswith("\\isempty"):
        value, end = _group(cond, len("\\isempty"))
        if value is None or cond[end:].strip():
            return None
        value = _plain_value(table, value)
        result = None if value is None else value == ""
    elif cond.startswith("\\equal"):
        a, end = _group(cond, len("\\equal"))
        b, end = _group(cond, end) if a is not None else (None, end)
        if b is None or cond[end:].strip():
            return None
        a, b = _plain_value(table, a), _plain_value(table, b)
        result = None if a is None or b is None else a == b
    else:
        return None
    return None if result is None else result != negated


def _plain_value(table: MacroTable, value: str) -> str | None:
    """`value` as text when it is literal or argument-less literal macros; None when it cannot be known."""
    value = _CMD.sub(lambda m: table.plain.get(m.group(1), m.group(0)), value.strip())
    return None if "\\" in value or "{" in value else value.strip()


def _xparse_spec(spec: str) -> tuple | None:
    """The arguments of an xparse signature (`O{} O{} m`), or None for one refcheck cannot follow."""
    out = []
    pos = 0
    spec = spec.strip()
    while pos < len(spec):
        c = spec[pos]
        if c in " \t\n+!":
            pos += 1
            continue
        if c == ">":  # an argument processor: >{\SplitList{,}}
            _, pos = _group(spec, pos + 1)
            continue
        if c in "mosv":
            out.append((c, None, ""))
            pos += 1
        elif c == "g":
            out.append(("g", None, ""))
            pos += 1
        elif c in "OG":
            default, pos = _group(spec, pos + 1)
            if default is None:
                return None
            out.append((c, default, ""))
        elif c == "t":
            out.append(("t", None, spec[pos + 1 : pos + 2]))
            pos += 2
        elif c in "dr":
            out.append((c, None, spec[pos + 1 : pos + 3]))
            pos += 3
        elif c in "DR":
            default, end = _group(spec, pos + 3)
            if default is None:
                return None
            out.append((c, default, spec[pos + 1 : pos + 3]))
            pos = end
        else:
            return None  # e, E and others: not followed
    return tuple(out)


def _arguments(text: str, pos: int, spec: tuple) -> tuple[list[str] | None, int]:
    """The arguments of a macro use starting at `pos`, per `spec`; (None, pos) if they are not there."""
    args: list[str] = []
    for kind, default, delims in spec:
        skip = re.match(r"[ \t]*\n?[ \t]*", text[pos : pos + 200])
        at = pos + (skip.end() if skip else 0)
        if kind in ("m", "v"):
            value, end = _group(text, at)
            if value is None:
                token = re.match(r"\\[A-Za-z@]+|\S", text[at : at + 100])
                if token is None:
                    return None, pos
                value, end = token.group(0), at + token.end()
            args.append(value)
            pos = end
        elif kind in ("o", "O"):
            if text[at : at + 1] == "[":
                close = _closing_bracket(text, at)
                if close == -1:
                    return None, pos
                args.append(text[at + 1 : close])
                pos = close + 1
            else:
                args.append(default if kind == "O" else NO_VALUE)
        elif kind in ("g", "G"):
            if text[at : at + 1] == "{":
                value, pos = _group(text, at)
                args.append(value)
            else:
                args.append(default if kind == "G" else NO_VALUE)
        elif kind in ("s", "t"):
            mark = "*" if kind == "s" else delims
            present = text[at : at + 1] == mark
            args.append(_TRUE if present else _FALSE)
            pos = at + 1 if present else pos
        elif kind in ("d", "D", "r", "R"):
            opening, closing = delims[0], delims[1]
            if text[at : at + 1] == opening:
                close = text.find(closing, at + 1)
                if close == -1:
                    return None, pos
                args.append(text[at + 1 : close])
                pos = close + 1
            elif kind in ("r", "R") and default is None:
                return None, pos
            else:
                args.append(default if kind in ("D", "R") else NO_VALUE)
    return args, pos


def _group(text: str, pos: int) -> tuple[str | None, int]:
    """The content of the brace group at `pos` (after blanks) and the offset after it."""
    skip = re.match(r"\s*", text[pos : pos + 200])
    at = pos + (skip.end() if skip else 0)
    if at >= len(text) or text[at] != "{":
        return None, pos
    close = closing_brace(text, at)
    if close == -1:
        return None, pos
    return text[at + 1 : close], close + 1


def _closing_bracket(text: str, pos: int) -> int:
    """Index of the `]` closing the `[` at `pos`, outside braces, or -1."""
    depth = 0
    for i in range(pos + 1, min(len(text), pos + 2000)):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "]" and depth == 0:
            return i
    return -1
