#!/usr/bin/env python3
"""Recomputes, from the JSON alone, every fact of the worked example in
../shared/score-model.md and checks the file against the par-score/1 rules.

Independent of the generator: criteria are found by their Vietnamese names, not by
the generator's ids, and all arithmetic uses decimal.Decimal (rounding half away
from zero). Exit status 0 when every fact holds, 1 otherwise (every failure listed).

Run: python3 tools/verify-worked-example.py [assets/data/par-2015-2020.json]
"""
import json
import sys
import unicodedata
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

path = Path(sys.argv[1]) if len(sys.argv) > 1 else \
    Path(__file__).resolve().parent.parent / "assets" / "data" / "par-2015-2020.json"
doc = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)

failures = []
def check(cond, what):
    if not cond:
        failures.append(what)
    return cond

def r2(x):  # half away from zero (all values here are >= 0, where HALF_UP is that)
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

nfc = lambda s: unicodedata.normalize("NFC", s)

# ------------------------------------------------------------------ structure
check(doc.get("model") == "par-score/1", "model is par-score/1")
check("số liệu minh hoạ" in nfc(doc.get("title", "")), "title says the figures are illustrative")
ALLOWED_TOP = {"model", "title", "locale", "criteria", "agencies", "scores", "published"}
check(set(doc) <= ALLOWED_TOP, f"unknown top-level keys {set(doc) - ALLOWED_TOP}")

nodes, parent_of, top = {}, {}, []
def visit(n, parent, depth):
    check(set(n) <= {"id", "name", "short", "max", "maxByYear", "children"}, f"criterion keys {set(n)}")
    check(n["id"] not in nodes, f"duplicate criterion id {n['id']}")
    check(depth <= 2, f"{n['id']} nested deeper than sub-sub-criterion")
    check(n["max"] > 0, f"{n['id']} max > 0")
    nodes[n["id"]] = n
    parent_of[n["id"]] = parent
    for k in n.get("children", []):
        visit(k, n["id"], depth + 1)
for n in doc["criteria"]:
    top.append(n["id"])
    visit(n, None, 0)

def maxof(cid, year):
    n = nodes[cid]
    return n.get("maxByYear", {}).get(str(year), n["max"])
def children(cid):
    return [k["id"] for k in nodes[cid].get("children", [])]
def find(name_part, under=None):
    hits = [i for i, n in nodes.items() if name_part.lower() in nfc(n["name"]).lower()
            and (under is None or i.startswith(under + ".") or parent_of.get(i) == under)]
    check(len(hits) == 1, f"exactly one criterion named like {name_part!r} (found {hits})")
    return hits[0] if hits else None

for cid, n in nodes.items():
    for y in n.get("maxByYear", {}):
        check(y.isdigit() and len(y) == 4, f"maxByYear key {y!r} of {cid} is a year")
check(any("maxByYear" in n for n in nodes.values()), "some criterion has maxByYear")

agencies = {}
for a in doc["agencies"]:
    check(set(a) <= {"id", "name", "short", "group"}, f"agency keys {set(a)}")
    check(a["id"] not in agencies, f"duplicate agency {a['id']}")
    agencies[a["id"]] = a
check(len(agencies) == 17, f"17 agencies (found {len(agencies)})")
check(all(a.get("group") == "department" for a in agencies.values()), "all agencies are departments")

direct = {}  # (agency, year, criterion) -> Decimal
for i, s in enumerate(doc["scores"]):
    check(set(s) == {"agency", "year", "criterion", "points"}, f"scores[{i}] keys")
    key = (s["agency"], int(s["year"]), s["criterion"])
    check(key not in direct, f"scores[{i}] duplicate {key}")
    check(s["agency"] in agencies, f"scores[{i}] unknown agency")
    check(s["criterion"] in nodes, f"scores[{i}] unknown criterion")
    p = s["points"]
    check(p >= 0 and p <= maxof(s["criterion"], key[1]), f"scores[{i}] {key} {p} outside 0..max")
    check(p == r2(p), f"scores[{i}] {p} has more than 2 decimals")
    direct[key] = p

years = sorted({k[1] for k in direct})
check(years == list(range(2015, 2021)), f"years 2015-2020 (found {years})")
for y in years:
    total = sum(maxof(c, y) for c in top)
    check(total == 100, f"maxima of {y} add up to 100 (found {total})")

