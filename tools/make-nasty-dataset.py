#!/usr/bin/env python3
"""Write a par-score/1 dataset full of planted traps, for checking parreport
against tools/par_oracle.py.

    python3 tools/make-nasty-dataset.py --seed 1 --agencies 40 --out nasty.json
        [--exponents] [--nfd-ids]

The same arguments give the same bytes. Traps:
  - year 2017: the year's maxima add up to 300, so index = total/3 and
    different totals tie only after rounding (263.41/3 = 87.8033 and
    263.39/3 = 87.7967 both show 87.80 and share a rank);
  - year 2018: maxima add up to 80 (criterion K4 absent for everyone, K2 has
    maxByYear 10): index = 1.25 * total, exact x.xx5 cases (70.02 -> 87.525,
    shown 87.53: half away from zero, not half even, not binary double);
  - year 2019: maxima add up to 120: 105.39 -> 87.825 -> 87.83 ties with
    105.40 -> 87.8333 -> 87.83 only when rounding half away from zero;
  - year 2020: maxima add up to 40 (K3 and K4 absent): index = 2.5 * total;
  - a 3-level criterion (K1 > K1.2 > K1.2.1) scored at the leaves, in the
    middle, at the top, or at the top and through children that agree;
  - incomplete agency-years: a whole criterion missing; only one
    sub-criterion of a criterion missing (no direct score for the parent);
  - two groups (Vietnamese names, written NFC for some agencies and NFD for
    others: still one group each) plus agencies without a group;
  - NFD (decomposed) agency names, criterion names and title; with
    --nfd-ids also an agency id written NFC in agencies[] and NFD in scores[];
  - numbers written as 17.2, 17.20, 17 and 17.0; with --exponents also 1.72e1;
  - published figures: correct ones (87.8 written without the trailing zero)
    and slips (index, rank, criterion points, percent, maximum, a percent that
    does not match its own points/maximum, an index for an incomplete year).
"""
import argparse
import json
import random
import re
import sys
import unicodedata


def nfd(text):
    return unicodedata.normalize("NFD", text)


class Num:
    """A number written exactly as given (e.g. "17.20", "1.72e1")."""
    def __init__(self, text):
        self.text = text


def dump(document):
    def encode(value):
        if isinstance(value, Num):
            return "@@NUM%s@@" % value.text
        raise TypeError(value)
    text = json.dumps(document, ensure_ascii=False, indent=1, default=encode)
    return re.sub(r'"@@NUM([^@]*)@@"', lambda m: m.group(1), text)


YEARS = [2017, 2018, 2019, 2020]

# id, name, max, maxByYear, children
CRITERIA = [
    ("K1", "Công tác chỉ đạo, điều hành cải cách hành chính", 20, None, [
        ("K1.1", "Kế hoạch cải cách hành chính năm", 8, None, []),
        ("K1.2", "Kiểm tra, tuyên truyền cải cách hành chính", 12, None, [
            ("K1.2.1", "Kiểm tra cải cách hành chính", 5, None, []),
            ("K1.2.2", "Tuyên truyền cải cách hành chính", 7, None, []),
        ]),
    ]),
    ("K2", "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", 30,
     {"2018": 10, "2019": 50, "2020": 20}, []),
    ("K3", "Cải cách thủ tục hành chính", 50, None, [
        ("K3.1", "Công khai thủ tục hành chính trên trang thông tin điện tử", 25, None, []),
        ("K3.2", "Kết quả giải quyết thủ tục hành chính", 25, None, []),
    ]),
    ("K4", "Hiện đại hóa hành chính, ứng dụng công nghệ thông tin", 200, None, [
        ("K4.1", "Ứng dụng công nghệ thông tin", 120, None, []),
        ("K4.2", "Dịch vụ công trực tuyến mức độ 3, 4", 80, None, []),
    ]),
]

# Which top-level criteria exist in which year (the others are absent for everyone).
YEAR_CRITERIA = {2017: ["K1", "K2", "K3", "K4"], 2018: ["K1", "K2", "K3"],
                 2019: ["K1", "K2", "K3"], 2020: ["K1", "K2"]}

