#!/usr/bin/env python3
"""Check the CPT knowledge-base files and the tuning corpora against docs/knowledge-base.md.

Usage:
    scripts/check-kb.py [REPO_ROOT]

Checks, for every Sources/Coding/Resources/cpt/cpt-AAAAA-BBBBB.json:
  - the file parses, has format "caseconsultant-cpt/1", a section and a list of entries;
  - entry keys are known and in the documented order; required keys are present;
  - codes are five digits, inside the file's range, and not duplicated across files;
  - action / approach / laterality / fact values use the documented vocabulary;
  - match groups are lists of non-empty lowercase phrases (a `*` only at the end of a word);
  - related codes look like CPT codes (five digits, or four digits + letter for Category III);
  - `includes` items (and a file's top-level `includes` object) name a code or an action, never both,
    with an optional anatomy tag (only with an action), a reason, and keys in the documented order;
    an included code is in the knowledge base, a kind matches some code, no two codes include each other;
  - globalDays is 0, 10 or 90 and absent on add-on codes.
And for every Tests/CodingTests/Corpus/tuning-*.jsonl (never heldout.jsonl, which we must not read):
  - every line parses, ids are unique, `expect`/`also` codes exist in the knowledge base;
  - for a section's own tuning file, every code of the section is expected first in some case.
If the PyPI package simple-icd-10-cm is importable, ICD-10-CM codes in `diagnoses` must be
billable and `typicalDiagnoses` prefixes must exist.

Exit status 0 when everything passes, 1 otherwise (problems are printed one per line).
"""
import glob
import json
import os
import re
import sys

ORDER = ["code", "descriptor", "summary", "anatomy", "action", "approach", "facts", "match",
         "laterality", "addOn", "unlisted", "related", "includes", "typicalDiagnoses", "globalDays", "notes"]
REQUIRED = ["code", "descriptor", "summary", "anatomy", "action", "approach", "match", "laterality"]
ACTIONS = set("""incision drainage decompression excision biopsy tumor-excision radical-resection
debridement introduction-injection removal-foreign-body removal-implant repair reconstruction tenotomy
tendon-lengthening tendon-transfer osteotomy arthroplasty arthrodesis arthrotomy synovectomy
fracture-treatment dislocation-treatment manipulation amputation disarticulation epiphyseal-arrest
graft fasciotomy capsulotomy neurectomy other unlisted""".split())
APPROACHES = {"open", "closed", "percutaneous", "arthroscopic", "endoscopic", "any"}
LATERALITY = {"side", "bilateral-50", "inherent-bilateral", "none"}
FIXATION = {"internal", "external", "intramedullary", "plate-screws", "percutaneous", "none"}
COMPONENTS = {"one", "both"}
INCLUDE_ORDER = ["code", "action", "anatomy", "reason", "anyIncision"]

problems = []


def bad(where, msg):
    problems.append(f"{where}: {msg}")


def check_phrase(where, p):
    if not isinstance(p, str) or not p.strip():
        bad(where, f"empty or non-string phrase {p!r}")
        return
    if p != p.lower():
        bad(where, f"phrase not lowercase: {p!r}")
    if re.search(r"\*\S", p) or p.startswith("*"):
        bad(where, f"'*' only allowed at the end of a word: {p!r}")
    if re.search(r"[^\w *]", p):
        bad(where, f"phrase has punctuation the normaliser turns into spaces: {p!r}")


def check_keys(where, obj, order):
    """Every key known, and the known ones in the documented order."""
    for k in obj:
        if k not in order:
            bad(where, f"unknown key {k}")
    known = [k for k in obj if k in order]
    if known != sorted(known, key=order.index):
        bad(where, "keys not in documented order")