def points(a, y, cid):
    """Direct score, else the sum of the children when all are known; checks agreement."""
    via = None
    kids = children(cid)
    if kids:
        vals = [points(a, y, k) for k in kids]
        if all(v is not None for v in vals):
            via = sum(vals)
    d = direct.get((a, y, cid))
    if d is not None and via is not None:
        check(d == via, f"{a} {y} {cid}: direct {d} != children sum {via}")
    return d if d is not None else via

criteria_of_year = {y: [c for c in top if any(k[1] == y and (k[2] == c or k[2].startswith(c + "."))
                                             for k in direct)] for y in years}
index, complete = {}, {}
for y in years:
    total_max = sum(maxof(c, y) for c in criteria_of_year[y])
    for a in agencies:
        pts = [points(a, y, c) for c in criteria_of_year[y]]
        complete[(a, y)] = all(p is not None for p in pts)
        if complete[(a, y)]:
            index[(a, y)] = r2(100 * sum(pts) / total_max)

def rank(a, y):
    if not complete[(a, y)]:
        return None
    return 1 + sum(1 for b in agencies if complete[(b, y)] and index[(b, y)] > index[(a, y)])
def group_size(y):
    return sum(1 for b in agencies if complete[(b, y)])

incomplete = sorted((y, a) for (a, y), ok in complete.items() if not ok)
check(1 <= len(incomplete) <= 3, f"one to three incomplete agency-years (found {incomplete})")
check(all(y <= 2017 for y, _ in incomplete), "incomplete agency-years only in early years")

# ------------------------------------------------------------------ the worked example
S = "skhcn"
check(S in agencies and nfc(agencies[S]["name"]) == "Sở Khoa học và Công nghệ", "skhcn is the DoST")
C1 = find("Công tác chỉ đạo, điều hành cải cách hành chính")
C3 = find("Cải cách thủ tục hành chính")
check(C1 in top and C3 in top, "C1 and C3 are top-level")
check(len(criteria_of_year[2020]) == 7, "7 criteria in 2020")
check(index.get((S, 2020)) == Decimal("87.80"), f"2020 index 87.80 (got {index.get((S, 2020))})")
check(group_size(2020) == 17 and group_size(2019) == 17, "17 ranked agencies in 2019 and 2020")
check(rank(S, 2020) == 2, f"rank 2 in 2020 (got {rank(S, 2020)})")
check(rank(S, 2019) == 2, f"rank 2 in 2019 (got {rank(S, 2019)})")
check(rank(S, 2018) != 2, f"not rank 2 in 2018 (got {rank(S, 2018)}): second year in a row exactly")

def pct(a, y, c):
    return r2(100 * points(a, y, c) / maxof(c, y))

check(points(S, 2020, C1) == Decimal("17.24") and maxof(C1, 2020) == 19, "C1 17.24/19 in 2020")
check(pct(S, 2020, C1) == Decimal("90.74"), "C1 90.74%")
check(points(S, 2019, C1) == Decimal("14.77"), "C1 14.77 in 2019")
others = [a for a in agencies if a != S]
check(all(points(a, 2020, C1) < points(S, 2020, C1) for a in others), "C1 2020 highest of all")
check(points(S, 2020, C3) == Decimal("23.56") and maxof(C3, 2020) == 26, "C3 23.56/26 in 2020")
check(pct(S, 2020, C3) == Decimal("90.62"), "C3 90.62%")
check(points(S, 2019, C3) == Decimal("25.27"), "C3 25.27 in 2019")

def leads(y, c):
    mine = points(S, y, c)
    return all(points(a, y, c) is None or points(a, y, c) < mine for a in others)
check(leads(2020, C3) and leads(2019, C3) and not leads(2018, C3), "leads C3 in 2019 and 2020, not 2018")

deltas = {c: points(S, 2020, c) - points(S, 2019, c) for c in top}
dpct = {c: 100 * points(S, 2020, c) / maxof(c, 2020) - 100 * points(S, 2019, c) / maxof(c, 2019) for c in top}
check(sum(1 for d in deltas.values() if d > 0) == 5, "5 criteria rose")
check(sum(1 for d in deltas.values() if d < 0) == 2, "2 criteria fell")
check(all(d != 0 for d in deltas.values()), "no criterion unchanged")
for name, dd in (("points", deltas), ("percent", dpct)):
    check(max(dd, key=dd.get) == C1 and list(dd.values()).count(dd[C1]) == 1, f"biggest rise is C1 ({name})")
    check(min(dd, key=dd.get) == C3 and list(dd.values()).count(dd[C3]) == 1, f"biggest fall is C3 ({name})")
