"""The document's own reference list under its usual headings, and how items are split."""

from __future__ import annotations

import pytest

from refcheck.extract.reflist import find_reference_list, split_items

ITEMS = "Kim, S. (2014). A title. A Journal, 1, 2–3.\nLee, H. (2006). Another title. B Journal, 4, 5–6.\n"


@pytest.mark.parametrize(
    "heading",
    ["References", "## References", "**Bibliography**", "Works Cited", "Literature", "4. References",
     "참고문헌", "参考文献", "REFERENCES:"],
)
def test_headings(heading):
    text = f"Body text here.\n\n{heading}\n\n{ITEMS}"
    found = find_reference_list(text)
    assert found is not None
    items = split_items(text, found[1], found[2])
    assert [text[a:b][:7] for _, a, b in items] == ["Kim, S.", "Lee, H."]


def test_no_heading_no_list():
    assert find_reference_list("These references to the past are not a list.\n") is None


def test_bullets_with_wrapped_lines():
    text = "- 한일 풍속화 이벤트 고찰  \n강준수 - 이벤트컨벤션연구, 2022 - kiss.kstudy.com\n- Lee, H. (2006). T.\n"
    items = split_items(text, 0, len(text))
    assert len(items) == 2
    assert text[items[0][1] : items[0][2]].endswith("kiss.kstudy.com")


def test_hanging_indent():
    text = "Arrhenius, S. (1896). On the influence\n    of carbonic acid. Phil. Mag.\nRevelle, R. (1957). Carbon.\n"
    items = split_items(text, 0, len(text))
    assert [label for label, _, _ in items] == [None, None]
    assert "carbonic acid" in text[items[0][1] : items[0][2]]


def test_numbered_items_keep_their_numbers():
    text = "[1] A. One, T. 2017.\n[2] B. Two,\n  wrapped. 2018.\n"
    items = split_items(text, 0, len(text))
    assert [label for label, _, _ in items] == ["1", "2"]
    assert text[items[1][1] : items[1][2]].endswith("wrapped. 2018.")