def check_entry(where, e, lo, hi):
    check_keys(where, e, ORDER)
    for k in REQUIRED:
        if k not in e:
            bad(where, f"missing {k}")
    for k, v in e.items():
        if v is None:
            bad(where, f"{k} is null (omit it instead)")
    code = e.get("code", "")
    if not re.fullmatch(r"\d{5}", str(code)):
        bad(where, f"code {code!r} is not five digits")
    elif lo is not None and not (lo <= int(code) <= hi):
        bad(where, f"code {code} outside file range {lo}-{hi}")
    if e.get("action") not in ACTIONS:
        bad(where, f"action {e.get('action')!r} not in vocabulary")
    if e.get("approach") not in APPROACHES:
        bad(where, f"approach {e.get('approach')!r} not in vocabulary")
    if e.get("laterality") not in LATERALITY:
        bad(where, f"laterality {e.get('laterality')!r} not in vocabulary")
    if not isinstance(e.get("anatomy"), list) or not e.get("anatomy"):
        bad(where, "anatomy must be a non-empty list")
    else:
        for a in e["anatomy"]:
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a):
                bad(where, f"anatomy tag {a!r} not lowercase-hyphenated")
    facts = e.get("facts", {})
    if not isinstance(facts, dict):
        bad(where, "facts must be an object")
        facts = {}
    for k, v in facts.items():
        if k == "fixation":
            if v not in FIXATION:
                bad(where, f"fixation {v!r} not in vocabulary")
        elif k == "components":
            if v not in COMPONENTS:
                bad(where, f"components {v!r} not in vocabulary")
        elif k == "compartments":
            if not isinstance(v, (int, list)):
                bad(where, "compartments must be a number or a list")
        elif k == "ageLimit":
            if not isinstance(v, str):
                bad(where, "ageLimit must be a string")
        elif not isinstance(v, bool):
            bad(where, f"fact {k} should be boolean, got {v!r}")
        if not re.fullmatch(r"[a-z][A-Za-z0-9]*", k):
            bad(where, f"fact key {k!r} not lowerCamelCase")
    m = e.get("match", {})
    if not isinstance(m, dict):
        bad(where, "match must be an object")
        m = {}
    for k in m:
        if k not in ("all", "any", "none"):
            bad(where, f"unknown match key {k}")
    if not m.get("all") and not m.get("any"):
        bad(where, "match has neither all nor any")
    for k in ("all", "any"):
        for g in m.get(k, []):
            if not isinstance(g, list) or not g:
                bad(where, f"match.{k} group must be a non-empty list")
                continue
            for p in g:
                check_phrase(f"{where} match.{k}", p)
    for p in m.get("none", []):
        check_phrase(f"{where} match.none", p)
    for r in e.get("related", []):
        rc = r.get("code", "")
        if not re.fullmatch(r"\d{5}|\d{4}[A-Z]", rc):
            bad(where, f"related code {rc!r} is not a CPT code")
        if rc == code:
            bad(where, "related to itself")
        if not r.get("preferWhen"):
            bad(where, f"related {rc} has no preferWhen")
    for i, item in enumerate(e.get("includes", []), 1):
        check_included_step(f"{where} includes item {i}", item, code)
    if e.get("addOn"):
        if "globalDays" in e:
            bad(where, "add-on code must omit globalDays")
    elif "globalDays" in e and e["globalDays"] not in (0, 10, 90):
        bad(where, f"globalDays {e['globalDays']!r} not 0/10/90")
    for k in ("addOn", "unlisted"):
        if k in e and not isinstance(e[k], bool):
            bad(where, f"{k} must be a bool")


def check_included_step(where, item, code):
    """One `includes` item, as KnowledgeBase.validate(_:of:number:file:) checks it at load time."""
    if not isinstance(item, dict):
        bad(where, "must be an object")
        return
    check_keys(where, item, INCLUDE_ORDER)
    has_code, has_action = "code" in item, "action" in item
    if has_code == has_action:
        bad(where, "names exactly one of code and action")
    if has_code:
        if not re.fullmatch(r"\d{4}[0-9A-Z]", str(item["code"])):
            bad(where, f"code {item['code']!r} is not a CPT code")
        if item["code"] == code:
            bad(where, "lists the code itself")
        if "anatomy" in item:
            bad(where, "anatomy goes with an action, not with a code")
    if has_action and item["action"] not in ACTIONS:
        bad(where, f"action {item['action']!r} not in vocabulary")
    if "anatomy" in item and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(item["anatomy"])):
        bad(where, f"anatomy tag {item['anatomy']!r} not lowercase-hyphenated")
    if not isinstance(item.get("reason"), str) or not item["reason"].strip():
        bad(where, "reason is empty (say why the step is part of the code)")
    if "anyIncision" in item and not isinstance(item["anyIncision"], bool):
        bad(where, "anyIncision must be a bool")


def covers(item, entry):
    if "code" in item:
        return entry.get("code") == item["code"]
    return entry.get("action") == item.get("action") and (
        "anatomy" not in item or item["anatomy"] in entry.get("anatomy", []))


