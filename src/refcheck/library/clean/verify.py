"""Check that cleaning lost nothing: every entry and every non-empty value is in the output, or in the report.

"Modulo the listed normalisations": values are compared in the form
`values.normal` gives them (LaTeX decoded, braces, case-protection and
whitespace aside, DOI prefixes and page dashes and month spellings folded), and
URLs as `url.tidy_url` writes them. A merged entry's values must be in the
entry it was merged into, or listed as differing; a value dropped from a
repeated field must be listed; blocks that are not entries (comments, @string,
@preamble, text that does not parse) must be in the output as they were.
"""

from __future__ import annotations

from collections import defaultdict

from refcheck.library.clean import report as R
from refcheck.library.clean.merge import LISTS, list_items
from refcheck.library.clean.model import parse_value
from refcheck.library.clean.months import month_macro
from refcheck.library.clean.report import CleanReport
from refcheck.library.clean.url import tidy_url
from refcheck.library.clean.values import normal

_VERBATIM_KINDS = ("string", "preamble", "comment", "text", "failed")


def _norm(name: str, value: str) -> str:
    name = name.lower()
    if name == "url":
        return normal("url", tidy_url(value)).lower()
    if name == "month":
        return month_macro(value) or normal(name, value)
    return normal(name, value)


def lost_values(before, after, report: CleanReport, aliases: dict[str, str], output_text: str) -> list[str]:
    """What `before` (a loaded library) has that neither `after` (the output, loaded) nor the report accounts for."""
    problems: list[str] = []
    listed: set[tuple[str, str, str]] = set()
    removed: set[str] = set()
    for c in report.changes:
        if c.kind in (R.DIFFERS, R.REPEATED) and c.field and c.value is not None and c.key:
            listed.add((c.key, c.field, _norm(c.field, c.value)))
        elif c.kind == R.UNCITED and c.key:
            removed.add(c.key)
    out: dict[str, list] = defaultdict(list)
    written: dict[int, dict[str, set[str]]] = {}  # an output entry's values as written (macros unresolved)
    for path in after.files:
        for block in after.blocks.get(path, ()):
            if block.entry is not None:
                raw = block.entry
                w: dict[str, set[str]] = defaultdict(set)
                for name, expr in raw.values:
                    w[name.lower()].add(_norm(name, parse_value(expr, name.lower()).value))
                written[id(raw.fields)] = w
    for e in after.entries:
        out[e.key].append(e)
    views = iter(before.entries)
    for path in before.files:
        for block in before.blocks.get(path, ()):
            if block.kind in _VERBATIM_KINDS or (block.entry is not None and block.entry.malformed):
                if block.kind == "entry":
                    next(views)
                if block.raw.strip() not in output_text:
                    problems.append(f"{path}:{block.line}: {block.kind} block not in the output as it was")
                continue
            if block.kind != "entry" or block.entry is None:
                continue
            view = next(views)
            raw = block.entry
            if raw.key in removed:
                continue
            target = aliases.get(raw.key, raw.key)
            candidates = out.get(target, [])
            if not candidates:
                problems.append(f"{path}:{block.line}: entry '{raw.key}' is not in the output")
                continue
            seen: set[str] = set()
            for name, expr in raw.values:
                lname = name.lower()
                first = lname not in seen
                seen.add(lname)
                value = view.fields.get(lname, "") if first else parse_value(expr, lname).value
                if not value.strip().strip("{}").strip():
                    continue
                want = _norm(lname, value)
                if not want:
                    continue
                if any(_norm(lname, e.fields.get(lname, "")) == want for e in candidates):
                    continue
                if any(want in written.get(id(e.fields), {}).get(lname, ()) for e in candidates):
                    continue
                if lname in LISTS and any(
                    {_norm(lname, i) for i in list_items(value)} <= {_norm(lname, i) for i in list_items(e.fields.get(lname, ""))}
                    for e in candidates
                ):
                    continue  # a list field that took a duplicate's items
                if (raw.key, lname, want) in listed:
                    continue
                problems.append(f"{path}:{block.line}: '{raw.key}' {name} = {value[:80]!r} is not in '{target}' nor in the report")
    return problems
