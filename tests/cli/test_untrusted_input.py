"""Documents, libraries and file names from strangers: nothing read outside the project, nothing injected in output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

BIB = """@article{lee2006cultural,
  author = {Lee, Hyun},
  title = {Cultural Policy in Korea},
  journal = {Asian Studies},
  year = {2006},
  volume = {1},
  pages = {2--3},
}
@book{kim2014,
  author = {Kim, Sun},
  title = {Legacies of Empire in East Asian Trade},
  publisher = {Press},
  year = {2014},
}
@article{park2021,
  author = {Park, Jin},
  title = {Academic Exchange and Tourism},
  journal = {Tourism Studies},
  year = {2021},
}
"""


def refcheck(*args, cwd, stdin=None):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "REFCHECK_DEBUG")}
    return subprocess.run([sys.executable, "-m", "refcheck", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, timeout=300, env=env)  # fmt: skip


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "refs.bib").write_text(BIB, encoding="utf-8")
    return root


def no_forged_command(stream: str) -> None:
    for line in stream.splitlines():
        assert not line.lstrip().startswith(("::", "##[")), line


def test_a_title_holding_a_workflow_command_gives_one_annotation(project):
    (project / "paper.md").write_text(
        "A claim.[^1]\n\n[^1]: Lee, H. (2006). Cultural Policy %0A::error ::x in Korea. Asian Studies, 1, 2-3.\n"
        "\nAnother claim.[^2]\n\n[^2]: Nobody, N. (2001). Gone %0A::error ::x\n", encoding="utf-8")  # fmt: skip
    result = refcheck("audit", "paper.md", "--bib", "refs.bib", "--format", "github", "--blank-pipeline",
                      "--fail-on", "never", cwd=project)  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    mention = [line for line in lines if "::error ::x" in line]
    assert len(mention) == 1, lines  # one annotation quotes the title; the text after it stays in its message
    assert mention[0].startswith("::error file=paper.md,line=") and "%250A::error ::x" in mention[0]
    assert not any(line.startswith("::error ::x") for line in lines)
    no_forged_command(result.stderr)


def test_input_beyond_the_project_is_refused_with_a_warning(project):
    (project.parent / "outside.tex").write_text("SECRET OUTSIDE TEXT \\cite{lee2006cultural}\n", encoding="utf-8")
    (project / "tex").mkdir()
    (project / "chapter.tex").write_text("Chapter text.\n", encoding="utf-8")
    (project / "tex" / "main.tex").write_text(
        "\\begin{document}\nIntro \\cite{lee2006cultural}.\n\\input{../chapter}\n\\input{../../outside}\n\\end{document}\n",
        encoding="utf-8")  # fmt: skip
    result = refcheck("extract", "tex/main.tex", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)["documents"][0]["body"]
    assert "Chapter text." in body  # ../chapter lies inside the project (the working directory): read as TeX reads it
    assert "SECRET OUTSIDE TEXT" not in body
    [warning] = [line for line in result.stderr.splitlines() if "outside" in line]
    assert warning.startswith("refcheck: warning: tex/main.tex:4: \\input{../../outside}: outside the project")


def test_a_file_field_outside_the_project_is_refused_and_never_quoted(project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOPSECRET\n", encoding="utf-8")
    bib = BIB.replace("pages = {2--3},", "pages = {2--3},\n  file = {/etc/passwd},").replace(
        "lee2006cultural", "lee2006cultural", 1)
    bib += BIB.replace("lee2006cultural", "zot2006", 1).replace(
        "pages = {2--3},", f"pages = {{2--3}},\n  file = {{Full Text:{secret}:text/plain}},")
    (project / "refs.bib").write_text(bib, encoding="utf-8")
    (project / "paper.md").write_text('As Lee wrote, "TOPSECRET policy" [@lee2006cultural; @zot2006].\n', encoding="utf-8")
    result = refcheck("audit", "paper.md", "--bib", "refs.bib", "--format", "sarif", "--blank-pipeline",
                      "--fail-on", "never", cwd=project)  # fmt: skip
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "outside the project" in line]
    assert len(warnings) == 2, result.stderr
    assert "entry lee2006cultural: file: /etc/passwd" in warnings[0]
    assert f"entry zot2006: file: {secret}" in warnings[1]
    assert "root:x" not in result.stdout
    json.loads(result.stdout)


def test_a_symlink_out_of_a_scanned_folder_is_refused_and_a_loop_said_once(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "leak.md").write_text("OUTSIDE [@lee2006cultural]\n", encoding="utf-8")
    docs = project / "docs"
    docs.mkdir()
    (docs / "paper.md").write_text("Inside [@lee2006cultural].\n", encoding="utf-8")
    (docs / "leak.md").symlink_to(outside / "leak.md")
    (docs / "away").symlink_to(outside, target_is_directory=True)
    (docs / "again").symlink_to(docs, target_is_directory=True)  # a loop: docs/again/again/...
    result = refcheck("extract", "docs", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    paths = [d["path"] for d in json.loads(result.stdout)["documents"]]
    assert paths == ["docs/paper.md"]
    lines = result.stderr.splitlines()
    assert sum("docs/leak.md: outside the project" in line for line in lines) == 1, lines
    assert sum("docs/away: outside the project" in line for line in lines) == 1, lines
    assert sum("docs/again" in line and "loop" in line for line in lines) == 1, lines


def test_a_control_character_in_a_file_name_gives_valid_junit(project):
    name = "chap\x01ter.md"
    (project / name).write_text("A claim [@missing2020].\n", encoding="utf-8")
    result = refcheck("audit", name, "--bib", "refs.bib", "--format", "junit", "--blank-pipeline",
                      "--fail-on", "never", cwd=project)  # fmt: skip
    assert result.returncode == 0, result.stderr
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert any(s.get("name") == "chap\ufffdter.md" for s in root.iter("testsuite"))


def test_quoted_escape_sequences_never_reach_the_terminal(project):
    (project / "paper.md").write_text(
        "Tourism grew.[^1]\n\n[^1]: Nobody, N. (2001). Gone \x1b]0;owned\x07 title \x1b[2J. Journal, 1, 2-3.\n",
        encoding="utf-8")  # fmt: skip
    result = refcheck("audit", "paper.md", "--bib", "refs.bib", "--blank-pipeline", "--color", "--fail-on", "never",
                      cwd=project)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Gone" in result.stdout
    assert "\x1b]0;" not in result.stdout and "\x1b[2J" not in result.stdout and "\x07" not in result.stdout
    assert "\x1b[" in result.stdout  # --color: refcheck's own colours are still there


def test_audit_reads_a_document_from_standard_input(project):
    result = refcheck("audit", "-", "--stdin-filename", "drafts/paper.md", "--bib", "refs.bib", "--format", "json",
                      "--blank-pipeline", "--fail-on", "never", cwd=project,
                      stdin="A claim [@lee2006cultural] and [@missing2020].\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == ["drafts/paper.md"]
    unresolved = [f for f in report["findings"] if f["code"] == "RC101"]
    assert [(f["path"], f["citation"]) for f in unresolved] == [("drafts/paper.md", "missing2020")]


@pytest.mark.parametrize("args, says", [
    (["-", "--stdin-filename", "notes.rtf"], "unsupported document type '.rtf'"),
    (["missing.md"], "no such file"),
])  # fmt: skip
def test_an_unreadable_only_document_is_one_error_line(project, args, says):
    result = refcheck("audit", *args, "--bib", "refs.bib", "--blank-pipeline", cwd=project, stdin="x")
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and says in lines[0], lines


def test_a_diff_of_a_library_line_that_looks_like_a_workflow_command_is_defused(project):
    (project / "refs.bib").write_text("@misc{a,\n  title = {x},\n  note = {one\n::error::injected\n  two},\n"
                                      "  year = {2001}}\n", encoding="utf-8")  # fmt: skip
    result = refcheck("bib", "clean", "refs.bib", "--check", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "::error::injected" in result.stdout
    no_forged_command(result.stdout)
    no_forged_command(result.stderr)
