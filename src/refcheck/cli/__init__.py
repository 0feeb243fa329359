"""The `refcheck` command: a thin click front over the pipeline stages.

One module per command (group); commands are imported only when run, so that
`refcheck --help` does not load spaCy. Exit codes live in `exit_codes`.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from refcheck import __version__
from refcheck.exit_codes import EXIT_INTERNAL, EXIT_USAGE
from refcheck.errors import RefcheckError
from refcheck.safetext import message_line

# name -> "module:attribute"; the order is the order of `refcheck --help`.
COMMANDS = {
    "audit": "refcheck.cli.audit:command",
    "extract": "refcheck.cli.extract:command",
    "parse-reference": "refcheck.cli.parse_reference:command",
    "rules": "refcheck.cli.rules:rules_command",
    "explain": "refcheck.cli.rules:explain_command",
    "bib": "refcheck.cli.bib:group",
    "config": "refcheck.cli.config_cmd:command",
    "verify": "refcheck.cli.verify:group",
    "corpus": "refcheck.cli.corpus:group",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not self._available(name):
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)

    @staticmethod
    def _available(name: str) -> bool:
        return importlib.util.find_spec(COMMANDS[name].split(":")[0]) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refcheck")
def cli() -> None:
    """Check the citations of research documents against a BibTeX library."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: a RefcheckError is one line on stderr and exit 2, never a traceback."""
    try:
        cli.main(args=argv, prog_name="refcheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("refcheck: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.message = message_line(exc.message)  # it may quote an argument: a file name, say
        exc.show()
        sys.exit(EXIT_USAGE)
    except RefcheckError as exc:
        click.echo(message_line(f"refcheck: error: {exc}"), err=True)
        sys.exit(EXIT_USAGE)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("refcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: say so in one line; REFCHECK_DEBUG shows the trace
        import os

        if os.environ.get("REFCHECK_DEBUG"):
            raise
        click.echo(message_line(f"refcheck: internal error: {type(exc).__name__}: {exc} "
                                "(set REFCHECK_DEBUG=1 for the traceback)"), err=True)
        sys.exit(EXIT_INTERNAL)
