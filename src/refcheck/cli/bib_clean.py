"""`refcheck bib clean`: format, normalise and de-duplicate BibTeX files, reporting every merge and removal."""

from __future__ import annotations

import sys

import click

from refcheck.cli.bib_common import (
    check_output,
    configured_distinct,
    echo_err,
    newline_of,
    output_options,
    read_text,
    stdout_write,
    unified_diff,
    with_newline,
)
from refcheck.cli.options import pipeline_option
from refcheck.exit_codes import EXIT_FINDINGS, EXIT_OK
from refcheck.library.clean import ENCODINGS


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.command("clean")
@click.argument("paths", nargs=-1, required=True, metavar="IN.bib...")
@output_options
@click.option("--check", is_flag=True, help="Write nothing; print a diff and exit 1 when a file is not clean.")
@click.option("--encoding", type=click.Choice(ENCODINGS), default="keep", show_default=True,
              help="Accented letters as Unicode or as LaTeX macros, or as they are.")
@click.option("--protect/--no-protect", default=True, show_default=True,
              help="Brace title words whose case matters (acronyms, proper nouns).")
@click.option("--sort", "sort_by", metavar="FIELDS", help="Sort entries: key, year, author, title, type or a field; comma-separated; -year for descending.")
@click.option("--field-order", default="default", show_default=True, metavar="ORDER",
              help="'default', 'keep' (as written) or field names, comma-separated.")
@click.option("--quotes", is_flag=True, help='Write values in "quotes" instead of {braces}.')
@click.option("--indent", default="2", show_default=True, metavar="N|tab", help="Spaces before each field, or 'tab'.")
@click.option("--align", default="auto", show_default=True, metavar="auto|none|N", help="Align values within each entry, not at all, or at a fixed width.")
@click.option("--trailing-comma/--no-trailing-comma", default=True, show_default=True)
@click.option("--blank-lines/--no-blank-lines", default=True, show_default=True, help="A blank line between entries.")
@click.option("--keep-empty", is_flag=True, help="Keep fields with empty values.")
@click.option("--no-merge", is_flag=True, help="Report duplicates, but leave them unmerged.")
@click.option("--merge-similar", is_flag=True,
              help="Also merge duplicates whose titles differ beyond case, punctuation and accents (reported otherwise).")
@click.option("--distinct", "declared", multiple=True, metavar="KEY1,KEY2",
              help="Two entries are different works: never merge them (remembered as a comment in the file).")
@click.option("--cited-by", "cited_by", multiple=True, metavar="DOC", help="Keep only entries these documents cite (repeatable).")
@click.option("--aliases", "aliases_path", type=click.Path(dir_okay=False), help="Write the merged key -> kept key map (tab-separated).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Write the merges and removals here (JSON for .json) instead of listing them on stderr.")
@pipeline_option
def command(paths, output, in_place, no_backup, force, check, encoding, protect, sort_by, field_order, quotes, indent,
            align, trailing_comma, blank_lines, keep_empty, no_merge, merge_similar, declared, cited_by, aliases_path,
            report_path, blank_pipeline):
    """Clean IN.bib...: one field per line, values normalised, duplicates merged; to stdout, -o FILE or --in-place."""
    from refcheck.errors import InputError, UsageError
    from refcheck.library.atomic import write_atomic
    from refcheck.library.clean import DEFAULT_FIELD_ORDER, CleanOptions, clean_library, gc_paused
    from refcheck.library.load import load_library
    from refcheck.library.write import WriteOptions, write_items

    inputs = list(paths)
    check_output(output, in_place, inputs, force, tuple(cited_by), report=report_path, aliases=aliases_path)
    _bibtex_out_only(inputs, output, in_place or check)
    if check and (output or in_place):
        raise UsageError("--check writes nothing: leave out --output and --in-place")
    pairs = _pairs(declared)
    write_options = WriteOptions(
        indent="\t" if indent == "tab" else " " * _number(indent, "--indent"),
        align=None if align == "auto" else 0 if align == "none" else _number(align, "--align"),
        quotes=quotes, trailing_comma=trailing_comma, blank_lines=blank_lines,
    )
    with gc_paused():
        library = load_library(inputs)
        for p in library.problems:
            if p.kind == "unreadable":  # writing the others would silently drop this file's entries
                raise InputError(p.message, p.path)
        cited = _cited_keys(list(cited_by), library, blank_pipeline) if cited_by else None
        options = CleanOptions(
            encoding=encoding, protect=protect, remove_empty=not keep_empty, merge=not no_merge,
            merge_similar=merge_similar, cited=cited, prefer=cited or frozenset(), sort=tuple(_split((sort_by,))) if sort_by else (),
            field_order=_field_order(field_order, DEFAULT_FIELD_ORDER), combine=not (in_place or check),
        )
        result = clean_library(library, options, configured_distinct() | pairs)
    _remember(result, library, pairs)
    _print_report(result.report, report_path, force)
    if aliases_path:
        lines = "".join(f"{old}\t{new}\n" for old, new in sorted(result.aliases.items()))
        write_atomic(aliases_path, "# refcheck bib clean: merged key<TAB>kept key\n" + lines, force=force)
    elif result.aliases and not check:
        echo_err(f"refcheck: {len(result.aliases)} key(s) merged away; --aliases FILE writes the old -> kept map "
                 "for `refcheck bib rekey`")
    by_path = result.by_path()
    if check:
        dirty = 0
        for path in library.files:
            old = read_text(path)
            diff = unified_diff(old, with_newline(write_items(by_path.get(path, []), write_options), newline_of(old)), path)
            if diff:
                dirty += 1
                stdout_write(diff)
        layout = "" if result.report.changes or any(result.report.counts.values()) else " (layout only)"
        echo_err(f"refcheck: {dirty} of {len(library.files)} file(s) not clean{layout}" if dirty else "refcheck: clean")
        sys.exit(EXIT_FINDINGS if dirty else EXIT_OK)
    if in_place:
        for path in library.files:
            old = read_text(path)
            new = with_newline(write_items(by_path.get(path, []), write_options), newline_of(old))
            if new != old:
                bak = write_atomic(path, new, backup=not no_backup, force=force)
                echo_err(f"refcheck: rewrote {path}" + (f" (old file kept as {bak})" if bak else ""))
    else:
        newlines = {newline_of(read_text(path)) for path in library.files}
        text = with_newline(write_items(result.items, write_options), newlines.pop() if len(newlines) == 1 else "\n")
        if output:
            write_atomic(output, text, force=force)
        else:
            stdout_write(text)


