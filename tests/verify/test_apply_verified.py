"""`refcheck bib fix --apply-verified`: a registry's value written into the entry, and nothing else changed."""

from __future__ import annotations

from registry_server import no_user_cache, registry, run_refcheck  # noqa: F401 (fixtures)
from support import ROOT

SNAPSHOT = ROOT / "tests" / "verify" / "fixtures" / "sample-snapshot.jsonl"

LIBRARY = """% my library
@article{moisio2013,
  author  = {Moisio, Sami and Passi, Anssi},
  title   = {From geopolitical to geoeconomic? {The} changing political rationalities of state space},
  journal = {Geopolitics},
  year    = 2013,
  pages   = {267--283},
}

@article{kim2014legacies,
  author  = {Kim, S. and Kingston, J.},
  title   = {Legacies of Colonialism: {Korea}--{Japan} Historical Disputes},
  journal = {East Asian Politics Review},
  year    = {2014},
  volume  = {12},
  pages   = {89--104}
}
"""


def test_the_registry_year_and_spelling_are_written_as_a_minimal_diff(capsys, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(LIBRARY, encoding="utf-8")
    code, out, err = run_refcheck(capsys, "bib", "fix", str(bib), "--apply-verified", "--snapshot", str(SNAPSHOT),
                                  "--offline", "--diff")
    assert code == 0, err
    changed = [line for line in out.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-  author  = {Moisio, Sami and Passi, Anssi},",
        "+  author  = {Moisio, Sami and Paasi, Anssi},",
        "-  year    = {2014},",
        "+  year    = {2015},",
    ]
    assert "'kim2014legacies': year '2014' -> '2015' (snapshot)" in err
    assert bib.read_text(encoding="utf-8") == LIBRARY  # --diff writes nothing


def test_without_the_flag_nothing_is_looked_up(capsys, tmp_path, registry, monkeypatch):
    from registry_server import write_config

    monkeypatch.chdir(tmp_path)  # the configuration there points every source at the fake registry
    bib = tmp_path / "refs.bib"
    bib.write_text(LIBRARY, encoding="utf-8")
    write_config(tmp_path, registry)
    code, out, _err = run_refcheck(capsys, "bib", "fix", str(bib), "--diff")
    assert code == 0 and out == "" and registry.requests == []
