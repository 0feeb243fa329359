"""An unchanged library is not parsed again; a changed file is parsed again alone; results never differ."""

from __future__ import annotations

import pytest

from refcheck.library import load

A = """@string{geo = {Geopolitics}}
@article{moisio2013, author = {Moisio, Sami and Paasi, Anssi}, title = {From Geopolitical to Geoeconomic?},
  journal = geo, year = {2013}}
@article{broken, author = {X}, title = {T
"""
B = """@article{kim2014, author = {Kim, Seung}, title = {Legacies}, journal = geo, year = {2014}}
@book{lee2006, author = {Lee, Hoon}, title = {Cultural Transmission}, publisher = {Press}, year = {2006}}
"""


@pytest.fixture
def library(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "a.bib").write_text(A, encoding="utf-8")
    (tmp_path / "b.bib").write_text(B, encoding="utf-8")
    parsed: list[str] = []
    real = load.parse_library_text

    def counting(text, path, macros):
        parsed.append(path.rsplit("/", 1)[-1])
        return real(text, path, macros)

    monkeypatch.setattr(load, "parse_library_text", counting)
    files = [str(tmp_path / "a.bib"), str(tmp_path / "b.bib")]
    return files, parsed


def snapshot(lib):
    return ([repr(e) for e in lib.entries], lib.problems, lib.blocks, lib.distinct, list(lib.by_key))


def test_a_warm_load_parses_nothing_and_gives_the_same_library(library, monkeypatch):
    files, parsed = library
    cold = load.load_library(files)
    assert parsed == ["a.bib", "b.bib"]
    warm = load.load_library(files)
    assert parsed == ["a.bib", "b.bib"]  # nothing parsed the second time
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    assert snapshot(warm) == snapshot(cold) == snapshot(load.load_library(files))
    assert warm.by_key["kim2014"].container == "Geopolitics"  # @string from the first file still applies
    assert any(p.kind == "malformed" or "broken" in p.message for p in warm.problems)


def test_a_changed_file_is_parsed_again_alone(library, tmp_path):
    files, parsed = library
    load.load_library(files)
    (tmp_path / "b.bib").write_text(B.replace("year = {2006}", "year = {2007}"), encoding="utf-8")
    lib = load.load_library(files)
    assert parsed[2:] == ["b.bib"]
    assert lib.by_key["lee2006"].year == "2007"


def test_a_macro_changed_in_one_file_reaches_the_next(library, tmp_path):
    files, parsed = library
    load.load_library(files)
    (tmp_path / "a.bib").write_text(A.replace("{Geopolitics}", "{Political Geography}"), encoding="utf-8")
    lib = load.load_library(files)
    assert parsed[2:] == ["a.bib", "b.bib"]  # b.bib reads a.bib's @string, so it is parsed again too
    assert lib.by_key["kim2014"].container == "Political Geography"


def test_a_damaged_record_is_parsed_again(library, tmp_path):
    files, parsed = library
    first = load.load_library(files)
    for record in (tmp_path / "cache" / "library").glob("*.pickle"):
        record.write_bytes(b"not a pickle")
    again = load.load_library(files)
    assert parsed == ["a.bib", "b.bib", "a.bib", "b.bib"]
    assert snapshot(again) == snapshot(first)


def test_a_warm_load_decodes_no_entry_and_a_changed_file_is_seen(library, tmp_path, monkeypatch):
    files, _ = library
    cold = load.load_library(files)
    decoded: list[str] = []
    real = load.Entry.from_raw
    monkeypatch.setattr(load.Entry, "from_raw", staticmethod(lambda raw, inherited: decoded.append(raw.key) or real(raw, inherited)))
    warm = load.load_library(files)
    assert decoded == []  # the whole library is one record: no entry decoded again
    assert snapshot(warm) == snapshot(cold)
    (tmp_path / "b.bib").write_text(B.replace("Cultural Transmission", "Cultural Transfer"), encoding="utf-8")
    changed = load.load_library(files)
    assert changed.by_key["lee2006"].title == "Cultural Transfer"  # never the stale record
    assert "lee2006" in decoded


def test_a_library_with_an_unreadable_file_says_so_on_every_load(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "a.bib").write_bytes("@book{b, author = {Gödel, K.}, title = {T}, year = {1931}}\n".encode("latin-1"))
    for _ in range(2):
        lib = load.load_library([str(tmp_path / "a.bib")])
        assert [p.kind for p in lib.problems] == ["encoding"]
        assert lib.by_key["b"].year == "1931"


def test_the_cached_blocking_index_finds_what_a_new_one_finds(library, monkeypatch):
    from refcheck.match.index import LibraryIndex, index_for
    from refcheck.model import NameMention
    from refcheck.resolve import CitedWork, Resolver

    files, _ = library
    load.load_library(files)  # the library record
    lib = load.load_library(files)
    built = index_for(lib)  # built and stored
    built_state = built.state()
    again = index_for(load.load_library(files))
    assert again.state() == built_state and again.state() == LibraryIndex(lib.entries).state()
    warm = load.load_library(files)
    resolver = Resolver(warm)
    assert resolver.index.entries is warm.entries  # entries are the library's own, not copies
    cited = CitedWork.from_mention(NameMention(("Kim",), year="2014"))
    assert resolver.resolve(cited).key == "kim2014"


