"""refcheck: a citation-checked research corpus and bibliography manager."""

__version__ = "0.1.0"
