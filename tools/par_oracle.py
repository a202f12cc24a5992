#!/usr/bin/env python3
"""An independent calculator for par-score/1 files (the oracle).

Written from ../shared/score-model.md only (not from the Swift sources), with
the standard library and exact arithmetic (fractions.Fraction): every figure is
computed exactly and rounded half away from zero to two decimals only when it
is shown or compared, as the data contract says.

    python3 tools/par_oracle.py DATA.json                 # the figures as JSON
    python3 tools/par_oracle.py DATA.json --compare FIGURES.json [--check CHECK.json]

--compare reads the output of `parreport figures DATA --format json` (and
optionally `parreport check DATA --json`) and prints every figure that differs;
exit status 0 when everything agrees, 1 otherwise.

Meanings used (the documented ones; see `parreport figures --help`):
  - the criteria of a year: top-level criteria with at least one score that
    year, at any level of their subtree;
  - an agency-year exists when the agency has at least one score that year;
  - points of a criterion: the direct score if given, otherwise the sum of its
    children's points (recursively) when all the children scored that year
    (by anyone) are given; otherwise the criterion has no points;
  - complete: points for every criterion of the year;
  - index: 100 * sum(points) / sum(max) over the criteria of the year,
    complete agency-years only;
  - rank: within the group (agencies without a group form one group), complete
    agency-years only, by index rounded to 2 decimals, 1,2,2,4;
  - groupSize: agencies of the group that have the year (ranked or not);
    rankedCount: how many of them are ranked;
  - criterion rank: within the group, among agencies that have points for the
    criterion that year (complete or not), by points (exact; the maximum is the
    same for everyone that year, so this is the order of the exact percent),
    1,2,2,4. Ranking by the percent rounded to 2 decimals would differ only when
    a maximum exceeds 100 (109.29/120 and 109.30/120 both show 91.08%); the
    points are what the reports quote ("17.24/19, the highest of all").
"""
import json
import sys
import unicodedata
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

CENT = Decimal("0.01")


def nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


def exact(number):
    """A JSON number (parsed as Decimal or int) as an exact Fraction."""
    if isinstance(number, bool):
        raise ValueError("boolean is not a number")
    if isinstance(number, Decimal):
        return Fraction(number)
    if isinstance(number, int):
        return Fraction(number)
    raise ValueError("not a number: %r" % (number,))


def round2(value):
    """Round a Fraction half away from zero to two decimals -> Decimal."""
    if value is None:
        return None
    scaled = value * 100
    sign = -1 if scaled < 0 else 1
    magnitude = abs(scaled)
    whole = magnitude.numerator // magnitude.denominator
    if magnitude - whole >= Fraction(1, 2):
        whole += 1
    return (Decimal(sign * whole) / 100).quantize(CENT)


def competition_ranks(keyed):
    """keyed: {key: sortable value}; highest first; 1,2,2,4."""
    ordered = sorted(keyed.values(), reverse=True)
    first = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return {key: first[value] for key, value in keyed.items()}


