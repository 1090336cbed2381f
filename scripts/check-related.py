#!/usr/bin/env python3
"""List the one-way `related` links between neighbouring CPT entries.

Usage:
    scripts/check-related.py [REPO_ROOT] [--all] [--strict]

A `related` link names a code to consider instead of this one. Between neighbours (the same
action on the same anatomy, the engine's own neighbour rule: one entry's first anatomy tag is
among the other's tags) it should go both ways: 27882 naming 27884 and 27884 not naming 27882
means a report that chooses 27884 never lists the guillotine amputation as its alternative nor
asks about it. A family told as a chain passes: the other code names a sibling of this one that
names it back (27759 names 27752, which names 27750). Links worded as companions ("report both", "report in addition", "report
separately") and links to codes outside the knowledge base are left out. With --all, every
one-way link is listed, neighbours or not.

Some one-way links are meant: a generic code pointing to a specific one of another family (the
closed acetabular codes to the open ones, a single malleolus to the bimalleolar code, a thigh
fasciotomy to the leg's); so this lists, one line per link, for a person to judge. Exit status 0,
or with --strict 1 when any neighbour link is one-way.
"""
import glob
import json
import os
import sys

COMPANION = ("report both", "report in addition", "report separately", "in addition)", "reported together")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    entries = {}
    for path in sorted(glob.glob(os.path.join(root, "Sources/Coding/Resources/cpt/cpt-*.json"))):
        for entry in json.load(open(path, encoding="utf-8"))["entries"]:
            entries[entry["code"]] = entry
    problems = 0
    for code, entry in sorted(entries.items()):
        for link in entry.get("related", []):
            other = entries.get(link["code"])
            if other is None or any(w in link["preferWhen"].lower() for w in COMPANION):
                continue
            back = [b["code"] for b in other.get("related", [])]
            if code in back:
                continue
            # A family told as a chain is fine: the other code names a closer sibling of this one
            # that names it back (27759 names 27752, which names 27750: "closed, not reduced").
            if any(code in [c["code"] for c in entries[b].get("related", [])]
                   for b in back if b in entries and entries[b]["action"] == entry["action"]):
                continue
            neighbours = entry["action"] == other["action"] and (
                entry["anatomy"][0] in other["anatomy"] or other["anatomy"][0] in entry["anatomy"])
            if neighbours or "--all" in sys.argv:
                problems += neighbours
                print(f"{code} -> {link['code']} one-way{' (neighbours)' if neighbours else ''}: "
                      f"{link['code']} does not name {code} ({link['preferWhen']})")
    print(f"{problems} one-way links between neighbours", file=sys.stderr)
    return 1 if problems and "--strict" in sys.argv else 0


if __name__ == "__main__":
    sys.exit(main())
