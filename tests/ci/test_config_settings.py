"""Configuration: found by walking up, validated key by key, each value with its origin; the command line wins."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from refcheck.cli import cli
from refcheck.config import describe, find_config, load_settings
from refcheck.errors import UsageError


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_by_walking_up_from_a_subfolder(tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", '[tool.refcheck]\ndocuments = ["chapters/*.md"]\nbib = "refs.bib"\n')
    write(tmp_path / "chapters" / "one.md", "x")
    write(tmp_path / "chapters" / "two.md", "x")
    monkeypatch.chdir(write(tmp_path / "chapters" / "drafts" / "keep", "").parent)
    settings = load_settings()
    assert settings.root == tmp_path.resolve()
    assert settings.paths("documents") == ["../one.md", "../two.md"]  # relative to where refcheck runs
    assert settings.paths("bib") == ["../../refs.bib"]  # a string is a one-item list
    assert settings.origin("bib") == "../../pyproject.toml [tool.refcheck] bib"


def test_pyproject_without_our_table_does_not_stop_the_search(tmp_path):
    write(tmp_path / "refcheck.toml", 'fail-on = "warning"\n')
    inner = write(tmp_path / "book" / "pyproject.toml", "[tool.black]\nline-length = 80\n").parent
    path, data, table = find_config(inner)
    assert path.name == "refcheck.toml" and data == {"fail-on": "warning"} and table == ""


def test_refcheck_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.refcheck]\nfail-on = "info"\n')
    write(tmp_path / ".refcheck.toml", 'fail-on = "never"\n')
    assert load_settings(cwd=tmp_path)["fail-on"] == "never"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('fail-on = "sometimes"', r"fail-on: \"sometimes\" is not one of error, warning, info, never"),
        ("select = 7", r"select: must be an array of rule codes or names, not 7"),
        ('ignore = ["RC999"]', r"ignore: unknown rule 'RC999'"),
        ('documents = [""]', r"documents: must be a path or an array of paths"),
        ('selct = ["RC1"]', r"unknown key 'selct' \(did you mean 'select'\?\)"),
        ('[per-file-ignores]\n"*.md" = ["nonsense-rule"]', r"per-file-ignores \"\*\.md\": unknown rule 'nonsense-rule'"),
        ("[thresholds]\ntitle-similarity = true", r"thresholds.title-similarity: must be a number like the default 0.8"),
        ('[thresholds]\ntitle-simlarity = 0.7', r"no rule has the option 'title-simlarity' \(did you mean 'title-similarity'\?\)"),
        ("fail-on = ", r"refcheck.toml: not valid TOML"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_the_key(tmp_path, text, message):
    write(tmp_path / "refcheck.toml", text + "\n")
    with pytest.raises(UsageError, match=message):
        load_settings(cwd=tmp_path)


def test_thresholds_accept_dotted_names_of_declared_options(tmp_path, monkeypatch):
    from refcheck.checks.rules.citations.title import TitleMismatch

    # A rule elsewhere declares "unrelated.min-fit"; TOML reads the dotted key as a nested table.
    monkeypatch.setattr(TitleMismatch, "options", {"title-similarity": 0.8, "unrelated.min-fit": 0.3}, raising=False)
    write(tmp_path / "refcheck.toml", "[thresholds]\nunrelated.min-fit = 0.5\ntitle-similarity = 1\n")
    settings = load_settings(cwd=tmp_path)
    assert settings.options() == {"unrelated.min-fit": 0.5, "title-similarity": 1.0}
    assert re.search(r'^"unrelated.min-fit" += 0.5 +# .*thresholds.unrelated.min-fit$', describe(settings), re.M)


def test_glob_that_matches_nothing_names_the_key(tmp_path):
    write(tmp_path / "refcheck.toml", 'documents = ["chapters/*.md"]\n')
    with pytest.raises(UsageError, match=r"refcheck.toml documents: 'chapters/\*.md' matches no file"):
        load_settings(cwd=tmp_path).paths("documents")


def test_command_line_overrides_the_file_and_says_so(tmp_path, monkeypatch):
    write(tmp_path / "refcheck.toml", 'fail-on = "info"\nselect = ["RC1"]\n[thresholds]\ntitle-similarity = 0.7\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["config", "--fail-on", "never", "--threshold", "title-similarity=0.9"])
    assert result.exit_code == 0, result.output
    rows = {line.split("=")[0].strip(): line for line in result.output.splitlines() if "=" in line}
    assert '"never"' in rows["fail-on"] and rows["fail-on"].endswith("# command line (--fail-on)")
    assert '["RC1"]' in rows["select"] and rows["select"].endswith("# refcheck.toml select")
    assert "0.9" in rows["title-similarity"] and rows["title-similarity"].endswith("(--threshold title-similarity)")


def test_defaults_when_no_file_is_found(tmp_path):
    settings = load_settings(cwd=tmp_path)
    assert settings.file is None and settings["fail-on"] == "error" and settings.options() == {}
    assert describe(settings).splitlines()[0] == "# configuration file: none found (defaults)"
