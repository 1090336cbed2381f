#!/usr/bin/env python3
"""Convert the public-domain ICD-10-CM tabular XML into the compact resource the Coding module loads.

The source is the April 2026 tabular list carried by the PyPI package simple-icd-10-cm 1.5.0
(`pip download --no-deps simple-icd-10-cm==1.5.0`, then unzip the wheel). It is run once by a
person; the build and the tests only read the committed output, never the network.

Usage:
    scripts/convert-icd10cm.py DATA/icd10c-tabular-April-1-2026.xml DATA/code-list-April-2026.txt \
        Sources/Coding/Resources/icd10cm
    (DATA = simple_icd_10_cm/data inside the unzipped wheel)

Output (UTF-8, tab-separated, one record a line, no quoting: tabs and newlines never occur in
the source text, the script checks):

  icd10cm.tsv  — every category, subcategory and code of the tabular list, in tabular order:
      code <TAB> kind <TAB> description <TAB> inclusion terms <TAB> excludes1 <TAB> excludes2
    kind: "B" billable as is; "7" billable only with a 7th character (see icd10cm-7th.tsv);
          "7" followed by letters: only those 7th characters are valid (special rules of the tabular);
          "H" a header (category or subcategory that has children, not billable).
    List fields join their items with " | ".
  icd10cm-7th.tsv — the 7th-character definitions: code where the definition is written
      <TAB> character <TAB> meaning. A code takes the definition of its nearest ancestor
      (by code prefix) that has one. A code shorter than six characters is padded with "X"
      before the 7th character (T-codes, S-codes such as S32.9XXA).

The first line of each file is a comment starting with "#" naming the source and the counts.
"""
import sys
import os
import xml.etree.ElementTree as ET

# Counted two independent ways from this release: leaves of the tabular with 7th characters expanded
# (filtered by the code list) and leaves of the code list itself. (The design brief's 74,736 does
# not match this file; 74,719 is also CMS's published FY2026 total.)
EXPECTED_BILLABLE = 74719


def notes(element, tag):
    block = element.find(tag)
    if block is None:
        return []
    return [" ".join((n.text or "").split()) for n in block.findall("note") if (n.text or "").strip()]


def clean(text):
    text = " ".join((text or "").split())
    assert "\t" not in text and "\n" not in text
    return text


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    source, code_list, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    # The code list of the same release names every valid code, with 7th characters expanded;
    # it removes the few 7th-character combinations the tabular excludes by special rules.
    with open(code_list, encoding="utf-8") as f:
        confirmed = {line.strip().replace(".", "") for line in f}
    root = ET.parse(source).getroot()
    version = clean(root.findtext("version"))

    rows = []          # (code, kind, desc, incl, exc1, exc2)
    seventh = []       # (code, char, meaning)
    billable = 0

    def walk(diag, inherited_7th):
        nonlocal billable
        code = clean(diag.findtext("name"))
        desc = clean(diag.findtext("desc"))
        own = diag.find("sevenChrDef")
        defs = inherited_7th
        if own is not None:
            defs = [(e.get("char"), clean(e.text)) for e in own.findall("extension")]
            for char, meaning in defs:
                seventh.append((code, char, meaning))
        children = diag.findall("diag")
        if children:
            kind = "H"
        elif defs:
            padded = code if "." in code else code + "."
            padded = padded.ljust(7, "X")
            allowed = [char for char, _ in defs if padded.replace(".", "") + char in confirmed]
            if not allowed:
                sys.exit(f"{code}: no 7th character of its definition is a valid code")
            # "7" = every character of the definition; "7ADS" = only these (special rules).
            kind = "7" if len(allowed) == len(defs) else "7" + "".join(allowed)
            billable += len(allowed)
        else:
            kind = "B"
            billable += 1
        incl = notes(diag, "inclusionTerm")
        rows.append((code, kind, desc, " | ".join(incl),
                     " | ".join(notes(diag, "excludes1")), " | ".join(notes(diag, "excludes2"))))
        for child in children:
            walk(child, defs)

    for chapter in root.findall("chapter"):
        for section in chapter.findall("section"):
            for diag in section.findall("diag"):
                walk(diag, [])

    if billable != EXPECTED_BILLABLE:
        sys.exit(f"expected {EXPECTED_BILLABLE} billable codes, counted {billable}: is this the April 2026 file?")

    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "icd10cm.tsv"), "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# ICD-10-CM {version} tabular (April 1 2026, public domain, CDC/CMS) via simple-icd-10-cm 1.5.0; "
                  f"{len(rows)} rows, {billable} billable codes; columns: code kind description inclusion excludes1 excludes2\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    with open(os.path.join(out_dir, "icd10cm-7th.tsv"), "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# ICD-10-CM {version} 7th-character definitions; columns: defined-at character meaning\n")
        for row in seventh:
            out.write("\t".join(row) + "\n")
    print(f"{len(rows)} rows, {billable} billable codes, {len(seventh)} 7th-character definitions")


if __name__ == "__main__":
    main()
