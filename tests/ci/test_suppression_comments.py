"""Inline suppressions per format, scoped to the next citation or the file; unused ones are reported."""

from __future__ import annotations

from refcheck.model import Finding, Severity
from refcheck.suppress import apply, parse


def codes(ident):
    known = {"RC102": {"RC102"}, "RC103": {"RC103"}, "year-mismatch": {"RC103"}, "RC1": {"RC102", "RC103"}}
    return known.get(ident)


def finding(code, line, column, path="paper.md"):
    return Finding("x", code, Severity.ERROR, path, line, column, "m", citation="1")


def test_each_format_has_its_comment_syntax():
    md, _ = parse("a.md", "x\n<!-- refcheck: ignore[RC102, RC103] -->\nclaim.[^1]\n")
    tex, _ = parse("a.tex", "claim~\\cite{k} % refcheck: ignore[RC103]\n50\\% refcheck: ignore[RC102]\n")
    txt, _ = parse("a.txt", "claim (Smith, 2019). # refcheck: ignore[RC103]\n// refcheck: ignore-file[RC1]\n")
    assert [(s.line, s.rules, s.whole_file) for s in md] == [(2, ("RC102", "RC103"), False)]
    assert [(s.line, s.rules) for s in tex] == [(1, ("RC103",))]  # an escaped \% is no comment
    assert [(s.line, s.rules, s.whole_file) for s in txt] == [(1, ("RC103",), False), (2, ("RC1",), True)]
    assert parse("a.pdf", "<!-- refcheck: ignore[RC102] -->") == ([], [])


def test_comment_before_covers_the_next_citation_and_trailing_covers_its_own_line():
    text = "<!-- refcheck: ignore[RC102] -->\nA.[^1] B.[^2]\nC.[^3] <!-- refcheck: ignore[RC103] -->\n"
    found, _ = parse("paper.md", text)
    targets = {"paper.md": [(2, 3), (2, 10), (3, 3)]}
    findings = [finding("RC102", 2, 3), finding("RC102", 2, 10), finding("RC103", 3, 3)]
    out = apply(findings, {"paper.md": found}, targets, codes)
    assert [(f.line, f.column) for f in out.kept] == [(2, 10)]  # only the next citation, not the one after
    assert out.unused == []


def test_suppression_never_slides_onto_a_later_citation():
    found, _ = parse("paper.md", "<!-- refcheck: ignore[year-mismatch] -->\nA.[^1]\n\nB.[^2]\n")
    out = apply([finding("RC103", 4, 3)], {"paper.md": found}, {"paper.md": [(2, 3), (4, 3)]}, codes)
    assert len(out.kept) == 1
    [unused] = out.unused
    assert (unused.line, unused.rules, unused.reason) == (1, ("year-mismatch",), "no year-mismatch finding at the next citation (line 2)")


def test_file_scope_and_unknown_rules_and_broken_comments():
    found, broken = parse("paper.md", "<!-- refcheck: ignore-file[RC1, RC999] -->\n<!-- refcheck: ignore RC102 -->\n")
    out = apply([finding("RC102", 9, 1), finding("RC103", None, None)], {"paper.md": found}, {}, codes)
    assert out.kept == [] and len(out.suppressed) == 2
    assert [u.reason for u in out.unused] == ["unknown rule 'RC999' (see `refcheck rules`)"]
    assert [(u.line, u.reason.split(";")[0]) for u in broken] == [(2, "not understood")]


def test_prose_that_mentions_refcheck_is_not_a_suppression():
    found, broken = parse("paper.md", "We ran refcheck: ignore nothing, said the manual.\n")
    assert found == [] and broken == []
