"""The words that mark a part of a reference: venues, publishers, genres, editors."""

from __future__ import annotations

import re

from refcheck.extract.refparse.locators import YEAR
from refcheck.extract.refparse.places import is_place
from refcheck.regexcache import cached_compile

# "(Eds.)", ", eds.", "(Hrsg.)" after a name list: the names are editors.
EDS_RE = cached_compile(
    r"\s*[,.]?\s*[(\[]?\s*(?:eds?|editors?|editor\(s\)|hrsg|hg|hgg|comps?|coords?|dirs?|red|ed\.\s*lit)\b"
    r"\.?\s*[)\]]?\.?",
    re.I,
)
IN_RE = cached_compile(r"^(?:in|In|IN|dans|Dans|en|En|em|Em|In:|in:)\s*:?\s+")
EDITED_BY_RE = cached_compile(r"^(?:ed(?:ited)?\.?\s+by|eds?\.|hrsg\.\s+v(?:on)?\.?|herausgegeben\s+von)\s+", re.I)
TRANSLATED_RE = cached_compile(r"^(?:trans(?:l(?:ated)?)?\.?(?:\s+by)?|translated\s+by|übers\.|trad\.)\s+", re.I)
# "(S. Okafor, Trans.)", "(tr. David Smith)": translators are not authors.
TRANSLATOR_PAREN_RE = cached_compile(
    r"\s*\([^()]*?,?\s*(?:Trans|Transl|trans|transl|Übers|Trad|trad)\.?\)|\s*\((?:tr|trans|transl)\.\s[^()]*\)"
)
# Parenthesised notes that are no part of a title: "(Doctoral dissertation)", "(2nd ed.)".
NOTE_PAREN_RE = cached_compile(
    r"\s*[(\[][^()\[\]]*(?:thesis|dissertation|report|doctoral|master|ph\.?\s?d|unpublished|manuscript|in press|"
    r"forthcoming|abstract|editorial|letter|\bed\.|\beds\.|\béd\b|\bedn\b|edition|rev\.|online|video|film|"
    r"podcast|blog|"
    r"tweet|lecture|speech|poster|slides|preprint|working paper|translated|trans\.|reprint|orig\.|original)"
    r"[^()\[\]]*[)\]]",
    re.I,
)
# Chicago notes: "(New York: Norton, 1995)".
PUBFACTS_RE = cached_compile(
    rf"\(\s*(?:(?P<place>[^():]{{2,60}}?)\s*:\s*)?(?P<pub>[^():]{{2,100}}?),?\s*"
    rf"(?:(?P<y>{YEAR})[a-z]?(?:\s*[-\u2013]\s*\d{{2,4}})?|n\.\s?d\.?)\s*\)"
)
GENRE_RE = cached_compile(
    r"^(?:(?:technical|tech\.?|research|internal|final|annual|working|discussion|white|policy|conference|project)\s+"
    r"(?:report|rep\.?|paper|note|memo)|report|ph\.?\s?d\.?|doctoral|master'?s?|m\.?\s?sc?\.?|m\.a\.|b\.?sc?\.?|"
    r"diploma|"
    r"habilitation|thesis|dissertation|diss\.|unpublished|manuscript|mimeo|preprint|personal communication|"
    r"paper presented|poster|presented at|talk|lecture|memo|keynote|invited talk|patent|standard|arxiv|ssrn|"
    r"technical memorandum|tese|dissertação|mémoire|thèse|doktorarbeit|diplomarbeit)\b",
    re.I,
)
# A report, thesis or patent named anywhere in a sentence (not only at its start).
GENRE_ANY_RE = cached_compile(
    r"\b(?:Tech(?:nical)?\.?\s+(?:Report|Rep\.|Memo|Summary)|Research\s+Report|Report\s+No\.|TR[\s-]?\d"
    r"|Published\s+(?:as|by)|Internet[- ]Draft|Draft\s+Paper|[Pp]atent)\b"
)
PRESENTED_RE = cached_compile(r"^(?:[\w\s]*?)\b(?:presented|given|read)\s+(?:at|to|in)\s+(?:the\s+)?", re.I)
EDITION_RE = cached_compile(
    r"^(?:\d+\s+vols?\b\.?$|(?:\d+(?:st|nd|rd|th|e|er|ème|\.)?|first|second|third|fourth|fifth|sixth|revised|rev\.|new"
    r"|expanded|updated|enlarged|reprint)\s*(?:ed(?:ition|n)?\.?|aufl(?:age)?\.?|éd(?:ition)?\.?|edição|edición))",
    re.I,
)
PUBLISHER_RE = cached_compile(
    r"\b(?:Press|Verlag|Publishers?|Publishing|Publications|Books|[ÉE]ditions?|Editora|Editorial|Edizioni|Ediciones|"
    r"Wiley|Springer|Elsevier|Routledge|Sage|SAGE|Pearson|Macmillan|Penguin|Norton|Blackwell|Longman|Kluwer|"
    r"Pergamon|Academic|McGraw|Addison|Prentice|Harper|Random House|Knopf|Gallimard|Seuil|PUF|Dunod|Suhrkamp|"
    r"Brill|Benjamins|Gruyter|Taylor|Francis|CRC|Erlbaum|Guilford|Jossey|Vintage|Bantam|Schuster|Houghton|"
    r"Mifflin|Viking|Doubleday|Scribner|Hachette|Morgan Kaufmann|North-Holland|Plenum|Dover|Inc\.|Ltd\.?|Co\.|"
    r"GmbH|S\.A\.|LLC|Pub\.|Publ\.|Verl\.|Hrsg|University|Universit[äéà]|Universidad|Universidade|Università|"
    r"Institute|Institut|Department|Dept\.|Laborator(?:y|ies)|Labs?|Ministry|Office|Bureau|Agency|Council|Foundation|"
    r"Association|Society|Commission|Centre|Center|Bank|Organi[sz]ation|Nations)\b"
)
# "Cambridge, MA: MIT Press", "New York: Norton"
PLACE_PUB_RE = cached_compile(r"^(?:[A-Z][\w.'\u2019-]*(?:[\s,&/-]+[A-Z][\w.'\u2019-]*){0,4}|[A-Z][a-z]+)\s*:\s*\S")
VENUE_RE = cached_compile(
    r"\b(?:Journal|Jour\.|J\.|Review|Rev\.|Proceedings|Proc\.?|Conference|Conf\.|Symposium|Symp\.|Workshop|"
    r"Transactions|Trans\.|Bulletin|Bull\.|Quarterly|Magazine|Letters|Lett\.|Annals|Ann\.|Annual|Studies|Times|"
    r"Post|Gazette|Globe|News|Herald|Tribune|Zeitschrift|Revue|Rivista|Revista|Acta|Archives?|Cahiers|Newsletter|"
    r"Forum|Affairs|Economist|Monthly|Weekly|Daily|Yearbook|Jahrbuch|Lecture Notes|Int\.|International|"
    r"Communications|Nature|Science|Research|Reports?|Notices|Physics|Chemistry|Medicine|Psychology|Economics|"
    r"Papers|Meeting|Congress|Colloquium|Seminar|Encyclopedia|Handbook|Companion|Series|Blog|"
    r"Anthology|Collection|Record|Digest|Abstracts|Sciences|Advances|Progress|Trends|Perspectives)\b"
)
DAY_DATE_RE = cached_compile(
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
)
NO_TITLE_RE = cached_compile(
    r"^(?:personal|private)\s+communication|^(?:unpublished|in press|forthcoming|submitted|to appear)\b", re.I
)
# What may follow a title after a comma without being part of it.
TITLE_TAIL_RE = cached_compile(
    r"^(?:(?:trans|tr|transl)\.\s|translated\s+by\b|ed(?:ited)?\.?\s+by\b|eds?\.\s|(?:to\s+appear|submitted|accepted|"
    r"in\s+press|forthcoming|preprint|paper\s+(?:submitted|presented)|see\b)|vols?\.\s*\d)"
    r"|\((?:eds?|trans|tr|ed\.\s+and\s+trans|editors?)\.?\)$",
    re.I,
)
# "Journal of X, to appear": a venue even without numbers.
FORTHCOMING_RE = cached_compile(r",?\s*\b(?:to\s+appear|in\s+press|forthcoming|accepted)\b\.?\s*$", re.I)
VENUE_NOTE_RE = cached_compile(
    r"\s*[,.(]?\s*\b(?:in\s+press|to\s+appear|forthcoming|submitted(?:\s+for\s+publication)?"
    r"|accepted(?:\s+for\s+publication)?|under\s+review|im\s+Druck|sous\s+presse)\b\.?\)?\s*$",
    re.I,
)
EDITED_BY_SEG_RE = cached_compile(r",\s*(?:edited\s+by|translated\s+by|ed\.|trans\.)\s+(.*)$", re.I)
# at most 16 comma-separated names before "Eds": unbounded, every comma of a long text started a scan to its end
VENUE_EDITORS_RE = cached_compile(
    r",\s*([^,]{3,80}?(?:,[^,]{3,80}?){0,15}?),?\s*\(?\b(?:Eds?|eds?|editors?|Editors?)\b\.?\)?(?=\s*(?:[,.]|$))"
)
NOT_PLACE_RE = cached_compile(
    r"^(?:Part|Series|Ser|Section|Sect|Vol|Volume|No|Special|Supplement|Suppl|Issue|Proc|Proceedings)\b"
)
# A place-like segment at the end of a conference name: "Washington, D. C.", "San Diego, CA".
PLACE_SEG_RE = cached_compile(
    r"^(?:[A-Z][\w'\u2019-]*\.?|[A-Z]\.\s?[A-Z]\.?|(?:St|Ft|Mt)\.)"
    r"(?:\s+(?:[A-Z][\w'\u2019-]*\.?|[A-Z]\.|de|del|am|on|upon|sur)){0,3}(?:\s+\d{4,5})?$"
)
MONTH_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september "
    "october november december spring summer fall autumn winter".split()
)


_TRAILING_NUMBERS_RE = cached_compile(r"[\s,.;]*(?:\d[\d\s,.;:-]*|\(\d{4}\))?$")


def is_publisher(text: str) -> bool:
    """A publisher's sentence: "Cambridge, MA: MIT Press, 1957", "Springer-Verlag"."""
    if PLACE_PUB_RE.match(text):
        place, _, pub = text.partition(":")
        # "Humanistic Therapies: Handbook of ..." is a title, "Trier: WVT" a publisher
        short = len(place.split()) <= 3 and len(_TRAILING_NUMBERS_RE.sub("", pub).split()) <= 4
        if len(place.split()) <= 5 and (is_place(place) or PUBLISHER_RE.search(pub) or short):
            return True
    return bool(PUBLISHER_RE.search(text)) and not VENUE_RE.search(text)


def is_place_publisher(segment: str) -> bool:
    """The same inside a title's comma list, where only a known place counts: "Paris: PUF"."""
    place, colon, _ = segment.partition(":")
    return bool(colon) and is_place(place)


def has_day_date(text: str) -> bool:
    return bool(DAY_DATE_RE.search(text))
