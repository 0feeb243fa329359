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
)  # the one paper Adeyemi led


def mention(*names: str, year: str, et_al: bool = True) -> CitedWork:
    return CitedWork.from_mention(NameMention(tuple(names), et_al, year))


def article(key: str, authors: str, title: str, year: str) -> str:
    return f"@article{{{key},\n  author = {{{authors}}},\n  title = {{{title}}}, journal = {{Hydrology Notes}}, year = {{{year}}}\n}}"


def ranked_keys(tmp_path, entries: list[str], cited: CitedWork) -> list[str]:
    library = _library(tmp_path, entries)
    return [library.entries[i].key for i in candidates(LibraryIndex(library.entries), cited)]


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
    twice = article("twice", "Okafor, Chidi and Adeyemi, Folake and Adeyemi, Tunde", "Gauges", "2015")
    assert ranked_keys(tmp_path, [twice, LED], mention("Adeyemi", year="2016")) == ["led2016", "twice"]


def test_the_first_authors_initial_orders_two_namesakes_who_both_led_papers_that_year(tmp_path):
    hiroshi = article("hiroshi2016", "Tanaka, Hiroshi and Brandt, Jonas", "Wind over lakes", "2016")
    yuki = article("yuki2016", "Tanaka, Yuki and Brandt, Jonas", "Ice on ponds", "2016")
    assert ranked_keys(tmp_path, [hiroshi, yuki], mention("Y. Tanaka", year="2016")) == ["yuki2016", "hiroshi2016"]


def test_a_shared_initial_ranks_below_every_shared_family_name(tmp_path):
    # "Y." is shared by every Y. of the library: it may order namesakes, never outrank a family name, even
    # with the year agreeing (a Tanaka of another year who did not lead the paper still comes first)
    young = article("young", "Young, Y.", "Tides", "2016")
    cosigned = article("cosigned", "Brandt, Jonas and Tanaka, Hiroshi", "Ice on ponds", "2012")
    assert ranked_keys(tmp_path, [young, cosigned], mention("Y. Tanaka", year="2016")) == ["cosigned", "young"]
