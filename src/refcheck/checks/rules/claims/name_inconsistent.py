"""RC302 name-inconsistent."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from refcheck.checks.base import Rule
from refcheck.checks.rules.claims.names import find_mentions, typo_variants
from refcheck.fit.textcache import cached_map
from refcheck.model import Severity


@lru_cache(maxsize=2)
def _ner(blank: bool):
    from refcheck.extract.nlp import load_pipeline

    return load_pipeline(ner=True, lemmas=True, blank=blank)


@lru_cache(maxsize=2)
def _mentions_cache(blank: bool):
    """The names found in each claim, kept on disk (fit.textcache): an unchanged draft loads no NER."""
    from refcheck.checks.rules.claims import names
    from refcheck.fit.textcache import TextCache, producer, source_digest

    return TextCache("names", f"{producer(blank)}\0{source_digest(names.__file__)}")


def _read_mentions(texts: list[str], blank: bool) -> list[list]:
    nlp = _ner(blank)
    parsed = nlp.pipe(texts, batch_size=64) if "ner" in nlp.pipe_names else (None for _ in texts)
    return [list(find_mentions(text, doc)) for text, doc in zip(texts, parsed)]


class NameInconsistent(Rule):
    """One person's name spelled two ways in a document or corpus.

    Why
        "Joon-Gi" in one paragraph and "Joon-Gin" in the next leave readers
        (and search engines) unsure whether there are two people, and a
        misspelled name is a discourtesy to the person. refcheck finds person
        names with spaCy's named-entity recogniser (the trained English
        pipeline; with the blank pipeline, runs of capitalised words) plus a
        rule for romanised hyphenated given names ("Joon-Gi", "Dong-gun") that
        the recogniser misses when they stand alone. It compares the names
        across each document and across all audited documents, and reports a
        spelling that differs from a more frequent one by a slip: the same
        first letter and one edit (two in parts of six letters or more), all
        other name parts equal.

        It never reports a different word order ("Jang Dong-gun" / "Dong-gun
        Jang"), case or hyphenation ("Hyung-gu" / "Hyung Gu"), a surname or
        given name used alone ("Odagiri" for "Joe Odagiri"), nor two people
        who share a surname ("Kim Yu-na" / "Kim Jae-won").

    Failing example
        ``As a big Joe Odagiri fan ...`` and later ``Dong-gun Jang and Jo Odagiri are both massive stars``.

    Passing example
        ``Joe Odagiri`` throughout (``Odagiri`` alone is fine);
        ``Jang Dong-Gun`` and ``Dong-gun Jang`` (order differs, not spelling).

    How to silence
        Spell the name one way (the suggestion gives the more frequent
        spelling); ``--ignore name-inconsistent`` when two people really have
        names one letter apart.
    """

    code = "RC302"
    name = "name-inconsistent"
    severity = Severity.INFO

    def check(self, ctx):
        blank = bool(ctx.options.get("blank_pipeline"))
        places: dict[str, list[tuple[str, object, int]]] = defaultdict(list)  # spelling -> (path, claim, offset)
        counts: Counter[str] = Counter()
        order: dict[str, int] = {}  # first appearance, to break ties between equally frequent spellings
        mentions: dict[str, list] = {}  # by claim text: a sentence repeated (boilerplate, a pasted run) is read once
        for doc in ctx.documents:
            claims = list(doc.extraction.claims)
            todo = [t for t in dict.fromkeys(c.text for c in claims) if t not in mentions]
            if todo:
                mentions.update(cached_map(_mentions_cache(blank), todo, lambda texts: _read_mentions(texts, blank)))
            for claim in claims:
                for m in mentions[claim.text]:
                    counts[m.name] += 1
                    order.setdefault(m.name, len(order))
                    places[m.name].append((doc.path, claim, m.start))
        names = sorted(counts, key=lambda n: (-counts[n], n))
        for variant in names:
            # the more frequent spellings this one is a slip of; ties go to the one met first
            better = [n for n in names if n != variant and typo_variants(n, variant)
                      and (counts[n], -order[n]) > (counts[variant], -order[variant])]
            if not better:
                continue
            target = max(better, key=lambda n: (counts[n], len(n.split())))
            path, claim, offset = places[variant][0]
            loc = claim.location
            column = loc.column + offset if "\n" not in claim.text[:offset] else loc.column
            yield self.finding(
                path, loc.line, column,
                f"'{variant}' looks like a misspelling of '{target}' (written {counts[target]} time"
                f"{'s' if counts[target] != 1 else ''}, '{variant}' {counts[variant]})",
                suggestion=target, context=claim.text, page=loc.page,
                evidence=tuple(f"'{n}' × {counts[n]} in {', '.join(sorted({p for p, _, _ in places[n]}))}"
                               for n in [target, variant]),
            )

