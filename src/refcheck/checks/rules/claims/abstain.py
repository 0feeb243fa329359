r"""When a claim–entry fit cannot decide whether a citation belongs: the reasons refcheck abstains.

Each reason is a kind of citation on which a fit score says little, found on
real writing (docs/training/claims.md counts how many citations of the
training data each reason covers and how many of them were wrong):

- ``language``: the claim or the entry is not in English, which is all the
  scorers read (spaCy's English pipeline, MiniLM);
- ``thin-entry``: the entry has a short title and nothing else (no abstract,
  keywords, note or source) to say what the work is about;
- ``short-claim``: the sentence has too few content words to be about anything;
- ``tool-citation``: the work is cited for a method, a program, a data set or a
  tool it provides ("we use the functional of [12]", "implemented in
  NumPy [3]", "frameworks such as DPDK [4]"), or for a definition or formula
  ("can be expressed as [5]:", "defined fully in [6]"), which its text need
  not resemble;
- ``pointer``: "see [3] for a review", "(e.g. [4])", LaTeX's
  ``\citep[e.g.][]{key}`` and ``\citep[see][for a review]{key}``: the
  citation points the reader onward rather than supporting the sentence;
- ``several-citations``: the sentence carries citations at several places,
  each for its own part, or a list of several works at one place ("studied
  in [3, 4, 5]"), each an example of it, so the sentence as a whole is no one
  work's claim.
"""

from __future__ import annotations

import re
from functools import lru_cache


REASONS = ("language", "thin-entry", "short-claim", "tool-citation", "pointer", "several-citations")

THIN_TITLE_WORDS = 4  # a title of fewer content words, and no other description, is a thin entry
SEVERAL_POSITIONS = 3  # citations at this many places in one sentence: each carries its own part
SEVERAL_TOGETHER = 3  # works cited together at one place: examples of the claim, none of them its source
DESCRIPTION_FIELDS = ("abstract", "keywords")

_TOOL_NOUN = (
    r"software|package|library|libraries|toolkit|toolbox|code|codes|implementation|program|solver|pipeline|"
    r"database|data\s?set|datasets|data release|catalog|catalogue|archive|repository|framework|plugin|"
    r"compiler|engine|interface|API|tool|tools|template|class|style|font|format|language|simulator|simulation suite|"
    r"frameworks|packages|solvers|simulators|pipelines|databases|catalogs|catalogues|archives|repositories|engines|"
    r"models|systems|programs|method|methods|algorithm|algorithms|technique|techniques|approach|scheme|formalism|"
    r"prescription"
)
_USE_VERB = re.compile(
    r"\b(?:we|I|they|was|were|is|are|been)\s+(?:also\s+)?(?:use|used|uses|using|employ|employed|adopt|adopted|"
    r"follow|followed|apply|applied|implement|implemented|rely on|relied on|utili[sz]e|utili[sz]ed|make use of|"
    r"made use of|take|took|modif(?:y|ied)|extend|extended)\b"
    r"|\b(?:using|via|with the help of|as implemented in|implemented in|implemented with|available (?:at|from|in)|"
    r"computed with|calculated with|generated with|produced with|performed with|obtained with|fitted with|"
    r"processed with|written in|built (?:on|with)|based on the (?:code|method|algorithm|approach|model|scheme) of)\b",
    re.I,
)
_TOOL_NEAR_MARKER = re.compile(rf"\b(?:{_TOOL_NOUN})\b[^.;]{{0,40}}$", re.I)
# a named artefact right before the marker: "DPDK [4]", "gem5 [5]", "the NuPRL [6]" (an acronym, a CamelCase
# name or a name with a digit), the work cited as the source of that thing
_NAME_AT_MARKER = re.compile(r"(?:^|\s)(?:[A-Z][A-Za-z]*[A-Z][A-Za-z0-9-]*|[A-Za-z]+\d[A-Za-z0-9]*)[)\]]?$")
# a definition, a formula or a derivation taken from the work
_FORMULA = re.compile(
    r":\s*$"
    r"|\b(?:defined|expressed|written|derived|approximated|parametri[sz]ed) "
    r"(?:fully |in full |in detail )?(?:as|by|in|from)\b"
    r"|\b(?:equation|formula|expression|approximation|definition|derivation|relation) (?:of|from|for|in|given)\b"
    r"|\b(?:following|after|similar to that of|as in)\s*$",
    re.I,
)
_TOOL_ENTRY_TYPES = frozenset({"software", "dataset", "manual", "online", "electronic", "www"})
_TOOL_TITLE = re.compile(
    r"\b(?:a python package|python|R package|toolkit|toolbox|software|library for|package for|user'?s? guide|"
    r"manual|documentation|version \d|v\d+\.\d+|github)\b",
    re.I,
)
_POINTER = re.compile(
    r"(?:^|[(\[;,]\s*)(?:see|cf\.?|compare)\b"
    r"|\be\.\s?g\.,?\s*$|\bsuch as\s*$"
    r"|\bfor (?:a |an |the |more |further )?(?:recent |comprehensive |detailed |thorough |short |brief |general |"
    r"good |excellent |extensive |complete |historical )?(?:review|reviews|overview|survey|summary|introduction|"
    r"discussion|details|detail|treatment|account|history|background|proof|proofs|derivation|examples?)\b",
    re.I,
)


