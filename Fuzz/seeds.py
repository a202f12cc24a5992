#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz harness into a folder (scripts/fuzz.sh calls it): the repository's own
files of that format and the inputs written inline in the tests. Nothing here is committed as a corpus."""
import glob, json, os, re, sys

name, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
count = 0

def put(data):
    global count
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(out, f"seed-{count:04d}"), "wb") as f:
        f.write(data)
    count += 1

def literals(path):
    """Swift multi-line string literals without interpolation, with the closing delimiter's indentation removed."""
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r'"""\n(.*?)\n([ \t]*)"""', text, re.S):
        body, indent = m.group(1), m.group(2)
        if "\\(" in body:
            continue
        lines = [l[len(indent):] if l.startswith(indent) else l.lstrip() for l in body.split("\n")]
        yield "\n".join(lines).replace("\\\\", "\\") + "\n"

def quoted(path, call):
    """One-line string literals passed to `call(` in a test, unescaped."""
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(re.escape(call) + r'\("((?:[^"\\]|\\.)*)"', text):
        s = m.group(1)
        if "\\(" in s:
            continue
        yield s.encode().decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")

def is_json(s):
    try:
        return json.loads(s)
    except ValueError:
        return None

tests = sorted(glob.glob("Tests/**/*.swift", recursive=True))
if name == "score":
    # The sample data file cut down to a few agencies and two years (the whole 340 KB file runs at about
    # 20 executions a second; these at hundreds), in two layouts.
    for f in glob.glob("assets/data/*.json"):
        d = json.load(open(f, encoding="utf-8"))
        for keep, years in ((3, {2019, 2020}), (2, {2020})):
            ids = {a["id"] for a in d.get("agencies", [])[:keep]}
            small = dict(d)
            small["agencies"] = [a for a in d.get("agencies", []) if a["id"] in ids]
            small["scores"] = [s for s in d.get("scores", []) if s.get("agency") in ids and s.get("year") in years]
            small["published"] = [s for s in d.get("published", []) if s.get("agency") in ids and s.get("year") in years]
            put(json.dumps(small, ensure_ascii=False, indent=1 if keep == 3 else None))
    for t in tests:
        for s in literals(t):
            j = is_json(s)
            if isinstance(j, dict) and j.get("model") == "par-score/1":
                put(s)
elif name == "spec":
    for f in sorted(glob.glob("reports/*.json")):
        put(open(f, "rb").read())
    for t in tests:
        for s in literals(t):
            j = is_json(s)
            if isinstance(j, dict) and ("pages" in j or "blocks" in j or "outputs" in j):
                put(s)
elif name == "theme":
    for f in sorted(glob.glob("assets/themes/*.json")):
        put(open(f, "rb").read())
    for s in literals("Tests/ReportsTests/ThemeLoaderTests.swift"):
        if isinstance(is_json(s), dict):
            put(s)
elif name == "csv":
    t = "Tests/ScoreModelTests/CSVImportTests.swift"
    for s in quoted(t, "run"):
        put(s)
    for s in literals(t):
        if is_json(s) is None:
            put(s)
    for f in sorted(glob.glob("Fuzz/seeds/csv/*")):
        put(open(f, "rb").read())
else:
    sys.exit(f"unknown harness {name}")
print(f"{count} seeds for {name} in {out}")
