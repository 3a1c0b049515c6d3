#!/usr/bin/env python3
"""Independent reference values for the capacity, acquisition and hallucination laws (docs/03-formulas/capacity-and-model-scaling.md, acquisition.md, hallucination.md).

Python 3.11, standard library only.  Running

    python3 capacity_reference.py

from any working directory rewrites the CSV files listed at the bottom in ../Data/.  The script is the
source of truth: nobody edits those CSV files by hand.

Method: brute-force enumeration of every seating history (restricted-growth string) of n <= 7 draws with
its exact path probability under the Pitman-Yor seating rule.  For each history the posterior expected
weight of a seen entity is (n_k - d)/(theta + n) and the unseen mass is (theta + d K)/(theta + n), so each
learner's expected uncovered mass is an exact average over histories.  These routes share nothing with the
library's closed forms (T(C) ratios, integer-partition sums, alternating hypergeometric sums), which are
re-derived here only to assert agreement before writing.
"""

import os
import sys
from fractions import Fraction as F
from math import comb

sys.setrecursionlimit(10000)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "Data"))

GRID = [
    (F(1, 2), F(1)),
    (F(0), F(2)),
    (F(3, 4), F(-1, 2)),
    (F(1, 3), F(5)),
]


def fr(x):
    x = F(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def write_csv(name, header, rows):
    assert header[-1] == "expected"
    lines = [",".join(header)] + [",".join(str(c) for c in r) for r in rows]
    with open(os.path.join(DATA, name), "wb") as f:
        f.write(("\n".join(lines) + "\n").encode("ascii"))
    print(f"{name}: {len(rows)} rows")


def rising(x, m):
    out = F(1)
    for i in range(m):
        out *= x + i
    return out


def histories(d, th, n):
    """Every seating history of n draws as (counts in first-appearance order, probability)."""
    out = []

    def rec(counts, prob, drawn):
        if drawn == n:
            out.append((tuple(counts), prob))
            return
        k = len(counts)
        for j in range(k):
            p = (counts[j] - d) / (th + drawn)
            if p:
                counts[j] += 1
                rec(counts, prob * p, drawn + 1)
                counts[j] -= 1
        p = (th + d * k) / (th + drawn)
        if p:
            counts.append(1)
            rec(counts, prob * p, drawn + 1)
            counts.pop()

    rec([1], F(1), 1)
    assert sum(p for _, p in out) == 1
    return out


def uncovered_T(d, th, c):
    out = F(1)
    for j in range(1, c + 1):
        out *= (th + j * d) / (th + 1 + (j - 1) * d)
    return out


def first_appearance_enumerated(d, th, n, c):
    total = F(0)
    for counts, prob in histories(d, th, n):
        k = len(counts)
        kept = min(c, k)
        total += prob * (sum(x - d for x in counts[kept:]) + th + d * k) / (th + n)
    return total


def first_appearance_formula(d, th, n, c):
    law = {}
    for counts, prob in histories(d, th, n):
        law[len(counts)] = law.get(len(counts), F(0)) + prob
    total = uncovered_T(d, th, c)
    for k, pk in law.items():
        if k < c:
            total += pk * (th + d * k) / (th + n) * (1 - uncovered_T(d, th, c) / uncovered_T(d, th, k))
    return total


def streaming_enumerated(d, th, n, c, r):
    total = F(0)
    for counts, prob in histories(d, th, n):
        eligible = sorted((x for x in counts if x >= r), reverse=True)[:c]
        total += prob * (1 - sum(x - d for x in eligible) / (th + n))
    return total


def binomial_tail(p, n, r):
    return sum(comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(r, n + 1))


def race(p1, p2, r):
    """P(entity 1 reaches r hits before entity 2), by dynamic programming over the embedded two-entity chain."""
    q = p1 / (p1 + p2)
    table = {}
    for a in range(r, -1, -1):
        for b in range(r, -1, -1):
            if a == r and b < r:
                table[a, b] = F(1)
            elif b == r:
                table[a, b] = F(0)
            else:
                table[a, b] = q * table[a + 1, b] + (1 - q) * table[a, b + 1]
    return table[0, 0]


def rho_moment(a, J, m):
    """E[rho (1 - rho)^m] for rho ~ Beta(a, (J-1) a)."""
    return a * rising((J - 1) * a, m) / rising(J * a, m + 1)


def uncovered_query_enumerated(d, th, J, a, n):
    if n == 0:
        return F(1)
    total = F(0)
    for counts, prob in histories(d, th, n):
        k = len(counts)
        total += prob * ((th + d * k) / (th + n) + sum((x - d) / (th + n) * J * rho_moment(a, J, x) for x in counts))
    return total


def monofact_enumerated(d, th, J, a, n):
    total = F(0)
    for counts, prob in histories(d, th, n):
        total += prob * sum(x * J * rho_moment(a, J, x - 1) for x in counts) / n
    return total


def uncovered_query_alternating(d, th, J, a, n):
    return sum(comb(n, i) * (-1) ** i * J * rising(a, i + 1) / rising(J * a, i + 1) * rising(1 - d, i) / rising(1 + th, i) for i in range(n + 1))


def main():
    rows_first, rows_stream, rows_tail, rows_race, rows_query = [], [], [], [], []
    for d, th in GRID:
        for n in range(1, 8):
            for c in range(0, n + 2):
                v = first_appearance_enumerated(d, th, n, c)
                assert v == first_appearance_formula(d, th, n, c), (d, th, n, c)
                rows_first.append((fr(d), fr(th), n, c, fr(v)))
            for c in (1, 2, 3, 100):
                for r in (1, 2, 3):
                    rows_stream.append((fr(d), fr(th), n, c, r, fr(streaming_enumerated(d, th, n, c, r))))
        # with unlimited capacity the streaming learner with r = 1 leaves exactly the unseen mass
        assert streaming_enumerated(d, th, 5, 100, 1) == rising(th + d, 5) / rising(th + 1, 5)
        for J, a in ((2, F(1)), (5, F(1)), (3, F(1, 2))):
            for n in range(0, 7):
                v = uncovered_query_enumerated(d, th, J, a, n)
                assert v == uncovered_query_alternating(d, th, J, a, n), (d, th, J, a, n)
                assert v == monofact_enumerated(d, th, J, a, n + 1), (d, th, J, a, n)  # Good-Turing identity
                rows_query.append((fr(d), fr(th), J, fr(a), n, fr(v)))
    for p in (F(0), F(1, 10), F(1, 3), F(1, 2), F(9, 10), F(1)):
        for n in (0, 1, 5, 12):
            for r in (0, 1, 2, 5):
                rows_tail.append((fr(p), n, r, fr(binomial_tail(p, n, r) if r <= n else F(0))))
    for p1, p2 in ((F(1, 5), F(1, 10)), (F(1, 10), F(1, 10)), (F(1, 100), F(1, 2)), (F(2, 7), F(3, 7))):
        for r in (1, 2, 3, 6):
            v = race(p1, p2, r)
            assert v == binomial_tail(p1 / (p1 + p2), 2 * r - 1, r)
            rows_race.append((fr(p1), fr(p2), r, fr(v)))
    write_csv("first_appearance_uncovered.csv", ["discount", "concentration", "n", "stored", "expected"], rows_first)
    write_csv("streaming_uncovered.csv", ["discount", "concentration", "n", "stored", "exposures", "expected"], rows_stream)
    write_csv("binomial_tail.csv", ["weight", "n", "exposures", "expected"], rows_tail)
    write_csv("order_probability.csv", ["first", "second", "exposures", "expected"], rows_race)
    write_csv("uncovered_query_mass.csv", ["discount", "concentration", "attributes", "attribute_prior", "n", "expected"], rows_query)


if __name__ == "__main__":
    main()
