"""Reference strings in the styles researchers write, read into `Reference` fields."""

from __future__ import annotations


import pytest

from refcheck.extract.refparse import parse_reference
from refcheck.model import Author


def families(ref):
    return [a.literal or a.family for a in ref.authors]


def fields(ref, *names):
    return {name: getattr(ref, name) for name in names}


# --- the acceptance examples --------------------------------------------------------


def test_chinese_journal_style_with_italic_venue():
    ref = parse_reference(
        "Sami Moisiu, Anssi Passi. From geopolitical to geoeconomic. The changing political rationalities of "
        "state space. *Geopolitics*, 2013, 18(2): 267-283."
    )
    assert ref.authors == (Author(family="Moisiu", given="Sami"), Author(family="Passi", given="Anssi"))
    assert ref.title == "From geopolitical to geoeconomic. The changing political rationalities of state space"
    assert fields(ref, "year", "container", "volume", "issue", "pages") == {
        "year": "2013", "container": "Geopolitics", "volume": "18", "issue": "2", "pages": "267-283",
    }


def test_chinese_journal_style_without_markup():
    ref = parse_reference(
        "Sami Moisio, Anssi Passi. From geopolitical to geoeconomic. The changing political rationalities of "
        "state space. Geopolitics, 2013, 18(2): 267-283."
    )
    assert families(ref) == ["Moisio", "Passi"]
    assert ref.title.startswith("From geopolitical to geoeconomic. The changing")
    assert fields(ref, "year", "container", "volume", "issue", "pages") == {
        "year": "2013", "container": "Geopolitics", "volume": "18", "issue": "2", "pages": "267-283",
    }


def test_apa_journal_article():
    ref = parse_reference(
        "Kim, S., & Kingston, J. (2014). *Legacies of Colonialism: Korea–Japan Historical Disputes*. "
        "East Asian Politics Review, 12(3), 89–104."
    )
    assert ref.authors == (Author(family="Kim", given="S."), Author(family="Kingston", given="J."))
    assert ref.year == "2014"
    assert ref.title == "Legacies of Colonialism: Korea–Japan Historical Disputes"
    assert fields(ref, "container", "volume", "issue", "pages") == {
        "container": "East Asian Politics Review", "volume": "12", "issue": "3", "pages": "89-104",
    }
    assert ref.publisher is None and ref.doi is None and ref.url is None


def test_google_scholar_hangul_two_line_form():
    ref = parse_reference(
        "일본 내 한류의 현황과 한일관계: 한류의 문화외교 기능을 중심으로\n한영균 - 국제학논총, 2020 - dbpia.co.kr"
    )
    assert ref.title == "일본 내 한류의 현황과 한일관계: 한류의 문화외교 기능을 중심으로"
    assert ref.authors == (Author(family="한", given="영균"),)
    assert ref.container == "국제학논총"
    assert ref.year == "2020"
    assert ref.publisher == "dbpia.co.kr"  # the host Scholar names: not a link to the work
    assert ref.url is None


def test_google_scholar_form_joined_by_two_spaces():
    ref = parse_reference("한일 풍속화 이벤트 고찰  강준수 - 이벤트컨벤션연구, 2022 - kiss.kstudy.com")
    assert ref.title == "한일 풍속화 이벤트 고찰"
    assert ref.authors == (Author(family="강", given="준수"),)
    assert (ref.container, ref.year) == ("이벤트컨벤션연구", "2022")


def test_google_scholar_japanese_form():
    ref = parse_reference("日本におけるK-POPの受容と変容\n山田太郎, 佐藤花子 - 日本語学, 2019 - jstage.jst.go.jp")
    assert ref.title == "日本におけるK-POPの受容と変容"
    assert ref.authors == (Author(family="山田", given="太郎"), Author(family="佐藤", given="花子"))
    assert (ref.container, ref.year, ref.publisher) == ("日本語学", "2019", "jstage.jst.go.jp")


def test_google_scholar_latin_names_and_truncation():
    ref = parse_reference(
        "Attention is all you need\nA Vaswani, N Shazeer, N Parmar… - Advances in neural …, 2017 - proceedings.neurips.cc"
    )
    assert families(ref) == ["Vaswani", "Shazeer", "Parmar"]
    assert ref.et_al  # Scholar cut the author list short
    assert ref.container == "Advances in neural"
    assert ref.year == "2017"


