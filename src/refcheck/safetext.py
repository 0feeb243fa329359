"""Document text and file names made harmless where they are printed: no escape sequence, no forged command.

Documents, libraries and file names are untrusted: a PDF may hold ESC ] 0 ; (the
terminal's window title), a file name a newline followed by `::error::`, which a
GitHub runner reads as a workflow command on stdout and stderr alike. Every
output that quotes such text goes through one of these functions.
"""

from __future__ import annotations

import re

from refcheck.regexcache import cached_compile

# ANSI/ECMA-48 sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings up to BEL or ST, two-byte escapes,
# and the 8-bit CSI. Removed whole, so no parameter bytes are left behind as noise.
_ESCAPE = cached_compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)
# C0 controls but tab and newline, DEL, C1 controls, the bidirectional overrides and isolates (text that
# displays in another order than it reads), and lone surrogates (undecodable bytes in a file name).
_CONTROL = cached_compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = cached_compile(r"[\ud800-\udfff]")
# A line a GitHub runner reads as a command once leading white space is trimmed: `::name ...::` and the older `##[name]`.
_COMMAND_START = cached_compile(r"^(\s*)(::|##\[)", re.MULTILINE)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def printable(text: str) -> str:
    """`text` without escape sequences and control characters (tab and newline stay); for a terminal or a comment."""
    text = _ESCAPE.sub("", text)
    return _CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


def escaped(text: str) -> str:
    """`text` on one line, every control character written out (`\\n`, `\\x07`): a file name stays recognisable."""

    def show(m: re.Match) -> str:
        ch = m.group()
        if ch in _NAMED:
            return _NAMED[ch]
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return re.sub(r"[\t\n]", show, _CONTROL.sub(show, text))


def message_line(text: str) -> str:
    """A message for standard error: one line, controls written out, never read as a workflow command."""
    return guard_commands(escaped(text))


def guard_commands(text: str) -> str:
    """Each line that a CI runner would take for a workflow command starts with `> ` instead (visible, inert)."""
    return _COMMAND_START.sub(r"\1> \2", text)


def without_surrogates(text: str) -> str:
    """Lone surrogates (a non-UTF-8 file name decoded by the OS) as U+FFFD: UTF-8 output cannot encode them."""
    return _SURROGATE.sub("\ufffd", text)


def json_text(value, indent: int | None = 2) -> str:
    """`value` as JSON text (UTF-8-ready: lone surrogates as U+FFFD, as `json_safe` makes them).

    The same text as dumping `json_safe(value)`: with `ensure_ascii=False` json writes a lone surrogate as the
    character itself, so one pass over the text replaces what a walk over every string of a 15,000-finding
    report would (a third of writing it).
    """
    if indent is None:
        import json

        return without_surrogates(json.dumps(value, ensure_ascii=False))
    from refcheck.indented_json import dumps_indented

    return without_surrogates(dumps_indented(value, indent))


def json_safe(value):
    """A JSON-ready structure with every string free of lone surrogates (json escapes the controls itself)."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


# XML 1.0 forbids most control characters even as character references; documents (PDF text) can hold them.
_NOT_XML = cached_compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
