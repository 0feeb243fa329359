"""What the loader keeps for a faithful rewrite: blocks in order with offsets, values as written, distinct pairs."""

from __future__ import annotations

from clean_support import bib

from refcheck.library import load_library
from refcheck.library.clean.model import CleanEntry, Verbatim, items_from_library

TEXT = """% head
@string{jpr = "J. Peace Res."}
@article{a, title={X}, journal=jpr # " vol", year=2000, title={dup},}

@article{broken,
  title = {An {unbalanced title,
  year = 2001
}

@article{after, title = {Still here}, year = 2002}
@misc{c, a={x}} , b={y}}
@article{z, p={C:\\\\}, q={w}}
% refcheck: distinct a after
"""


def test_blocks_cover_the_file_in_order_with_exact_offsets(tmp_path):
    path = bib(tmp_path, TEXT)
    lib = load_library([path])
    blocks = lib.blocks[path]
    assert [b.kind for b in blocks] == ["text", "string", "entry", "failed", "entry", "entry", "text", "entry", "text"]
    for b in blocks:
        assert TEXT[b.start : b.end] == b.raw
    gaps = [TEXT[x.end : y.start] for x, y in zip(blocks, blocks[1:])]
    assert all(not g.strip() for g in gaps)  # nothing between blocks but white space
    assert [b.line for b in blocks] == [1, 2, 3, 5, 10, 11, 11, 12, 13]
    assert [b.gap for b in blocks][1:] == [1, 1, 2, 2, 1, 0, 1, 1]


def test_values_are_kept_as_written_with_repeats_and_the_entry_closed_early_is_marked(tmp_path):
    lib = load_library([bib(tmp_path, TEXT)])
    a = lib.blocks[lib.files[0]][2].entry
    assert a.values == [("title", "{X}"), ("journal", 'jpr # " vol"'), ("year", "2000"), ("title", "{dup}")]
    assert a.fields["journal"] == "J. Peace Res. vol"
    c = lib.blocks[lib.files[0]][5].entry
    assert c.malformed and not a.malformed
    z = lib.blocks[lib.files[0]][7].entry
    assert z.values[0] == ("p", "{C:\\\\}")


def test_distinct_comments_are_read(tmp_path):
    lib = load_library([bib(tmp_path, TEXT)])
    assert lib.distinct == {frozenset({"a", "after"})}


def test_items_are_entries_to_clean_and_blocks_to_keep(tmp_path):
    lib = load_library([bib(tmp_path, TEXT)])
    items = items_from_library(lib)
    assert [type(i).__name__ for i in items] == [
        "Verbatim", "Verbatim", "CleanEntry", "Verbatim", "CleanEntry", "Verbatim", "Verbatim", "CleanEntry", "Verbatim",
    ]
    assert items[3].key == "broken" and items[5].key == "c"
    assert isinstance(items[2], CleanEntry) and items[2].view is lib.entries[0]
    assert isinstance(items[0], Verbatim)
