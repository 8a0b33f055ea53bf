#!/usr/bin/env python3
"""What an analyst would write instead of survey-intake: the benchmark's reference point.

    python3 scripts/lxml_intake.py --schemas schemas --out challenges.csv FOLDER…

Validates every *.xml below the folders against its format's XSD (chosen by the root element's
namespace) with lxml, and writes the challenges of the valid files to one CSV file. One process,
one thread, schemas compiled once, no network, no DTDs: a fair, careful script, not a strawman.
Needs lxml (pip install lxml).
"""

import argparse
import csv
import os
import sys

from lxml import etree

NS1 = "urn:signaturprojekter:statusrapport:1"
NS2 = "urn:signaturprojekter:statusreport:2"


def files_below(folders):
    for folder in folders:
        found = []
        for root, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [os.path.join(root, n) for n in names if n.lower().endswith(".xml") and not n.startswith(".")]
        yield from sorted(found)


def text(element, path, ns):
    found = element.find(path, ns)
    return None if found is None else (found.text or "")


def challenges(root):
    """(project, round, position, category, severity, resolved, description, mitigation) per challenge."""
    if root.tag == f"{{{NS1}}}Statusrapport":
        ns = {"s": NS1}
        project, round_ = text(root, "s:Projekt/s:ProjektID", ns), text(root, "s:Rapportaar", ns)
        for position, item in enumerate(root.iterfind("s:Udfordringer/s:Udfordring", ns), 1):
            yield (project, round_, position, text(item, "s:Kategori", ns), text(item, "s:Alvorlighed", ns),
                   text(item, "s:Loest", ns), text(item, "s:Beskrivelse", ns), text(item, "s:Tiltag", ns))
    else:
        ns = {"s": NS2}
        project_element = root.find("s:Project", ns)
        project = None if project_element is None else project_element.get("id")
        round_ = text(root, "s:Round", ns)
        for position, item in enumerate(root.iterfind("s:Challenges/s:Challenge", ns), 1):
            yield (project, round_, position, item.get("category") or text(item, "s:OtherCategory", ns),
                   item.get("severity"), item.get("resolved"), text(item, "s:Description", ns),
                   text(item, "s:Mitigation", ns))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schemas", default="schemas")
    parser.add_argument("--out", required=True)
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    schemas = {
        NS1: etree.XMLSchema(etree.parse(os.path.join(args.schemas, "statusrapport-1", "statusrapport-1.xsd"))),
        NS2: etree.XMLSchema(etree.parse(os.path.join(args.schemas, "statusreport-2", "statusreport-2.xsd"))),
    }
    xml_parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    valid = invalid = 0
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["source_file", "project_id", "round", "position", "category", "severity", "resolved",
                      "description", "mitigation"])
        for path in files_below(args.folders):
            try:
                tree = etree.parse(path, xml_parser)
            except (etree.XMLSyntaxError, OSError) as error:  # OSError: bad bytes for the declared encoding
                print(f"{path}: {error}", file=sys.stderr)
                invalid += 1
                continue
            root = tree.getroot()
            schema = schemas.get(etree.QName(root).namespace)
            if schema is None or tree.docinfo.doctype or not schema.validate(tree):
                message = "unknown questionnaire" if schema is None else "DOCTYPE" if tree.docinfo.doctype \
                    else schema.error_log.last_error
                print(f"{path}: {message}", file=sys.stderr)
                invalid += 1
                continue
            valid += 1
            for row in challenges(root):
                out.writerow((path,) + row)
    print(f"{valid + invalid} files: {valid} valid, {invalid} invalid", file=sys.stderr)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
