"""Normalise a raw reference string: markup to plain text, URL and DOI set aside."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from refcheck.extract.refparse.chars import DASHES
from refcheck.regexcache import cached_compile

# Italic spans survive cleaning as these two private-use characters: emphasis is
# the best evidence of where a title or a journal name starts and ends, but it
# must never reach a field (`strip_marks`).
ITAL_OPEN = "\ue000"
ITAL_CLOSE = "\ue001"
_MARKS_RE = cached_compile(f"[{ITAL_OPEN}{ITAL_CLOSE}]")


@dataclass(slots=True)
class Cleaned:
    text: str
    url: str | None = None
    doi: str | None = None


def strip_marks(text: str) -> str:
    return _MARKS_RE.sub("", text)


# --- LaTeX ---------------------------------------------------------------------

_BRACED = r"\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"  # three levels of nesting is plenty
_LATEX_ITALIC_RE = cached_compile(r"\\(?:emph|textit|textsl|mkbibemph|mkbibitalic)\s*" + _BRACED)
_LATEX_ITALIC_GROUP_RE = cached_compile(r"\{\\(?:em|it|sl|itshape)\b\s*((?:[^{}]|\{[^{}]*\})*)\}")
_LATEX_URL_RE = cached_compile(r"\\(?:url|href)\s*\{([^{}]*)\}(?:\{((?:[^{}]|\{[^{}]*\})*)\})?")
_LATEX_CMD_RE = cached_compile(r"\\[A-Za-z]+|\\[\"'`^~=.ucvHkr]")
_UNESCAPED_PERCENT_RE = cached_compile(r"(?<!\\)%")
_latex_converter = None


def _latex_to_text(text: str) -> str:
    global _latex_converter
    text = _LATEX_ITALIC_RE.sub(lambda m: ITAL_OPEN + m.group(1) + ITAL_CLOSE, text)
    text = _LATEX_ITALIC_GROUP_RE.sub(lambda m: ITAL_OPEN + m.group(1) + ITAL_CLOSE, text)
    if _LATEX_CMD_RE.search(text):
        if _latex_converter is None:  # pylatexenc is only imported for LaTeX input
            from pylatexenc.latex2text import LatexNodes2Text

            _latex_converter = LatexNodes2Text(math_mode="text")
        # A bare % in a reference is a percent sign, not a LaTeX comment.
        text = _latex_converter.latex_to_text(_UNESCAPED_PERCENT_RE.sub(r"\\%", text))
        text = text.replace("\u00a0", " ")
    else:
        # BibTeX-style protective braces ("{IEEE}") and the ligature dashes.
        text = text.replace("---", "\u2014").replace("--", "\u2013")
        text = text.replace("{", "").replace("}", "").replace("~", " ")
    return text


# --- Markdown and HTML emphasis ------------------------------------------------

_MD_LINK_RE = cached_compile(r"\[([^\]]*)\]\(\s*<?((?:https?|ftp)://[^)\s>]+)>?\s*\)")
_MD_BOLD_RE = cached_compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# An emphasised span starts with a word character or a quote: "Bao Q *, Zhao Y*"
# (corresponding-author stars) is not emphasis.
_MD_STAR_RE = cached_compile(r"(?<![\w*\\])\*(?=[\w\"'\u201c\u2018(\[¿¡])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_MD_UNDERSCORE_RE = cached_compile(r"(?<![\w\\])_(?=[\w\"'\u201c\u2018(\[¿¡])(.+?)(?<=[^\s_])_(?!\w)")
_STRAY_STAR_RE = cached_compile(r"(?<!\w)\*+|\*+(?!\w)")
_HTML_ITALIC_RE = cached_compile(r"<(i|em|italic|cite)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)
_HTML_TAG_RE = cached_compile(
    r"</?(?:b|strong|sup|sub|span|font|u|sc|bold|p|br|small|smallcaps|a|i|em|italic|cite)\b[^>]*>", re.I
)


def _emphasis(text: str) -> str:
    # (each pattern only runs when its marker is there: most strings have none)
    if "<" in text:
        text = _HTML_ITALIC_RE.sub(lambda m: ITAL_OPEN + m.group(2) + ITAL_CLOSE, text)
        text = _HTML_TAG_RE.sub("", text)
    if "**" in text or "__" in text:
        text = _MD_BOLD_RE.sub(r"\2", text)
    if "*" in text:
        text = _MD_STAR_RE.sub(lambda m: ITAL_OPEN + m.group(1) + ITAL_CLOSE, text)
    if "_" in text:
        text = _MD_UNDERSCORE_RE.sub(lambda m: ITAL_OPEN + m.group(1) + ITAL_CLOSE, text)
    if "*" in text:
        text = _STRAY_STAR_RE.sub("", text)
    return text


# --- URLs, DOIs, access notes --------------------------------------------------

_ANGLE_URL_RE = cached_compile(r"<\s*((?:https?|ftp)://[^<>]+?|www\.[^<>]+?)\s*>", re.I)
_URL_RE = cached_compile(r"(?:(?:https?|ftp)://|\bwww\.)[^\s<>\"\u201c\u201d]+", re.I)
_DOI_RE = cached_compile(r"\b10\.\d{4,9}/[^\s\"<>\u201c\u201d]+")
_DOI_PREFIX_RE = cached_compile(
    r"(?:\b(?:doi|DOI|Doi)\s*[:.]?\s*|https?://(?:dx\.)?doi\.org/\s*)"
    r"(?=10\.\d{4,9}/)"
)
_DOI_URL_RE = cached_compile(r"^https?://(?:dx\.)?doi\.org/", re.I)
# "Retrieved from", "Available at:", "[Online]", "(accessed 3 May 2020)" and the
# like say how the work was reached, not what it is.
_ACCESS_NOTE_RE = cached_compile(
    r"[\[(]\s*(?:last\s+)?(?:accessed|retrieved|viewed|cited|consulted|abgerufen|zugegriffen)\b[^\])]*[\])]"
    r"|\b(?:last\s+)?(?:accessed|viewed|consulted)(?:\s+on)?\s*:?\s*"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[A-Za-z]+\.?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
    r"\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2})?"
    r"|\bretrieved\b(?:\s+(?:on\s+)?[^,.]*?\d{4},?)?\s*(?:from)?"
    r"|\bavailable\s+(?:online\s+)?(?:at|from|on)?\s*:?(?=\s*(?:$|[.,;]))"
    r"|\bavailable\s+(?:online\s+)?(?:at|from)\s*:?"
    r"|\bonline\s+(?:at|unter)\s*:?"
    r"|\[\s*(?:online|internet|electronic resource|e-?book)\s*\]"
    r"|\bWeb\.\s+\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}"
    r"|\[\s*arXiv:[^\[\]]*(?:\[[^\]]*\])?[^\[\]]*\]"
    r"|\bURL\s*:"
    r"|\bISBN(?:-1[03])?\s*:?\s*[\dXx][\dXx\s-]{8,16}[\dXx]"
    r"|\bDOI\s*:?\s*$",
    re.I,
)
# (the pattern above is costly; it runs only where one of these words appears)
_ACCESS_WORDS = (
    "access", "retriev", "viewed", "cited", "consult", "abgerufen", "zugegriffen", "availab", "online", "internet",
    "electronic", "book", "web.", "arxiv", "url", "isbn", "doi",
)
_TRAIL_PUNCT = ".,;:'\"\u201d\u00bb"


def _trim_url(url: str) -> str:
    url = url.rstrip(_TRAIL_PUNCT)
    while url.endswith((")", "]")) and url.count("(") < url.count(")") + (url[-1] == "]"):
        url = url[:-1].rstrip(_TRAIL_PUNCT)
    return url


def _trim_doi(doi: str) -> str:
    doi = doi.rstrip(_TRAIL_PUNCT)
    while doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1].rstrip(_TRAIL_PUNCT)
    while doi.endswith(("]", ">", "}")):
        doi = doi[:-1].rstrip(_TRAIL_PUNCT)
    return doi


def _take_links(text: str) -> tuple[str, str | None, str | None]:
    url = doi = None
    urls: list[str] = []
    lowered = text.casefold()
    if "10." not in text and "://" not in text and "www" not in lowered:
        return text, None, None

    def keep_angle(m: re.Match) -> str:
        urls.append(re.sub(r"\s+", "", m.group(1)))
        return " "

    if "<" in text:
        text = _ANGLE_URL_RE.sub(keep_angle, text)

    def keep_bare(m: re.Match) -> str:
        found = _trim_url(m.group(0))
        urls.append(found)
        return " " + m.group(0)[len(found) :]

    # A DOI written as doi.org URL is a DOI, not a web address.
    text = _DOI_PREFIX_RE.sub(" ", text)
    text = _URL_RE.sub(keep_bare, text)
    for found in urls:
        if _DOI_URL_RE.match(found):
            doi = doi or _trim_doi(_DOI_URL_RE.sub("", found))
        elif url is None:
            url = found
    m = _DOI_RE.search(text)
    if m:
        doi = doi or _trim_doi(m.group(0))
        text = text[: m.start()] + " " + text[m.start() + len(_trim_doi(m.group(0))) :]
    elif doi is None and url:
        m = _DOI_RE.search(url)
        if m:
            doi = _trim_doi(m.group(0))
    return text, url, doi


# --- lead-ins --------------------------------------------------------------------

_NUMBER_RE = cached_compile(
    r"^\s*(?:\[\s*\d{1,4}[a-z]?\s*\]|\[[A-Za-z][^\]\s]{1,40}\](?=\s)|\(\s*\d{1,4}\s*\)"
    r"|[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+|\^\d{1,4}"
    r"|\d{1,3}\s*[.)](?=\s)"
    # a bare number only before what reads as a name ("1 Suntola, T."), not "100 Years of ..."
    r"|\d{1,3}\s+(?=[^\W\d][\w'\u2019-]*,\s|[^\W\d]\.\s?[^\W\d]))\s*"
)
_LEAD_IN_RE = cached_compile(
    r"^(?:see\s+also|see,?\s+e\.\s?g\.,?|see|cf\.|compare|e\.\s?g\.,?|quoted\s+in|cited\s+in|as\s+cited\s+in)\s+", re.I
)
_WS_RE = cached_compile(r"\s+")
_SPACE_BEFORE_PUNCT_RE = cached_compile(r"\s+([,;.](?:\s|$))")
_PAGE_DASH_RE = cached_compile(f"(?<=\\d)\\s*(?:--|[{DASHES[2:]}])\\s*(?=\\d)")


def clean(raw: str) -> Cleaned:
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("``", "\u201c").replace("''", "\u201d")

    def link_text(m: re.Match) -> str:
        nonlocal md_url
        md_url = md_url or m.group(2)
        return m.group(1) if not m.group(1).startswith(("http", "www")) else " "

    md_url = None
    if "](" in text:
        text = _MD_LINK_RE.sub(link_text, text)
    latex_url = None
    if "\\" in text or "{" in text:
        m = _LATEX_URL_RE.search(text)
        if m:
            latex_url = m.group(1).strip()
            text = text[: m.start()] + " " + (m.group(2) or "") + " " + text[m.end() :]
    text, url, doi = _take_links(text)
    url = md_url or latex_url or url
    if url and doi is None:
        m = _DOI_RE.search(url)
        if m:
            doi = _trim_doi(m.group(0))
    if url and _DOI_URL_RE.match(url):
        doi, url = doi or _trim_doi(_DOI_URL_RE.sub("", url)), None
    if "\\" in text or "{" in text or "--" in text:
        text = _latex_to_text(text)
    text = _emphasis(text)
    lowered = text.casefold()
    if any(word in lowered for word in _ACCESS_WORDS):
        text = _ACCESS_NOTE_RE.sub(" ", text)
    text = _WS_RE.sub(" ", text).strip()
    text = _NUMBER_RE.sub("", text, count=1)
    text = _LEAD_IN_RE.sub("", text, count=1)
    text = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", text)
    text = text.strip(" ,;")
    return Cleaned(text, url, doi)


def page_dashes(text: str) -> str:
    """Page ranges use a plain hyphen: en/em dashes and LaTeX `--` become "-"."""
    return _PAGE_DASH_RE.sub("-", text)
