#!/usr/bin/env python3
"""Independent reference values for fine-tuning (docs/03-formulas/fine-tuning.md) and the structure
function (section 7).  Python 3.11, standard library only.

    python3 finetune_structure.py

writes four CSV files in ../Data/ (relative to this file):

* finetune_linear.csv    -- exact expectations over PY worlds of the quantities that are
  linear in the entity profile (eligible old entities and mass, old competitors above / tied
  with the new-entity score and their mass), per epoch.  Computed from the pattern formula
  E[#blocks with pattern (n, y)] = C(n_pre, n) C(m, y) (1-d)_{s-1} (th+d)_{N-s} / (th+1)_{N-1}
  and, for N <= 7, asserted equal to a brute-force enumeration of every seating history.
* finetune_schedule.csv  -- the exact schedule conditional on given pre-training and replay
  counts: top-C store with uniformly random tie-breaking (expected over the tie coins).
* structure_cases.csv and structure_function.csv -- small corpora given by their sufficient
  statistics, and the two-part code curve h(c) and MDL optimum by brute force over every
  subset of stored entities (floats: ln is irrational).

The script asserts its cross-checks before writing anything.
"""

import math
import os
import random
import sys
from fractions import Fraction as F
from itertools import combinations

sys.set_int_max_str_digits(0)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "Data"))


