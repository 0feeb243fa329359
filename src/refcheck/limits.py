"""What refcheck reads at most: past a limit an input is refused in one line naming the file and the limit.

Every stage costs at most about linear time in its input; these bound what
cannot be bounded otherwise (the size of what is read, unpacked or inlined).
Measured in docs/limits.md (benchmarks/bench_limits.py).
"""

from __future__ import annotations

MB = 2**20

MAX_DOCUMENT_BYTES = 64 * MB  # a text document (Markdown, LaTeX, text, Typst, Org, HTML); ~10 million words
MAX_BINARY_BYTES = 512 * MB  # a PDF, Word or OpenDocument file
MAX_LINE_CHARS = 1_000_000  # one line of a text document
MAX_PDF_PAGES = 10_000
MAX_UNPACKED_BYTES = 256 * MB  # a Word/OpenDocument package's parts, unpacked
MAX_UNPACK_RATIO = 200  # unpacked / packed bytes of a package: beyond it, a decompression bomb
MAX_LIBRARY_BYTES = 128 * MB  # one library file (a 50,000-entry Zotero export is ~40 MB)
# one library file. 200,000 entries of real records took 2.5 GB to lint (docs/limits.md), past the 2 GB promise;
# a 50,000-entry Zotero export is the largest seen in use
MAX_LIBRARY_ENTRIES = 100_000
# citations one audit judges against their claims (each is embedded, ~5 ms of CPU): a thesis has 1,000-3,000;
# past the limit the rest are counted as not judged ("limit" in the report's `abstained`), never a silent hour
MAX_JUDGED_CITATIONS = 5_000


def size_text(n: int) -> str:
    """`64 MB`, `1,000,000`: a limit as a message states it."""
    return f"{n // MB} MB" if n >= MB and n % MB == 0 else f"{n:,}"
