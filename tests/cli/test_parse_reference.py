"""`refcheck parse-reference`: text blocks, contract JSON lines, files, stdin and errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from refcheck.cli import cli
from refcheck.errors import InputError

APA = "Kim, S., & Kingston, J. (2014). Legacies of Colonialism. East Asian Politics Review, 12(3), 89–104."
WHO = "World Health Organization. (2020a). Situation report. Geneva: WHO."
HANGUL = "일본 내 한류의 현황과 한일관계\n한영균 - 국제학논총, 2020 - dbpia.co.kr"


def run(*args, input=None):
    return CliRunner().invoke(cli, ["parse-reference", *args], input=input)


def test_text_format_is_a_block_of_fields_per_reference():
    result = run(APA, WHO)
    assert result.exit_code == 0, result.output
    blocks = result.output.strip().split("\n\n")
    assert len(blocks) == 2
    assert "authors:   Kim, S.; Kingston, J." in blocks[0]
    assert "pages:     89-104" in blocks[0]
    assert "issue:     3" in blocks[0]
    assert "authors:   World Health Organization" in blocks[1]
    assert "year:      2020 (suffix a)" in blocks[1]
    assert "container" not in blocks[1]  # absent fields are left out of the text block


def test_json_lines_follow_the_report_contract():
    result = run("--format", "json", APA, WHO)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert list(lines[0]) == [
        "input", "authors", "year", "title", "container", "volume", "issue", "pages", "publisher", "url", "doi",
    ]
    assert lines[0]["input"] == APA
    assert lines[0]["authors"] == [{"family": "Kim", "given": "S."}, {"family": "Kingston", "given": "J."}]
    assert (lines[0]["volume"], lines[0]["issue"], lines[0]["pages"]) == ("12", "3", "89-104")
    assert lines[0]["doi"] is None and lines[0]["url"] is None
    assert lines[1]["authors"] == [{"literal": "World Health Organization"}]


def test_json_keeps_native_script_unescaped():
    result = run("--format", "json", HANGUL)
    assert result.exit_code == 0, result.output
    assert "\\u" not in result.output  # ensure_ascii=False
    assert '"family": "한"' in result.output and "일본 내 한류" in result.output
    assert json.loads(result.output)["container"] == "국제학논총"


def test_file_with_one_reference_per_line_skips_blank_lines(tmp_path):
    refs = tmp_path / "refs.txt"
    refs.write_text(f"{APA}\n\n   \n{WHO}\n", encoding="utf-8")
    result = run("--file", str(refs), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["input"] for line in result.output.splitlines()] == [APA, WHO]


def test_file_dash_reads_stdin():
    result = run("--file", "-", "--format", "json", input=f"{APA}\n\n{WHO}\n")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 2


def test_strings_and_file_together(tmp_path):
    refs = tmp_path / "refs.txt"
    refs.write_text(WHO + "\n", encoding="utf-8")
    result = run(APA, "--file", str(refs), "--format", "json")
    assert [json.loads(line)["input"] for line in result.output.splitlines()] == [APA, WHO]


def test_no_input_is_a_usage_error():
    result = run()
    assert result.exit_code == 2
    assert "no reference given" in result.output


def test_missing_file_names_the_file(tmp_path):
    missing = tmp_path / "nope.txt"
    result = run("--file", str(missing))
    assert isinstance(result.exception, InputError)
    assert str(missing) in str(result.exception)


def test_missing_file_through_main_is_one_line_and_exit_2(tmp_path, capsys):
    from refcheck.cli import main

    missing = tmp_path / "nope.txt"
    with pytest.raises(SystemExit) as exc:
        main(["parse-reference", "--file", str(missing)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(missing) in err


def test_unknown_format_is_refused():
    result = run("--format", "xml", APA)
    assert result.exit_code == 2