DEPARTMENTS = ["Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Công Thương", "Sở Y tế",
               "Sở Xây dựng", "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ",
               "Sở Lao động – Thương binh và Xã hội", "Sở Tài nguyên và Môi trường",
               "Sở Giao thông vận tải", "Sở Văn hóa, Thể thao và Du lịch"]
DISTRICTS = ["UBND huyện Đức Trọng", "UBND huyện Lạc Dương", "UBND thành phố Đà Lạt",
             "UBND huyện Đơn Dương", "UBND huyện Lâm Hà", "UBND huyện Bảo Lâm", "UBND huyện Di Linh"]
OTHERS = ["Ban Quản lý các khu công nghiệp", "Văn phòng Ủy ban nhân dân tỉnh", "Thanh tra tỉnh"]


def node_index():
    nodes = {}

    def walk(entry, parent):
        cid, name, mx, by_year, children = entry
        nodes[cid] = {"max": mx, "byYear": by_year or {}, "children": [c[0] for c in children], "parent": parent}
        for child in children:
            walk(child, cid)
    for entry in CRITERIA:
        walk(entry, None)
    return nodes


NODES = node_index()


def max_for(cid, year):
    node = NODES[cid]
    return node["byYear"].get(str(year), node["max"])


def leaves(cid):
    children = NODES[cid]["children"]
    if not children:
        return [cid]
    return [leaf for child in children for leaf in leaves(child)]


def year_max_cents(year):
    return sum(max_for(c, year) * 100 for c in YEAR_CRITERIA[year])


def distribute(rng, total, caps):
    """Split `total` cents into len(caps) parts, part i in [0, caps[i]]."""
    assert 0 <= total <= sum(caps)
    room = sum(caps)
    parts = []
    for cap in caps:
        share = total * cap // room if room else 0
        parts.append(share)
    rest = total - sum(parts)
    order = list(range(len(caps)))
    while rest != 0:
        rng.shuffle(order)
        for i in order:
            if rest > 0 and parts[i] < caps[i]:
                step = min(rest, caps[i] - parts[i], rng.randint(1, 150))
                parts[i] += step
                rest -= step
            elif rest < 0 and parts[i] > 0:
                step = min(-rest, parts[i], rng.randint(1, 150))
                parts[i] -= step
                rest += step
            if rest == 0:
                break
    # jitter: move cents between parts keeping the sum
    for _ in range(len(caps)):
        i, j = rng.randrange(len(caps)), rng.randrange(len(caps))
        step = rng.randint(0, 90)
        step = min(step, parts[i], caps[j] - parts[j])
        if i != j and step > 0:
            parts[i] -= step
            parts[j] += step
    return parts


