"""The progress bar draws on a terminal only, and never on stdout."""

from __future__ import annotations

import io

from refcheck.report.progress import progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_the_stream_is_not_a_terminal(capsys):
    stream = io.StringIO()
    with progress(3, "auditing", enabled=True, stream=stream) as bar:
        for _ in range(3):
            bar.advance()
    assert stream.getvalue() == ""
    assert capsys.readouterr() == ("", "")


def test_no_bar_when_disabled():
    stream = FakeTerminal()
    with progress(3, "auditing", enabled=False, stream=stream) as bar:
        bar.advance()
    assert stream.getvalue() == ""


def test_bar_on_a_terminal(capsys):
    stream = FakeTerminal()
    with progress(2, "auditing", enabled=True, stream=stream) as bar:
        bar.advance()
        bar.advance()
    assert "auditing" in stream.getvalue()
    assert capsys.readouterr().out == ""
