"""Which entries are scored for a citation: the cheap ranking that picks the few the fitted model compares.

Only `candidates.LIMIT` entries are scored per citation, so an entry ranked
below them cannot be matched at all. A name-and-year citation in a master
library is where this bites: an author with dozens of co-signed papers.
"""

from __future__ import annotations

from refcheck.library import load_library
from refcheck.match.index import LibraryIndex
from refcheck.model import NameMention
from refcheck.resolve import CitedWork, Resolver
from refcheck.resolve.candidates import LIMIT, candidates


def _library(tmp_path, entries: list[str]):
    path = tmp_path / "master.bib"
    path.write_text("\n".join(entries), encoding="utf-8")
    return load_library([str(path)])


def _co_signed(n: int, name: str, year: str = "2016") -> list[str]:
    """`n` papers on which `name` is the second of three authors, all of `year`."""
    return [
        f"@article{{cosigned{i},\n  author = {{Lindqvist{chr(97 + i % 26)}{i}, Maren and {name} and Pohl, Tamsin}},\n"
        f"  title = {{Measurements of sample series number {i}}},\n  journal = {{Journal of Applied Tests}}, year = {{{year}}}\n}}"
        for i in range(n)
    ]


LED = (
    "@article{led2016,\n  author = {Adeyemi, Folake and Brandt, Jonas},\n"
    "  title = {A survey of river sediment}, journal = {Hydrology Notes}, year = {2016}\n}"
)


def mention(*names: str, year: str, et_al: bool = True) -> CitedWork:
    return CitedWork.from_mention(NameMention(tuple(names), et_al, year))


def test_the_paper_an_author_led_is_scored_before_the_many_they_co_signed(tmp_path):
    # 40 co-signed papers of the same year, listed first: by shared name and year alone they all tie with the one
    # Adeyemi led, and the led one fell below the limit
    library = _library(tmp_path, [*_co_signed(40, "Adeyemi, Folake"), LED])
    index = LibraryIndex(library.entries)
    ranked = candidates(index, mention("Adeyemi", year="2016"))
    assert len(ranked) == LIMIT
    assert library.entries[ranked[0]].key == "led2016"
    resolution = Resolver(library).resolve(mention("Adeyemi", year="2016"))
    assert resolution.nearest == "led2016"


def test_an_entry_counts_a_name_once_however_many_of_its_authors_carry_it(tmp_path):
    # two Adeyemis on one co-signed paper of another year do not outrank the paper Adeyemi led in the cited year
    twice = ("@article{twice,\n  author = {Okafor, Chidi and Adeyemi, Folake and Adeyemi, Tunde},\n"
             "  title = {Gauges}, journal = {Hydrology Notes}, year = {2015}\n}")  # fmt: skip
    library = _library(tmp_path, [twice, LED])
    ranked = candidates(LibraryIndex(library.entries), mention("Adeyemi", year="2016"))
    assert [library.entries[i].key for i in ranked] == ["led2016", "twice"]


def test_the_first_authors_initial_orders_two_namesakes_who_both_led_papers_that_year(tmp_path):
    other = ("@article{hiroshi2016,\n  author = {Tanaka, Hiroshi and Brandt, Jonas},\n"
             "  title = {Wind over lakes}, journal = {Hydrology Notes}, year = {2016}\n}")  # fmt: skip
    yuki = ("@article{yuki2016,\n  author = {Tanaka, Yuki and Brandt, Jonas},\n"
            "  title = {Ice on ponds}, journal = {Hydrology Notes}, year = {2016}\n}")  # fmt: skip
    library = _library(tmp_path, [other, yuki])
    ranked = candidates(LibraryIndex(library.entries), mention("Y. Tanaka", year="2016"))
    assert [library.entries[i].key for i in ranked] == ["yuki2016", "hiroshi2016"]


def test_a_shared_initial_ranks_below_every_shared_family_name(tmp_path):
    # "Y." is shared by every Y. of the library: it may order namesakes, never outrank a family name, even
    # with the year agreeing (a Tanaka of another year who did not lead the paper still comes first)
    library = _library(tmp_path, [
        "@article{young,\n  author = {Young, Y.},\n  title = {Tides}, journal = {Hydrology Notes}, year = {2016}\n}",
        "@article{cosigned,\n  author = {Brandt, Jonas and Tanaka, Hiroshi},\n  title = {Ice on ponds},\n"
        "  journal = {Hydrology Notes}, year = {2012}\n}",
    ])  # fmt: skip
    ranked = candidates(LibraryIndex(library.entries), mention("Y. Tanaka", year="2016"))
    assert [library.entries[i].key for i in ranked] == ["cosigned", "young"]
