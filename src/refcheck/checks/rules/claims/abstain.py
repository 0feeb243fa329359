"""When a claim–entry fit cannot decide whether a citation belongs: the reasons refcheck abstains.

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
  NumPy [3]"), which its text need not resemble;
- ``pointer``: "see [3] for a review", "(e.g. [4])": the citation points the
  reader onward rather than supporting the sentence;
- ``several-citations``: the sentence carries citations at several places,
  each for its own part, so the sentence as a whole is no one work's claim.
"""

from __future__ import annotations

import re

REASONS = ("language", "thin-entry", "short-claim", "tool-citation", "pointer", "several-citations")

THIN_TITLE_WORDS = 4  # a title of fewer content words, and no other description, is a thin entry
SEVERAL_POSITIONS = 3  # citations at this many places in one sentence: each carries its own part

_TOOL_NOUN = (
    r"software|package|library|libraries|toolkit|toolbox|code|codes|implementation|program|solver|pipeline|"
    r"database|data\s?set|datasets|data release|catalog|catalogue|archive|repository|framework|plugin|"
    r"compiler|engine|interface|API|tool|tools|template|class|style|font|format|language|simulator|simulation suite"
)
_USE_VERB = re.compile(
    r"\b(?:we|I|they|was|were|is|are|been)\s+(?:also\s+)?(?:use|used|uses|using|employ|employed|adopt|adopted|"
    r"follow|followed|apply|applied|implement|implemented|rely on|relied on|utili[sz]e|utili[sz]ed|make use of|"
    r"made use of|take|took|modif(?:y|ied)|extend|extended)\b"
    r"|\b(?:using|via|with the help of|as implemented in|implemented in|implemented with|available (?:at|from)|"
    r"computed with|calculated with|generated with|produced with|performed with|obtained with|fitted with|"
    r"processed with|written in|built (?:on|with)|based on the (?:code|method|algorithm|approach|model|scheme) of)\b",
    re.I,
)
_TOOL_NEAR_MARKER = re.compile(rf"\b(?:{_TOOL_NOUN})\b[^.;]{{0,40}}$", re.I)
_TOOL_ENTRY_TYPES = frozenset({"software", "dataset", "manual", "online", "electronic", "www"})
_TOOL_TITLE = re.compile(
    r"\b(?:a python package|python|R package|toolkit|toolbox|software|library for|package for|user'?s? guide|"
    r"manual|documentation|version \d|v\d+\.\d+|github)\b",
    re.I,
)
_POINTER = re.compile(
    r"(?:^|[(\[;,]\s*)(?:see|cf\.?|compare)\b"
    r"|\be\.\s?g\.,?\s*$"
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
    return bool(_USE_VERB.search(clause) or _TOOL_NEAR_MARKER.search(clause))


def is_pointer(sentence: str, clause: str) -> bool:
    """'see [3] for a review', 'cf. [4]', '(e.g. [5])': the citation points onward."""
    return bool(_POINTER.search(clause) or _POINTER.search(sentence[len(clause):len(clause) + 80]))


def is_described(entry) -> bool:
    """An abstract, keywords or the source's text say what the work is about; a `note` rarely does
    ("Reprinted from ...", "original manuscript from 1969", found on real libraries)."""
    return any(entry.fields.get(name) for name in ("abstract", "keywords", "annotation", "file"))


def is_thin(entry, title_words: int) -> bool:
    """A short title and nothing else that says what the work is about."""
    return not is_described(entry) and title_words < THIN_TITLE_WORDS