# --- styles ---------------------------------------------------------------------------

STYLES = [
    # (string, family names, year, title, container, volume, issue, pages)
    (
        'Dae-jung Kim, "Is Culture Destiny? The Myth of Asia\'s Anti-Democratic Values," *Foreign Affairs* 73, '
        "no. 6 (1994): 189–94.",
        ["Kim"], "1994", "Is Culture Destiny? The Myth of Asia's Anti-Democratic Values", "Foreign Affairs",
        "73", "6", "189-94",
    ),
    (
        '[3] A. Vaswani et al., "Attention is all you need," in Proc. NeurIPS, 2017, pp. 5998–6008.',
        ["Vaswani"], "2017", "Attention is all you need", "Proc. NeurIPS", None, None, "5998-6008",
    ),
    (
        "Smith J, Jones K. Title of the study. J Name. 2019;12(3):45-67.",
        ["Smith", "Jones"], "2019", "Title of the study", "J Name", "12", "3", "45-67",
    ),
    (
        "Tang Yongliang. An Analysis of the Korean Wave in China . Journal of Yanbian University(Social Science), "
        "2013, 46(1): 42-48.",
        ["Tang"], "2013", "An Analysis of the Korean Wave in China", "Journal of Yanbian University(Social Science)",
        "46", "1", "42-48",
    ),
    (
        "Keling (1960), Tellus 12, 200–203.",
        ["Keling"], "1960", None, "Tellus", "12", None, "200-203",
    ),
    (
        "Hansen et al. (1988), J. Geophys. Res. 93, 9341–9364.",
        ["Hansen"], "1988", None, "J. Geophys. Res.", "93", None, "9341-9364",
    ),
    (  # Harvard
        "Lee, L. L., W. E. Howard, and R. E. Marsh. 1990. Acquired strychnine tolerance by pocket gophers. "
        "Proceedings of the Vertebrate Pest Conference 14: 87-90.",
        ["Lee", "Howard", "Marsh"], "1990", "Acquired strychnine tolerance by pocket gophers",
        "Proceedings of the Vertebrate Pest Conference", "14", None, "87-90",
    ),
    (  # MLA
        'Trillin, Calvin. "Culture Shopping." New Yorker 15 Feb. 1993: 48-51.',
        ["Trillin"], "1993", "Culture Shopping", "New Yorker", None, None, "48-51",
    ),
    (  # Chicago bibliography, journal
        "Wimsatt, William Kurtz. “Mary Rogers, John Anderson, and Others.” American Literature 21, no. 4 "
        "(January 1950): 482–484.",
        ["Wimsatt"], "1950", "Mary Rogers, John Anderson, and Others", "American Literature", "21", "4", "482-484",
    ),
    (  # IEEE with volume and number keywords
        "L. Sha, R. Rajkumar, and J. Lehoczky, \"Priority Inheritance Protocols: An Approach to Real-Time System "
        "Synchronization,\" IEEE Transactions on Computers, vol. 39, no. 9, pp. 1175-1185, 1990.",
        ["Sha", "Rajkumar", "Lehoczky"], "1990",
        "Priority Inheritance Protocols: An Approach to Real-Time System Synchronization",
        "IEEE Transactions on Computers", "39", "9", "1175-1185",
    ),
    (  # conference paper, CS style, place and month after the pages
        "U. Dayal, H. Garcia-Molina, M. Hsu, B. Kao, and M.-C. Shan. Third generation TP monitors: A database "
        "challenge. In ACM SIGMOD Conference on Management of Data, pages 393-397, Washington, D. C., May 1993.",
        ["Dayal", "Garcia-Molina", "Hsu", "Kao", "Shan"], "1993", "Third generation TP monitors: A database challenge",
        "ACM SIGMOD Conference on Management of Data", None, None, "393-397",
    ),
    (  # physics: volume, article number, year in parentheses
        "L. Randall and R. Sundrum, Phys. Rev. Lett. 83, 3370 (1999).",
        ["Randall", "Sundrum"], "1999", None, "Phys. Rev. Lett.", "83", None, "3370",
    ),
]


