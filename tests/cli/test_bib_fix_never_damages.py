"""`bib fix` never turns an entry that parses into one that does not, and never deletes one unless asked."""

from __future__ import annotations

import os
import random
import time
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bib_cli_support import run
from refcheck.library.bibfile import PREDEFINED, parse_bib
from refcheck.library.fix import apply_fixes, find_fixes
from refcheck.library.load import load_library
from support import SHARED

REAL = SHARED / "data" / "bib"


def _fixed(tmp_path: Path, text: str, duplicates: bool = False):
    path = tmp_path / "lib.bib"
    path.write_text(text, encoding="utf-8")
    library = load_library([str(path)])
    return apply_fixes(text, find_fixes(library, str(path), text, duplicates=duplicates), str(path))


def _parsed(text: str) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for e in parse_bib(text, "lib.bib", dict(PREDEFINED)).entries:
        if not e.malformed:
            out.setdefault(e.key, []).append(e.fields)
    return out


def test_a_missing_brace_is_never_closed_inside_the_next_entrys_header(tmp_path):
    text = "@misc{k@misc{good,\n  title = {Good},\n  year = {2001},\n}\n\n@misc{other,\n  title = {Other},\n}\n"
    new, applied = _fixed(tmp_path, text)
    assert "missing-brace" not in [f.kind for f in applied]
    assert _parsed(new)["good"] == [{"title": "Good", "year": "2001"}]


def test_an_unclosed_value_before_an_entry_is_closed_and_the_entry_kept(tmp_path):
    text = "@misc{a,\n  title = {Open,\n  year = {2001},\n}\n\n@misc{b,\n  title = {B},\n}\n"
    new, applied = _fixed(tmp_path, text)
    assert [f.kind for f in applied] == ["missing-brace"]
    assert _parsed(new)["a"] == [{"title": "Open", "year": "2001"}] and _parsed(new)["b"] == [{"title": "B"}]


@lru_cache(maxsize=None)
def _real_entries() -> tuple[str, ...]:
    """Entry blocks of the real libraries (each starts with `@`), a few hundred from each file."""
    blocks: list[str] = []
    for path in sorted(REAL.glob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace")
        chunks = ["@" + c for c in text.split("\n@")[1:] if not c.lower().startswith(("string", "comment", "preamble"))]
        blocks += random.Random(path.name).sample(chunks, min(300, len(chunks)))
    return tuple(blocks)


MUTATIONS = ("{", "}", "@", '"', "\x00", ",", "=", "\n", "")


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/bib is not here")
@settings(max_examples=int(os.environ.get("FIX_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_every_entry_that_parsed_parses_after_fix_with_its_fields_unless_a_fix_names_it(tmp_path, data):
    entries = _real_entries()
    start = data.draw(st.integers(0, len(entries) - 6), label="start")
    blocks = list(entries[start : start + data.draw(st.integers(2, 6), label="count")])
    if data.draw(st.booleans(), label="duplicate one"):
        blocks.append(blocks[0])
    text = "\n".join(b.rstrip() + "\n" for b in blocks)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        at = data.draw(st.integers(0, len(text)), label="at")
        what = data.draw(st.sampled_from(MUTATIONS), label="insert")
        cut = data.draw(st.integers(0, 2), label="delete")
        text = text[:at] + what + text[at + cut :]
    before = _parsed(text)
    new, applied = _fixed(tmp_path, text)
    named = {k for f in applied for k in (f.key, *f.removed)}
    after = _parsed(new)
    for key, fields in before.items():
        assert key in after, f"'{key}' parsed before the fixes and not after: {[str(f) for f in applied]}"
        if key not in named:
            assert after[key] == fields, f"'{key}' changed though no fix names it"
    assert "duplicate-entry" not in [f.kind for f in applied]  # never without --merge-duplicates


def test_finding_fixes_costs_linear_time_in_the_number_of_fields(tmp_path):
    """Line numbers come from one index: 120,000 fields in a 2 MB file take seconds, not minutes."""
    fields = "".join(f"  field{j} = {{value {j}}},\n" for j in range(40))
    text = "".join(f"@misc{{k{i},\n{fields}  note = {{}},\n}}\n\n" for i in range(3_000))
    path = tmp_path / "lib.bib"
    path.write_text(text)
    library = load_library([str(path)])
    started = time.perf_counter()
    fixes = find_fixes(library, str(path), text)
    took = time.perf_counter() - started
    assert len(fixes) == 3_000 and fixes[-1].line == 3_000 * 44 - 2
    assert took < 10, f"{took:.1f} s to find the fixes of 3,000 entries: line lookups are not linear"


DUPLICATES = "@article{a,\n  title = {Same work},\n  year = {2000},\n  doi = {10.1/x},\n}\n\n" \
             "@article{b,\n  title = {Same Work},\n  year = {2000},\n  doi = {10.1/X},\n  pages = {1--9},\n}\n"


def test_fix_keeps_duplicates_unless_asked(tmp_path, capsys):
    lib = tmp_path / "refs.bib"
    lib.write_text(DUPLICATES)
    code, out, err = run(capsys, "bib", "fix", str(lib))
    assert code == 0 and out == DUPLICATES and "nothing to fix" in err


def test_merging_duplicates_writes_the_key_map_and_names_rekey(tmp_path, capsys):
    lib = tmp_path / "refs.bib"
    lib.write_text(DUPLICATES)
    code, _out, err = run(capsys, "bib", "fix", str(lib), "--merge-duplicates", "--in-place")
    assert code == 0 and "@article{b," not in lib.read_text() and "pages" in lib.read_text()
    key_map = tmp_path / "refs.bib.aliases.tsv"
    assert key_map.read_text().splitlines()[1:] == ["b\ta"]
    assert "bib rekey" in err and str(key_map) in err
    tex = tmp_path / "paper.tex"
    tex.write_text("As shown \\cite{b}.\n")
    assert run(capsys, "bib", "rekey", str(tex), "--aliases", str(key_map), "--in-place")[0] == 0
    assert tex.read_text() == "As shown \\cite{a}.\n"
