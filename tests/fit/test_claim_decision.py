"""The fitted unrelated-citation decision: calibrated probabilities, abstentions, and the scorer the report names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcheck.checks.rules.claims.abstain import is_described, is_pointer, is_thin, is_tool_citation
from refcheck.fit.calibrated import PARAMS, load_decision
from refcheck.fit.semantic import semantic_available
from refcheck.library.entry import Entry
from refcheck.pipeline import run_audit
from support import CLAIM_LIBRARY


def entry(type_="article", title="Bank Runs, Deposit Insurance, and Liquidity", **fields):
    return Entry(key="k", type=type_, fields={"title": title, **fields}, path="x.bib", line=1, title=title)


def test_the_shipped_parameters_name_a_decision_per_configuration():
    data = json.loads(PARAMS.read_text(encoding="utf-8"))
    assert data["configurations"], "make train writes at least one decision"
    for name, model in data["configurations"].items():
        decision = load_decision(name)
        assert decision is not None and len(decision.coef) == len(decision.features)
        assert 0 < decision.threshold <= decision.warn_threshold <= 1  # 1: no warning at this kind


@pytest.mark.parametrize("name", ["semantic:described", "lexical:described"])
def test_a_cited_entry_ranked_last_is_likelier_unrelated_than_one_ranked_first(name):
    decision = load_decision(name)
    if decision is None:
        pytest.skip(f"no {name} decision in the parameter file")
    sources = sorted({f.rsplit("_", 1)[0] for f in decision.features if f.endswith("_gap")})
    common = {"entry_terms": 3.0, "claim_terms": 2.0, "names_author": 0.0, "described": 1.0}
    best = {**common, **{f"{s}_fit": 0.6 for s in sources}, **{f"{s}_gap": -0.2 for s in sources},
            **{f"{s}_rank": 0.0 for s in sources}, **{f"{s}_z": 3.0 for s in sources}}
    worst = {**common, **{f"{s}_fit": 0.0 for s in sources}, **{f"{s}_gap": 0.6 for s in sources},
             **{f"{s}_rank": 4.0 for s in sources}, **{f"{s}_z": -1.5 for s in sources}}
    assert decision.probability(worst) > 0.5 > decision.probability(best)
    assert decision.probability(best) < decision.threshold


@pytest.mark.parametrize("clause, expected", [
    ("We use the exchange-correlation functional of", True),
    ("The spectra were computed with the public code of", True),
    ("Deposit insurance removes the incentive to join a bank run", False),
    ("Many network systems require kernel-bypass frameworks such as DPDK", True),  # a named artefact, a plural noun
    ("We can express the critical angle in terms of the scattering vector, defined as the difference:", True),
    ("The kernels, defined fully in", True),
    ("Limited adatom mobility is known to lead to rough interfaces", False),
    ("Stars produce elements heavier than hydrogen in the theory of stellar nucleosynthesis", False),
])
def test_method_and_tool_citations(clause, expected):
    assert is_tool_citation(clause, entry()) is expected


def test_a_software_entry_is_a_tool_citation():
    assert is_tool_citation("Bank runs are self-fulfilling", entry("software", "NumPy"))


@pytest.mark.parametrize("sentence, clause, expected", [
    ("See [3] for a review of bank runs.", "See", True),
    ("Bank runs have been studied at length [3], see also the survey in [4].", "Bank runs have been studied at length", True),
    ("Bank runs are self-fulfilling [3].", "Bank runs are self-fulfilling", False),
])
def test_pointers_onward(sentence, clause, expected):
    assert is_pointer(sentence, clause) is expected


def test_thin_entries_are_short_titles_with_nothing_else():
    assert is_thin(entry(title="Polyarchy"), 1)
    assert not is_thin(entry(title="Polyarchy", abstract="Who governs, and how participation ..."), 1)
    assert not is_described(entry(note="Reprinted from Proc. Nat. Acad. Sci. 52 (1964)"))  # a note is no description


def test_reference_manager_metadata_is_no_description():
    # what Zotero and ADS export: an annotation with a bibcode, a file that is not there
    bare = entry(title="1777 Variables in the Magellanic Clouds", annotation="ADS Bibcode: 1908AnHar..60...87L",
                 file="files/leavitt.pdf")
    assert not is_described(bare)
    assert is_thin(bare, 3)
    assert is_described(bare, source="The variable stars of the Small Magellanic Cloud ...")  # a held source
    assert is_described(entry(keywords="stars: oscillations"))


DOC = """# Banks

Bank runs are self-fulfilling: deposit insurance removes the incentive to join a bank run [^1].
Die Geldpolitik der Zentralbank bestimmt die kurzfristigen Zinsen und damit die Kreditvergabe [^2].