@pytest.mark.parametrize("text, names, year, title, container, volume, issue, pages", STYLES)
def test_styles(text, names, year, title, container, volume, issue, pages):
    ref = parse_reference(text)
    assert families(ref) == names
    assert (ref.year, ref.title, ref.container) == (year, title, container)
    assert (ref.volume, ref.issue, ref.pages) == (volume, issue, pages)


def test_chicago_note_book_with_publication_facts():
    ref = parse_reference("Shin Gi-Wook, Ethnic Nationalism in Korea (Stanford: Stanford University Press, 2006), 45.")
    assert ref.authors == (Author(family="Shin", given="Gi-Wook"),)
    assert (ref.title, ref.publisher, ref.year) == ("Ethnic Nationalism in Korea", "Stanford University Press", "2006")
    assert ref.container is None and ref.volume is None
    assert ref.pages == "45"  # the page cited


def test_apa_book_chapter_with_editors():
    ref = parse_reference(
        "Baljon, M. C. L. (2002). Focusing in client-centred psychotherapy supervision: Teaching congruence. "
        "In J. C. Watson, R. N. Goldman & M. S. Warner (Eds.), Client-centered and experiential psychotherapy in "
        "the 21st century (pp. 315-324). Ross-on-Wye: PCCS Books."
    )
    assert families(ref) == ["Baljon"]
    assert [e.family for e in ref.editors] == ["Watson", "Goldman", "Warner"]
    assert ref.container == "Client-centered and experiential psychotherapy in the 21st century"
    assert ref.pages == "315-324"
    assert ref.publisher == "PCCS Books"


def test_edited_book_puts_names_in_editors_not_authors():
    ref = parse_reference(
        "Bickman, L., & Ellis, H. (Eds.). (1990). Preparing psychologists. Hillsdale, NJ: L. Erlbaum."
    )
    assert ref.authors == ()
    assert [e.family for e in ref.editors] == ["Bickman", "Ellis"]
    assert ref.year == "1990"


def test_edited_by_in_chicago_chapter():
    ref = parse_reference(
        "Faulkner, Paul. “Lying and Deceit.” In The International Encyclopedia of Ethics, edited by Hugh "
        "LaFollette, 3101-3109. Malden, Mass.: Wiley-Blackwell, 2013."
    )
    assert families(ref) == ["Faulkner"]
    assert ref.title == "Lying and Deceit"
    assert ref.container == "The International Encyclopedia of Ethics"
    assert [e.family for e in ref.editors] == ["LaFollette"]


def test_translator_is_not_an_author():
    ref = parse_reference("Murakami, H. (2005). Kafka on the shore (P. Gabriel, Trans.). New York: Knopf.")
    assert families(ref) == ["Murakami"]
    assert ref.title == "Kafka on the shore"
    assert ref.publisher == "Knopf"
    ref = parse_reference("Freud, S. (1920). Title of work (S. O'Brien, Trans.). Vienna: Verlag.")
    assert families(ref) == ["Freud"]


# --- names ------------------------------------------------------------------------------


NAME_PARTS = [
    ("Sami Moisiu, Anssi Passi. Title here. Journal, 2013, 1(2): 3-4.", Author(family="Moisiu", given="Sami")),
    ("Shin Gi-Wook, Title Here (Stanford: Stanford University Press, 2006).",
     Author(family="Shin", given="Gi-Wook")),
    ("Kim Dae-jung (1994), Is Culture Destiny?, Foreign Affairs 73(6), 189-194.",
     Author(family="Kim", given="Dae-jung")),
    ("Dae-jung Kim, \"Title,\" Foreign Affairs 73 (1994): 1-2.", Author(family="Kim", given="Dae-jung")),
    ("Tang Yongliang. Title. Journal, 2013, 46(1): 42-48.", Author(family="Tang", given="Yongliang")),
    ("van der Maaten, L., & Hinton, G. (2008). Title. J, 9, 1-2.",
     Author(family="Maaten", given="L.", particle="van der")),
    ("L. van der Maaten and G. Hinton, \"Title,\" J, vol. 9, 2008.",
     Author(family="Maaten", given="L.", particle="van der")),
    ("Di Michele, Andrea. Title. Alessandria: Edizioni dell'Orso, 2003.",
     Author(family="Di Michele", given="Andrea")),
    ("King, M. L., Jr. (1963). Letter from Birmingham jail. Publisher.",
     Author(family="King", given="M. L.", suffix="Jr.")),
    ("O'Brien, S. (2001). Title. Journal, 1, 2-3.", Author(family="O'Brien", given="S.")),
]


