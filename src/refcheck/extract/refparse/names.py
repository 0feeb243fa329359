"""Person and institution names: scan the name list at the head of a reference."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refcheck.model import Author
from refcheck.regexcache import cached_compile, compile_all
from refcheck.extract.refparse.chars import CJK, HAN, HANGUL, KANA, LETTER, LO, LOWER, UP, UPPER

APOS = "['\u2019]"

# A family-name word: capitalised, possibly with apostrophe or hyphen parts
# (O'Brien, McEuen, Pérez-Higueras, Moto-oka, d'Alembert) or written in capitals.
NAMEWORD = (
    rf"(?!(?:Jr|Sr|Jnr|II|III|IV)\b)(?:[dl]{APOS})?{UP}(?:{LETTER}|{APOS}(?={LETTER}))*{LETTER}"
    rf"(?:-{LETTER}+)*"
)
# Words that begin titles and venues, never a given name.
_NOT_GIVEN = (
    "The|A|An|On|In|Of|For|To|From|With|And|Towards?|Using|How|What|Why|When|Where|Which|Who|Is|Are|Do|Does|"
    "Can|Should|Proceedings|Proc|Journal|Report|Introduction|Les|Der|Die|Das|Los|Las|Il|Un|Une|Ein|Eine|"
    "Annual|International|National|New|Advances|Handbook|Studies|Study|Notes|Essays|History|Theory|Toward|"
    "Vol|Volume|No|Part|Chapter|Section|Retrieved|Available|Accessed|Edited|Ed|Eds|Trans|Translated|Thesis|"
    "Unpublished|Technical|Tech|Working|Paper|Presented|Conference|Workshop|Symposium|Department|University|"
    "Institute|Ministry|Office|Committee|Council|Association|Society|Press|Inc|Ltd|Co|This|That|These|Our|My|"
    "It|Its|Beyond|After|Before|Between|Against|About|Under|Over|Through|Into|Not|Some|All|Many|Most|"
    "First|Second|Third|General|Special|European|American|British|Chinese|Japanese|Korean|Global|World|"
    "Social|Public|Political|Economic|Modern|Ancient|Early|Late|Recent|Current|Future|Computer|Data|Digital|"
    "Science|Sciences|Research|Review|Bulletin|Transactions|Letters|Magazine|Quarterly|Series|Book|Books|"
    "Dictionary|Encyclopedia|Analysis|Development|Design|Management|Education|Learning|Health|Human|Natural"
)
GIVENWORD = rf"(?!(?:{_NOT_GIVEN})\b){UP}{LO}+(?:{APOS}{LO}+)?(?:-{UP}?{LO}+)*"
# An initial: "J.", "J.-P.", "J-L."; two letters only where that is a known
# abbreviation of a given name ("Th.", "Ch.", "Ya.") - "Li." and "Wu." are family names.
_INIT1 = rf"(?:{UP}|Th|Ch|Ph|Sh|Wm|Fr|Kh|Zh|Ya|Ye|Yu(?=\.\s?{UP}\.)|Ju)\."
INIT = rf"(?!(?:Jr|Sr|St|Dr|Mr|Ed|Vol|No|pp)\.){_INIT1}(?:\s?-\s?{_INIT1})?|{UP}-{UP}\.?"
INITS = rf"(?:{INIT})(?:\s?(?:{INIT}))*"
# Initials closing a name list may lack their final stop ("Lamaire, R. O, and").
INITS_LOOSE = rf"(?:{INITS}(?:\s?{UP}(?![{LOWER}.\-']))?|{UP}{{1,3}}(?![{LOWER}.\-']))"
VINITS = rf"(?:{INITS})|{UP}{{1,4}}(?![\w\-'])"
SUFFIX = r"(?:Jr|Sr|Jnr|Snr)\b\.?|(?:II|III|IV)\b"
# Lower-case particles go to `Author.particle` ("van der Waals" -> "van der" +
# "Waals"); capitalised prefixes stay in the family name ("Di Michele", "Van
# Dyke"), as that is how they are sorted and written.
PARTICLE = (
    r"(?:van|von|der|den|de|del|della|degli|dei|des|di|da|das|do|dos|du|la|le|ten|ter|te|zu|zum|zur|af|av|bin|ibn"
    r"|al|el|van't|vander)"
)
CAPPART = (
    r"(?:De|Di|Da|Du|Van|Von|Del|Della|Des|La|Le|Dos|Das|Mac|Mc|St\.?|Ten|Ter|Van\s+[Dd]e[rn]?|Van\s+[Dd]er"
    r"|De\s+[Ll]a)"
)
FAMILY = rf"(?:{PARTICLE}\s+)*(?:{CAPPART}\s+)?{NAMEWORD}"
# A second family word (García Márquez) only where a comma and initials follow.
FAMILY2 = rf"{FAMILY}(?:\s+(?=\S*{LO}){NAMEWORD})?"
CAPSWORD = rf"{UP}{{2,}}(?:-{UP}{{2,}})?"
GIVENS = rf"{GIVENWORD}(?:\s+(?:{GIVENWORD}|{INIT}))*(?:\s+{UP}(?![\w\-'.]))?"

# What may follow a complete name: a separator, a year, et al., a quote, the end.
_AFTER = (
    r"(?=\s*(?:[,;.:(\[&\"\u201c\u201e\u00ab\u2018']|\s-\s|and\b|et\b|und\b|$)|\s+(?:1[5-9]|20)\d\d[a-z]?\b)"
)
# After initials, their own stop may be the last of the list: "Zucca, E. An algebraic ..."
_AFTER_INITIAL = rf"(?:{_AFTER}|(?<=\.)(?=\s+\S))"

_FORMS = {
    # Family, I. I.   (APA, Harvard)
    "inv_init": rf"(?P<fam>{FAMILY2})(?:,?\s+(?P<suf0>{SUFFIX}))?,\s*(?P<giv>{INITS_LOOSE})"
    rf"(?:,?\s*(?P<suf>{SUFFIX}))?{_AFTER_INITIAL}",
    # Family, Given Names   (MLA and Chicago first author, ABNT)
    "inv_full": rf"(?P<fam>{FAMILY}|{CAPSWORD}(?:\s+{CAPSWORD})?)(?:,?\s+(?P<suf0>{SUFFIX}))?,\s*(?P<giv>{GIVENS})"
    rf"(?:\s+(?P<part2>{PARTICLE}))?(?:,?\s*(?P<suf>{SUFFIX}))?{_AFTER_INITIAL}",
    # I. I. Family   (IEEE, many CS and physics styles)
    "init_first": rf"(?P<giv>{INITS}(?:\s?{UP}(?=\s+{UP}{LO}))?)\s*(?P<fam>{FAMILY})"
    rf"(?:,?\s*(?P<suf>{SUFFIX}))?{_AFTER}",
    # Family (I.)   (French: "Kefi (N.)", "ALY (M.I.)")
    "paren_init": rf"(?P<fam>{FAMILY}|{CAPSWORD})\s*\((?P<giv>{INITS})\){_AFTER}",
    # Family II   (Vancouver, also "Heidegger M.")
    "vanc": rf"(?P<fam>{FAMILY2}|{CAPSWORD}\s+{CAPSWORD})\s+(?P<giv>{VINITS})"
    rf"(?:,?\s*(?P<suf>{SUFFIX}))?{_AFTER_INITIAL}",
    # FAMILY Given   (French and Brazilian capitals)
    "caps_given": rf"(?P<fam>{CAPSWORD}(?:\s+{CAPSWORD})?)\s+(?P<giv>{GIVENS}){_AFTER}",
    # Given [Middle] Family   (Chicago notes, MLA later authors, IEEE with full names)
    "full": rf"(?P<giv>(?:{INITS}\s*)?{GIVENWORD}(?:\s+(?:{GIVENWORD}(?=\s+{UP})|{INITS}))*)"
    rf"\s+(?!{UP}{{1,3}}\b)(?P<fam>{FAMILY})"
    rf"(?:,?\s+(?P<suf>{SUFFIX}))?{_AFTER_INITIAL}",
    # I Family with undotted initials, after a first name in that style ("A. Gupta, V Harinarayan")
    "init_loose": rf"(?P<giv>{UP}{{1,2}})\s+(?P<fam>{FAMILY}){_AFTER}",
    # the same as a first name, only when another such name follows ("H Johansson, P Sjolander")
    "init_loose_first": rf"(?P<giv>{UP}{{1,2}})\s+(?P<fam>{FAMILY})(?=\s*(?:,|and|&)\s*{UP}{{1,2}}\s+{UP}{LO})",
    # A lone name before a stop, as the first author: "Homer. The Iliad", "Ovid."
    "single_stop": rf"(?!(?:{_NOT_GIVEN})\b)(?P<fam>{UP}{LO}{{3,}})(?=\.\s+[{UPPER}\"\u201c\u2018])",
    # Family alone, only before a year, et al. or another name ("Kessler (1960)")
    "single": rf"(?P<fam>{FAMILY})(?=\s*(?:,?\s*et\.?\s*al\b|\(\s*(?:1[5-9]|20)\d\d|,?\s*(?:1[5-9]|20)\d\d\b"
    rf"|,?\s+(?:and|&)\s+{FAMILY}\s*(?:\(|,?\s*(?:1[5-9]|20)\d\d|et\b)))",
}
# Compiling these takes a second (the Unicode classes repeat); the compiled code is kept in the user cache.
_FORM_RE = compile_all(_FORMS, name="refparse-names")

# Which forms may follow which after a plain comma; after "and"/"&" any person form.
_NEXT = {
    "inv_init": ("inv_init", "init_first", "vanc"),
    "inv_full": ("inv_full", "full"),
    "init_first": ("init_first", "init_loose"),
    "init_loose": ("init_first", "init_loose"),
    "init_loose_first": ("init_loose", "init_first"),
    "paren_init": ("paren_init",),
    "single_stop": (),
    "vanc": ("vanc", "inv_init"),
    "caps_given": ("caps_given", "inv_full"),
    "full": ("full", "init_first"),
    "single": ("single",),
}
# "full" before "vanc": "Larry D. Wittie" is a given name, an initial and a family name.
_FIRST_ORDER = (
    "inv_init", "inv_full", "init_first", "full", "vanc", "caps_given", "paren_init", "init_loose_first", "single",
    "single_stop",
)
_AFTER_AND = {
    "vanc": ("vanc", "inv_init", "init_first", "full", "single"),
    "inv_init": ("inv_init", "init_first", "full", "inv_full", "vanc", "single"),
}
_AFTER_AND_DEFAULT = ("inv_init", "init_first", "full", "inv_full", "vanc", "init_loose", "single")

_ROLE_RE = cached_compile(
    r"\s*(?:\((?:Writer/)?(?:Directors?|Producers?|Executive Producers?|Writers?|Composers?|Performers?|Host|Narrator"
    r"|Creators?|Artists?|Photographers?|Illustrators?|Speakers?)\)"
    r"|,\s*(?:director|producer|writer|composer|narrator|host)\b\.?)"
)
_SEP_RE = cached_compile(
    r"\s*(?:,\s*,\s*|,\s*(?:and|And|&|und|et|y|e)\s+|;\s*(?:and\s+|&\s*)?|,\s*(?:\.\.\.|\u2026)\s*|,\s*"
    r"|\s+(?:and|And|und|et|y|e)\s+|\s*&\s*)"
)
_AND_RE = cached_compile(r"[&]|\b(?:and|And|und|et|y|e)\b")
ET_AL_RE = cached_compile(
    r"\s*,?\s*(?:(?:&|and)\s*)?(?:et\.?\s*al(?:ii|ia)?\b\.?|(?<=&)\s*al\.|and\s+others\b\.?|u\.\s*a\.|\[et al\.?\]"
    r"|\bet al\.?|\u7b49|\u5916)"
)


@dataclass(slots=True)
class NameScan:
    authors: list[Author] = field(default_factory=list)
    end: int = 0
    et_al: bool = False
    form: str | None = None


def _match(text: str, pos: int, forms: tuple[str, ...]) -> tuple[re.Match | None, str | None]:
    for form in forms:
        m = _FORM_RE[form].match(text, pos)
        if m:
            return m, form
    return None, None


def scan_names(text: str, pos: int = 0) -> NameScan:
    """Read a list of person names starting at `pos`; `end` is where it stops."""
    scan = NameScan(end=pos)
    forms = _FIRST_ORDER
    used_and = False
    ends: list[int] = []
    forms_used: list[str] = []
    pending_and = False
    while True:
        m, form = _match(text, pos, forms)
        if m is None:
            break
        if scan.form is None:
            scan.form = form
        forms_used.append(form)
        used_and = used_and or pending_and
        scan.authors.append(_person(m, form))
        end = m.end()
        r = _ROLE_RE.match(text, end)
        if r:
            end = r.end()  # "Davidson, J. (Director)", "Soderbergh, Steven, director"
        ends.append(end)
        scan.end = end
        e = ET_AL_RE.match(text, scan.end)
        if e:
            scan.et_al = True
            scan.end = e.end()
            break
        sep = _SEP_RE.match(text, scan.end)
        if not sep:
            # a missing comma after initials: "Bedford, H. Petticrew, M. (2010)"
            if form in ("inv_init",) and text[scan.end - 1 : scan.end] == "." and text[scan.end : scan.end + 1] == " ":
                nxt = _FORM_RE[form].match(text, scan.end + 1)
                if nxt and text[nxt.end() - 1 : nxt.end()] == "." or (nxt and _SEP_RE.match(text, nxt.end())):
                    pos, forms, pending_and = scan.end + 1, (form,), False
                    continue
            break
        # after "and" or ";" the next name may be written in any form
        after_and = bool(_AND_RE.search(sep.group(0))) or ";" in sep.group(0)
        e = ET_AL_RE.match(text, sep.start())
        if e and e.end() > scan.end:
            scan.et_al = True
            scan.end = e.end()
            break
        pending_and = after_and
        if after_and:
            forms = _AFTER_AND.get(scan.form, _AFTER_AND_DEFAULT)
        else:
            forms = _NEXT[form]
        pos = sep.end()
    # "Randall Packard, White Plague, Black Labour: ..." - full names joined by
    # bare commas are trusted only when a stop, a quote or an "and" ends the list.
    if scan.form == "full" and len(scan.authors) > 1 and not used_and and len(set(forms_used)) == 1:
        rest = text[scan.end : scan.end + 8].lstrip(" ,")
        if not rest or not (rest[0] in ".\"\u201c\u201e\u00ab" or re.match(r"\(?\s*(?:1[5-9]|20)\d\d", rest)):
            scan.authors = scan.authors[:1]
            scan.end = ends[0]
    return scan


# --- building Author records ----------------------------------------------------

_PARTICLE_SPLIT_RE = cached_compile(rf"^((?:{PARTICLE}\s+)+)(.+)$")
_SPACES_RE = cached_compile(r"\s+")


def _person(m: re.Match, form: str) -> Author:
    family = _SPACES_RE.sub(" ", m.group("fam")).strip()
    given = m.groupdict().get("giv")
    given = _SPACES_RE.sub(" ", given).strip() if given else None
    groups = m.groupdict()
    suffix = groups.get("suf") or groups.get("suf0")
    if groups.get("part2"):
        family = groups["part2"] + " " + family  # "Camões, Luís de."
    return make_person(family, given, suffix.strip() if suffix else None, family_first=form in ("caps_given",))


def make_person(family: str, given: str | None, suffix: str | None = None, family_first: bool = False) -> Author:
    particle = None
    pm = _PARTICLE_SPLIT_RE.match(family)
    if pm:
        particle, family = pm.group(1).strip(), pm.group(2)
    if given and not family_first:
        family, given = _east_asian_order(family, given)
    return Author(family=family, given=given or None, particle=particle, suffix=suffix)


# Romanised East Asian family names: with them, "Zhang Weiming" and "Lee Jae-won"
# are read family-first, as written, while "Sami Moisiu" stays given-first.
_EAST_ASIAN_FAMILIES = frozenset(
    """
    kim lee yi rhee park pak bak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han shin sin
    oh seo suh kwon hwang ahn an song yoo yu ryu hong jeon chun ko go moon mun yang son sohn bae baek paik heo
    huh nam noh roh ha kwak sung seong cha joo ju woo min na jin um eom won chae pyo byun byeon gil kil yeo
    choo bang wang li zhang liu chen zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie tang deng
    feng cao peng zeng xiao tian dong pan yuan cai jiang du ye cheng wei su lu ding ren shen yao fan fang shi
    qian zou xiong meng qin bai jia xue yan duan lei long tao mao hao gu kong qiu wan lai hou shao wen mo qi
    zhong tan liao cui jiao chan wong leung cheung ng ho tsai hsu chiang chao hsieh kuo lo yeh tseng chou
    sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki yamaguchi
    matsumoto inoue kimura hayashi shimizu saito yamazaki mori abe ikeda hashimoto ishikawa ogawa okada goto
    hasegawa murakami kondo ishii sakamoto endo aoki fujii nishimura fukuda ota miura fujiwara okamoto matsuda
    nakagawa nakano harada ono tamura takeuchi kaneko wada nakayama ishida ueda morita hara shibata sakai kudo
    yokoyama miyazaki miyamoto uchida takagi ando taniguchi ohno maruyama imai takada fujita takeda murata
    ueno sugiyama masuda hirano otsuka chiba kubo matsui iwasaki sakurai kinoshita noguchi matsuo nomura
    kikuchi sano onishi sugimoto arai hamada ichikawa furukawa mizuno komatsu shimada koyama takano yamashita
    ishihara miyata
    """.split()
)
_PINYIN_SYLLABLE = (
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un"
    r"|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)|(?:ang|eng|ai|ao|an|ei|en|er|ou|a|o|e))"
)
_KOREAN_SYLLABLE = (
    r"(?:(?:kk|tt|pp|ss|jj|ch|[gndrlmbsjktph])?(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|a|e|o|u|i)"
    r"(?:ng|[kntlmp])?)"
)
_EAST_ASIAN_GIVEN_RE = cached_compile(rf"^(?:{_PINYIN_SYLLABLE}{{2,3}}|{_KOREAN_SYLLABLE}{{2,3}})$")
_HYPHEN_GIVEN_RE = cached_compile(rf"^{UP}{LO}+-{LETTER}{LO}+$")


def _east_asian_order(family: str, given: str) -> tuple[str, str]:
    """Given-first parse of two words; swap when the text is written family-first."""
    if " " in given or "." in given or len(given) < 2 or "-" in given or " " in family:
        return family, given
    g = given.casefold()
    if g not in _EAST_ASIAN_FAMILIES:
        return family, given
    if _HYPHEN_GIVEN_RE.match(family):
        return given, family  # "Lee Jae-won", "Park Ji-sung"
    f = family.casefold()
    if f not in _EAST_ASIAN_FAMILIES and _EAST_ASIAN_GIVEN_RE.match(f):
        return given, family  # "Tang Yongliang"
    return family, given


# --- native-script names ------------------------------------------------------

_HANGUL_NAME_RE = cached_compile(f"^[{HANGUL}]{{2,5}}$")
_KOREAN_DOUBLE_FAMILIES = frozenset("남궁 선우 제갈 황보 독고 사공 서문 동방".split())
_HAN_NAME_RE = cached_compile(f"^[{HAN}{KANA}]{{2,6}}$")
_CJK_RE = cached_compile(f"[{CJK}]")


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def cjk_person(name: str) -> Author | None:
    """Korean (한영균 -> 한 + 영균), Chinese and Japanese names in native script."""
    name = name.strip()
    parts = name.split()
    if len(parts) == 2 and all(_CJK_RE.search(p) for p in parts):
        return Author(family=parts[0], given=parts[1])
    if _HANGUL_NAME_RE.match(name):
        if len(name) == 4 and name[:2] in _KOREAN_DOUBLE_FAMILIES:
            return Author(family=name[:2], given=name[2:])
        return Author(family=name[0], given=name[1:])
    if _HAN_NAME_RE.match(name):
        # Unspaced Han names: Chinese names of 2-3 characters have a one-character
        # family name; four-character (mostly Japanese) names split 2 + 2.
        split = 2 if len(name) >= 4 else 1
        return Author(family=name[:split], given=name[split:])
    return None


# --- institutions ---------------------------------------------------------------

_INSTITUTION_RE = cached_compile(
    r"\b(?:Organi[sz]ation|Association|Assoc\.|Department|Dept\.|Ministry|Institute|Institut|University"
    r"|Universit[yäéà]"
    r"|Commission|Council|Agency|Bureau|Society|Office|Committee|Cent(?:er|re)|Foundation|Bank|Group|Inc\.?|Corporation"
    r"|Corp\.|Company|Board|Service|Services|Government|Panel|Union|Federation|League|Programme|Program|Authority"
    r"|Academy|Museum|Library|Network|Trust|Fund|Forum|Consortium|Project|Team|Alliance|Court|Parliament|Congress"
    r"|Senate|Nations|Administration|Secretariat|Initiative|Working Group|Collaboration|Laboratory|Laboratories|Ltd\.?"
    r"|GmbH|Agence|Ministère|Ministerio|Bundes\w*|Statistics|Census|Survey|Coalition|Partnership|Observatory"
    r"|Assembly|Cabinet|Police|Navy|Army|Force|Industries|Industry|Media|News|Times|Post|Press|Review|Magazine"
    r"|Communications?|Technologies|Systems|Labs?|Co\.|Ministry|Research|Hospital|Clinic|School|College)\b"
)
_ACRONYM_RE = cached_compile(rf"^(?:{UP}|&|\d){{2,10}}$")  # IPCC, WHO, OECD, G20


def looks_institutional(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 160:
        return False
    if _ACRONYM_RE.match(text.replace(".", "").replace(" ", "")) and len(text.split()) <= 2:
        return True
    return bool(_INSTITUTION_RE.search(text))


def parse_name_list(text: str) -> tuple[list[Author], bool]:
    """Names of a known name list (editors, a Scholar author line); best effort."""
    text = text.strip(" ,;:")
    if not text.strip("."):
        return [], False
    scan = scan_names(text)
    rest = text[scan.end :].strip(" ,;.:")
    if scan.authors and not rest:
        return scan.authors, scan.et_al
    # Fallback: split on separators and read each piece on its own.
    et_al = bool(ET_AL_RE.search(text))
    text = ET_AL_RE.sub("", text)
    authors: list[Author] = []
    for piece in re.split(r"\s*(?:;|,\s*(?:and|&)\s+|\s+(?:and|&)\s+|,)\s*", text):
        piece = piece.strip(" .")
        if not piece:
            continue
        person = parse_person(piece)
        if person:
            authors.append(person)
    return authors, et_al


def parse_person(text: str) -> Author | None:
    """One name in any order; an institution when it does not look like a person."""
    text = text.strip(" ,;")
    if not text:
        return None
    if has_cjk(text):
        person = cjk_person(text)
        return person or Author(literal=text)
    scan = scan_names(text)
    if scan.authors and not text[scan.end :].strip(" .,"):
        return scan.authors[0]
    words = text.split()
    if looks_institutional(text) or len(words) > 4:
        return Author(literal=text)
    if len(words) == 1:
        return Author(family=words[0].strip("."))
    # "A Vaswani" (Google Scholar), "Vaswani A" and other undotted forms.
    if re.fullmatch(rf"{UP}{{1,3}}", words[0]):
        return make_person(" ".join(words[1:]), words[0])
    if re.fullmatch(rf"{UP}{{1,3}}", words[-1]):
        return make_person(" ".join(words[:-1]), words[-1])
    return make_person(words[-1], " ".join(words[:-1]))
