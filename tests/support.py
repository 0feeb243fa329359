"""Paths, fixtures and helpers shared by the tests (importable as `support`: tests/ is on sys.path through its conftest)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCS = FIXTURES / "docs"
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SAMPLE_PAPER = CORPUS / "002_d244ba052e56942e.txt"
SAMPLE_BLOG = CORPUS / "000_bbf9fc55a855b69c.txt"

# three classic works of two fields, for the claim rules' tests: one of them never fits a banking claim
CLAIM_LIBRARY = """
@article{manabe1967thermal, author = {Manabe, Syukuro and Wetherald, Richard T.},
  title = {Thermal Equilibrium of the Atmosphere with a Given Distribution of Relative Humidity},
  journal = {Journal of the Atmospheric Sciences}, year = {1967}}
@article{diamond1983bank, author = {Diamond, Douglas W. and Dybvig, Philip H.},
  title = {Bank Runs, Deposit Insurance, and Liquidity}, journal = {Journal of Political Economy}, year = {1983}}
@article{stiglitz1981credit, author = {Stiglitz, Joseph E. and Weiss, Andrew},
  title = {Credit Rationing in Markets with Imperfect Information}, journal = {American Economic Review}, year = {1981}}
"""


def refcheck_in_process(capsys, *args: str) -> tuple[int, str, str]:
    """`refcheck ARGS` in this process (fakes and counters see what it does): (exit status, stdout, stderr)."""
    from refcheck.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    out, err = capsys.readouterr()
    return code, out, err


@lru_cache(maxsize=None)
def extract_path(path: str, blank: bool = False):
    """The Extraction of the document at `path` (cached: many tests read the same fixture)."""
    from refcheck.extract import extract
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import read_document

    return extract(read_document(path), load_pipeline(blank=blank))