@pytest.mark.parametrize("text, expected", NAME_PARTS)
def test_first_author_name_parts(text, expected):
    assert parse_reference(text).authors[0] == expected


@pytest.mark.parametrize(
    "text, literal",
    [
        ("World Health Organization. (2020). Coronavirus disease 2019 situation report. Geneva: WHO.",
         "World Health Organization"),
        ("IPCC (2013), Climate Change 2013: The Physical Science Basis.", "IPCC"),
        ("Japan Animation Association. Animation Industry Report 2017, 2018.", "Japan Animation Association"),
        ("U.S. Department of Transportation. Transportation statistics annual report 2012. Washington, D.C., 2013.",
         "U.S. Department of Transportation"),
    ],
)
def test_institutional_authors_are_literals(text, literal):
    ref = parse_reference(text)
    assert ref.authors == (Author(literal=literal),)
    assert ref.authors[0].to_json() == {"literal": literal}


def test_ipcc_and_report_titles_keep_their_own_years():
    ref = parse_reference("IPCC (2013), Climate Change 2013: The Physical Science Basis.")
    assert (ref.year, ref.title) == ("2013", "Climate Change 2013: The Physical Science Basis")
    ref = parse_reference("Japan Animation Association. Animation Industry Report 2017, 2018.")
    assert (ref.title, ref.year) == ("Animation Industry Report 2017", "2018")


@pytest.mark.parametrize(
    "text",
    [
        "Hansen et al. (1988), J. Geophys. Res. 93, 9341–9364.",
        "[3] A. Vaswani et al., \"Attention is all you need,\" in Proc. NeurIPS, 2017.",
        "Smith, J., Jones, K., and others. 2001. A title. Journal 3: 4-5.",
        "Brown, T., Mann, B., Ryder, N., et al. (2020). Language models are few-shot learners. Journal, 1, 2-3.",
    ],
)
def test_et_al_and_others(text):
    ref = parse_reference(text)
    assert ref.et_al
    assert "al" not in " ".join(families(ref))


def test_without_et_al_the_flag_is_off():
    assert not parse_reference("Kim, S., & Kingston, J. (2014). Title. Journal, 12(3), 89–104.").et_al


def test_korean_names_in_hangul_family_first_syllable():
    ref = parse_reference("한일관계 연구\n김철수, 남궁민수 - 한국정치학회보, 2019 - kci.go.kr")
    assert ref.authors == (Author(family="김", given="철수"), Author(family="남궁", given="민수"))


# --- years, pages, identifiers -------------------------------------------------------------


def test_year_suffix_is_kept_apart():
    ref = parse_reference("Conklin, D., Fortier, S., & Glasgow, J. (1993a). Knowledge discovery. Journal, 5, 985-987.")
    assert (ref.year, ref.year_suffix) == ("1993", "a")
    assert parse_reference("Kempner J.C., David L.P., 2004b, ApJ, 607, 200").year_suffix == "b"
    assert parse_reference("Kim, S. (2014). Title. Journal, 1, 2-3.").year_suffix is None


@pytest.mark.parametrize(
    "written, pages",
    [("89–104", "89-104"), ("89—104", "89-104"), ("89--104", "89-104"), ("89 - 104", "89-104"),
     ("189–94", "189-94")],
)
def test_pages_use_a_plain_hyphen(written, pages):
    assert parse_reference(f"Kim, S. (2014). Title. Journal, 12(3), {written}.").pages == pages


def test_doi_is_bare_and_url_kept():
    ref = parse_reference(
        "LeCun, Y., Bengio, Y., & Hinton, G. (2015). Deep learning. Nature, 521(7553), 436–444. "
        "https://doi.org/10.1038/nature14539"
    )
    assert ref.doi == "10.1038/nature14539"
    assert ref.url is None
    assert (ref.container, ref.volume, ref.issue, ref.pages) == ("Nature", "521", "7553", "436-444")
    assert parse_reference("Kim, S. (2014). Title. Journal, 1, 2-3. doi:10.1000/xyz.123.").doi == "10.1000/xyz.123"
    ref = parse_reference("Kim, S. (2014). Title. Retrieved from https://example.org/paper.pdf")
    assert ref.url == "https://example.org/paper.pdf"
    assert ref.title == "Title"


