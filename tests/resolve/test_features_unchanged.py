"""The resolver's numbers stay put: every feature vector, alignment and candidate list on a fixed sample.

Speed work on `resolve/` and `match/` (numpy postings, letter-set tests, caches)
must not move a single feature value or candidate, since the weights in the
parameter file were fitted on exactly these numbers. The expected values in
`data/features_unchanged.json` were written by the code before that work; the
entries are built here, the cited works are stored in the JSON (parsed once from
the reference strings below, so a change of the reference parser does not touch
this test). Decisions are the parameter file's and change with every `make
train`, so they are not pinned here (the speed work was checked to leave them
identical on 2,000 citations of benchmarks/bench_match.py).

A deliberate change of a feature or of the candidates regenerates the expectations:

    .venv/bin/python tests/resolve/test_features_unchanged.py --write
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "features_unchanged.json"

BIB = r"""
@article{muller2019climate,
  author = {M{\"u}ller, Karl and van der Berg, Johanna and Okafor, Chidi},
  title = {Climate Memory and Urban Water: A Survey of Coastal Cities},
  journal = {Journal of Urban Studies}, volume = {12}, number = {3}, pages = {45--67}, year = {2019},
  doi = {10.1234/jus.2019.045}
}
@article{muller2017water,
  author = {M{\"u}ller, Karl and Rossi, Giulia},
  title = {Urban Water Markets},
  journal = {Water Policy}, year = {2017}
}
@book{muller2019memory,
  author = {M{\"u}ller, Karl},
  title = {Memory and Empire},
  publisher = {Oxford University Press}, year = {2019}
}
@article{mueller2019kinship,
  author = {Mueller, Anna and Smith, John},
  title = {Kinship Terms in Grammar},
  journal = {Linguistic Typology}, year = {2019}
}
@book{who2020report,
  author = {{World Health Organization}},
  title = {World Report on Ageing and Health},
  publisher = {WHO}, year = {2020}, url = {https://www.who.int/ageing/report}
}
@incollection{kim2014dialect,
  author = {Kim, Soo-jin and Park, Min-ho},
  title = {Dialect Contact on the Korean Peninsula},
  booktitle = {Handbook of Korean Linguistics}, editor = {Lee, Hyun-woo}, pages = {89--104}, year = {2014}
}
@book{kim2014sociolinguistics,
  author = {Kim, Soo-jin},
  title = {Sociolinguistics of Seoul},
  publisher = {Seoul National University Press}, year = {2014}
}
@book{oguma1995tan,
  author = {小熊, 英二},
  title = {単一民族神話の起源},
  publisher = {新曜社}, year = {1995}
}
@book{lee2010handbook,
  editor = {Lee, Hyun-woo and Tanaka, Hiroshi},
  title = {Handbook of Korean Linguistics},
  publisher = {Routledge}, year = {2010}
}
@article{tilman1996productivity,
  author = {Tilman, David and Wedin, David and Knops, Johannes},
  title = {Productivity and Sustainability Influenced by Biodiversity in Grassland Ecosystems},
  journal = {Nature}, volume = {379}, pages = {718--720}, year = {1996}
}
@article{tilman1997influence,
  author = {Tilman, David and Knops, Johannes and Wedin, David and Reich, Peter and Ritchie, Mark and Siemann, Evan},
  title = {The Influence of Functional Diversity and Composition on Ecosystem Processes},
  journal = {Science}, volume = {277}, pages = {1300--1302}, year = {1997}
}
@article{hagger2010ego,
  author = {Hagger, Martin S. and Wood, Chantelle and Stiff, Chris and Chatzisarantis, Nikos L. D.},
  title = {Ego Depletion and the Strength Model of Self-Control: A Meta-Analysis},
  journal = {Psychological Bulletin}, volume = {136}, number = {4}, pages = {495--525}, year = {2010}
}
@book{mckitterick1989carolingians,
  author = {McKitterick, Rosamond},
  title = {The Carolingians and the Written Word},
  publisher = {Cambridge University Press}, address = {Cambridge}, year = {1989}
}
@article{garcia2021migration,
  author = {Garc{\'\i}a M{\'a}rquez, Ana and Nguyen, Van Thanh and others},
  title = {Migration, Language and Network Effects},
  journal = {Migration Studies}, year = {2021}
}
@article{novak2008protein,
  author = {Nov{\'a}k, Petr},
  title = {Protein Folding Kinetics},
  journal = {Journal of Molecular Biology}, year = {2008}
}
@article{novak2008protein2,
  author = {Nov{\'a}k, Petr},
  title = {Protein Folding Kinetics},
  journal = {Journal of Molecular Biology}, year = {2008}
}
@misc{untitled2001,
  author = {Larsen, Erik},
  year = {2001},
  howpublished = {Personal communication}
}
@article{dubois1998reform,
  author = {Dubois, Marie-Claire and O'Brien, Sean},
  title = {Reform and Resistance},
  journal = {Revue d'histoire}, year = {1998}
}
@book{ivanova2012,
  author = {Ivanova, Elena},
  title = {Evidence and History},
  year = {2012--2013}
}
@article{chen2022learning,
  author = {Chen, Wei and Haddad, Omar and Kowalski, Jan and Andersson, Lars},
  title = {Learning Health Models from Survey Evidence},
  journal = {The Lancet Digital Health}, year = {2022}, url = {https://doi.org/10.1016/S2589-7500(22)00001-1}
}
"""

# Reference strings as drafts write them (parsed once into the JSON) ...
REFERENCES = [
    "Müller, K., van der Berg, J., & Okafor, C. (2019). Climate memory and urban water: A survey of coastal cities. Journal of Urban Studies, 12(3), 45–67.",
    "Muller, K., Berg, J. van der, & Okafor, C. (2019). Climate memory and urban water. Journal of Urban Studies, 12, 45–67.",
    "Mülller K, van der Berg J, Okafor C. Climate memory and urban water: a survey of coastal cities. J Urban Stud. 2018;12(3):45-67.",
    "K. Müller, J. van der Berg, and C. Okafor, “Climate Memory and Urban Water,” Journal of Urban Studies 12, no. 3 (2019): 45.",
    "Müller, Karl. Memory and Empire. Oxford: Oxford University Press, 2019.",
    "Müller and Rossi, “Urban Water Markets,” 12.",
    "World Health Organization. World report on ageing and health. Geneva: WHO; 2020.",
    "WHO (2020) World Report on Ageing and Health. https://www.who.int/ageing/report",
    "Kim, Soo-jin, and Min-ho Park. “Dialect Contact on the Korean Peninsula.” In Handbook of Korean Linguistics, edited by Hyun-woo Lee, 89–104. 2014.",
    "Kim, S. (2014). Sociolinguistics of Seoul. Seoul National University Press.",
    "小熊英二『単一民族神話の起源』（新曜社、1995年）。",
    "Lee, H., & Tanaka, H. (Eds.). (2010). Handbook of Korean linguistics. Routledge.",
    "Tilman, D., Wedin, D., & Knops, J. (1997). Productivity and sustainability influenced by biodiversity in grassland ecosystems. Nature, 379, 718–720.",
    "Tilman D, Knops J, Wedin D, et al. The influence of functional diversity and composition on ecosystem processes. Science. 1997;277:1300-2.",
    "Hagger, M. S., Wood, C., Stiff, C., & Chatzisarantis, N. L. D. (2016). Ego depletion and the strength model of self-control. Psychological Bulletin, 136(4), 495–525.",
    "Hagger, M. S., Chatzisarantis, N. L. D., et al. (2016). A multilab preregistered replication of the ego-depletion effect. Perspectives on Psychological Science, 11(4), 546–573.",
    "McKitterick, *Carolingians and the Written Word*, 45.",
    "Rosamond McKitterick, The Carolingians and the Written Word (Cambridge: Cambridge University Press, 1989), 23.",
    "García Márquez, A., et al. (2021). Migration, language and network effects. Migration Studies.",
    "Garcia Marquez A, Nguyen VT. Migration, Language and Network Effects. Migr Stud 2012.",
    "Novák, P. (2008). Protein folding kinetics. Journal of Molecular Biology.",
    "Larsen, E. (2001). Personal communication.",
    "Dubois, M.-C., & O’Brien, S. (1998). Reform and resistance. Revue d’histoire.",
    "Ivanova, E. (2012). Evidence and history.",
    "Chen W, Haddad O, Kowalski J, Andersson L. Learning health models from survey evidence. Lancet Digit Health 2022. doi:10.1016/S2589-7500(22)00001-1",
    "Smith, J. (2005). An absent work on colonial trade and urban ritual. Journal of Colonial History, 3, 1–20.",
    "Rossi, G. Trade theory and evidence. Market Review, 2017.",
    "Climate memory and urban water: a survey of coastal cities.",
    "https://doi.org/10.1234/jus.2019.045",
]

# ... and author–year mentions (names as written, et al., year).
MENTIONS = [
    (("Müller", "van der Berg"), False, "2019"),
    (("Muller",), True, "2019"),
    (("Mueller", "Smith"), False, "2019"),
    (("Mülelr",), True, "2017"),
    (("Tilman",), True, "1997"),
    (("Tilman",), True, "1996"),
    (("Hagger",), True, "2016"),
    (("WHO",), False, "2020"),
    (("Kim",), False, "2014"),
    (("Kim", "Park"), False, "2014"),
    (("McKitterick",), False, "1989"),
    (("García Márquez",), True, "2021"),
    (("Novak",), False, "2008"),
    (("Larsen",), False, "2001"),
    (("Dubois", "O'Brien"), False, "1989"),
    (("Ivanova",), False, "2012"),
    (("Haddad",), True, "2022"),
    (("Japan",), False, "2011"),
    (("Okafor",), False, None),
]


@lru_cache(maxsize=1)
def library():
    from refcheck.library import load_library

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.bib"
        path.write_text(BIB, encoding="utf-8")
        return load_library([str(path)])


# ---------------------------------------------------------------- (de)serialising


def _author_json(a) -> dict | str:
    if isinstance(a, str):
        return a
    return {k: v for k, v in (("family", a.family), ("given", a.given), ("particle", a.particle),
                              ("suffix", a.suffix), ("literal", a.literal)) if v is not None}  # fmt: skip


def cited_json(c) -> dict:
    return {
        "raw": c.raw, "authors": [_author_json(a) for a in c.authors], "et_al": c.et_al, "year": c.year,
        "title": c.title, "container": c.container, "volume": c.volume, "pages": c.pages, "doi": c.doi,
        "url": c.url, "form": c.form,
    }  # fmt: skip


def cited_from_json(d: dict):
    from refcheck.model import Author
    from refcheck.resolve import CitedWork

    authors = tuple(a if isinstance(a, str) else Author(**a) for a in d["authors"])
    return CitedWork(d["raw"], authors, d["et_al"], d["year"], d["title"], d["container"], d["volume"], d["pages"],
                     d["doi"], d["url"], d["form"])  # fmt: skip


def _field_json(f) -> list:
    return [f.field, f.cited, f.entry, f.verdict, f.similarity]


def alignment_json(a) -> dict:
    if a is None:
        return None
    return {
        "names": [[n.cited, n.entry, n.verdict.kind.value, n.verdict.distance, n.position] for n in a.names],
        "typos": [list(t) for t in a.typos],
        "year": _field_json(a.year), "title": _field_json(a.title), "venue": _field_json(a.venue),
        "describe": a.describe(),
    }  # fmt: skip


# ---------------------------------------------------------------- what is measured


def observe(cited_works: list) -> dict:
    """Everything the resolver computes for the sample, as JSON-ready values (a vector as its non-zero values,
    a pair's alignment as a digest; the decisions' alignments in full)."""
    from refcheck.resolve import Resolver
    from refcheck.resolve.candidates import candidates
    from refcheck.resolve.features import compare

    lib = library()
    resolver = Resolver(lib)
    pairs, pools = {}, []
    for n, cited in enumerate(cited_works):
        for entry in lib.entries:
            x, alignment = compare(cited, entry)
            digest = hashlib.sha256(json.dumps(alignment_json(alignment), ensure_ascii=False).encode()).hexdigest()[:12]
            pairs[f"{n} {entry.key}"] = {"x": {str(i): v for i, v in enumerate(x) if v}, "alignment": digest}
        pools.append([lib.entries[i].key for i in candidates(resolver.index, cited)])
    return {"pairs": pairs, "candidates": pools}


def write() -> None:
    from refcheck.extract.refparse.parser import parse_reference
    from refcheck.model import NameMention
    from refcheck.resolve import CitedWork
    from refcheck.resolve.features import FEATURES

    works = [CitedWork.from_reference(parse_reference(s)) for s in REFERENCES]
    works += [CitedWork.from_mention(NameMention(names, et_al, year)) for names, et_al, year in MENTIONS]
    cited = [cited_json(c) for c in works]
    data = {"features": list(FEATURES), "cited": cited,
            **observe([cited_from_json(c) for c in cited])}  # fmt: skip
    DATA.parent.mkdir(exist_ok=True)
    DATA.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {DATA} ({len(data['pairs'])} pairs, {len(cited)} cited works)")


# ---------------------------------------------------------------- the tests


@lru_cache(maxsize=1)
def expected() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def observed() -> dict:
    return observe([cited_from_json(c) for c in expected()["cited"]])


def test_the_sample_holds_matches_and_misses():
    from refcheck.resolve.features import INDEX

    vectors = [p["x"] for p in expected()["pairs"].values()]
    assert len(vectors) >= 900
    first_same = str(INDEX["first_same"])
    assert sum(first_same in x for x in vectors) >= 30  # the cited first author is the entry's
    assert sum(str(INDEX["share_different"]) in x for x in vectors) >= 300  # another work's authors


def test_feature_names_and_order_are_those_of_the_fixture():
    from refcheck.resolve.features import FEATURES

    assert list(FEATURES) == expected()["features"], "a feature was added or moved: retrain, then --write"


def test_every_feature_vector_and_alignment_is_unchanged():
    want, got = expected()["pairs"], observed()["pairs"]
    assert got.keys() == want.keys()
    changed = [k for k in want if got[k]["x"] != want[k]["x"]]
    assert not changed, f"{len(changed)} feature vectors changed, first {changed[0]}: {got[changed[0]]['x']} != {want[changed[0]]['x']}"
    moved = [k for k in want if got[k]["alignment"] != want[k]["alignment"]]
    assert not moved, f"{len(moved)} alignments changed, first {moved[0]}"


def test_candidates_are_unchanged():
    assert observed()["candidates"] == expected()["candidates"]


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write()
    else:
        sys.exit(f"usage: {sys.argv[0]} --write   (regenerates {DATA.name} from the current code)")
