"""Findings about text in an `\\input` or `\\include`d file name that file and its line, not the main document's.

Rules report against the document audited; its citations, notes and list items
know the file each came from (the source map). A finding that sits on one of
them is moved to that file, so every report format — text, JSON, SARIF, the
GitHub annotations — points at `chapters/intro.tex:14`, where the text is.
"""

from __future__ import annotations

from dataclasses import replace

from refcheck.model import Finding


def relocate(findings: list[Finding], audits) -> list[Finding]:
    """`findings` with the path of each one on an included file's citation set to that file."""
    exact: dict[tuple, str] = {}
    by_place: dict[tuple, set[str]] = {}
    for audit in audits:
        x = audit.extraction
        places = [(c.location, c.label) for c in (*x.citations, *x.markers_without_text)]
        places += [(n.location, n.label) for n in x.footnotes] + [(i.location, i.label) for i in x.reference_list]
        for location, label in places:
            if not location.path or location.path == audit.path:
                continue
            exact[(audit.path, location.line, location.column, label)] = location.path
            by_place.setdefault((audit.path, location.line, location.column), set()).add(location.path)
    if not exact:
        return findings
    out = []
    for f in findings:
        path = exact.get((f.path, f.line, f.column, f.citation))
        if path is None:
            paths = by_place.get((f.path, f.line, f.column), set())
            path = next(iter(paths)) if len(paths) == 1 else None
        out.append(replace(f, path=path) if path else f)
    return out
