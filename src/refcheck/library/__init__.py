"""The library stage: BibTeX files loaded into decoded entries, with their problems."""

from refcheck.library.entry import Entry
from refcheck.library.fields import REQUIRED_FIELDS, missing_fields
from refcheck.library.load import Library, load_library
from refcheck.library.problems import LibraryProblem

__all__ = ["Entry", "Library", "LibraryProblem", "REQUIRED_FIELDS", "load_library", "missing_fields"]
