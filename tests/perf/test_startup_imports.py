"""An audit with the structural rules never pays for torch or sentence-transformers; big patterns compile once."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from support import CORPUS, ROOT

CLAIM_RULES = "RC105,RC106,RC107,RC301,RC302"


def test_structural_audit_imports_neither_torch_nor_sentence_transformers(tmp_path):
    report = tmp_path / "report.json"
    code = (
        "import sys\n"
        "from refcheck.cli import main\n"
        "try:\n"
        f"    main(['audit', {str(CORPUS / '001_a4473a96e4f5caf0.txt')!r}, '--bib', {str(ROOT / 'bib')!r},\n"
        f"          '--ignore', {CLAIM_RULES!r}, '--format', 'json', '-o', {str(report)!r}])\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code, file=sys.stderr)\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "REFCHECK_CACHE_DIR": str(tmp_path / "cache")})  # fmt: skip
    loaded = set(run.stderr.split())
    assert "spacy" in loaded and "refcheck.checks.registry" in loaded, run.stderr[-2000:]  # the audit really ran
    assert json.loads(report.read_text())["documents"], run.stderr[-2000:]
    assert not {"torch", "sentence_transformers", "transformers"} & loaded
    # a JSON report imports no other format's module (the HTML report's views and templates, the terminal's)
    assert "refcheck.report.json_format" in loaded
    assert not {m for m in loaded if m.startswith("refcheck.report.") and m.endswith("_format")} - {
        "refcheck.report.json_format"}


def test_cached_patterns_are_the_patterns_re_compiles(tmp_path, monkeypatch):
    from refcheck import regexcache

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path))
    patterns = {"name": r"(?P<fam>[A-Z][a-zà-ÿ]+),\s*(?P<giv>[A-Z]\.)", "year": r"\b(1[5-9]|20)\d\d[a-z]?\b"}
    text = "Müller, J. (2019) and Zoë, K. 1998b"
    first = regexcache.compile_all(patterns, re.IGNORECASE, name="t")
    assert list(tmp_path.glob("regex-t-*.marshal"))  # written for the next process
    again = regexcache.compile_all(patterns, re.IGNORECASE, name="t")  # read back from the file
    for key, pattern in patterns.items():
        plain = re.compile(pattern, re.IGNORECASE)
        for compiled in (first[key], again[key]):
            assert (compiled.pattern, compiled.flags, compiled.groupindex) == (plain.pattern, plain.flags, plain.groupindex)
            assert [m.groupdict() or m.group() for m in compiled.finditer(text)] == [
                m.groupdict() or m.group() for m in plain.finditer(text)]


def test_a_damaged_pattern_cache_is_ignored_and_rewritten(tmp_path, monkeypatch):
    from refcheck import regexcache

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path))
    regexcache.compile_all({"a": r"a+b"}, name="t")
    [path] = tmp_path.glob("regex-t-*.marshal")
    path.write_bytes(b"\x00garbage")
    assert regexcache.compile_all({"a": r"a+b"}, name="t")["a"].fullmatch("aab")
    assert path.read_bytes() != b"\x00garbage"


def test_patterns_compiled_at_import_are_kept_for_the_next_process_as_re_compiles_them(tmp_path, monkeypatch):
    from refcheck import regexcache

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path))
    patterns = [(r"(?P<fam>[A-Z][a-zà-ÿ]+),\s*(?P<giv>[A-Z]\.)", 0), (r"\b(1[5-9]|20)\d\d[a-z]?\b", re.IGNORECASE)]
    text = "Müller, J. (2019) and Zoë, K. 1998B"
    first = regexcache._Store()
    compiled = [first.compile(p, f) for p, f in patterns]
    first._write()  # what the process does at exit
    [path] = tmp_path.glob("regex-modules-*.marshal")
    second = regexcache._Store()  # the next process
    again = [second.compile(p, f) for p, f in patterns]
    assert not second.learnt  # every pattern came from the file
    for (pattern, flags), one, other in zip(patterns, compiled, again):
        plain = re.compile(pattern, flags)
        for c in (one, other):
            assert (c.pattern, c.flags, c.groupindex, c.groups) == (plain.pattern, plain.flags, plain.groupindex, plain.groups)
            assert [m.span() for m in c.finditer(text)] == [m.span() for m in plain.finditer(text)]
    path.write_bytes(b"\x00garbage")  # a damaged store is ignored
    assert regexcache._Store().compile(r"a+b", 0).fullmatch("aab")


def test_a_bad_pattern_is_the_error_re_gives(tmp_path, monkeypatch):
    import pytest

    from refcheck import regexcache

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path))
    with pytest.raises(re.error):
        regexcache._Store().compile(r"(unclosed", 0)
