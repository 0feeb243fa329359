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
from support import CLAIM_LIBRARY

DOC = """# Banks

Bank runs are self-fulfilling: deposit insurance removes the incentive to join a bank run (Manabe & Wetherald, 1967).
Lenders ration credit rather than raise the interest rate (Stiglitz & Weiss, 1981).
"""
BIB = CLAIM_LIBRARY


def _audit(tmp_path: Path, **kwargs):
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "library.bib").write_text(BIB, encoding="utf-8")
    return run_audit([str(tmp_path / "doc.md")], [str(tmp_path / "library.bib")], select=["RC105"],
                     warn=lambda m: None, **kwargs)


def test_no_model_means_the_lexical_scorer(monkeypatch):
    monkeypatch.setenv("REFCHECK_NO_SEMANTIC", "1")
    assert isinstance(available_scorer(), LexicalScorer)


def test_unrelated_citation_works_with_words_alone(tmp_path, monkeypatch):
    """Words alone rank the misfit above the right citation; whether it is reported is the fitted decision's call."""
    from refcheck.checks.rules.claims.assess import assess
    from refcheck.fit.calibrated import entry_kind, load_decision

    monkeypatch.setenv("REFCHECK_NO_SEMANTIC", "1")
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    result = _audit(tmp_path)
    assert not result.crashed_rules and result.notes["checks"] == {"unrelated-citation": "lexical"}
    captured = {}
    monkeypatch.setattr("refcheck.checks.rules.claims.unrelated.assess",
                        lambda ctx: captured.setdefault("items", assess(ctx)))
    _audit(tmp_path)
    p = {i.resolution.key: load_decision(f"lexical:{entry_kind(i.features)}").probability(i.features)
         for i in captured["items"]}
    assert p["manabe1967thermal"] > p["stiglitz1981credit"]
    for f in result.findings:
        assert f.entry == "manabe1967thermal" and any("lexical" in e for e in f.evidence)


def test_unknown_scorer_is_a_usage_error():
    with pytest.raises(UsageError, match="fit.scorer"):
        available_scorer("neural")


@pytest.mark.skipif(not semantic_available(), reason="the semantic extra is not installed (make setup installs it)")
def test_combined_scorer_when_the_model_is_there(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    assert isinstance(available_scorer(cache_folder=str(tmp_path)), CombinedScorer)
    result = _audit(tmp_path, options={"fit.scorer": "combined"})
    assert result.notes["checks"] == {"unrelated-citation": "semantic:all-MiniLM-L6-v2"}
    for f in result.findings:  # the fitted decision may leave a three-entry library alone; never the right citation
        assert f.entry == "manabe1967thermal" and (f.suggestion or "diamond1983bank").startswith("diamond1983bank")
        assert any("semantic:all-MiniLM-L6-v2" in e for e in f.evidence)
    assert list((tmp_path / "cache").glob("embeddings-*.npz"))  # entry vectors cached
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "doc.md", "library.bib"]  # nothing beside the library
