#!/usr/bin/env python3
"""Builds assets/data/par-2015-2020.json (par-score/1), deterministically.

The Department of Science and Technology (`skhcn`) reproduces every fact of the
worked example in ../shared/score-model.md (article of 31/3/2021). Its 2019 and
2020 scores are written by hand below; everything else (its 2015-2018 scores and
the other 16 agencies) is invented: drawn from a seeded PRNG and kept only when it
respects the constraints that make the article's facts exact (rank 2 of 17 in 2019
and 2020, highest C1 in 2020, highest C3 in 2019 and 2020 but not 2018, ...).

All arithmetic is done in integer hundredths of a point, so every sum is exact.
Run: python3 tools/make-sample-data.py [--out PATH]; then tools/verify-worked-example.py.
"""
import json
import random
import sys
from pathlib import Path

YEARS = list(range(2015, 2021))

# ---------------------------------------------------------------- criteria
# (id, name, short, max, maxByYear, children). Maxima are in hundredths.
def c(id, name, mx, short=None, by_year=None, children=None):
    return {"id": id, "name": name, "short": short, "max": round(mx * 100),
            "by_year": {y: round(v * 100) for y, v in (by_year or {}).items()},
            "children": children or []}

CRITERIA = [
    c("C1", "Công tác chỉ đạo, điều hành cải cách hành chính", 19, "Chỉ đạo, điều hành", children=[
        c("C1.1", "Kế hoạch cải cách hành chính năm", 3, "Kế hoạch CCHC"),
        c("C1.2", "Báo cáo cải cách hành chính định kỳ", 2, "Báo cáo CCHC"),
        c("C1.3", "Kiểm tra cải cách hành chính", 3, "Kiểm tra CCHC"),
        c("C1.4", "Công tác tuyên truyền cải cách hành chính", 3, "Tuyên truyền CCHC"),
        c("C1.5", "Sáng kiến, giải pháp mới trong cải cách hành chính", 2, "Sáng kiến CCHC"),
        c("C1.6", "Thực hiện nhiệm vụ Ủy ban nhân dân tỉnh giao", 4, "Nhiệm vụ được giao"),
        c("C1.7", "Khắc phục tồn tại, hạn chế qua kiểm tra, đánh giá", 2, "Khắc phục hạn chế"),
    ]),
    c("C2", "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", 8, "Văn bản QPPL", children=[
        c("C2.1", "Tham mưu xây dựng văn bản quy phạm pháp luật", 3, "Xây dựng VBQPPL"),
        c("C2.2", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", 2, "Rà soát VBQPPL"),
        c("C2.3", "Tổ chức thực hiện và kiểm tra việc thực hiện văn bản quy phạm pháp luật", 3, "Thực hiện VBQPPL"),
    ]),
    c("C3", "Cải cách thủ tục hành chính", 26, "Cải cách TTHC", by_year={2015: 24}, children=[
        c("C3.1", "Công khai thủ tục hành chính", 1, "Công khai TTHC", children=[
            c("C3.1.1", "Công khai thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả", 0.5, "Công khai tại Bộ phận một cửa"),
            c("C3.1.2", "Cập nhật, công khai thủ tục hành chính trên Cơ sở dữ liệu quốc gia", 0.25, "Công khai trên CSDL quốc gia"),
            c("C3.1.3", "Công khai thủ tục hành chính trên Trang thông tin điện tử của cơ quan", 0.25, "Công khai trên Trang TTĐT"),
        ]),
        c("C3.2", "Rà soát, đánh giá, kiến nghị đơn giản hóa thủ tục hành chính", 4, "Rà soát TTHC"),
        c("C3.3", "Thực hiện cơ chế một cửa, một cửa liên thông", 9, "Một cửa, liên thông"),
        c("C3.4", "Kết quả giải quyết thủ tục hành chính", 5, "Kết quả giải quyết TTHC", by_year={2015: 3}),
        c("C3.5", "Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính", 3, "Phản ánh, kiến nghị"),
        c("C3.6", "Giải quyết hồ sơ đúng hạn, xin lỗi khi trễ hạn", 4, "Đúng hạn, xin lỗi"),
    ]),
    c("C4", "Cải cách tổ chức bộ máy hành chính", 10, "Tổ chức bộ máy", children=[
        c("C4.1", "Thực hiện quy định về chức năng, nhiệm vụ, cơ cấu tổ chức", 4, "Chức năng, nhiệm vụ"),
        c("C4.2", "Thực hiện quy định về quản lý biên chế", 3, "Quản lý biên chế"),
        c("C4.3", "Thực hiện phân cấp, ủy quyền quản lý nhà nước", 3, "Phân cấp, ủy quyền"),
    ]),
    c("C5", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", 12, "Đội ngũ CBCCVC", children=[
        c("C5.1", "Thực hiện cơ cấu công chức, viên chức theo vị trí việc làm", 3, "Vị trí việc làm"),
        c("C5.2", "Tuyển dụng, sử dụng và quản lý cán bộ, công chức, viên chức", 3, "Tuyển dụng, quản lý"),
        c("C5.3", "Thực hiện kế hoạch đào tạo, bồi dưỡng CBCCVC", 1, "Đào tạo, bồi dưỡng"),
        c("C5.4", "Đánh giá, phân loại cán bộ, công chức, viên chức", 2, "Đánh giá, phân loại"),
        c("C5.5", "Kỷ luật, kỷ cương hành chính", 3, "Kỷ luật, kỷ cương"),
    ]),
    c("C6", "Cải cách tài chính công", 9, "Tài chính công", children=[
        c("C6.1", "Thực hiện cơ chế tự chủ, tự chịu trách nhiệm về tài chính", 4, "Tự chủ tài chính"),
        c("C6.2", "Công khai ngân sách và quy chế chi tiêu nội bộ", 3, "Công khai ngân sách"),
        c("C6.3", "Thực hiện thu, chi và quyết toán ngân sách", 2, "Thu, chi ngân sách"),
    ]),
    c("C7", "Hiện đại hóa hành chính", 16, "Hiện đại hóa", by_year={2015: 18}, children=[
        c("C7.1", "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan", 4, "Ứng dụng CNTT", by_year={2015: 6}),
        c("C7.2", "Cung cấp dịch vụ công trực tuyến mức độ 3, 4", 3, "Dịch vụ công trực tuyến"),
        c("C7.3", "Tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích (BCCI)", 2, "Dịch vụ BCCI"),
        c("C7.4", "Áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001", 3, "ISO 9001"),
        c("C7.5", "Công tác văn thư, lưu trữ", 2, "Văn thư, lưu trữ"),
        c("C7.6", "Xây dựng, vận hành Trang thông tin điện tử của cơ quan", 2, "Trang thông tin điện tử"),
    ]),
]

