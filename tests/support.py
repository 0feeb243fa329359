"""Paths shared by the tests (importable as `support`: tests/ is on sys.path through its conftest)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCS = FIXTURES / "docs"
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SAMPLE_PAPER = CORPUS / "002_d244ba052e56942e.txt"
SAMPLE_BLOG = CORPUS / "000_bbf9fc55a855b69c.txt"
