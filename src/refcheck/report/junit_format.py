"""JUnit XML (`--format junit`): a test suite per file, a test case per rule; findings are failures."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping

from refcheck.model import Finding, Severity
from refcheck.report.base import Reporter
from refcheck.report.text_format import location
from refcheck.safetext import xml_safe as _clean  # every attribute and text: file names hold controls too


def _line(f: Finding) -> str:
    text = f"{location(f)}: {Severity(f.severity).value} {f.code} {f.rule}: {' '.join(f.message.split())}"
    if f.suggestion:
        text += f"\n    suggestion: {' '.join(f.suggestion.split())}"
    return text


class JunitReporter(Reporter):
    """CI test views show a red case per rule that found errors or warnings; info findings pass, in system-out.

    Every rule that ran is a test case of every document (of every library file
    with findings for library rules), so a clean rule shows as a passed test.
    """

    name = "junit"

    def write(self, summary: Mapping[str, int]) -> None:
        by_path: dict[str, dict[str, list[Finding]]] = {}
        names: dict[str, str] = {}
        for f in self.sorted_findings():
            by_path.setdefault(f.path, {}).setdefault(f.code, []).append(f)
            names[f.code] = f.rule
        documents = [d.path for d in self.documents]
        paths = list(dict.fromkeys(documents)) + sorted(set(by_path) - set(documents))
        root = ET.Element("testsuites", name="refcheck")
        totals = [0, 0]
        for path in paths:
            scope = "document" if path in documents else "library"
            codes = {code for code, meta in self.rules.items() if meta.scope == scope} | set(by_path.get(path, {}))
            suite = ET.SubElement(root, "testsuite", name=_clean(path))
            tests = failures = 0
            for code in sorted(codes):
                name = self.rules[code].name if code in self.rules else names[code]
                case = ET.SubElement(suite, "testcase", classname=_clean(path), name=_clean(f"{code} {name}"), file=_clean(path))
                found = by_path.get(path, {}).get(code, [])
                tests += 1
                failing = [f for f in found if Severity(f.severity) is not Severity.INFO]
                if failing:
                    failures += 1
                    worst = max(failing, key=lambda f: Severity(f.severity).rank)
                    n = len(found)
                    message = f"{n} finding{'s' if n != 1 else ''}: {' '.join(found[0].message.split())}"
                    kind = Severity(worst.severity).value
                    failure = ET.SubElement(case, "failure", type=kind, message=_clean(message))
                    failure.text = _clean("\n".join(_line(f) for f in found))
                elif found:
                    ET.SubElement(case, "system-out").text = _clean("\n".join(_line(f) for f in found))
            suite.set("tests", str(tests))
            suite.set("failures", str(failures))
            suite.set("errors", "0")
            suite.set("skipped", "0")
            totals[0] += tests
            totals[1] += failures
        root.set("tests", str(totals[0]))
        root.set("failures", str(totals[1]))
        root.set("errors", "0")
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