def walk(nodes, parent=None):
    for n in nodes:
        yield n, parent
        yield from walk(n["children"], n)

NODES = {n["id"]: n for n, _ in walk(CRITERIA)}
LEAVES = [n for n, _ in walk(CRITERIA) if not n["children"]]

def mx(node, year):
    return node["by_year"].get(year, node["max"])

for y in YEARS:  # every year's maxima add up to 100, children add up to their parent
    assert sum(mx(n, y) for n in CRITERIA) == 10000, y
    for n, _ in walk(CRITERIA):
        if n["children"]:
            assert sum(mx(k, y) for k in n["children"]) == mx(n, y), (n["id"], y)

# ---------------------------------------------------------------- agencies
AGENCIES = [
    ("skhcn", "Sở Khoa học và Công nghệ", "Sở KH&CN"),
    ("snv", "Sở Nội vụ", "Sở NV"),
    ("stp", "Sở Tư pháp", "Sở TP"),
    ("skhdt", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
    ("stc", "Sở Tài chính", "Sở TC"),
    ("sct", "Sở Công Thương", "Sở CT"),
    ("snnptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
    ("sgtvt", "Sở Giao thông vận tải", "Sở GTVT"),
    ("sxd", "Sở Xây dựng", "Sở XD"),
    ("stnmt", "Sở Tài nguyên và Môi trường", "Sở TN&MT"),
    ("stttt", "Sở Thông tin và Truyền thông", "Sở TT&TT"),
    ("sldtbxh", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"),
    ("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL"),
    ("sgddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
    ("syt", "Sở Y tế", "Sở YT"),
    ("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh"),
    ("ttt", "Thanh tra tỉnh", "Thanh tra tỉnh"),
]
assert len(AGENCIES) == 17

# Agency-years left incomplete on purpose: (agency, year) -> the top-level criterion
# with no score at all (neither the criterion nor any of its sub-criteria).
INCOMPLETE = {("sgtvt", 2015): "C6", ("sxd", 2016): "C2"}

# ---------------------------------------------------------------- skhcn 2019-2020, by hand
# Leaf points in hundredths. 2020: C1 17.24, C3 23.56, index 87.80; 2019: C1 14.77, C3 25.27.
SKHCN_FIXED = {
    2020: {
        "C1.1": 300, "C1.2": 200, "C1.3": 274, "C1.4": 300, "C1.5": 100, "C1.6": 350, "C1.7": 200,  # 17.24
        "C2.1": 250, "C2.2": 200, "C2.3": 250,                                                     # 7.00
        "C3.1.1": 50, "C3.1.2": 25, "C3.1.3": 0,                                                   # C3.1 0.75
        "C3.2": 400, "C3.3": 881, "C3.4": 300, "C3.5": 300, "C3.6": 400,                           # 23.56
        "C4.1": 400, "C4.2": 300, "C4.3": 250,                                                     # 9.50
        "C5.1": 300, "C5.2": 300, "C5.3": 80, "C5.4": 200, "C5.5": 200,                            # 10.80
        "C6.1": 320, "C6.2": 300, "C6.3": 150,                                                     # 7.70
        "C7.1": 400, "C7.2": 75, "C7.3": 25, "C7.4": 300, "C7.5": 200, "C7.6": 200,                # 12.00
    },
    2019: {
        "C1.1": 300, "C1.2": 200, "C1.3": 225, "C1.4": 250, "C1.5": 50, "C1.6": 302, "C1.7": 150,  # 14.77
        "C2.1": 200, "C2.2": 200, "C2.3": 250,                                                     # 6.50
        "C3.1.1": 50, "C3.1.2": 25, "C3.1.3": 25,                                                  # C3.1 1.00
        "C3.2": 400, "C3.3": 877, "C3.4": 450, "C3.5": 300, "C3.6": 400,                           # 25.27
        "C4.1": 400, "C4.2": 300, "C4.3": 200,                                                     # 9.00
        "C5.1": 250, "C5.2": 300, "C5.3": 70, "C5.4": 200, "C5.5": 200,                            # 10.20
        "C6.1": 350, "C6.2": 300, "C6.3": 150,                                                     # 8.00
        "C7.1": 375, "C7.2": 50, "C7.3": 0, "C7.4": 300, "C7.5": 200, "C7.6": 200,                 # 11.25
    },
}

# ---------------------------------------------------------------- invented scores
rng = random.Random(20210331)

# How hard each leaf is, as an offset on the agency's level (online services and BCCI
# score little everywhere, as the article says; the small 0.25-point items are binary).
DIFFICULTY = {"C7.2": -0.55, "C7.3": -0.6, "C1.5": -0.2, "C3.4": -0.1, "C7.5": -0.05}

def draw_leaves(agency, year, level):
    """One random agency-year: leaf -> hundredths."""
    pts = {}
    for leaf in LEAVES:
        m = mx(leaf, year)
        p = level + DIFFICULTY.get(leaf["id"], 0.0) + rng.gauss(0, 0.12)
        p = min(1.0, max(0.0, p))
        if m <= 25:
            v = m if rng.random() < level else 0
        elif m <= 100:
            v = round(p * m / 5) * 5  # 0.05 steps
        else:
            v = round(p * m)  # hundredths
        pts[leaf["id"]] = max(0, min(m, v))
    return pts

def totals(leaves):
    """All nodes' points from leaf points (exact, hundredths)."""
    out = dict(leaves)
    def tot(n):
        if not n["children"]:
            return out[n["id"]]
        s = sum(tot(k) for k in n["children"])
        out[n["id"]] = s
        return s
    for n in CRITERIA:
        tot(n)
    return out

def index_of(t):
    return sum(t[n["id"]] for n in CRITERIA)  # maxima add up to 100: index = Σ points

# Each agency's intended index per year 2015..2020 (chosen by hand so the field looks like a
# real province: leaders, middle, tail, a dip in 2019 for some); a draw is kept when its index
# is within TOLERANCE of the target and it meets the constraints below.
TARGET = {
    "skhcn":   [78.5, 80.2, 81.6, 83.3, None, None],
    "snv":     [83.0, 84.0, 84.8, 86.0, 84.2, 86.9],
    "stp":     [84.0, 85.5, 86.8, 87.7, 86.3, 88.6],
    "skhdt":   [80.0, 80.8, 81.5, 82.0, 82.9, 84.4],
    "stc":     [81.5, 82.0, 82.3, 81.8, 83.6, 85.2],
    "sct":     [77.0, 77.8, 78.9, 79.5, 80.6, 82.1],
    "snnptnt": [76.0, 76.9, 77.2, 78.5, 79.4, 81.0],
    "sgtvt":   [75.5, 76.4, 77.1, 77.6, 78.8, 80.3],
    "sxd":     [76.5, 77.0, 78.4, 79.1, 80.0, 81.7],
    "stnmt":   [78.0, 78.6, 79.7, 80.3, 81.2, 82.6],
    "stttt":   [80.0, 81.5, 82.6, 84.6, 83.5, 85.6],
    "sldtbxh": [77.5, 78.2, 79.0, 80.1, 81.5, 83.0],
    "svhttdl": [75.8, 76.5, 77.8, 78.0, 79.6, 80.8],
    "sgddt":   [79.0, 80.1, 80.9, 81.7, 82.4, 84.9],
    "syt":     [76.8, 78.0, 78.6, 79.9, 81.1, 82.3],
    "vpubnd":  [81.0, 81.9, 82.5, 82.1, 83.8, 86.2],
    "ttt":     [78.5, 79.4, 80.2, 80.8, 81.9, 83.6],
}
TOLERANCE = 60  # hundredths

# Constraints (hundredths). skhcn 2019 index 84.99, 2020 87.80.
SK19, SK20 = 8499, 8780

def ok(agency, year, t, skhcn_t):
    idx = index_of(t)
    if not 7500 <= idx <= 9200:
        return False
    if agency == "skhcn":
        if year == 2018:  # rank 4 in 2018 (three above, see below); not leading C3
            return t["C3"] <= 2300
        return True
    if year == 2020:
        if agency == "stp":
            if idx < SK20 + 50: return False          # the only one above skhcn
        elif idx > SK20 - 40: return False
        if t["C1"] >= 1724 or t["C3"] >= 2356: return False
        if agency == "stttt":
            if t["C7.5"] != 200: return False          # the other full marks on archives
        elif t["C7.5"] >= 200: return False
    if year == 2019:
        if agency == "stp":
            if idx < SK19 + 50: return False
        elif idx > SK19 - 40: return False
        if t["C3"] >= 2527: return False
    if year == 2018:
        sk = index_of(skhcn_t)
        if agency in ("stp", "snv", "stttt"):
            if idx < sk + 30: return False
        elif idx > sk - 30: return False
        if agency == "snv" and t["C3"] <= skhcn_t["C3"]: return False   # snv leads C3 in 2018
    return True

scores = {}  # (agency, year) -> node -> hundredths
agency_ids = [a[0] for a in AGENCIES]
# skhcn first (others' 2018 constraints depend on it), then the rest in file order.
for agency in agency_ids:
    for year in YEARS:
        if agency == "skhcn" and year in SKHCN_FIXED:
            scores[(agency, year)] = totals(SKHCN_FIXED[year])
            continue
        target = round(TARGET[agency][year - 2015] * 100)
        adjust = 0.0  # learnt offset between the drawing level and the resulting index
        for attempt in range(200000):
            t = totals(draw_leaves(agency, year, target / 10000 + adjust))
            idx = index_of(t)
            adjust = max(-0.2, min(0.2, adjust + (0.002 if idx < target else -0.002)))
            if abs(idx - target) <= TOLERANCE and ok(agency, year, t, scores.get(("skhcn", year))):
                scores[(agency, year)] = t
                break
        else:
            sys.exit(f"no draw satisfies the constraints for {agency} {year}")

# ---------------------------------------------------------------- JSON
def num(h):
    """Hundredths -> the shortest exact decimal text (1724 -> 17.24, 700 -> 7, 770 -> 7.7)."""
    s = f"{h // 100}.{h % 100:02d}".rstrip("0").rstrip(".")
    return s

def crit_json(n):
    parts = [f'"id": {json.dumps(n["id"])}', f'"name": {json.dumps(n["name"], ensure_ascii=False)}']
    if n["short"]:
        parts.append(f'"short": {json.dumps(n["short"], ensure_ascii=False)}')
    parts.append(f'"max": {num(n["max"])}')
    if n["by_year"]:
        parts.append('"maxByYear": { ' + ", ".join(f'"{y}": {num(v)}' for y, v in sorted(n["by_year"].items())) + " }")
    return parts

def emit_criteria(nodes, indent):
    lines = []
    for i, n in enumerate(nodes):
        comma = "," if i < len(nodes) - 1 else ""
        head = ", ".join(crit_json(n))
        if n["children"]:
            lines.append(f"{indent}{{ {head},")
            lines.append(f'{indent}  "children": [')
            lines += emit_criteria(n["children"], indent + "    ")
            lines.append(f"{indent}  ] }}{comma}")
        else:
            lines.append(f"{indent}{{ {head} }}{comma}")
    return lines

ORDER = [n["id"] for n, _ in walk(CRITERIA)]

out = ["{", '  "model": "par-score/1",',
       '  "title": "Chỉ số cải cách hành chính các sở, ban, ngành 2015–2020: Sở Khoa học và Công nghệ theo bài '
       'phân tích ngày 31/3/2021, các cơ quan khác (số liệu minh hoạ)",',
       '  "locale": "vi",', '  "criteria": [']
out += emit_criteria(CRITERIA, "    ")
out += ["  ],", '  "agencies": [']
for i, (aid, name, short) in enumerate(AGENCIES):
    comma = "," if i < len(AGENCIES) - 1 else ""
    out.append(f'    {{ "id": "{aid}", "name": {json.dumps(name, ensure_ascii=False)}, '
               f'"short": {json.dumps(short, ensure_ascii=False)}, "group": "department" }}{comma}')
out += ["  ],", '  "scores": [']
rows = []
for year in YEARS:
    for aid in agency_ids:
        t = scores[(aid, year)]
        missing = INCOMPLETE.get((aid, year))
        for cid in ORDER:
            if missing and (cid == missing or cid.startswith(missing + ".")):
                continue
            rows.append(f'    {{ "agency": "{aid}", "year": {year}, "criterion": "{cid}", "points": {num(t[cid])} }}')
out.append(",\n".join(rows))
out += ["  ],", '  "published": [',
        ",\n".join([
            '    { "agency": "skhcn", "year": 2020, "index": 87.80, "rank": 2 }',
            '    { "agency": "skhcn", "year": 2019, "rank": 2 }',
            '    { "agency": "skhcn", "year": 2020, "criterion": "C1", "points": 17.24, "percent": 90.74 }',
            '    { "agency": "skhcn", "year": 2019, "criterion": "C1", "points": 14.77 }',
            # The article: "23,56/29 điểm (90,62%)". The maximum is misprinted (26, not 29): kept as
            # published, so that `check` flags it (29 is not C3's maximum, and 23.56/29 is not 90.62%).
            '    { "agency": "skhcn", "year": 2020, "criterion": "C3", "points": 23.56, "max": 29, "percent": 90.62 }',
            '    { "agency": "skhcn", "year": 2019, "criterion": "C3", "points": 25.27 }',
        ]),
        "  ]", "}"]
text = "\n".join(out) + "\n"
json.loads(text)  # well-formed

dest = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else \
    Path(__file__).resolve().parent.parent / "assets" / "data" / "par-2015-2020.json"
dest.parent.mkdir(parents=True, exist_ok=True)
dest.write_text(text, encoding="utf-8")
print(f"wrote {dest} ({len(rows)} score rows)")