class Model:
    def __init__(self, document):
        doc = nfc(document)
        self.nodes = {}      # id -> dict(max, maxByYear, children, parent, level)
        self.top = []

        def walk(criterion, parent, level):
            cid = criterion["id"]
            by_year = {int(k): exact(v) for k, v in (criterion.get("maxByYear") or {}).items()}
            children = criterion.get("children") or []
            self.nodes[cid] = {
                "max": exact(criterion["max"]), "maxByYear": by_year,
                "children": [c["id"] for c in children], "parent": parent, "level": level,
            }
            for child in children:
                walk(child, cid, level + 1)

        for criterion in doc["criteria"]:
            self.top.append(criterion["id"])
            walk(criterion, None, 0)
        self.order = list(self.nodes)  # document order, depth first
        self.agencies = {a["id"]: a.get("group") for a in doc["agencies"]}
        self.agency_order = [a["id"] for a in doc["agencies"]]
        self.direct = {}     # (agency, year, criterion) -> Fraction
        for row in doc.get("scores") or []:
            self.direct[(row["agency"], int(row["year"]), row["criterion"])] = exact(row["points"])
        self.published = doc.get("published") or []
        self.years = sorted({y for (_, y, _) in self.direct})
        self.scored = {}     # year -> set of criterion ids scored by anyone (directly)
        self.agency_years = set()
        for (a, y, c) in self.direct:
            self.scored.setdefault(y, set()).add(c)
            self.agency_years.add((a, y))
        self._points = {}
        self._in_year = {}
        self.compute()

    def top_of(self, cid):
        while self.nodes[cid]["parent"] is not None:
            cid = self.nodes[cid]["parent"]
        return cid

    def subtree(self, cid):
        out = [cid]
        for child in self.nodes[cid]["children"]:
            out.extend(self.subtree(child))
        return out

    def max_for(self, cid, year):
        node = self.nodes[cid]
        return node["maxByYear"].get(year, node["max"])

    def criterion_in_year(self, cid, year):
        """A criterion (any level) exists in a year when it or a descendant is scored."""
        key = (cid, year)
        if key not in self._in_year:
            scored = self.scored.get(year, set())
            self._in_year[key] = any(c in scored for c in self.subtree(cid))
        return self._in_year[key]

    def points(self, agency, year, cid):
        key = (agency, year, cid)
        if key in self._points:
            return self._points[key]
        value = self.direct.get(key)
        if value is None:
            children = [c for c in self.nodes[cid]["children"] if self.criterion_in_year(c, year)]
            if children:
                parts = [self.points(agency, year, c) for c in children]
                if all(p is not None for p in parts):
                    value = sum(parts, Fraction(0))
        self._points[key] = value
        return value

    def compute(self):
        self.figures = {}
        for year in self.years:
            year_criteria = [c for c in self.top if self.criterion_in_year(c, year)]
            all_criteria = [c for c in self.order if self.criterion_in_year(c, year)]
            members = [a for a in self.agency_order if (a, year) in self.agency_years]
            for agency in members:
                pts = {c: self.points(agency, year, c) for c in all_criteria}
                complete = all(pts[c] is not None for c in year_criteria)
                index = None
                if complete and year_criteria:
                    total = sum((pts[c] for c in year_criteria), Fraction(0))
                    index = total * 100 / sum(self.max_for(c, year) for c in year_criteria)
                self.figures[(agency, year)] = {
                    "group": self.agencies[agency], "complete": complete,
                    "indexExact": index, "index": round2(index), "rank": None,
                    "missing": [c for c in year_criteria if pts[c] is None],
                    "criteria": {
                        c: {"points": pts[c], "max": self.max_for(c, year),
                            "percent": None if pts[c] is None else round2(pts[c] * 100 / self.max_for(c, year)),
                            "rank": None, "rankedCount": 0}
                        for c in all_criteria
                    },
                }
            groups = {}
            for agency in members:
                groups.setdefault(self.agencies[agency], []).append(agency)
            for group, agencies in groups.items():
                ranked = {a: self.figures[(a, year)]["index"] for a in agencies
                          if self.figures[(a, year)]["complete"] and self.figures[(a, year)]["index"] is not None}
                ranks = competition_ranks(ranked)
                for a in agencies:
                    fig = self.figures[(a, year)]
                    fig["rank"] = ranks.get(a)
                    fig["groupSize"] = len(agencies)
                    fig["rankedCount"] = len(ranked)
                for c in all_criteria:
                    have = {a: self.figures[(a, year)]["criteria"][c]["points"] for a in agencies
                            if self.figures[(a, year)]["criteria"][c]["points"] is not None}
                    cranks = competition_ranks(have)
                    for a in agencies:
                        entry = self.figures[(a, year)]["criteria"][c]
                        entry["rank"] = cranks.get(a)
                        entry["rankedCount"] = len(have)
        self.discrepancies = self.reconcile()

    def reconcile(self):
        """(agency, year, criterion or None, field) of every published figure that differs.

        Published figures are two-decimal figures: one written with more
        decimals is rounded half away from zero before it is compared."""
        out = set()
        for entry in self.published:
            agency, year = entry["agency"], int(entry["year"])
            cid = entry.get("criterion")
            fig = self.figures.get((agency, year))
            if cid is None:
                if "index" in entry:
                    computed = fig["index"] if fig else None
                    if computed is None or round2(exact(entry["index"])) != computed:
                        out.add((agency, year, None, "index"))
                if "rank" in entry:
                    computed = fig["rank"] if fig else None
                    if computed is None or int(entry["rank"]) != computed:
                        out.add((agency, year, None, "rank"))
                if "groupSize" in entry:
                    computed = fig["groupSize"] if fig else None
                    if computed is None or int(entry["groupSize"]) != computed:
                        out.add((agency, year, None, "groupSize"))
                continue
            crit = fig["criteria"].get(cid) if fig else None
            points = crit["points"] if crit else None
            year_max = self.max_for(cid, year)
            if "points" in entry and (points is None or round2(exact(entry["points"])) != round2(points)):
                out.add((agency, year, cid, "points"))
            if "percent" in entry:
                computed = crit["percent"] if crit else None
                if computed is None or round2(exact(entry["percent"])) != computed:
                    out.add((agency, year, cid, "percent"))
            if "rank" in entry:  # the agency's rank on this criterion within its group
                computed = crit["rank"] if crit else None
                if computed is None or int(entry["rank"]) != computed:
                    out.add((agency, year, cid, "rank"))
            if "max" in entry and exact(entry["max"]) != year_max:
                out.add((agency, year, cid, "max"))
            if "points" in entry and "max" in entry and "percent" in entry:
                implied = round2(exact(entry["points"]) * 100 / exact(entry["max"]))
                if implied != round2(exact(entry["percent"])):
                    out.add((agency, year, cid, "percent-vs-points"))
        return out

    def as_json(self):
        def num(d):
            return None if d is None else str(d)
        result = []
        for (agency, year), fig in sorted(self.figures.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            result.append({
                "agency": agency, "year": year, "group": fig["group"], "complete": fig["complete"],
                "index": num(fig["index"]), "rank": fig["rank"], "groupSize": fig["groupSize"],
                "rankedCount": fig["rankedCount"], "missing": fig["missing"],
                "criteria": [{"id": c, "points": num(None if e["points"] is None else round2(e["points"])),
                              "max": num(round2(e["max"])), "percent": num(e["percent"]),
                              "rank": e["rank"], "rankedCount": e["rankedCount"]}
                             for c, e in fig["criteria"].items()],
            })
        return {"figures": result,
                "discrepancies": [list(d) for d in sorted(self.discrepancies, key=lambda d: tuple(str(x) for x in d))]}


def dec(value):
    """A number from parreport's JSON (parsed with Decimal) as a 2-decimal Decimal."""
    if value is None:
        return None
    return Decimal(value).quantize(CENT) if Decimal(value) == Decimal(value).quantize(CENT) else Decimal(value)


def compare(model, figures_doc, check_doc=None, limit=50):
    problems = []
    seen = set()
    for row in figures_doc["figures"]:
        key = (nfc(row["agency"]), int(row["year"]))
        seen.add(key)
        mine = model.figures.get(key)
        where = "%s %d" % key
        if mine is None:
            problems.append("%s: parreport shows an agency-year the oracle does not have" % where)
            continue
        checks = [
            ("complete", mine["complete"], row.get("complete")),
            ("index", mine["index"], dec(row.get("index"))),
            ("rank", mine["rank"], row.get("rank")),
            ("groupSize", mine["groupSize"], row.get("groupSize")),
            ("rankedCount", mine["rankedCount"], row.get("rankedCount")),
            ("group", mine["group"], nfc(row.get("group")) or None),  # parreport writes "" for no group
            ("missing", sorted(mine["missing"]), sorted(nfc(row.get("missing") or []))),
        ]
        theirs = {nfc(c["id"]): c for c in row.get("criteria") or []}
        for cid, e in mine["criteria"].items():
            t = theirs.get(cid)
            if t is None:
                if e["points"] is not None:
                    problems.append("%s %s: missing from parreport's figures" % (where, cid))
                continue
            checks += [
                ("%s.points" % cid, None if e["points"] is None else round2(e["points"]), dec(t.get("points"))),
                ("%s.max" % cid, round2(e["max"]), dec(t.get("max"))),
                ("%s.percent" % cid, e["percent"], dec(t.get("percent"))),
                ("%s.rank" % cid, e["rank"], t.get("rank")),
            ]
            if e["points"] is not None:
                checks.append(("%s.rankedCount" % cid, e["rankedCount"], t.get("rankedCount")))
                full = e["points"] == e["max"]
                if "fullMarks" in t:
                    checks.append(("%s.fullMarks" % cid, full, t.get("fullMarks")))
        for cid, t in theirs.items():
            if cid not in mine["criteria"] and t.get("points") is not None:
                problems.append("%s %s: parreport has points %s the oracle does not" % (where, cid, t.get("points")))
        for name, expected, actual in checks:
            if expected != actual:
                problems.append("%s %s: oracle %s, parreport %s" % (where, name, expected, actual))
    for key in model.figures:
        if key not in seen:
            problems.append("%s %d: agency-year missing from parreport's figures" % key)
    if check_doc is not None:
        theirs = set()
        for d in check_doc.get("discrepancies", []):
            theirs.add((nfc(d["agency"]), int(d["year"]), nfc(d.get("criterion")), d["field"]))
        for d in sorted(model.discrepancies - theirs, key=str):
            problems.append("discrepancy not reported by check: %s" % (d,))
        for d in sorted(theirs - model.discrepancies, key=str):
            problems.append("check reports a discrepancy the oracle does not: %s" % (d,))
        expected_incomplete = sorted("%s %d" % k for k, f in model.figures.items() if not f["complete"])
        got = check_doc.get("summary", {}).get("incompleteAgencyYears")
        if got is not None:
            got_keys = sorted("%s %d" % (nfc(g["agency"]), int(g["year"])) if isinstance(g, dict) else str(g) for g in got)
            if got_keys != expected_incomplete:
                problems.append("incomplete agency-years: oracle %s, check %s" % (expected_incomplete, got_keys))
    return problems[:limit] if limit else problems, len(problems)


def load(path):
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")
    with stream:
        return json.load(stream, parse_float=Decimal)


def main(argv):
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--compare", help="output of parreport figures --format json")
    parser.add_argument("--check", help="output of parreport check --json")
    args = parser.parse_args(argv)
    model = Model(load(args.data))
    if not args.compare:
        json.dump(model.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    shown, total = compare(model, load(args.compare), load(args.check) if args.check else None)
    for line in shown:
        print(line)
    if total:
        print("%d difference(s)" % total)
        return 1
    print("oracle agrees: %d agency-years, %d figures compared, %d discrepancies"
          % (len(model.figures), sum(len(f["criteria"]) for f in model.figures.values()), len(model.discrepancies)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
