"""The shape of author names as written in running text ("Smith, Jones and Lee", "Kim et al.")."""

from __future__ import annotations

import re

from refcheck.extract.patterns import YEAR

# an upper-case initial letter, Latin with diacritics included
_UP = r"[A-ZÀ-ÖØ-ÞĀ-Žƀ-ɏ]"
# combining marks too: text from a PDF often spells "Müller" as "Mu" + U+0308 + "ller"
_LOW = r"[a-zß-öø-ÿā-žƀ-ɏ\u0300-\u036f'’\-]"
PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|du|la|le|dos|das|ten|ter|bin|al|el|St\.)"
# one family name: particles, a capitalised word, hyphenated parts ("Müller-Hill", "De la Croix", "O'Brien")
# internal capitals as in LeCun, McDonald, DeGroot
NAME = rf"(?:(?i:{PARTICLE})\s+){{0,3}}{_UP}{_LOW}*(?:{_UP}{_LOW}+)*(?:[-‐]{_UP}?{_LOW}+)*"
# two-word family names written in running text ("Davey Jones", "Ben Ali") are matched as NAME NAME
MULTI = rf"(?:{NAME}|[A-Z]{{2,}})(?:\s+(?:{NAME}|[A-Z]{{2,}})){{0,3}}"
# family name first with a hyphenated given name, as Korean names are romanised ("Lee Jae-won", "Park Ji-sung")
# (its two parts on one line, or across one line break — never across a blank line after a heading)
EAST_ASIAN = rf"{_UP}{_LOW}+(?:[ \t]+|[ \t]*\n[ \t]*){_UP}{_LOW}*-{_UP}?{_LOW}+"
PERSON = rf"(?:{EAST_ASIAN}|{NAME})"
SEP = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)"
ET_AL = r"(?:\s*,?\s+[*_]{0,2}et\s+al\.?[*_]{0,2}|\s+and\s+(?:others|colleagues))"  # Markdown may italicise it
AUTHORS = rf"(?P<authors>{PERSON}(?:{SEP}{PERSON}){{0,6}})(?P<etal>{ET_AL})?"
# inside parentheses an institution may be several words ("International Labour Organization")
# APA writes initials to tell two authors of one family apart: (M. M. Bennett, 1927)
INITIALS = r"(?:(?:[A-Z]\.[ \t]?|[A-Z]\.-[A-Z]\.[ \t]?){1,3})"
# an institution's name may join its words with "of", "for", "on" and the hierarchy's full stop, as catalogues
# write them: (Australia. Department of Education and Affairs, 2000), (Ministry of Health, 2019)
_JOIN = r"(?:\.?[ \t]+|[ \t]+(?:of|for|on|the|of[ \t]+the|for[ \t]+the)[ \t]+)"
INSTITUTION = rf"(?:{NAME}|[A-Z]{{2,}})(?:{_JOIN}(?:{NAME}|[A-Z]{{2,}})){{1,7}}"
AUTHORS_IN_PARENS = (
    rf"(?P<authors>(?:{INITIALS}?{MULTI}|{INSTITUTION})(?:{SEP}(?:{INITIALS}?{MULTI}|{INSTITUTION})){{0,6}})(?P<etal>{ET_AL})?"
)
YEARS = rf"(?P<years>{YEAR}[a-z]?(?:\s*,\s*{YEAR}[a-z]?)*|n\.d\.|in press|forthcoming)"

# words that start sentences or phrases and are never author names
NOT_NAMES = frozenset(
    """a an the in on at as by for from to of and or but if then when while since after before during
    this that these those there here it its our we they he she his her their see cf also e.g i.e
    figure fig table section chapter eq equation appendix part vol volume page pp note notes
    january february march april may june july august september october november december
    spring summer autumn fall winter between around about until through over under within without
    according unlike like following early late mid since""".split()
)


def split_names(authors: str) -> list[str]:
    """'Smith, Jones and Lee' -> ['Smith', 'Jones', 'Lee']."""
    parts = re.split(SEP, authors.strip())
    return [p.strip() for p in parts if p and p.strip()]


def plausible(names: list[str]) -> bool:
    """At least one name, none of them a function word or a month, nor a phrase opened by one.

    "(In the United States of America, 2019)" has an institution's shape; its
    first word says it is a phrase (a "(The World Bank, 2019)" is then left
    to the library to confirm).
    """
    if not names:
        return False
    for name in names:
        if name.split()[0].strip(",.").lower() in NOT_NAMES:
            return False
    return True
