"""`refcheck rules` and `refcheck explain RULE`: the rule catalogue and each rule's page."""

from __future__ import annotations

import click


@click.command("rules")
def rules_command() -> None:
    """List every rule: code, name, severity and what it flags."""
    from refcheck.checks.registry import all_rules

    for rule in all_rules():
        click.echo(f"{rule.code}  {rule.name:<26} {rule.severity.value:<8} {rule.summary()}")


@click.command("explain")
@click.argument("rule")
def explain_command(rule: str) -> None:
    """Print the page of RULE (a code like RC102 or a name like author-misspelled)."""
    from refcheck.checks.docs import page
    from refcheck.checks.registry import rule_by_id

    click.echo(page(rule_by_id(rule)), nl=False)
