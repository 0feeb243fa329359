"""Commands that need no NLP do not pay for it: spaCy, torch and the model load only when a check needs them."""

from __future__ import annotations

import subprocess
import sys


def imported_by(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "from refcheck.cli import main\n"
        f"sys.argv = ['refcheck', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    return set(result.stderr.split())


def test_bib_clean_and_rules_load_no_nlp(tmp_path):
    bib = tmp_path / "one.bib"
    bib.write_text("@article{a, author={X, Y}, title={T}, journal={J}, year={2000}}\n", encoding="utf-8")
    for args in (["bib", "clean", str(bib)], ["rules"], ["parse-reference", "Lee, H. (2006). T. J, 1, 2-3."]):
        loaded = imported_by(*args)
        assert "refcheck" in loaded, args  # the command ran in this process
        assert not {"spacy", "torch", "sentence_transformers"} & loaded, args