def test_bare_url_in_angle_brackets():
    ref = parse_reference("<https://press.ajou.ac.kr/news/articleView.html?idxno=10120>")
    assert ref.url == "https://press.ajou.ac.kr/news/articleView.html?idxno=10120"
    assert ref.authors == () and ref.title is None and ref.year is None


# --- markup -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kim, S. (2014). *Legacies of colonialism*. _East Asian Review_, 12(3), 89–104.",
        "Kim, S. (2014). <i>Legacies of colonialism</i>. <i>East Asian Review</i>, 12(3), 89–104.",
        r"Kim, S. (2014). \emph{Legacies of colonialism}. \textit{East Asian Review}, 12(3), 89--104.",
        r"Kim, S. (2014). {\em Legacies of colonialism}. East Asian Review, 12(3), 89--104.",
    ],
)
def test_emphasis_markup_never_reaches_fields(text):
    ref = parse_reference(text)
    assert (ref.title, ref.container, ref.pages) == ("Legacies of colonialism", "East Asian Review", "89-104")


def test_latex_accents_become_letters():
    ref = parse_reference(
        r"Schr{\"o}dinger, E. (1935). Die gegenw{\"a}rtige Situation. Naturwissenschaften, 23, 807--812."
    )
    assert ref.authors[0].family == "Schrödinger"
    assert ref.title == "Die gegenwärtige Situation"
    assert ref.pages == "807-812"


def test_missing_fields_are_none_and_empty_input_is_harmless():
    ref = parse_reference(
        "Stein, Stanley J. Vassouras, a Brazilian Coffee County. Cambridge, MA: Harvard University Press, 1957."
    )
    assert (ref.container, ref.volume, ref.issue, ref.pages, ref.doi, ref.url) == (None,) * 6
    assert ref.publisher == "Harvard University Press"
    empty = parse_reference("")
    assert empty.authors == () and empty.title is None and empty.raw == ""


def test_raw_input_is_kept_verbatim():
    text = "Keling (1960), Tellus 12, 200–203."
    assert parse_reference(text).raw == text


@pytest.mark.parametrize(
    "text, families, et_al, year, container",
    [
        ("Mann, Bradley & Hughes (1998), Nature 392, 779–787.", ["Mann", "Bradley", "Hughes"], False, "1998", "Nature"),
        ("Marmott, Davey Smith, Stansfeld et al. (1991), Lancet 337, 1387–1393.",
         ["Marmott", "Davey Smith", "Stansfeld"], True, "1991", "Lancet"),
        ("Baden, El Sahly, Essink et al. (2021), New England Journal of Medicine 384, 403–416.",
         ["Baden", "El Sahly", "Essink"], True, "2021", "New England Journal of Medicine"),
    ],
)
def test_family_names_only_before_the_year_are_each_a_person(text, families, et_al, year, container):
    ref = parse_reference(text)
    assert [a.family for a in ref.authors] == families
    assert (ref.et_al, ref.year, ref.container) == (et_al, year, container)


def test_surname_list_keeps_suffixes_and_particles_apart():
    ref = parse_reference("Dawber, Meadors & Moore, Jr. (1951), American Journal of Public Health 41, 279–286.")
    assert [(a.family, a.suffix) for a in ref.authors] == [("Dawber", None), ("Meadors", None), ("Moore", "Jr.")]
    ref = parse_reference("Rignot, van den Broeke & Morlighem (2019), PNAS 116, 1095–1103.")
    assert [(a.particle, a.family) for a in ref.authors] == [(None, "Rignot"), ("van den", "Broeke"), (None, "Morlighem")]


def test_initials_after_a_comma_are_still_given_names():
    ref = parse_reference("Hill, A. B. (1965), Proceedings of the Royal Society of Medicine 58, 295–300.")
    assert [(a.family, a.given) for a in ref.authors] == [("Hill", "A. B.")]