def fr(x):
    x = F(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def write_csv(name, header, rows):
    assert header[-1] == "expected"
    lines = [",".join(header)]
    for r in rows:
        assert len(r) == len(header), (name, r)
        cells = [str(v) for v in r]
        for c in cells:
            assert "," not in c and c == c.strip() and c != "", (name, c)
        lines.append(",".join(cells))
    data = ("\n".join(lines) + "\n").encode("ascii")
    with open(os.path.join(DATA, name), "wb") as f:
        f.write(data)
    print(f"{name:26s} {len(rows):5d} rows {len(data):7d} bytes")


def rising(x, m):
    r = F(1)
    for i in range(m):
        r *= x + i
    return r


# ------------------------------------------------------------------------------------------
# Fine-tuning: the learner's scores
# ------------------------------------------------------------------------------------------


def g(gamma, t):
    """g_t = 1 + gamma + ... + gamma^(t-1): the decayed weight of one mention per epoch."""
    return sum((gamma ** u for u in range(t)), F(0))


def score(gamma, t, n, y):
    """Decayed count after epoch t of an entity with n pre-training and y replay mentions per epoch."""
    return gamma ** t * n + g(gamma, t) * y


def new_score(gamma, t, r):
    return r * g(gamma, t) if t > 0 else F(0)


def eligible(sc, kappa):
    return sc > 0 and sc >= kappa


def linear_by_patterns(d, th, npre, m, r, gamma, kappa, t):
    N = npre + m
    x = new_score(gamma, t, r)
    out = dict(eligible_old=F(0), eligible_mass=F(0), above=F(0), tied=F(0), mass_above=F(0), mass_tied=F(0))
    denominator = rising(th + 1, N - 1)
    for n in range(npre + 1):
        for y in range(m + 1):
            s = n + y
            if s == 0:
                continue
            e = math.comb(npre, n) * math.comb(m, y) * rising(1 - d, s - 1) * rising(th + d, N - s) / denominator
            mu = e * (s - d) / (th + N)
            sc = score(gamma, t, n, y)
            if not eligible(sc, kappa):
                continue
            out["eligible_old"] += e
            out["eligible_mass"] += mu
            if sc > x:
                out["above"] += e
                out["mass_above"] += mu
            elif sc == x:
                out["tied"] += e
                out["mass_tied"] += mu
    return out


def linear_by_enumeration(d, th, npre, m, r, gamma, kappa, t):
    """Every seating history of N = npre + m draws; block k has n_k draws among the first npre."""
    N = npre + m
    x = new_score(gamma, t, r)
    out = dict(eligible_old=F(0), eligible_mass=F(0), above=F(0), tied=F(0), mass_above=F(0), mass_tied=F(0))
    blocks = []  # [n, y] per block

    def rec(prob, i):
        if i == N:
            for n, y in blocks:
                sc = score(gamma, t, n, y)
                if not eligible(sc, kappa):
                    continue
                mass = (n + y - d) / (th + N)  # posterior mean of the block's weight
                out["eligible_old"] += prob
                out["eligible_mass"] += prob * mass
                if sc > x:
                    out["above"] += prob
                    out["mass_above"] += prob * mass
                elif sc == x:
                    out["tied"] += prob
                    out["mass_tied"] += prob * mass
            return
        pre = i < npre
        K = len(blocks)
        if i == 0:
            new_p = F(1)
        else:
            new_p = (th + d * K) / (th + i)
        for k in range(K):
            p = (blocks[k][0] + blocks[k][1] - d) / (th + i)
            blocks[k][0 if pre else 1] += 1
            rec(prob * p, i + 1)
            blocks[k][0 if pre else 1] -= 1
        blocks.append([1, 0] if pre else [0, 1])
        rec(prob * new_p, i + 1)
        blocks.pop()

    rec(F(1), 0)
    return out


LINEAR_CASES = [
    # d, theta, npre, m, r, gamma, kappa, epochs
    (F(1, 2), F(1), 4, 2, 1, F(1), F(0), 3),
    (F(0), F(2), 5, 2, 2, F(1, 2), F(0), 3),
    (F(3, 4), F(-1, 2), 4, 3, 1, F(2, 3), F(1), 3),
    (F(1, 3), F(1, 2), 6, 0, 2, F(1, 2), F(1, 2), 3),
    (F(1, 2), F(3), 30, 6, 3, F(4, 5), F(0), 4),
    (F(0), F(1), 25, 5, 2, F(1), F(1), 3),
    (F(3, 4), F(1), 40, 0, 4, F(9, 10), F(1), 5),
]


def finetune_linear_file():
    rows = []
    checks = 0
    for d, th, npre, m, r, gamma, kappa, epochs in LINEAR_CASES:
        for t in range(epochs + 1):
            values = linear_by_patterns(d, th, npre, m, r, gamma, kappa, t)
            if npre + m <= 7:
                assert values == linear_by_enumeration(d, th, npre, m, r, gamma, kappa, t), (d, th, npre, m, t)
                checks += 1
            # Identity: at t = 0 (kappa <= 1) the eligible old entities are those seen in pre-training, whose
            # expected mass is one minus the unseen mass after n_pre draws, (th+d)_{n_pre}/(th+1)_{n_pre}.
            if t == 0 and kappa <= 1:
                assert values["eligible_mass"] == 1 - rising(th + d, npre) / rising(th + 1, npre)
                checks += 1
            assert values["above"] + values["tied"] <= values["eligible_old"]
            for q in ["eligible_old", "eligible_mass", "above", "tied", "mass_above", "mass_tied"]:
                rows.append([fr(d), fr(th), npre, m, r, fr(gamma), fr(kappa), t, q, fr(values[q])])
    write_csv("finetune_linear.csv", ["discount", "concentration", "pretraining", "replay", "repetitions", "decay", "min_score", "epoch", "quantity", "expected"], rows)
    return checks


# ------------------------------------------------------------------------------------------
# Fine-tuning: exact schedule conditional on the counts
# ------------------------------------------------------------------------------------------


def schedule(d, th, C, Fnew, r, gamma, kappa, epochs, pre, rep):
    """Per epoch: (new acquired, old stored, old stored posterior mass, threshold or None)."""
    N = sum(pre) + sum(rep)
    rows = []
    for t in range(epochs + 1):
        items = []  # (score, is_new, mass)
        for n, y in zip(pre, rep):
            sc = score(gamma, t, n, y)
            if eligible(sc, kappa):
                items.append((sc, False, (n + y - d) / (th + N)))
        x = new_score(gamma, t, r)
        if eligible(x, kappa):
            items += [(x, True, F(0))] * Fnew
        items.sort(key=lambda it: -it[0])
        capacity = F(C)
        acquired, stored, mass = F(0), F(0), F(0)
        threshold = None
        if len(items) >= C:
            threshold = items[C - 1][0]
        i = 0
        while i < len(items) and capacity > 0:
            j = i
            while j < len(items) and items[j][0] == items[i][0]:
                j += 1
            group = items[i:j]
            fraction = F(1) if len(group) <= capacity else capacity / len(group)
            for sc, is_new, mu in group:
                if is_new:
                    acquired += fraction
                else:
                    stored += fraction
                    mass += fraction * mu
            capacity -= fraction * len(group)
            i = j
        rows.append((t, acquired, stored, mass, threshold))
    return rows


SCHEDULE_CASES = [
    # name, d, theta, C, F, r, gamma, kappa, epochs, pre, rep
    ("a", F(1, 2), F(1), 4, 2, 2, F(1), F(0), 3, [5, 3, 2, 1, 1, 0], [1, 0, 1, 0, 0, 1]),
    ("b", F(0), F(2), 3, 3, 1, F(1, 2), F(0), 4, [4, 2, 2, 1], [0, 1, 0, 0]),
    ("c", F(3, 4), F(-1, 2), 5, 2, 3, F(2, 3), F(1), 3, [6, 4, 3, 3, 2, 1, 1], [2, 0, 1, 0, 0, 1, 0]),
    ("d", F(1, 3), F(1, 2), 2, 4, 1, F(1), F(1, 2), 2, [3, 1, 1], [0, 0, 0]),
]


def finetune_schedule_file():
    rows = []
    for name, d, th, C, Fnew, r, gamma, kappa, epochs, pre, rep in SCHEDULE_CASES:
        for t, acquired, stored, mass, threshold in schedule(d, th, C, Fnew, r, gamma, kappa, epochs, pre, rep):
            assert acquired + stored <= C
            rows += [[name, t, "new_acquired", fr(acquired)], [name, t, "old_stored", fr(stored)],
                     [name, t, "old_mass", fr(mass)], [name, t, "threshold", "none" if threshold is None else fr(threshold)]]
    write_csv("finetune_schedule.csv", ["case", "epoch", "quantity", "expected"], rows)
    cases = []
    for name, d, th, C, Fnew, r, gamma, kappa, epochs, pre, rep in SCHEDULE_CASES:
        cases.append([name, fr(d), fr(th), C, Fnew, r, fr(gamma), fr(kappa), epochs, ";".join(map(str, pre)), ";".join(map(str, rep)), "case"])
    write_csv("finetune_schedule_cases.csv", ["case", "discount", "concentration", "capacity", "new_entities", "repetitions", "decay", "min_score", "epochs", "pretraining_counts", "replay_counts", "expected"], cases)


# ------------------------------------------------------------------------------------------
# Structure function: brute force over every model
# ------------------------------------------------------------------------------------------


def xlogx(v):
    return v * math.log(v) if v > 0 else 0.0


def structure_brute(templates, entity_counts, gains, costs, syntax_cost):
    """templates[j] = counts of attribute j's templates.  Returns the list of every model
    (cost, data code length, syntax stored, stored set)."""
    J = len(templates)
    n = sum(entity_counts)
    assert n == sum(sum(t) for t in templates)
    index = xlogx(n) - sum(xlogx(c) for c in entity_counts)
    on = xlogx(n) - sum(xlogx(c) for t in templates for c in t)
    off = sum(sum(t) * (math.log(J) + math.log(len(t))) for t in templates)
    k_syn = (J - 1) + sum(len(t) - 1 for t in templates)
    models = []
    K = len(entity_counts)
    for syntax in (False, True):
        for size in range(K + 1):
            for stored in combinations(range(K), size):
                cost = (k_syn * syntax_cost if syntax else 0.0) + sum(costs[k] for k in stored)
                data = index + (on if syntax else off) + sum(gains[k] for k in range(K) if k not in stored)
                models.append((cost, data, syntax, stored))
    return models


def h_brute(models, budget):
    return min(data for cost, data, _, _ in models if cost <= budget * (1 + 1e-12) + 1e-12)


STRUCTURE_CASES = []
_rng = random.Random(20250413)
for _case in range(8):
    _J = _rng.randint(1, 3)
    _templates_per = [_rng.randint(1, 3) for _ in range(_J)]
    _values = [_rng.choice([2, 3, 5]) for _ in range(_J)]
    _K = _rng.randint(3, 9)
    _name_cost = math.log(_rng.choice([4, 16, 100]))
    # Mentions: each entity gets 1..6 sentences, each with a random attribute and template.
    _counts, _gains = [], []
    _templates = [[0] * m for m in _templates_per]
    for _k in range(_K):
        _c = _rng.randint(1, 6)
        _gain = 0.0
        for _ in range(_c):
            _j = _rng.randrange(_J)
            _templates[_j][_rng.randrange(_templates_per[_j])] += 1
            _gain += _name_cost + math.log(_values[_j])
        _counts.append(_c)
        _gains.append(_gain)
    _equal = _case < 5
    _costs = [_rng.choice([3.0, 7.5, 12.0])] * _K if _equal else [round(_rng.uniform(2, 15), 3) for _ in range(_K)]
    _syntax_cost = 0.5 * math.log(sum(_counts))
    STRUCTURE_CASES.append((f"s{_case}", _templates, _counts, _gains, _costs, _syntax_cost))


def structure_files():
    case_rows, rows = [], []
    for name, templates, counts, gains, costs, syntax_cost in STRUCTURE_CASES:
        case_rows.append([name, "|".join(";".join(map(str, t)) for t in templates), ";".join(map(str, counts)),
                          ";".join(repr(x) for x in gains), ";".join(repr(x) for x in costs), repr(syntax_cost), "case"])
        models = structure_brute(templates, counts, gains, costs, syntax_cost)
        # Budgets away from every model cost (midpoints between distinct costs), so that double rounding of
        # a sum of costs cannot move a model across a budget.
        costs_sorted = sorted({cost for cost, _, _, _ in models})
        distinct = [costs_sorted[0]]
        for c in costs_sorted[1:]:
            if c - distinct[-1] > 1e-6:
                distinct.append(c)
        budgets = [0.0] + [(a + b) / 2 for a, b in zip(distinct, distinct[1:])] + [distinct[-1] + 1.0]
        for b in budgets:
            rows.append([name, "h", repr(b), repr(h_brute(models, b))])
        best = min(models, key=lambda mdl: (mdl[0] + mdl[1], len(mdl[3])))
        # The separable optimum: every entity with gain > cost, syntax iff it pays.
        stored = tuple(k for k in range(len(counts)) if gains[k] > costs[k])
        sep = [mdl for mdl in models if mdl[3] == stored]
        sep_best = min(sep, key=lambda mdl: mdl[0] + mdl[1])
        assert abs((sep_best[0] + sep_best[1]) - (best[0] + best[1])) < 1e-9, name
        rows.append([name, "mdl_total", "0", repr(sep_best[0] + sep_best[1])])
        rows.append([name, "mdl_syntax", "0", "1" if sep_best[2] else "0"])
        rows.append([name, "mdl_stored", "0", ";".join(map(str, stored)) if stored else "none"])
    write_csv("structure_cases.csv", ["case", "templates", "entity_counts", "entity_gains", "entity_costs", "syntax_parameter_cost", "expected"], case_rows)
    write_csv("structure_function.csv", ["case", "quantity", "budget", "expected"], rows)


def main():
    os.makedirs(DATA, exist_ok=True)
    checks = finetune_linear_file()
    finetune_schedule_file()
    structure_files()
    print(f"enumeration cross-checks asserted: {checks}; all checks passed")


if __name__ == "__main__":
    main()
