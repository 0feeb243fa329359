"""Write docs/rules/<name>.md and docs/rules/README.md from the rules' docstrings (`make docs`)."""

from __future__ import annotations

import sys
from pathlib import Path

from refcheck.checks.docs import page
from refcheck.checks.registry import all_rules

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def expected() -> dict[Path, str]:
    files = {DOCS / f"{rule.name}.md": page(rule) for rule in all_rules()}
    rows = [f"| {r.code} | [`{r.name}`]({r.name}.md) | {r.severity.value} | {r.summary()} |" for r in all_rules()]
    files[DOCS / "README.md"] = (
        "# Rules\n\nGenerated from the rules' docstrings by `make docs`; `refcheck explain CODE` prints a page.\n\n"
        "| code | rule | severity | flags |\n|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    return files


def main() -> int:
    DOCS.mkdir(parents=True, exist_ok=True)
    for path, text in expected().items():
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(expected())} pages to {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
