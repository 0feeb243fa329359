"""Do the cited works exist? References looked up in metadata sources (Crossref, OpenAlex, DBLP, a local snapshot).

`sources/` holds one plug-in per source behind one interface (`Source.search`);
`http` is the polite HTTP client (retries, back-off, rate limits) over the
response cache of `cache`; `snapshot/` builds and reads the local SQLite
snapshot; `match` hands a reference and the records found to the library's
matcher; `decide` turns the best record into a verdict with the fitted
thresholds of `params.json`; `verifier` asks the sources in order; `subjects`
says what is verified (library entries, a document's references).
Nothing here is imported, and nothing is contacted, unless `refcheck verify`
or `refcheck audit --verify` runs.
"""
