"""The fields each entry type requires (BibTeX's standard styles, plus common biblatex types).

A requirement is a label and the field names that satisfy it: `("author or editor",
("author", "editor"))` is met by either. Aliases count as the field they stand for:
`date` for `year`, biblatex's `journaltitle` for `journal`, `institution` and
`school` for each other (biblatex treats them as one). Types not listed (misc,
and anything unknown) require nothing, so they are never reported incomplete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcheck.library.entry import Entry

Requirement = tuple[str, tuple[str, ...]]

_AUTHOR = ("author", ("author",))
_AUTHOR_OR_EDITOR = ("author or editor", ("author", "editor"))
_EDITOR = ("editor", ("editor",))
_TITLE = ("title", ("title",))
_YEAR = ("year", ("year", "date"))
_JOURNAL = ("journal", ("journal", "journaltitle"))
_BOOKTITLE = ("booktitle", ("booktitle",))
_PUBLISHER = ("publisher", ("publisher",))
_SCHOOL = ("school", ("school", "institution"))
_INSTITUTION = ("institution", ("institution", "school"))
_URL_OR_DOI = ("url or doi", ("url", "doi"))

REQUIRED_FIELDS: dict[str, tuple[Requirement, ...]] = {
    # BibTeX (btxdoc, "Entry Types")
    "article": (_AUTHOR, _TITLE, _JOURNAL, _YEAR),
    "book": (_AUTHOR_OR_EDITOR, _TITLE, _PUBLISHER, _YEAR),
    "booklet": (_TITLE,),
    "inbook": (_AUTHOR_OR_EDITOR, _TITLE, ("chapter or pages", ("chapter", "pages")), _PUBLISHER, _YEAR),
    "incollection": (_AUTHOR, _TITLE, _BOOKTITLE, _PUBLISHER, _YEAR),
    "inproceedings": (_AUTHOR, _TITLE, _BOOKTITLE, _YEAR),
    "conference": (_AUTHOR, _TITLE, _BOOKTITLE, _YEAR),
    "manual": (_TITLE,),
    "mastersthesis": (_AUTHOR, _TITLE, _SCHOOL, _YEAR),
    "phdthesis": (_AUTHOR, _TITLE, _SCHOOL, _YEAR),
    "proceedings": (_TITLE, _YEAR),
    "techreport": (_AUTHOR, _TITLE, _INSTITUTION, _YEAR),
    "unpublished": (_AUTHOR, _TITLE, ("note", ("note",))),
    # biblatex types people use in BibTeX files
    "online": (_TITLE, _URL_OR_DOI),
    "electronic": (_TITLE, _URL_OR_DOI),
    "www": (_TITLE, _URL_OR_DOI),
    "thesis": (_AUTHOR, _TITLE, _INSTITUTION, _YEAR),
    "report": (_AUTHOR, _TITLE, _INSTITUTION, _YEAR),
    "collection": (_EDITOR, _TITLE, _YEAR),
    "patent": (_AUTHOR, _TITLE, ("number", ("number",)), _YEAR),
    "dataset": (_TITLE,),
    "software": (_TITLE,),
}


def missing_fields(entry: Entry) -> list[str]:
    """Labels of the requirements of `entry`'s type that no (non-empty) field meets, in order.

    Fields inherited through `crossref` count as present.
    """
    present = entry.fields
    return [
        label
        for label, names in REQUIRED_FIELDS.get(entry.type, ())
        if not any(present.get(name, "").strip() for name in names)
    ]