def write_number(rng, cents, exponents):
    whole, frac = divmod(cents, 100)
    forms = []
    if frac == 0:
        forms += ["%d" % whole, "%d.0" % whole, "%d.00" % whole]
    elif frac % 10 == 0:
        forms += ["%d.%d" % (whole, frac // 10), "%d.%02d" % (whole, frac)]
    else:
        forms += ["%d.%02d" % (whole, frac)]
    if exponents and cents > 0 and rng.random() < 0.3:
        digits = "%d" % cents
        # cents * 10^-2 as d.ddd e(n)
        mantissa = digits[0] + ("." + digits[1:].rstrip("0") if digits[1:].rstrip("0") else "")
        exponent = len(digits) - 1 - 2
        return Num("%se%d" % (mantissa, exponent) if rng.random() < 0.5 else "%sE%+d" % (mantissa, exponent))
    return Num(rng.choice(forms))


def cents_text(cents):
    return "%d.%02d" % divmod(cents, 100)


def make(seed, agency_count, exponents, nfd_ids):
    rng = random.Random(seed)
    agencies = []
    pools = [("Sở, ban, ngành", DEPARTMENTS), ("UBND cấp huyện", DISTRICTS), (None, OTHERS)]
    for i in range(agency_count):
        group, names = pools[0] if i % 5 < 3 else pools[1] if i % 5 < 4 else pools[2]
        base = names[i % len(names)]
        name = base if i < len(names) * 3 else "%s (%d)" % (base, i)
        name = "%s %d" % (base, i // len(names) + 1) if i >= len(names) else base
        if rng.random() < 0.4:
            name = nfd(name)
        agency = {"id": "a%03d" % i, "name": name}
        if group:
            agency["group"] = nfd(group) if rng.random() < 0.4 else group  # the same group, NFC or NFD
        agencies.append(agency)
    if nfd_ids and agencies:
        agencies[0]["id"] = "sở-tư-pháp"

    def criterion_json(entry, top):
        cid, name, mx, by_year, children = entry
        out = {"id": cid, "name": nfd(name) if rng.random() < 0.5 else name, "max": Num(str(mx))}
        if top:
            out["short"] = nfd(name.split(",")[0]) if rng.random() < 0.3 else name.split(",")[0]
        if by_year:
            out["maxByYear"] = {k: Num(str(v)) for k, v in by_year.items()}
        if children:
            out["children"] = [criterion_json(c, False) for c in children]
        return out

    criteria = [criterion_json(c, True) for c in CRITERIA]
    scores = []
    published = []
    plan = {}  # (agency, year) -> total cents target, for planted ties

    # planted totals per year: pairs that tie only after rounding / exact halves
    planted = {
        2017: [26341, 26339, 26340, 26342, 24000],        # 87.80, 87.80, 87.80, 87.81(87.8067), 80.00
        2018: [7002, 7006, 7003, 6998, 7010],             # 87.525->87.53, 87.575->87.58, 87.5375, 87.475->87.48, 87.625->87.63
        2019: [10539, 10540, 10533, 10545],               # 87.825->87.83 ties 87.8333->87.83; 87.775->87.78; 87.875->87.88
        2020: [3501, 3503, 3500, 3499],                   # 87.525->87.53, 87.575->87.58, 87.50, 87.475->87.48
    }
    ids = [a["id"] for a in agencies]
    for year, totals in planted.items():
        # plant in each group: the first agencies of each group get the totals
        for group in ("Sở, ban, ngành", "UBND cấp huyện", None):
            members = [a["id"] for a in agencies
                       if (unicodedata.normalize("NFC", a["group"]) if "group" in a else None) == group]
            for aid, total in zip(members, totals):
                plan[(aid, year)] = total

    incomplete_whole = set()
    incomplete_sub = set()
    absent = set()
    for aid in ids:
        for year in YEARS:
            r = rng.random()
            if r < 0.05 and (aid, year) not in plan:
                absent.add((aid, year))          # no scores at all that year
            elif r < 0.10 and (aid, year) not in plan:
                incomplete_whole.add((aid, year))
            elif r < 0.15 and (aid, year) not in plan:
                incomplete_sub.add((aid, year))

    def emit(aid, year, cid, cents, score_id=None):
        scores.append({"agency": score_id or aid, "year": year, "criterion": cid,
                       "points": write_number(rng, cents, exponents)})

    for year in YEARS:
        for aid in ids:
            if (aid, year) in absent:
                continue
            score_id = nfd(aid) if nfd_ids and aid == agencies[0]["id"] and rng.random() < 0.7 else None
            tops = YEAR_CRITERIA[year]
            caps_top = [max_for(c, year) * 100 for c in tops]
            total = plan.get((aid, year))
            if total is None:
                total = rng.randint(int(sum(caps_top) * 0.55), sum(caps_top))
                if rng.random() < 0.08:
                    total = sum(caps_top)  # full marks everywhere
            top_parts = distribute(rng, total, caps_top)
            for cid, part in zip(tops, top_parts):
                if (aid, year) in incomplete_whole and cid == tops[-1]:
                    continue
                emit_criterion(rng, emit, aid, year, cid, part, score_id,
                               drop_sub=(aid, year) in incomplete_sub and cid == "K3")
    rng.shuffle(scores)

    # published figures: some right, some slips; computed from the plan above
    return {"agencies": agencies, "criteria": criteria, "scores": scores,
            "published": published, "incomplete_whole": incomplete_whole,
            "incomplete_sub": incomplete_sub}


def emit_criterion(rng, emit, aid, year, cid, cents, score_id, drop_sub=False):
    """Write the points of one criterion at some level of its subtree."""
    children = NODES[cid]["children"]
    if drop_sub and children:
        # only the children, and one of them missing: no direct score for the parent
        parts = distribute(rng, cents, [max_for(c, year) * 100 for c in children])
        for child, part in list(zip(children, parts))[:-1]:
            emit_criterion(rng, emit, aid, year, child, part, score_id)
        return
    mode = rng.random() if children else 0.0
    if not children or mode < 0.25:
        emit(aid, year, cid, cents, score_id)                     # directly
        return
    parts = distribute(rng, cents, [max_for(c, year) * 100 for c in children])
    if mode < 0.45:
        emit(aid, year, cid, cents, score_id)                     # directly and through children that agree
    for child, part in zip(children, parts):
        emit_criterion(rng, emit, aid, year, child, part, score_id)


def oracle_points(document):
    """Run the oracle to know the true figures, for writing published slips."""
    sys.path.insert(0, __import__("os").path.dirname(__file__))
    import par_oracle
    from decimal import Decimal
    return par_oracle.Model(json.loads(dump(document), parse_float=Decimal))


def add_published(rng, document):
    from decimal import Decimal
    model = oracle_points(document)
    published = []
    figures = sorted(model.figures.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    complete = [(k, f) for k, f in figures if f["complete"]]
    incomplete = [(k, f) for k, f in figures if not f["complete"]]
    picks = rng.sample(complete, min(12, len(complete)))
    for n, ((aid, year), fig) in enumerate(picks):
        entry = {"agency": aid, "year": year}
        kind = n % 6
        if kind == 0:   # right, trailing zero dropped
            entry["index"] = Num(str(fig["index"].normalize()) if fig["index"] != fig["index"].to_integral() else "%d" % fig["index"])
            entry["rank"] = fig["rank"]
        elif kind == 1:  # index slip by one cent
            entry["index"] = Num(str(fig["index"] - Decimal("0.01")))
        elif kind == 2:  # rank slip; group size right or one off
            entry["rank"] = fig["rank"] + 1
            entry["groupSize"] = fig["groupSize"] + (n // 6) % 2
        else:
            cid = rng.choice([c for c, e in fig["criteria"].items() if e["points"] is not None])
            e = fig["criteria"][cid]
            pts = Decimal(e["points"].numerator) / Decimal(e["points"].denominator)
            mx = e["max"].numerator // e["max"].denominator
            entry["criterion"] = cid
            if kind == 3:    # right points and percent; the criterion rank right or one off
                entry["points"] = Num(str(pts.quantize(Decimal("0.01"))))
                entry["percent"] = Num(str(e["percent"]))
                entry["rank"] = e["rank"] + (n // 6) % 2
            elif kind == 4:  # points slip, percent right
                entry["points"] = Num(str((pts + Decimal("0.1")).quantize(Decimal("0.01"))))
                entry["percent"] = Num(str(e["percent"]))
            else:            # the article's slip: wrong maximum, percent of the right one
                entry["points"] = Num(str(pts.quantize(Decimal("0.01"))))
                entry["max"] = Num(str(mx + 3))
                entry["percent"] = Num(str(e["percent"]))
        published.append(entry)
    for (aid, year), fig in incomplete[:2]:
        published.append({"agency": aid, "year": year, "index": Num("80.00")})
    for entry in published:
        if entry["agency"] != nfd(entry["agency"]):
            entry["agency"] = nfd(entry["agency"])  # published ids written decomposed, too
    return published


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--exponents", action="store_true", help="also write numbers like 1.72e1")
    parser.add_argument("--nfd-ids", action="store_true", help="an agency id in NFD in scores[]")
    parser.add_argument("--out", default="-")
    args = parser.parse_args()
    rng = random.Random(args.seed * 7919 + 1)
    made = make(args.seed, args.agencies, args.exponents, args.nfd_ids)
    document = {
        "model": "par-score/1",
        "title": nfd("Chỉ số cải cách hành chính: dữ liệu bẫy (seed %d)" % args.seed),
        "locale": "vi",
        "criteria": made["criteria"],
        "agencies": made["agencies"],
        "scores": made["scores"],
    }
    document["published"] = add_published(rng, document)
    text = dump(document) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)


if __name__ == "__main__":
    main()
