"""Reference-string parser: one footnote or reference-list item to a `Reference`."""

# parse_reference("Kim, S., & Kingston, J. (2014). Title. Journal, 12(3), 89-104.")
#
# Rules, no model: `clean` strips markup and sets URL and DOI aside, `head` reads
# the names (`names`) and a year right after them, `segment` cuts the rest into
# sentences and quoted or italic spans, `body` decides which is the title and
# which the venue (with `fields`, `vocab` and `places`), `locators` reads volume,
# issue, pages and dates, and `parser` puts it together. `scholar` reads Google
# Scholar's two-line "title / authors - venue, year - host" form.

from __future__ import annotations

from refcheck.extract.refparse.parser import parse_reference

__all__ = ["parse_reference"]
