"""Places of publication: tell "Paris, PUF" after a title from words of the title."""

from __future__ import annotations

import re

# Cities that recur as places of publication and conference venues. A
# comma-separated segment is only taken for a place when it is one of these (or
# ends in a US/Canadian state code): "White Plague, Black Labour: ..." is a title.
_CITIES = frozenset(
    """
    amsterdam ankara ann-arbor athens austin baltimore bangalore barcelona basel basingstoke beijing belmont berkeley
    berlin bern bielefeld bloomington bologna bombay bonn boston boulder bristol brussels budapest buenos-aires
    cairo calcutta cambridge canberra cape-town chapel-hill cheltenham chicago chichester cologne copenhagen dallas
    delhi detroit dordrecht dresden dublin durham edinburgh englewood-cliffs florence frankfurt freiburg geneva
    genève glasgow göttingen graz greenwich grenoble hamburg hannover harmondsworth heidelberg helsinki hillsdale
    hoboken hong-kong honolulu houston ithaca istanbul jerusalem kyoto köln lanham lausanne leiden leipzig lille
    lisbon lisboa london los-angeles louvain lyon madrid mahwah mainz manchester marseille melbourne mexico milan
    milano minneapolis montreal montréal moscow munich münchen nagoya nanjing naples nantes new-brunswick new-delhi
    new-haven new-york newbury-park norwood nottingham osaka oslo ottawa oxford padova paris philadelphia pisa
    pittsburgh prague princeton québec quebec reading rennes rio-de-janeiro rome roma rotterdam san-diego
    san-francisco san-jose santa-barbara santa-monica são-paulo seattle seoul shanghai singapore stanford stockholm
    strasbourg stuttgart sydney taipei tel-aviv thousand-oaks tokyo toronto toulouse tübingen turin torino
    upper-saddle-river utrecht vancouver venice vienna wien warsaw washington wellington westport wiesbaden zurich
    zürich abingdon aldershot farnham amherst berne bordeaux brighton cardiff chennai dhaka hyderabad karachi
    lahore lucknow madras manila nairobi pune wuhan xi'an yokohama busan daejeon incheon sapporo fukuoka kobe
    """.split()
)
_STATE_RE = re.compile(
    r"(?:,\s*|\s)(?:[A-Z]{2}|D\.\s?C\.?|Mass\.?|Calif\.?|Conn\.?|Penn\.?|Pa\.|N\.\s?Y\.?|N\.\s?J\.?|Ill\.?|Mich\.?|"
    r"Wis\.?|Minn\.?|Md\.?|Va\.?|Tex\.?|Fla\.?|Ont\.?|Vic\.?|NSW|UK|USA|U\.S\.A?\.?)$"
)


def is_place(text: str) -> bool:
    """ "Paris", "New York, NY", "Cambridge, Mass.", "Boston & New York", "Berlin/Heidelberg"."""
    text = text.strip(" .,;:")
    if not text or len(text) > 60:
        return False
    if _STATE_RE.search(text):
        head = _STATE_RE.sub("", text).strip(" ,")
        return not head or head[:1].isupper() and len(head.split()) <= 3
    parts = re.split(r"\s*(?:&|/|;|\band\b|-\s)\s*", text)
    return all(p.strip().casefold().replace(" ", "-") in _CITIES for p in parts if p.strip())