def test_the_cache_keeps_the_newest_records_within_its_size(tmp_path, monkeypatch):
    import os

    from refcheck.library import cache

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MAX_BYTES", 3_000)
    for i in range(6):
        cache.store_record(f"r{i}", "x" * 900)  # ~1 kB each once pickled
        record = tmp_path / "cache" / "library" / f"r{i}.pickle"
        os.utime(record, (1_000_000 + i, 1_000_000 + i))  # written one after the other
    cache.store_record("r6", "x" * 900)
    kept = sorted(p.stem for p in (tmp_path / "cache" / "library").glob("*.pickle"))
    assert kept == ["r4", "r5", "r6"] and cache.load_record("r6") == "x" * 900
    assert cache.load_record("r0") is None


def test_a_library_changed_after_loading_gets_an_index_of_its_own(library):
    from refcheck.match.index import LibraryIndex, index_for

    files, _ = library
    index_for(load.load_library(files))  # the whole library's index, stored
    lib = load.load_library(files)
    lib.entries[:] = [e for e in lib.entries if e.key != "kim2014"]  # a held-out entry, say
    index = index_for(lib)
    assert index.state() == LibraryIndex(lib.entries).state()
    assert "kim" not in index.by_name


def test_a_library_reordered_after_loading_gets_an_index_of_its_own(library):
    from refcheck.match.index import LibraryIndex, index_for

    files, _ = library
    index_for(load.load_library(files))
    lib = load.load_library(files)
    lib.entries.reverse()  # as many entries, other positions: the stored postings would point at other entries
    assert index_for(lib).state() == LibraryIndex(lib.entries).state()


def test_a_cached_library_reads_its_blocks_only_when_asked(library, tmp_path, monkeypatch):
    files, _ = library
    cold = load.load_library(files)
    read: list[str] = []
    real = load.load_record
    monkeypatch.setattr(load, "load_record", lambda key: read.append(key) or real(key))
    warm = load.load_library(files)
    assert len(read) == 1  # the library's record; its blocks stay on disk
    assert warm.blocks == cold.blocks and len(read) == 2


def test_blocks_pruned_since_the_load_are_parsed_again_from_unchanged_files_only(library, tmp_path):
    files, _ = library
    cold = load.load_library(files)
    warm = load.load_library(files)
    for record in (tmp_path / "cache" / "library").glob("*-blocks.pickle"):
        record.unlink()
    assert warm.blocks == cold.blocks  # parsed again: the files are as they were
    load.load_library(files)  # its blocks record is gone: a full load, which writes it again
    other = load.load_library(files)  # from the cache, blocks unread
    (tmp_path / "b.bib").write_text(B + "@misc{late, title = {Added}, year = {2020}}\n", encoding="utf-8")
    for record in (tmp_path / "cache" / "library").glob("*-blocks.pickle"):
        record.unlink()
    with pytest.raises(load.InputError, match="changed while refcheck was using it"):
        other.blocks


DUPLICATES = """@article{kim1994, author = {Kim, Dae-jung}, title = {Is Culture Destiny?}, journal = {Foreign Affairs}, year = {1994}}
@article{kimdj1994, author = {Kim, Dae-jung}, title = {Is culture destiny?}, journal = {Foreign Affairs}, year = {1994}}
@article{lee2006, author = {Lee, Hoon}, title = {Cultural Transmission}, journal = {Geo}, year = {2006}}
"""


def test_duplicates_of_an_unchanged_library_are_read_back_and_follow_what_is_declared(tmp_path, monkeypatch):
    from refcheck.library import duplicates

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "d.bib").write_text(DUPLICATES, encoding="utf-8")
    searched = []
    real = duplicates.find_duplicates
    monkeypatch.setattr(duplicates, "find_duplicates", lambda *a, **k: searched.append(1) or real(*a, **k))
    files = [str(tmp_path / "d.bib")]

    cold = duplicates.duplicates_for(load.load_library(files))
    warm = duplicates.duplicates_for(load.load_library(files))
    assert len(searched) == 1  # the second run reads the record
    assert warm == cold and [g.keys for g in warm[0]] == [("kim1994", "kimdj1994")]

    declared = load.load_library(files)
    declared.distinct |= {frozenset(("kim1994", "kimdj1994"))}  # as `[tool.refcheck] distinct` adds them
    assert duplicates.duplicates_for(declared)[0] == []
    assert len(searched) == 2

    reordered = load.load_library(files)
    reordered.entries.reverse()  # positions change: a record of its own, whose indices fit these entries
    groups, _ = duplicates.duplicates_for(reordered)
    assert len(searched) == 3
    assert [reordered.entries[i].key for i in groups[0].indices] == list(groups[0].keys)
