"""The clean stack: transforms in their declared order, each a documented module with one `run`."""

from __future__ import annotations

import inspect

from refcheck.library.clean import STACK, CleanOptions, clean_items
from refcheck.library.clean.model import CleanEntry, Field


def test_the_stack_is_in_the_declared_order():
    names = [name for name, _run in STACK]
    assert names == [
        "repeated-fields", "empty-fields", "whitespace", "doi", "url", "pages", "months", "encoding",
        "duplicates", "cited-by", "braces", "sort", "field-order",
    ]
    # duplicates compare cleaned values; proper nouns are learned from what is left after merges
    assert names.index("encoding") < names.index("duplicates") < names.index("cited-by") < names.index("braces")


def test_each_transform_is_its_own_documented_module():
    modules = [inspect.getmodule(run) for _name, run in STACK]
    assert len({m.__name__ for m in modules}) == len(modules)
    for m in modules:
        assert m.__doc__ and m.__doc__.strip().splitlines()[0].endswith((".", ")")), m.__name__
        assert [n for n, f in vars(m).items() if n == "run" and callable(f)] == ["run"]


def test_the_whole_stack_on_one_entry():
    e = CleanEntry("article", "k", [
        Field("pages", "267-283"), Field("doi", "https://doi.org/10.1/X"), Field("note", ""),
        Field("title", "Tone and focus in Obolo"), Field("month", "February"), Field("author", "M{\\\"u}ller, J."),
    ])
    result = clean_items([e], CleanOptions(encoding="unicode"))
    (out,) = result.items
    assert [(f.name, f.value) for f in out.fields] == [
        ("author", "Müller, J."), ("title", "Tone and focus in {Obolo}"), ("pages", "267--283"),
        ("month", "feb"), ("doi", "10.1/X"),
    ]
    assert [c.kind for c in result.report.changes] == ["empty-field"]
