"""The JSON form of an `Extraction` (documented in the README under `refcheck extract`)."""

from __future__ import annotations

from refcheck.model import Citation, Claim, Extraction, Location

SCHEMA = "refcheck-extract/1"


def location_json(loc: Location) -> dict:
    out = {"line": loc.line, "column": loc.column}
    if loc.page is not None:
        out["page"] = loc.page
    if loc.path:
        out["path"] = loc.path
    return out


def claim_json(claim: Claim | None) -> dict | None:
    if claim is None:
        return None
    return {"text": claim.text, **location_json(claim.location), "paragraph": claim.paragraph}


def citation_json(c: Citation) -> dict:
    out = {
        "kind": c.kind.value,
        "citation": c.label,
        **location_json(c.location),
        "key": c.key,
        "number": c.number,
        "locator": c.locator,
        "narrative": c.narrative,
        "mention": None
        if c.mention is None
        else {"names": list(c.mention.names), "et_al": c.mention.et_al, "year": c.mention.year},
        "references": [r.to_json() for r in c.references],
        "claim": claim_json(c.claim),
    }
    return out


def extraction_json(ex: Extraction, *, with_body: bool = True, with_claims: bool = False) -> dict:
    out = {
        "path": ex.path,
        "footnotes": [
            {
                "label": f.label,
                "text": f.text,
                **location_json(f.location),
                "ibid_of": f.ibid_of,
                "references": [r.to_json() for r in f.references],
            }
            for f in ex.footnotes
        ],
        "citations": [citation_json(c) for c in ex.citations],
        "markers_without_text": [c.label for c in ex.markers_without_text],
        "reference_list": [
            {"label": i.label, **location_json(i.location), "reference": i.reference.to_json()} for i in ex.reference_list
        ],
        "claims": len(ex.claims),
    }
    if with_claims:
        out["sentences"] = [claim_json(c) for c in ex.claims]
    if with_body:
        out["body"] = ex.body
    return out