def is_tool_citation(clause: str, entry) -> bool:
    """The work is cited for what it provides (a method, program, data set), not for a finding."""
    if entry is not None:
        if entry.type.lower() in _TOOL_ENTRY_TYPES:
            return True
        if entry.title and _TOOL_TITLE.search(entry.title):
            return True
    return bool(_USE_VERB.search(clause) or _TOOL_NEAR_MARKER.search(clause) or _FORMULA.search(clause)
                or _NAME_AT_MARKER.search(clause.rstrip(" ,~")))


def is_pointer(sentence: str, clause: str, notes: str = "") -> bool:
    """'see [3] for a review', 'cf. [4]', '(e.g. [5])': the citation points onward. `notes` are the words the
    citation command itself wraps around its keys (`latex_notes`)."""
    return bool(_POINTER.search(clause) or _POINTER.search(sentence[len(clause):len(clause) + 80])
                or bool(notes and (_POINTER.search(notes) or _NOTE_POINTER.search(notes))))


# in a citation's own notes, an example or a comparison anywhere: "[e.g. Cepheid variables;][]", "[similar to that of][]"
_NOTE_POINTER = re.compile(r"\be\.\s?g\.|\bfor example\b|\bsimilar to\b|\bsuch as\b|\bamong others\b|"
                           r"\breferences therein\b|\bcf\b|\bsee\b|\bcompare\b", re.I)


_CITE_NOTES = re.compile(r"\\[A-Za-z]*cite[A-Za-z]*\*?\s*\[([^\]]*)\]\s*\[([^\]]*)\]")


@lru_cache(maxsize=64)
def _source_lines(path: str) -> tuple[str, ...]:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return tuple(f.read().splitlines())
    except OSError:
        return ()


def latex_notes(citation) -> str:
    r"""The pre- and postnote of a natbib/biblatex citation with two optional arguments, as written at the
    citation's place (``\citep[e.g.][]{key}`` -> "e.g. ", ``\citep[see][for a review]{key}``): the extracted
    sentence drops them, yet they say how the work is cited. "" when there are none or the file is not LaTeX."""
    loc = citation.location
    if not str(loc.path).endswith((".tex", ".ltx", ".latex")):
        return ""
    lines = _source_lines(str(loc.path))
    if not 1 <= loc.line <= len(lines):
        return ""
    text = " ".join(lines[loc.line - 1:loc.line + 2])[max(0, loc.column - 1):]
    m = _CITE_NOTES.match(text)
    return f"{m.group(1)} {m.group(2)}" if m else ""


def is_described(entry, source: str = "") -> bool:
    """An abstract, keywords or the text of the held source (`source`) say what the work is about. A `note`
    rarely does ("Reprinted from ...", "original manuscript from 1969"), nor an `annotation` ("ADS Bibcode:
    1908AnHar..60...87L", as reference managers export it) or a `file` that cannot be read: such an entry is
    judged as the bare title it is."""
    return bool(source.strip()) or any(entry.fields.get(name) for name in DESCRIPTION_FIELDS)


def is_thin(entry, title_words: int, source: str = "") -> bool:
    """A short title and nothing else that says what the work is about."""
    return not is_described(entry, source) and title_words < THIN_TITLE_WORDS