def check_includes_across(entries, sources):
    """Included codes exist, kinds match a code, and no two codes include each other."""
    for c, e in entries.items():
        where = f"{sources[c]} {c}"
        for item in e.get("includes", []):
            if not isinstance(item, dict):
                continue
            if "code" in item:
                other = entries.get(item["code"])
                if other is None:
                    if str(item["code"]).startswith("27"):
                        bad(where, f"included code {item['code']} is not in the knowledge base")
                elif any(covers(back, e) for back in other.get("includes", []) if isinstance(back, dict)):
                    bad(where, f"includes {item['code']}, which includes {c}")
            elif not any(o is not e and covers(item, o) for o in entries.values()):
                bad(where, f"included kind {item.get('action')} {item.get('anatomy', '')} matches no code")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    icd = None
    try:
        import simple_icd_10_cm as icd  # optional
    except ImportError:
        pass
    codes = {}          # code -> file
    entries = {}        # code -> entry (for the cross-entry `includes` checks)
    extra_includes = [] # (file, code, items) from a file's top-level `includes` object
    ranges = {}         # file stem range -> set of codes
    for path in sorted(glob.glob(os.path.join(root, "Sources/Coding/Resources/cpt/*.json"))):
        name = os.path.basename(path)
        mm = re.fullmatch(r"cpt-(\d{5})-(\d{5})\.json", name)
        lo, hi = (int(mm.group(1)), int(mm.group(2))) if mm else (None, None)
        try:
            doc = json.load(open(path, encoding="utf-8"))
        except Exception as ex:  # noqa: BLE001
            bad(name, f"does not parse: {ex}")
            continue
        if doc.get("format") != "caseconsultant-cpt/1":
            bad(name, "format is not caseconsultant-cpt/1")
        if not doc.get("section"):
            bad(name, "missing section")
        own = set()
        for c, items in (doc.get("includes") or {}).items():
            for i, item in enumerate(items, 1):
                check_included_step(f"{name} includes.{c} item {i}", item, c)
            extra_includes.append((name, c, items))
        for i, e in enumerate(doc.get("entries", [])):
            where = f"{name} #{i} {e.get('code', '?')}"
            check_entry(where, e, lo, hi)
            c = e.get("code")
            if c in codes:
                bad(where, f"duplicate code (also in {codes[c]})")
            codes[c] = name
            entries[c] = e
            own.add(c)
            if icd:
                for p in e.get("typicalDiagnoses", []):
                    ok = icd.is_valid_item(p) or (
                        icd.is_valid_item(p[:3]) and any(x.startswith(p) for x in icd.get_descendants(p[:3])))
                    if not ok:
                        bad(where, f"typicalDiagnoses prefix {p!r} not found in ICD-10-CM")
        if mm:
            ranges[(mm.group(1), mm.group(2))] = own
    for name, c, items in extra_includes:
        if c not in entries:
            bad(name, f"includes names code {c}, which no knowledge-base file defines")
        else:
            entries[c] = dict(entries[c], includes=entries[c].get("includes", []) + items)
    check_includes_across(entries, codes)

    for path in sorted(glob.glob(os.path.join(root, "Tests/CodingTests/Corpus/tuning-*.jsonl"))):
        name = os.path.basename(path)
        ids = set()
        first = set()
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            where = f"{name}:{n}"
            try:
                case = json.loads(line)
            except Exception as ex:  # noqa: BLE001
                bad(where, f"does not parse: {ex}")
                continue
            for k in ("id", "text", "expect"):
                if k not in case:
                    bad(where, f"missing {k}")
            if case.get("id") in ids:
                bad(where, f"duplicate id {case.get('id')}")
            ids.add(case.get("id"))
            for k in ("expect", "also"):
                for c in case.get(k, []):
                    if c not in codes:
                        bad(where, f"{k} code {c} not in any knowledge-base file")
            first.update(case.get("expect", []))
            if "out-of-range" in case.get("tags", []) and case.get("expect"):
                bad(where, "out-of-range case must expect []")
            if icd:
                for d in case.get("diagnoses", []):
                    if not (icd.is_valid_item(d) and icd.is_leaf(d)):
                        bad(where, f"diagnosis {d} is not a billable ICD-10-CM code")
        mm = re.fullmatch(r"tuning-(\d{5})-(\d{5})\.jsonl", name)
        if mm and (mm.group(1), mm.group(2)) in ranges:
            missing = sorted(ranges[(mm.group(1), mm.group(2))] - first)
            if missing:
                bad(name, f"codes never expected first: {' '.join(missing)}")

    for p in problems:
        print(p)
    print(f"{len(codes)} codes, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
