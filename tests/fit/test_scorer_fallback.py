"""Without the embedding model the claim rules fall back to words alone and still work."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.errors import UsageError
from refcheck.fit.combined import CombinedScorer
from refcheck.fit.lexical import LexicalScorer
from refcheck.fit.select import available_scorer
from refcheck.fit.semantic import semantic_available
from refcheck.pipeline import run_audit

DOC = """# Banks

Bank runs are self-fulfilling: deposit insurance removes the incentive to join a bank run (Manabe & Wetherald, 1967).
Lenders ration credit rather than raise the interest rate (Stiglitz & Weiss, 1981).
"""
BIB = """
@article{manabe1967thermal, author = {Manabe, Syukuro and Wetherald, Richard T.},
  title = {Thermal Equilibrium of the Atmosphere with a Given Distribution of Relative Humidity},
  journal = {Journal of the Atmospheric Sciences}, year = {1967}}
@article{diamond1983bank, author = {Diamond, Douglas W. and Dybvig, Philip H.},
  title = {Bank Runs, Deposit Insurance, and Liquidity}, journal = {Journal of Political Economy}, year = {1983}}
@article{stiglitz1981credit, author = {Stiglitz, Joseph E. and Weiss, Andrew},
  title = {Credit Rationing in Markets with Imperfect Information}, journal = {American Economic Review}, year = {1981}}
"""


def _audit(tmp_path: Path, **kwargs):
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "library.bib").write_text(BIB, encoding="utf-8")
    return run_audit([str(tmp_path / "doc.md")], [str(tmp_path / "library.bib")], select=["RC105"],
                     warn=lambda m: None, **kwargs)


def test_no_model_means_the_lexical_scorer(monkeypatch):
    monkeypatch.setenv("REFCHECK_NO_SEMANTIC", "1")
    assert isinstance(available_scorer(), LexicalScorer)


def test_unrelated_citation_works_with_words_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_NO_SEMANTIC", "1")
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    result = _audit(tmp_path)
    assert not result.crashed_rules
    [f] = result.findings
    assert (f.citation, f.entry) == ("Manabe & Wetherald, 1967", "manabe1967thermal")
    assert f.suggestion.startswith("diamond1983bank")
    assert any("lexical scorer" in e for e in f.evidence)
    assert any("deposit" in e and "diamond1983bank" in e for e in f.evidence)


def test_unknown_scorer_is_a_usage_error():
    with pytest.raises(UsageError, match="fit.scorer"):
        available_scorer("neural")


@pytest.mark.skipif(not semantic_available(), reason="the semantic extra is not installed (make setup installs it)")
def test_combined_scorer_when_the_model_is_there(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    assert isinstance(available_scorer(cache_folder=str(tmp_path)), CombinedScorer)
    result = _audit(tmp_path, options={"fit.scorer": "combined"})
    [f] = result.findings
    assert f.entry == "manabe1967thermal" and f.suggestion.startswith("diamond1983bank")
    assert any("combined scorer" in e for e in f.evidence)
    assert list((tmp_path / "cache").glob("embeddings-*.npz"))  # entry vectors cached
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "doc.md", "library.bib"]  # nothing beside the library
