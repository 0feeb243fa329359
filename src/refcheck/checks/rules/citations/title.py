"""RC104 title-mismatch."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import describe, fields_for
from refcheck.model import Severity
from refcheck.resolve.features import title_similarity
from refcheck.textnorm import fold, title_tokens

DEFAULT_THRESHOLD = 0.8
# a cited "title" sharing fewer content words than this with the entry's is another
# string in the title's place (a series, a venue, a parsing slip), not a mis-quoted title
MIN_SHARED_WORDS = 0.4


def _recognisably_the_same(cited: str, entry: str) -> bool:
    a, b = title_tokens(cited), title_tokens(entry)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= MIN_SHARED_WORDS


def _foreign_words(cited: str, entry) -> list[str]:
    """Content words of the cited title that the entry lacks everywhere and that are no spelling of a title word.

    A word put in place of another ("lexical" written as "context") changes the
    title. A dropped subtitle, another case or hyphenation, a typo-sized slip,
    and words of the entry's other fields (names, venue, editors: the parser
    took them into the title) do not count.
    """
    a, b = title_tokens(cited), title_tokens(entry.title)
    if len(a) < 2 or len(a) > len(b):  # a word put for another keeps the length; a parse slip adds words
        return []
    squeezed = fold(entry.title).replace(" ", "")
    record = _record_words(entry)
    out = []
    for word in sorted(a - b):
        if word in squeezed or word in record or any(Levenshtein.normalized_distance(word, o) <= 0.34 for o in b):
            continue
        out.append(word)
    return out


def _record_words(entry) -> set[str]:
    words: set[str] = set()
    for name, value in entry.fields.items():
        if name not in ("title", "abstract", "file"):
            words.update(fold(value).split())
    for person in (*entry.authors, *entry.editors):
        words.update(fold(" ".join(p for p in (person.family, person.given, person.literal) if p)).split())
    return words


class TitleMismatch(Rule):
    """The citation's title differs from the entry's beyond typography.

    Why
        A title quoted wrongly usually means the reference was retyped from
        memory or copied from a different version of the work.

    Failing example
        ``Mali et al. (2013). RNA-guided genome editing of human stem cells with Cas9``
        against the entry ``title = {RNA-Guided Human Genome Engineering via Cas9}``.

    Passing example
        The same title in sentence case, with other dashes or quotes, or the
        main title without its subtitle.

    How to silence
        Copy the title from the library; ``--ignore title-mismatch``; the threshold
        is ``title-similarity`` in the configuration (default 0.8).
    """

    code = "RC104"
    name = "title-mismatch"
    severity = Severity.WARNING
    options = {"title-similarity": DEFAULT_THRESHOLD}  # the configuration's [thresholds], validated against this

    def check(self, ctx):
        threshold = ctx.options.get("title-similarity", DEFAULT_THRESHOLD)
        for doc in ctx.documents:
            for r in doc.resolutions:
                entry = ctx.entry(r.key)
                ref = r.reference
                if entry is None or ref is None or not ref.title or not entry.title or r.match.method == "key":
                    continue
                if r.inherited_from:  # an Ibid. or short note repeats its parent's title
                    continue
                sim = title_similarity(ref.title, entry.title)
                if not _recognisably_the_same(ref.title, entry.title):
                    continue
                foreign = _foreign_words(ref.title, entry)
                if sim >= threshold and not foreign:
                    continue
                c = r.citation
                yield self.finding(
                    doc.path, c.location.line, c.location.column,
                    f"{describe(c)} gives the title '{ref.title}'; the library has '{entry.title}'",
                    suggestion=entry.title,
                    evidence=(
                        f"titles {round(sim * 100)}% alike",
                        *(f"'{w}' is not in the library's title" for w in foreign),
                        *r.match.evidence,
                    ),
                    **fields_for(r, ctx),
                )
