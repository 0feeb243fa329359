"""Chinese, Japanese and Korean text as overlapping character bigrams, for FTS5.

unicode61 splits on spaces and punctuation, so an unspaced CJK run ("日本文化学報",
"교류의") is one token and a query for a word inside it finds nothing. The store
indexes every CJK run a second time as its bigrams ("日本 本文 文化 …"), and a CJK
query becomes the phrase of its bigrams: any substring of two characters or more
is found. (The trigram tokenizer would need three characters, and "日流" has two.)
"""

from __future__ import annotations

import re

# Han (with extension A and compatibility ideographs), kana, Hangul syllables and jamo.
_RUN = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]+")


def runs(text: str) -> list[str]:
    return _RUN.findall(text)


def bigrams(run: str) -> list[str]:
    """"한일관계" -> ["한일", "일관", "관계"]; a single character stands as itself."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str) -> str:
    """The bigrams of every CJK run of `text`, space-separated, runs in order ('' when there is none).

    A run's last character is added alone, so that a one-character query (a
    prefix query over these tokens) finds it also where no bigram starts with it.
    """
    return " ".join(t for run in runs(text) for t in (*bigrams(run), *([run[-1]] if len(run) > 1 else [])))


def has_cjk(text: str) -> bool:
    return _RUN.search(text) is not None


def split(query: str) -> list[tuple[str, bool]]:
    """The query as pieces in order: (text, is_cjk)."""
    out, pos = [], 0
    for m in _RUN.finditer(query):
        if m.start() > pos:
            out.append((query[pos : m.start()], False))
        out.append((m.group(), True))
        pos = m.end()
    if pos < len(query):
        out.append((query[pos:], False))
    return out
