"""Split the text after the authors into units: sentences, quoted and italic spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from refcheck.extract.refparse.chars import CLOSE_QUOTES, OPEN_QUOTES
from refcheck.extract.refparse.clean import ITAL_CLOSE, ITAL_OPEN
from refcheck.regexcache import cached_compile

# A stop after one of these does not end a sentence: it abbreviates a word of
# a journal name ("J. Appl. Physiol."), a locator ("Vol.") or a phrase ("et al.").
ABBREVIATIONS = frozenset(
    """
    vol vols no nos nr pp p ed eds edn trans transl rev repr proc conf int intl j jour soc acad sci natl nat am amer
    math phys chem biol med res eng engng tech technol inst univ dept inc ltd co corp st mr mrs dr prof vs cf al jr
    sr ch chap sect sec fig suppl ser bull ann annu lett mech appl environ geophys astron astrophys mol comput stat
    econ psychol anal hist lit philos polit stud q mag bd jg hrsg aufl symp assoc comm commun syst sys inf inform
    softw theor theoret exp exper clin gen neurosci ecol evol mater opt electron electr mgmt manag adm educ sociol
    anthropol geogr geol hydrol meteorol oceanogr pharm pharmacol physiol biochem biophys genet immunol microbiol
    pathol surg cardiol oncol radiol endocrinol metab nutr epidemiol publ pub rep comp mach intell artif lang ling
    linguist cult pol govt gov adv dev eur br brit aust jpn chin ind afr lat mex sov reg dist fed cong sess doc
    misc approx ca etc ibid op cit loc ff nn ll pt pts bk art dept mass calif penn conn wash ill ont eds dir dirs
    coord hg trad tr ny nj pa tx fla mich wis minn cal sc sr rer biomed ecol zool bot agric agron hort vet dent
    nucl quant struct thermodyn cryst spectrosc photon semicond acoust hydraul mar ocean atmos
    geochem petrol miner paleontol tecton oper optim prog computat numer int'l patt intern regul integr ws discr
    rehabil stoch hum neurol obstet gynecol otolaryngol ophthalmol dermatol pediatr rheumatol urol nephrol hepatol
    gastroenterol respir crit emerg anesth orthop nurs pract ther rehab indust manuf prod metall civ elec sig netw
    cybern autom contr robot vis graph imag geom topol algebr combin probab financ behav cogn pers archaeol rec
    jan feb mar apr jun jul aug sep sept oct nov dec
    mitt ber abh verh sitzungsber jahrb zeitschr anz beitr ges wiss akad mém bull soc acad trav rech rend
    """.split()
)

_WORD_BEFORE_RE = cached_compile(r"(\S+)$")
_INTERESTING_RE = cached_compile(f"[{ITAL_OPEN}{OPEN_QUOTES}(,.?!]")
_COMMA_IN_RE = cached_compile(r",\s+(?:in|In|IN)(?::\s*|\s+)(?=[A-Z\"\u201c\u2018\d\ue000])")


@dataclass(slots=True)
class Unit:
    text: str
    kind: str  # "plain", "quoted", "italic", "paren"
    end: str = ""  # the punctuation that closed it


def _is_abbreviation(word: str) -> bool:
    w = word.rstrip(".").lstrip("(\"'\u201c[")
    if not w:
        return False
    if len(w) == 1 and w.isalpha():
        return True  # an initial
    if "." in w and all(len(p) <= 2 and p.isalpha() for p in w.split(".") if p):
        return True  # U.S., D.C., e.g
    w = w.rsplit("-", 1)[-1]  # "Post-Conf."
    return w.casefold() in ABBREVIATIONS


def split_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    start = 0  # where the current plain unit began
    i, n = 0, len(text)

    def flush(upto: int, end: str = "") -> None:
        chunk = text[start:upto].strip()
        if chunk:
            units.append(Unit(chunk, "plain", end))

    while True:
        # jump to the next character that can end or open a unit
        m = _INTERESTING_RE.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        prev = text[i - 1] if i else " "
        if ch == ITAL_OPEN:
            j = text.find(ITAL_CLOSE, i + 1)
            if j > i:
                flush(i)
                inner = text[i + 1 : j].strip()
                k = _after_punctuation(text, j + 1)
                if inner:
                    units.append(Unit(inner, "italic", text[j + 1 : k]))
                i = start = k
                continue
        elif ch in OPEN_QUOTES:
            # a quotation opens a unit only at the start of one: "Hitler's “Green Party”" stays inside
            if (prev.isspace() or prev in "([:," or i == 0) and not text[start:i].strip(" ,;:("):
                close = _closing_quote(text, i)
                if close > i:
                    flush(i)
                    inner = text[i + 1 : close].strip()
                    k = _after_punctuation(text, close + 1)
                    if inner:
                        units.append(Unit(inner, "quoted", text[close + 1 : k]))
                    i = start = k
                    continue
        elif ch == "(":
            j = _closing_paren(text, i)
            if j > i:
                i = j + 1  # a parenthesis never ends a sentence
                continue
        elif ch == ",":
            if _COMMA_IN_RE.match(text, i):
                # "Title, in Book" and "Title, In: Proceedings": the venue starts here
                flush(i, ",")
                i = start = i + 1
                continue
        elif i + 1 >= n or text[i + 1].isspace() or text[i + 1] in CLOSE_QUOTES:  # . ? !
            word = _WORD_BEFORE_RE.search(text, max(start, i - 40), i)
            boundary = True
            if ch == "." and word and _is_abbreviation(word.group(1)):
                boundary = False
            nxt = text[i + 1 : i + 3].lstrip()
            if ch in "?!" and nxt and nxt[0].islower():
                boundary = False
            if boundary:
                flush(i + (ch != "."), ch)
                i = start = i + 1
                continue
        i += 1
    flush(n)
    return units


def _closing_quote(text: str, start: int) -> int:
    opener = text[start]
    closers = {"\u201c": "\u201d\u201c", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb", "\u2018": "\u2019",
               "\u201a": "\u2019\u2018", "\u300c": "\u300d", "\u300e": "\u300f", '"': '"\u201d'}.get(opener, '"')
    i = start + 1
    depth = 0
    while i < len(text):
        ch = text[i]
        if ch == opener and opener not in closers and text[i - 1 : i].isspace():
            depth += 1  # a quotation inside the quoted title: 'the ‘Arab Spring’: ...'
        elif ch in closers:
            nxt = text[i + 1 : i + 2]
            # an apostrophe inside a word is not a closing single quote
            if opener == "\u2018" and nxt.isalpha():
                i += 1
                continue
            if not nxt or not nxt.isalnum():
                if depth == 0:
                    return i
                depth -= 1
        i += 1
    return -1


def _closing_paren(text: str, start: int) -> int:
    depth = 0
    for i in range(start, min(len(text), start + 300)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _after_punctuation(text: str, k: int) -> int:
    """The index after the punctuation that follows a span: it belongs to the span."""
    while k < len(text) and text[k] in ".,;:":
        k += 1
    return k