def _bibtex_out_only(inputs: list[str], output: str | None, rewrites: bool) -> None:
    """clean writes BibTeX: a CSL JSON/YAML or RIS library is cleaned into a .bib (-o), never rewritten in place."""
    from refcheck.errors import UsageError

    others = [p for p in inputs if p.lower().endswith((".json", ".yaml", ".yml", ".ris"))]
    if others and rewrites:
        raise UsageError("clean writes BibTeX; write this library out with -o FILE.bib (--in-place and --check are for .bib files)", others[0])
    if output and output.lower().endswith((".json", ".yaml", ".yml", ".ris")):
        raise UsageError("clean writes BibTeX; give the output a .bib name", output)


def _number(value: str, option: str) -> int:
    from refcheck.errors import UsageError

    if not value.isdigit():
        raise UsageError(f"{option} takes a number, not {value!r}")
    return int(value)


def _field_order(value: str, default: tuple[str, ...]) -> tuple[str, ...] | None:
    if value == "default":
        return default
    if value == "keep":
        return None
    return tuple(name.lower() for name in _split((value,)))


def _pairs(declared: tuple[str, ...]) -> set[frozenset[str]]:
    from refcheck.errors import UsageError

    pairs = set()
    for value in declared:
        keys = value.replace(",", " ").split()
        if len(keys) != 2:
            raise UsageError(f"--distinct takes two keys (KEY1,KEY2), not {value!r}")
        pairs.add(frozenset(keys))
    return pairs


def _remember(result, library, pairs: set[frozenset[str]]) -> None:
    """Write each newly declared distinct pair as a comment at the top of the file holding its first key."""
    from refcheck.library.clean.model import CleanEntry, Verbatim

    new = [p for p in pairs if p not in library.distinct]
    for pair in sorted(new, key=sorted):
        a, b = sorted(pair)
        home = next((i.path for i in result.items if isinstance(i, CleanEntry) and i.key in pair), None)
        home = home or (library.files[0] if library.files else "")
        at = next((n for n, i in enumerate(result.items) if i.path == home), len(result.items))
        result.items.insert(at, Verbatim("text", f"% refcheck: distinct {a} {b}", home, 0, None, 2))
        echo_err(f"refcheck: '{a}' and '{b}' are recorded as different works in {home}")


def _print_report(report, report_path: str | None, force: bool = False) -> None:
    from refcheck.library.atomic import write_atomic

    if report_path:
        write_atomic(report_path, report.to_json() + "\n" if report_path.endswith(".json") else report.text(), force=force)
    else:
        for change in report.changes:
            echo_err(str(change))
    echo_err(f"refcheck: {report.summary()}")


def _cited_keys(docs: list[str], library, blank: bool) -> frozenset[str] | None:
    """The keys the documents cite (resolved as `refcheck audit` does); None when one says \\nocite{*}."""
    import re

    from refcheck.errors import InputError
    from refcheck.extract import extract
    from refcheck.extract.citations.latex import nocite_keys
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import Format, iter_documents
    from refcheck.resolve import Resolver
    from refcheck.resolve.document import resolve_document

    nlp = load_pipeline(blank=blank)
    matcher = Resolver(library)
    keys: set[str] = set()
    for item in iter_documents(docs):
        if isinstance(item, InputError):
            raise item
        if item.format is Format.LATEX:
            if re.search(r"\\nocite\s*\{\s*\*\s*\}", item.text):
                echo_err(f"refcheck: {item.path} says \\nocite{{*}}: every entry is kept")
                return None
            keys.update(nocite_keys(item.text))
        if "*" in item.nocite:
            echo_err(f"refcheck: {item.path} says nocite @*: every entry is kept")
            return None
        keys.update(item.nocite)
        audit = resolve_document(extract(item, nlp), matcher)
        keys.update(r.key for r in audit.resolutions if r.key)
        keys.update(k for r in audit.resolutions for k in r.outcome.copies)
        keys.update(m.key for _item, m in audit.list_matches if m is not None)
    return frozenset(keys)
