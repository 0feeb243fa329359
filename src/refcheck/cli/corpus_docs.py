"""`refcheck corpus list | show | remove | stats`: what the store holds."""

from __future__ import annotations

import datetime

import click

from refcheck.cli.corpus_common import emit_json, format_option, open_store, store_options, styled


@click.command("list")
@store_options
@format_option
def list_command(config_file, db, fmt):
    """List the stored documents with their counts."""
    with open_store(config_file, db) as store:
        docs = store.documents()
        if fmt == "json":
            emit_json({"documents": [{**d.to_json(), "path": store.shown(d.path)} for d in docs]})
            return
        if not docs:
            click.echo("the corpus is empty: `refcheck corpus add PATH...`")
            return
        click.echo(f"{'id':>4}  {'format':<8} {'notes':>5} {'cites':>5} {'claims':>6}  path — title")
        for d in docs:
            title = f" — {d.title}" if d.title else ""
            click.echo(f"{d.id:>4}  {d.format:<8} {d.footnotes:>5} {d.citations:>5} {d.claims:>6}  "
                       f"{store.shown(d.path)}{title[:80]}")


@click.command("show")
@click.argument("doc", metavar="DOC")
@store_options
@format_option
@click.option("--sentences", is_flag=True, help="Also list every sentence (claim) of the document.")
def show_command(doc, config_file, db, fmt, sentences):
    """Show one stored document (id, path or file name): its citations with their claims, notes and links."""
    from refcheck.corpus import links
    from refcheck.corpus.stored import extraction
    from refcheck.extract.serialize import citation_json, claim_json

    with open_store(config_file, db) as store:
        d = store.find(doc)
        ex = extraction(store, d)
        linked = [k for k in links.stored(store) if k.doc == d.id]
        if fmt == "json":
            out = {**d.to_json(), "path": store.shown(d.path),
                   "footnotes": [{"label": n.label, "line": n.location.line, "text": n.text} for n in ex.footnotes],
                   "citations": [citation_json(c) for c in ex.citations],
                   "links": [k.to_json() for k in linked], "claims": len(ex.claims)}
            if sentences:
                out["sentences"] = [claim_json(c) for c in ex.claims]
            emit_json({"document": out})
            return
        echo = click.echo
        echo(styled(store.shown(d.path), bold=True) + (f" — {d.title}" if d.title else ""))
        added = datetime.datetime.fromtimestamp(d.added).strftime("%Y-%m-%d %H:%M")
        echo(f"  id {d.id}, {d.format}, {d.size:,} bytes, added {added}, sha256 {d.hash[:12]}…")
        echo(f"  {d.pages} page(s), {d.footnotes} footnotes, {d.citations} citations, {d.claims} claims, "
             f"{d.refs} parsed references")
        for k in linked:
            echo(f"  linked to {styled(k.entry, bold=True)} by {k.method}: {'; '.join(k.evidence)}")
        if ex.citations:
            echo("\n  Citations")
            for c in ex.citations:
                echo(f"    [{c.kind.value}] {c.label}  line {c.location.line}:{c.location.column}"
                     + (f" p.{c.location.page}" if c.location.page else ""))
                if c.claim:
                    echo(f"        claim: {c.claim.text}")
        if ex.footnotes:
            echo("\n  Footnotes")
            for n in ex.footnotes:
                echo(f"    {n.label:>3}  line {n.location.line}: {n.text}")
        if sentences:
            echo("\n  Sentences")
            for c in ex.claims:
                echo(f"    line {c.location.line}: {c.text}")


@click.command("remove")
@click.argument("docs", nargs=-1, required=True, metavar="DOC...")
@store_options
@format_option
def remove_command(docs, config_file, db, fmt):
    """Remove documents from the store (the files are not touched); their links go with them."""
    with open_store(config_file, db) as store:
        found = [store.find(d) for d in docs]  # every name checked before anything is removed
        for d in found:
            store.remove(d.id)
        if fmt == "json":
            emit_json({"removed": [store.shown(d.path) for d in found]})
        else:
            for d in found:
                click.echo(f"removed {store.shown(d.path)}")


@click.command("stats")
@store_options
@format_option
def stats_command(config_file, db, fmt):
    """Count what the store holds: documents, pages, footnotes, citations, claims, references, links."""
    with open_store(config_file, db) as store:
        s = store.stats()
        if fmt == "json":
            emit_json({"stats": s})
            return
        click.echo(f"store      {s['store']} ({s['store_bytes'] / 1e6:.1f} MB, schema {s['schema']})")
        for name in ("documents", "pages", "footnotes", "citations", "claims", "references"):
            click.echo(f"{name:<10} {s[name]:,}")
        if s["formats"]:
            click.echo("formats    " + ", ".join(f"{k} {v:,}" for k, v in s["formats"].items()))
        links = ", ".join(f"{k} {v}" for k, v in s["links"].items()) or "none (`refcheck corpus link`)"
        click.echo(f"links      {links}; {s['linked_entries']} entries linked")
