"""unrelated-citation names the passage of the linked source that bears most on the claim, in JSON and in text."""

from __future__ import annotations

import json

from corpus_support import run

from refcheck.checks.rules.claims.passages import cut

DRAFT = ("# Information\n\nLenders may ration credit rather than raise the interest rate, because a higher rate "
         "attracts riskier borrowers (Akerlof, 1970). When sellers know more about quality than buyers, good used "
         "cars are driven out of the market (Stiglitz & Weiss, 1981).\n")
LIBRARY = ("@article{akerlof1970market, author = {Akerlof, George A.}, year = {1970}, journal = {QJE},\n"
           "  title = {The Market for Lemons: Quality Uncertainty and the Market Mechanism}}\n"
           "@article{stiglitz1981credit, author = {Stiglitz, Joseph E. and Weiss, Andrew}, year = {1981},\n"
           "  journal = {AER}, title = {Credit Rationing in Markets with Imperfect Information}}\n")
CREDIT = ("Credit markets in underdeveloped countries often strongly reflect the operation of the Lemons Principle. "
          "Lenders who cannot tell good borrowers from bad ones do not simply raise the interest rate: a higher rate "
          "draws the riskier borrowers, so local moneylenders ration credit to those whose character they know.")
CREDIT_AS_WRITTEN = CREDIT.replace("Principle. ", "Principle.\n")  # across two lines
SOURCE = f"""# The Market for "Lemons": Quality Uncertainty and the Market Mechanism

This paper relates quality and uncertainty. There are many markets in which buyers use some market statistic
to judge the quality of prospective purchases. In this case there is incentive for sellers to market poor
quality merchandise, since the returns for good quality accrue mainly to the entire group.

The automobile market is used as a finite example. Suppose there are just four kinds of cars: new cars and
used cars, good cars and bad cars. A buyer cannot tell a good used car from a lemon, so good cars and bad cars
must still sell at the same price, and the good cars tend to be driven out of the market.

{CREDIT_AS_WRITTEN}

The dishonest dealings tend to drive honest dealings out of the market. The cost of dishonesty lies not only
in the amount by which the purchaser is cheated but also in the loss incurred from driving legitimate business
out of existence.
"""


def _audit(capsys, folder, fmt):
    code, out, err = run(capsys, folder, "audit", "draft.md", "--bib", "library.bib", "--select", "unrelated-citation",
                         "--format", fmt)
    assert code in (0, 1), err
    return out


def test_the_finding_names_the_passage_of_the_linked_source(capsys, tmp_path):
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "library.bib").write_text(LIBRARY, encoding="utf-8")
    # the passage is under test, not the fitted decision: every citation the rule judges is reported
    (tmp_path / "refcheck.toml").write_text('[thresholds]\n"unrelated.threshold" = 0.05\n', encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "lemons.md").write_text(SOURCE, encoding="utf-8")
    assert run(capsys, tmp_path, "corpus", "add", "sources", "--blank-pipeline")[0] == 0
    # no source linked: the finding stands on the library's fit alone, with no passage
    [before] = [f for f in json.loads(_audit(capsys, tmp_path, "json"))["findings"] if f["entry"] == "akerlof1970market"]
    assert "passage" not in before

    assert run(capsys, tmp_path, "corpus", "link", "--bib", "library.bib", "--manual", "akerlof1970market", "lemons")[0] == 0
    findings = {f["entry"]: f for f in json.loads(_audit(capsys, tmp_path, "json"))["findings"]}
    assert "passage" not in findings["stiglitz1981credit"]  # no source of it is held
    f = findings["akerlof1970market"]
    # the source's paragraph on credit, not its opening or its used cars, with the line it starts on
    assert f["passage"]["source"] == "sources/lemons.md" and f["passage"]["line"] == 11
    assert f["passage"]["text"] == CREDIT
    assert {"credit", "interest"} <= set(f["passage"]["shared"])
    assert any(e.startswith("nearest passage of sources/lemons.md: line 11") for e in f["evidence"])
    # the contract's fields are all still there
    assert {"rule", "code", "severity", "path", "line", "column", "citation", "entry", "message", "suggestion",
            "context"} <= set(f)

    text = _audit(capsys, tmp_path, "text")
    assert "passage:    sources/lemons.md, line 11: 'Credit markets in underdeveloped countries" in text


def test_passages_keep_to_paragraphs_and_skip_what_says_nothing():
    text = ("First sentence here. Second sentence follows it.\n\n- 12 -\n\n"
            + "A long paragraph sentence that goes on. " * 12 + "\n")
    passages = cut(text)
    assert passages[0] == (0, "First sentence here. Second sentence follows it.")
    assert all("- 12 -" not in p for _, p in passages)  # a page number is no passage
    assert all(len(p) <= 600 for _, p in passages) and len(passages) >= 2  # the long paragraph in pieces
    assert text[passages[1][0]:].startswith("A long paragraph")