[^1]: Manabe, S. & Wetherald, R. (1967). Thermal equilibrium of the atmosphere with a given distribution of relative humidity.
[^2]: Diamond, D. & Dybvig, P. (1983). Bank runs, deposit insurance, and liquidity.
"""
BIB = CLAIM_LIBRARY


def _audit(tmp_path: Path):
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "library.bib").write_text(BIB, encoding="utf-8")
    warnings: list[str] = []
    result = run_audit([str(tmp_path / "doc.md")], [str(tmp_path / "library.bib")], select=["RC105"],
                       warn=warnings.append)
    assert not result.crashed_rules
    return result, warnings


def test_without_the_model_the_report_says_words_alone_ran(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_NO_SEMANTIC", "1")
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    result, warnings = _audit(tmp_path)
    assert result.notes["checks"] == {"unrelated-citation": "lexical"}
    assert any("embedding model is not installed" in w for w in warnings)
    assert result.notes["abstained"]["unrelated-citation"]["language"] == 1  # the German claim


@pytest.mark.skipif(not semantic_available(), reason="the semantic extra is not installed (make setup installs it)")
def test_with_the_model_the_report_names_it(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    result, warnings = _audit(tmp_path)
    assert result.notes["checks"] == {"unrelated-citation": "semantic:all-MiniLM-L6-v2"}
    assert not any("not installed" in w for w in warnings)
    assert result.notes["abstained"]["unrelated-citation"]["language"] == 1
    for f in result.findings:  # every finding shows its calibrated probability
        assert any(e.startswith("probability that") for e in f.evidence)


def test_the_json_report_states_the_scorer_and_the_abstentions(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from refcheck.cli import cli

    monkeypatch.setenv("REFCHECK_NO_SEMANTIC", "1")
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "library.bib").write_text(BIB, encoding="utf-8")
    run = CliRunner().invoke(cli, ["audit", str(tmp_path / "doc.md"), "--bib", str(tmp_path / "library.bib"),
                                   "--select", "unrelated-citation", "--format", "json", "--fail-on", "never"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    assert report["checks"] == {"unrelated-citation": "lexical"}
    assert report["abstained"]["unrelated-citation"]["language"] == 1


def _audit_latex(tmp_path: Path, monkeypatch, body: str, warn=lambda _: None):
    """unrelated-citation alone, words alone, on a LaTeX document of `body` against the three-work library."""
    monkeypatch.setenv("REFCHECK_NO_SEMANTIC", "1")
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    (tmp_path / "doc.tex").write_text(f"\\documentclass{{article}}\\begin{{document}}\n{body}\\end{{document}}\n",
                                      encoding="utf-8")
    (tmp_path / "library.bib").write_text(BIB, encoding="utf-8")
    return run_audit([str(tmp_path / "doc.tex")], [str(tmp_path / "library.bib")], select=["RC105"], warn=warn)


def test_works_cited_together_at_one_place_are_not_judged_one_by_one(tmp_path, monkeypatch):
    # "studied in [3, 4, 5]": each work is one example of the claim; none of them has to fit it alone
    result = _audit_latex(tmp_path, monkeypatch, (
        "Bank runs and the rationing of credit have been studied at length by economists "
        "\\cite{diamond1983bank,stiglitz1981credit,manabe1967thermal}.\n"
        "Deposit insurance removes the incentive to join a bank run \\cite{manabe1967thermal}.\n"))
    # the three of the list abstain; the lone citation of the second sentence is judged
    assert result.notes["abstained"]["unrelated-citation"] == {"several-citations": 3}


@pytest.mark.parametrize("command, pointer", [
    ("\\citep[e.g.][]{diamond1983bank}", True),
    ("\\citep[see][for a review]{diamond1983bank}", True),
    ("\\citep[e.g. bank runs;][]{diamond1983bank}", True),
    ("\\citep[][p.~4]{diamond1983bank}", False),
    ("\\citep{diamond1983bank}", False),
])
def test_a_latex_citations_own_notes_say_when_it_points_onward(tmp_path, command, pointer):
    from refcheck.checks.rules.claims.abstain import latex_notes
    from refcheck.model import Citation, CitationKind, Location

    tex = tmp_path / "doc.tex"
    tex.write_text(f"Deposit insurance removes the incentive to join a bank run {command}.\n", encoding="utf-8")
    column = tex.read_text(encoding="utf-8").index("\\cite") + 1
    citation = Citation(CitationKind.LATEX, "diamond1983bank", Location(str(tex), 1, column))
    clause = "Deposit insurance removes the incentive to join a bank run."
    assert is_pointer(clause, clause, latex_notes(citation)) is pointer


def test_past_the_limit_of_judged_citations_the_rest_are_counted_as_not_judged(tmp_path, monkeypatch):
    # bounded work (issue 13): 100,000 footnotes must not mean an hour of embeddings
    from refcheck.checks.rules.claims import assess

    body = (
        "Deposit insurance removes the incentive to join a bank run \\cite{diamond1983bank}.\n"
        "Credit is rationed when lenders cannot observe the riskiness of borrowers \\cite{stiglitz1981credit}.\n"
        "Water vapour feedback doubles the warming from carbon dioxide \\cite{manabe1967thermal}.\n")

    def judged(limit):
        monkeypatch.setattr(assess, "MAX_JUDGED_CITATIONS", limit)
        warnings: list[str] = []
        result = _audit_latex(tmp_path, monkeypatch, body, warn=warnings.append)
        return result.notes.get("abstained", {}).get("unrelated-citation", {}).get("limit", 0), warnings

    assert judged(5_000)[0] == 0
    skipped, warnings = judged(1)
    assert skipped == 2
    assert any("past the limit of 1 judged" in w for w in warnings)
