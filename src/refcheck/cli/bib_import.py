"""`refcheck bib import`: a document's reference list and footnotes as BibTeX entries, for review."""

from __future__ import annotations

import click

from refcheck.cli.bib_common import echo_err, stdout_write
from refcheck.cli.options import pipeline_option


@click.command("import")
@click.argument("paths", nargs=-1, required=True, metavar="DOC...")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the entries to this file (default: standard output).")
@click.option("--taken", "taken_bib", multiple=True, metavar="LIBRARY.bib", help="Keys already used here are not generated again.")
@pipeline_option
def command(paths, output, taken_bib, blank_pipeline):
    """Turn the references of DOC... (reference list, then footnotes) into BibTeX entries with generated keys."""
    from refcheck.ingest import SUFFIXES
    from refcheck.library.atomic import refuse_overwriting_inputs

    # before any work (and before spaCy loads)
    refuse_overwriting_inputs([("--output", output)], list(paths) + list(taken_bib), folder_suffixes=SUFFIXES + (".bib",))

    from refcheck.errors import InputError
    from refcheck.extract import extract
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import iter_documents
    from refcheck.library.atomic import write_atomic
    from refcheck.library.from_references import references_to_entries
    from refcheck.library.load import load_library
    from refcheck.library.write import write_items
    taken = [e.key for e in load_library(list(taken_bib)).entries] if taken_bib else []
    nlp = load_pipeline(blank=blank_pipeline)
    references = []
    documents = 0
    for item in iter_documents(list(paths)):
        if isinstance(item, InputError):
            raise item
        documents += 1
        ex = extract(item, nlp)
        references += [li.reference for li in ex.reference_list]
        references += [r for note in ex.footnotes for r in note.references]
    entries = references_to_entries(references, taken)
    text = write_items(entries)
    if output:
        write_atomic(output, text)
    else:
        stdout_write(text)
    echo_err(f"refcheck: {len(entries)} entries from {len(references)} references in {documents} document(s)")
