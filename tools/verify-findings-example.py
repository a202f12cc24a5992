#!/usr/bin/env python3
"""Independent check of the numbers in the findings test (Tests/ReportModelTests/FindingsTests.swift).

Reads assets/data/par-2015-2020.json with exact fractions (no ScoreModel code) and prints, for one
agency and year (default skhcn 2020 vs 2019): index and rank per year, every criterion's points,
maximum, percent, rank in the group, how many agencies got full marks, the leading streak, the
previous year's points, and the change of each top-level criterion. The findings rules applied to
these numbers (see Sources/ReportModel/Findings.swift) give the expected sentences of the test.

usage: tools/verify-findings-example.py [agency] [year] [compareWith]
"""
import json, os, sys
from fractions import Fraction as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
d = json.load(open(os.path.join(ROOT, 'assets/data/par-2015-2020.json'), encoding='utf-8'))
A = sys.argv[1] if len(sys.argv) > 1 else 'skhcn'
Y = int(sys.argv[2]) if len(sys.argv) > 2 else 2020
P = int(sys.argv[3]) if len(sys.argv) > 3 else Y - 1

crit, order = {}, []
def walk(cs, parent=None, level=0):
    for c in cs:
        crit[c['id']] = dict(c, parent=parent, level=level, kids=[k['id'] for k in c.get('children', [])])
        order.append(c['id'])
        walk(c.get('children', []), c['id'], level + 1)
walk(d['criteria'])
def mx(c, y): return F(str(crit[c].get('maxByYear', {}).get(str(y), crit[c]['max'])))
pts = {(s['agency'], s['year'], s['criterion']): F(str(s['points'])) for s in d['scores']}
scored_set = {(k[1], k[2]) for k in pts}
def scored(c, y): return (y, c) in scored_set or any(scored(k, y) for k in crit[c]['kids'])
def eff(a, y, c):
    kids = [k for k in crit[c]['kids'] if scored(k, y)]
    if kids:
        vals = [eff(a, y, k) for k in kids]
        if all(v is not None for v in vals): return sum(vals)
    return pts.get((a, y, c))
def r2(x):  # half away from zero, two decimals
    x = F(x); sign = 1 if x >= 0 else -1; x = abs(x) * 100; n = int(x)
    if x - n >= F(1, 2): n += 1
    return sign * F(n, 100)
group = {a['id']: a.get('group', '') for a in d['agencies']}
agencies = [a['id'] for a in d['agencies'] if group[a['id']] == group[A]]
years = sorted({s['year'] for s in d['scores']})
def index(a, y):
    top = [c for c in order if crit[c]['parent'] is None and scored(c, y)]
    v = [eff(a, y, c) for c in top]
    if any(x is None for x in v): return None
    return r2(100 * sum(v) / sum(mx(c, y) for c in top))
def rank(a, y):
    ix = {b: index(b, y) for b in agencies}
    if ix.get(a) is None: return None
    return 1 + sum(1 for b in agencies if ix[b] is not None and ix[b] > ix[a])
def crank(a, y, c):
    if not scored(c, y): return None
    v = {b: eff(b, y, c) for b in agencies}
    if v[a] is None: return None
    return 1 + sum(1 for b in agencies if v[b] is not None and v[b] > v[a])
f = lambda x: None if x is None else float(x)
print('index', {y: f(index(A, y)) for y in years})
print('rank', {y: rank(A, y) for y in years}, 'ranked', sum(1 for b in agencies if index(b, Y) is not None))
for c in order:
    if not scored(c, Y): continue
    p, m = eff(A, Y, c), mx(c, Y)
    full = sum(1 for b in agencies if eff(b, Y, c) == m)
    streak = 0
    while crank(A, Y - streak, c) == 1: streak += 1
    pp = eff(A, P, c)
    print(crit[c]['level'], c, f(p), '/', f(m), f(r2(100 * p / m)) if p is not None else None, 'rank', crank(A, Y, c),
          'fullMarks', full, 'leadingStreak', streak, P, f(pp))
top = [c for c in order if crit[c]['parent'] is None and scored(c, Y)]
ch = [(c, eff(A, Y, c) - eff(A, P, c)) for c in top if eff(A, Y, c) is not None and eff(A, P, c) is not None]
print('changes', [(c, float(x)) for c, x in ch])
print('rose', sum(1 for _, x in ch if x > 0), 'fell', sum(1 for _, x in ch if x < 0), 'unchanged', sum(1 for _, x in ch if x == 0))
if index(A, Y) is not None and index(A, P) is not None: print('index change', float(index(A, Y) - index(A, P)))