check(deltas[C1] == Decimal("2.47") and deltas[C3] == Decimal("-1.71"), "C1 +2.47, C3 -1.71")

archives = find("văn thư, lưu trữ")
check(points(S, 2020, archives) == maxof(archives, 2020), "archives full marks")
full = [a for a in agencies if points(a, 2020, archives) == maxof(archives, 2020)]
check(len(full) == 2, f"exactly 2 agencies with full marks on archives (found {full})")
innovation = find("Sáng kiến, giải pháp mới trong cải cách hành chính", C1)
check(points(S, 2020, innovation) == 1 and maxof(innovation, 2020) == 2, "innovation 1/2")
results = find("Kết quả giải quyết thủ tục hành chính", C3)
check(points(S, 2020, results) == 3 and maxof(results, 2020) == 5, "procedure results 3/5")
training = find("Thực hiện kế hoạch đào tạo, bồi dưỡng CBCCVC")
check(points(S, 2020, training) == Decimal("0.8") and maxof(training, 2020) == 1, "training 0.8/1")
website = find("Công khai thủ tục hành chính trên Trang thông tin điện tử của cơ quan", C3)
check(points(S, 2020, website) == 0, "publication on the website: 0 points")
for part in ("dịch vụ công trực tuyến", "bưu chính công ích"):
    c = find(part)
    check(pct(S, 2020, c) < 30, f"{part}: scores little ({pct(S, 2020, c)}%)")

# ------------------------------------------------------------------ published figures
discrepancies = []
for i, p in enumerate(doc.get("published", [])):
    check(set(p) <= {"agency", "year", "criterion", "index", "rank", "points", "percent", "max", "groupSize", "source"}, f"published[{i}] keys")
    a, y = p["agency"], int(p["year"])
    if "criterion" in p:
        c = p["criterion"]
        if "points" in p and p["points"] != points(a, y, c):
            discrepancies.append((i, "points"))
        if "percent" in p and p["percent"] != pct(a, y, c):
            discrepancies.append((i, "percent"))
        if "max" in p and p["max"] != maxof(c, y):
            discrepancies.append((i, "max"))
    else:
        if "index" in p and p["index"] != index.get((a, y)):
            discrepancies.append((i, "index"))
        if "rank" in p and p["rank"] != rank(a, y):
            discrepancies.append((i, "rank"))
pub = doc.get("published", [])
check(any(p.get("index") == Decimal("87.80") and p.get("rank") == 2 and int(p["year"]) == 2020 for p in pub),
      "published 2020 index 87.80 rank 2")
check(len(discrepancies) == 1 and pub[discrepancies[0][0]].get("criterion") == C3
      and discrepancies[0][1] == "max" and pub[discrepancies[0][0]]["max"] == 29
      and pub[discrepancies[0][0]]["percent"] == Decimal("90.62") and r2(Decimal("2356") / 29) != Decimal("90.62"),
      f"exactly one discrepancy: the article's 23.56/29 (found {discrepancies})")

# ------------------------------------------------------------------ plausibility of the invented data
for (a, y), v in index.items():
    check(Decimal(75) <= v <= Decimal(92), f"{a} {y} index {v} within 75-92")

if failures:
    print(f"FAIL: {len(failures)} problem(s) in {path}")
    for f in failures:
        print("  -", f)
    sys.exit(1)
print(f"OK: {path.name}: every fact of the worked example holds "
      f"(skhcn 2020 index {index[(S, 2020)]}, rank {rank(S, 2020)}/{group_size(2020)}; "
      f"incomplete: {incomplete}; published slip flagged: published[{discrepancies[0][0]}])")
for y in years:
    ranked = sorted((a for a in agencies if complete[(a, y)]), key=lambda a: -index[(a, y)])
    print(f"  {y}: " + ", ".join(f"{a} {index[(a, y)]}" for a in ranked[:4]) + f" … skhcn #{rank(S, y)}")
