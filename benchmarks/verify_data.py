"""The data of the verification benchmark and of tools/fit_verify.py, made from real references only.

Real works: the entries of the real libraries in ../shared/data/bib (each its own
source library) and the tagged AnyStyle reference strings (source "anystyle").
Each real work is a snapshot record; the queries are

- real: the entry as `verify --bib` reads it, or the AnyStyle string as
  refcheck's parser reads it (the record holds the tagged gold fields);
- typo: a real query with a letter transposed or replaced in a title word or
  the first author's name, or its first two authors swapped;
- fabricated: real authors and year of one work, the title of another (whole,
  or its first half joined to a third's second half) and the venue of a
  fourth, all from the same library; kept only when no real work of that
  first author has a title alike (so it is really not in the snapshot).
"""

from __future__ import annotations

import random
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from refcheck.match.matcher import Cited, title_similarity  # noqa: E402
from refcheck.model import Author  # noqa: E402
from refcheck.verify.record import Record, named  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
LIBRARIES = ("glottolog-zurich", "glottolog-sala", "glottolog-ozbib", "glottolog-silpng", "zotero-user-library")
ANYSTYLE = "anystyle"
# the split by source library: thresholds are fitted on TRAIN and reported on HELD_OUT
TRAIN = ("glottolog-zurich", "glottolog-sala", ANYSTYLE)
HELD_OUT = ("glottolog-ozbib", "glottolog-silpng", "zotero-user-library")


@dataclass(frozen=True)
class Item:
    group: str  # "real", "typo", "fabricated"
    library: str
    cited: Cited
    issue: str | None = None


@dataclass
class Work:
    record: Record
    cited: Cited  # how a user's reference to it reads


def _usable(title: str | None, authors, year) -> bool:
    return bool(title and len(title.split()) >= 2 and authors and year)


def library_works(name: str) -> list[Work]:
    from refcheck.library.load import load_library
    from refcheck.verify.subjects import of_entry

    library = load_library([str(SHARED / "bib" / f"{name}.bib")])
    out = []
    for e in library.entries:
        people = e.authors or e.editors
        if not _usable(e.title, people, e.year):
            continue
        record = Record("snapshot", e.title, named(people), e.year, e.container, e.volume, e.number, e.pages, e.doi,
                        ident=f"{name}:{e.key}")
        out.append(Work(record, of_entry(e).cited))
    return out


def anystyle_works() -> list[Work]:
    from refcheck.extract.refparse import parse_reference
    from refstrings import gold_of

    root = ET.parse(SHARED / "refstrings" / "anystyle-core.xml").getroot()
    out = []
    for n, seq in enumerate(root.iter("sequence")):
        text = " ".join((e.text or "").strip() for e in seq if (e.text or "").strip())
        gold = gold_of(seq)
        names = " ".join((e.text or "") for e in seq if e.tag == "author").lower()
        families = sorted(gold["authors"] or (), key=lambda f: (names.find(f) if f in names else 10**6, f))
        if not _usable(gold["title"], families, gold["year"]):
            continue
        record = Record("snapshot", gold["title"], tuple(Author(family=f) for f in families), gold["year"],
                        gold["container"], gold["volume"], gold["issue"], gold["pages"], ident=f"anystyle:{n}")
        out.append(Work(record, Cited.from_reference(parse_reference(text))))
    return out


def real_works() -> dict[str, list[Work]]:
    works = {name: library_works(name) for name in LIBRARIES}
    works[ANYSTYLE] = anystyle_works()
    return works


# --- typos and fabrications ------------------------------------------------------

def _typo_word(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # transposed letters
    letter = rng.choice([c for c in "aeiounrst" if c != word[i]])
    return word[:i] + letter + word[i + 1:]  # one letter replaced


def with_typo(cited: Cited, rng: random.Random) -> Cited | None:
    kinds = []
    words = [w for w in (cited.title or "").split() if len(w) >= 6 and w.isalpha()]
    if words:
        kinds.append("title")
    people = [a for a in cited.authors if isinstance(a, Author) and a.family and len(a.family) >= 5 and a.family.isalpha()]
    if people and cited.authors and cited.authors[0] is people[0]:
        kinds.append("author")
    if len(cited.authors) >= 2:
        kinds.append("order")
    if not kinds:
        return None
    kind = rng.choice(kinds)
    if kind == "title":
        word = rng.choice(words)
        return replace(cited, title=cited.title.replace(word, _typo_word(word, rng), 1))
    if kind == "author":
        first = cited.authors[0]
        return replace(cited, authors=(replace(first, family=_typo_word(first.family, rng)), *cited.authors[1:]))
    a = list(cited.authors)
    a[0], a[1] = a[1], a[0]
    return replace(cited, authors=tuple(a))


def _first_family(cited: Cited) -> str:
    a = cited.authors[0] if cited.authors else None
    if isinstance(a, Author):
        return (a.family or a.literal or "").lower()
    return str(a or "").lower()


def fabricate(works: list[Work], by_first: dict[str, list[str]], rng: random.Random) -> Cited | None:
    a, b, c, d = (rng.choice(works) for _ in range(4))
    if b.record.title == a.record.title:
        return None
    title = b.record.title
    if rng.random() < 0.4:  # spliced: the first half of one title, the second half of another
        wa, wc = a.record.title.split(), c.record.title.split()
        title = " ".join(wa[: max(1, len(wa) // 2)] + wc[len(wc) // 2:])
    cited = Cited(a.cited.authors, a.cited.et_al, a.cited.year, title, d.record.container)
    if any(title_similarity(title, t) >= 0.9 for t in by_first.get(_first_family(cited), ())):
        return None  # by chance a real work of that author
    return cited


def items(works: dict[str, list[Work]], per_library: int, seed: int = 16) -> list[Item]:
    rng = random.Random(seed)
    out: list[Item] = []
    for name, ws in works.items():
        by_first: dict[str, list[str]] = {}
        for w in ws:
            by_first.setdefault(_first_family(w.cited), []).append(w.record.title)
        sample = rng.sample(ws, min(per_library, len(ws)))
        for w in sample:
            out.append(Item("real", name, w.cited, w.record.issue))
            if (t := with_typo(w.cited, rng)) is not None:
                out.append(Item("typo", name, t, w.record.issue))
        made = 0
        while made < len(sample):
            if (f := fabricate(ws, by_first, rng)) is not None:
                out.append(Item("fabricated", name, f))
                made += 1
    return out


# --- the big snapshot ---------------------------------------------------------------

def generated_records(works: dict[str, list[Work]], count: int, seed: int = 1) -> "Iterator[Record]":
    """Records that look like real ones: titles drawn from the real titles' words, real names and venues."""
    rng = random.Random(seed)
    all_works = [w for ws in works.values() for w in ws]
    vocabulary = [word for w in all_works for word in re.findall(r"[^\W\d_]{3,}", w.record.title)]
    people = [a for w in all_works for a in w.record.authors if a.family]
    venues = [w.record.container for w in all_works if w.record.container]
    for n in range(count):
        title = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(4, 11)))
        authors = tuple(rng.choice(people) for _ in range(rng.choice((1, 1, 2, 2, 3, 4))))
        yield Record("snapshot", title.capitalize(), authors, str(rng.randint(1950, 2025)), rng.choice(venues),
                     str(rng.randint(1, 80)), None, f"{(p := rng.randint(1, 900))}-{p + rng.randint(5, 40)}",
                     ident=f"generated:{n}")
