#!/usr/bin/env python3
"""Independent reference values for the peer theories (Laws/Peers): golden CSV generator.

Python 3.11, standard library only (fractions, decimal, math, itertools).  Running

    python3 peers_reference.py

from any working directory rewrites the peers_*.csv files in ../Data/.  The script is the source of
truth for them: nobody edits those CSV files by hand.  Every value is computed two independent ways
and the script asserts that they agree before anything is written:

* Hutter's memorisation error sum_i theta_i (1 - theta_i)^n on a truncated Zipf law: the closed form
  on Fractions, the difference E[D_{n+1}] - E[D_n] of expected distinct features, and brute-force
  enumeration of every training sequence (small cases);
* the quantization model's unlearned mass sum_k p_k P(Bin(D, p_k) < tau) and learned probabilities:
  the closed form on Fractions and enumeration of every count vector (multinomial law, small cases);
* zeta(s) and Zipf tail masses: Euler-Maclaurin in 50-digit decimal arithmetic with two different
  cut-offs (and pi^2/6 for s = 2);
* sums over the infinite Zipf law (Hutter's error, the Santa Fe process's Heaps and Hilberg sums, the
  unlearned mass of quanta): direct float summation (math.fsum) of the first K terms plus the tail
  expanded in powers of p_k and summed with 50-digit Euler-Maclaurin tails, for two different K;
* the Chinchilla compute-optimal allocation: the closed form in 50-digit decimal arithmetic and a
  golden-section search of the iso-FLOP loss in decimal arithmetic.
"""

import math
import os
from decimal import Decimal, getcontext
from fractions import Fraction as F
from itertools import product

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "Data"))
getcontext().prec = 50


def fr(x):
    x = F(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def fl(x):
    x = float(x)
    assert math.isfinite(x)
    return repr(x)


def write(name, header, rows):
    path = os.path.join(DATA, name)
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")
    print(f"wrote {name}: {len(rows)} rows")


# ----------------------------------------------------------------------------------------------
# Finite (truncated Zipf) laws: exact
# ----------------------------------------------------------------------------------------------


def truncated_zipf(m, s):
    w = [F(1, i ** s) for i in range(1, m + 1)]
    t = sum(w)
    return [x / t for x in w]


def memorisation_error(theta, n):
    return sum(t * (1 - t) ** n for t in theta)


def expected_distinct(theta, n):
    return sum(1 - (1 - t) ** n for t in theta)


def memorisation_error_enumerated(theta, n):
    total = F(0)
    for seq in product(range(len(theta)), repeat=n):
        p = F(1)
        for i in seq:
            p *= theta[i]
        seen = set(seq)
        total += p * sum(t for i, t in enumerate(theta) if i not in seen)
    return total


def below(p, samples, tau):
    return sum(math.comb(samples, j) * p ** j * (1 - p) ** (samples - j) for j in range(min(tau, samples + 1)))


def unlearned_mass(theta, samples, tau):
    return sum(t * below(t, samples, tau) for t in theta)


def count_vectors(m, n):
    if m == 1:
        yield (n,)
        return
    for first in range(n + 1):
        for rest in count_vectors(m - 1, n - first):
            yield (first,) + rest


def multinomial(counts):
    n = sum(counts)
    r = math.factorial(n)
    for c in counts:
        r //= math.factorial(c)
    return r


def quanta_enumerated(theta, samples, tau):
    """(E[unlearned mass], [P(quantum k learned)]) by enumerating every count vector."""
    mass = F(0)
    learned = [F(0)] * len(theta)
    for counts in count_vectors(len(theta), samples):
        p = F(multinomial(counts))
        for c, t in zip(counts, theta):
            p *= t ** c
        mass += p * sum(t for c, t in zip(counts, theta) if c < tau)
        for k, c in enumerate(counts):
            if c >= tau:
                learned[k] += p
    return mass, learned


def finite_tables():
    hutter, quanta, learned = [], [], []
    for m, s in [(1, 2), (3, 1), (3, 2), (10, 2), (30, 2), (12, 3)]:
        theta = truncated_zipf(m, s)
        assert sum(theta) == 1
        for n in [0, 1, 2, 3, 5, 20, 40, 100]:
            e = memorisation_error(theta, n)
            assert e == expected_distinct(theta, n + 1) - expected_distinct(theta, n)
            if m <= 3 and n <= 5:
                assert e == memorisation_error_enumerated(theta, n)
            hutter.append([str(m), str(s), str(n), fr(e)])
        for samples in [0, 1, 2, 4, 6, 30, 60]:
            for tau in [1, 2, 3]:
                mass = unlearned_mass(theta, samples, tau)
                probs = [1 - below(t, samples, tau) for t in theta]
                if tau == 1:
                    assert mass == memorisation_error(theta, samples)
                if m <= 3 and samples <= 6:
                    em, el = quanta_enumerated(theta, samples, tau)
                    assert em == mass and el == probs
                assert all(probs[k] >= probs[k + 1] for k in range(m - 1))
                quanta.append([str(m), str(s), str(samples), str(tau), fr(mass)])
                for k in sorted({0, m // 2, m - 1}):
                    learned.append([str(m), str(s), str(k), str(samples), str(tau), fr(probs[k])])
    write("peers_memorisation_error.csv", ["features", "exponent", "samples", "expected"], hutter)
    write("peers_unlearned_mass.csv", ["features", "exponent", "samples", "exposures", "expected"], quanta)
    write("peers_learned_probability.csv", ["features", "exponent", "quantum", "samples", "exposures", "expected"], learned)


# ----------------------------------------------------------------------------------------------
# Zeta, Zipf tails (50-digit Euler-Maclaurin)
# ----------------------------------------------------------------------------------------------


def bernoulli(count):
    """B_0..B_count as Fractions (B_1 = -1/2)."""
    b = [F(0)] * (count + 1)
    b[0] = F(1)
    for m in range(1, count + 1):
        b[m] = -sum(math.comb(m + 1, k) * b[k] for k in range(m)) / (m + 1)
    return b


B = bernoulli(40)


def dec(q):
    q = F(q)
    return Decimal(q.numerator) / Decimal(q.denominator)


def power_tail(s, start, cut):
    """sum_{k >= start} k^-s in Decimal: direct terms below `cut`, then Euler-Maclaurin with B_2..B_40."""
    s = dec(s)
    total = Decimal(0)
    k = start
    while k < cut:
        total += Decimal(k) ** (-s)
        k += 1
    m = Decimal(k)
    total += m ** (1 - s) / (s - 1) + m ** (-s) / 2
    rising = s
    for j in range(1, 21):
        coefficient = dec(B[2 * j]) / math.factorial(2 * j)
        total += coefficient * rising * m ** (-s - 2 * j + 1)
        rising *= (s + 2 * j - 1) * (s + 2 * j)
    return total


def zeta(s):
    a, b = power_tail(s, 1, 60), power_tail(s, 1, 120)
    assert abs(a - b) < Decimal("1e-40") * a, (s, a, b)
    return b


EXPONENTS = [F(10, 9), F(5, 4), F(4, 3), F(3, 2), F(2), F(5, 2), F(3), F(5), F(10)]


def zipf_tables():
    z2 = zeta(2)
    pi = Decimal("3.14159265358979323846264338327950288419716939937510")
    assert abs(z2 - pi * pi / 6) < Decimal("1e-45")
    rows, tails = [], []
    for s in EXPONENTS:
        z = zeta(s)
        rows.append([fr(s), fl(z)])
        for n in [0, 1, 10, 100, 10_000, 10 ** 9]:
            # Two cut-offs for the direct terms (the second far from the first for small n).
            a = power_tail(s, n + 1, n + 61 if n < 2000 else n + 1)
            b = power_tail(s, n + 1, n + 121 if n < 2000 else n + 31)
            assert abs(a - b) < Decimal("1e-35") * a, (s, n)
            tails.append([fr(s), str(n), fl(b / z)])
    write("peers_zeta.csv", ["exponent", "expected"], rows)
    write("peers_zipf_tail.csv", ["exponent", "ranks", "expected"], tails)


# ----------------------------------------------------------------------------------------------
# Sums over the infinite Zipf law: head by fsum, tail by a power series in p with exact tails
# ----------------------------------------------------------------------------------------------


def zipf_sum(s, head, coefficients, K):
    """sum_{k>=1} h(p_k) = fsum_{k<K} h(p_k) + sum_j coefficients[j] c^j T(j s, K), p_k = c k^-s.

    `coefficients[j]` is the coefficient of p^j in the power series of h (j >= 1); the caller picks K so that
    the neglected orders are below 1e-18 relative.
    """
    z = zeta(s)
    c = 1 / float(z)
    sf = float(s)
    total = math.fsum(head(c * k ** -sf) for k in range(1, K))
    tail = Decimal(0)
    cd = 1 / z
    for j, a in enumerate(coefficients):
        if j == 0 or a == 0:
            continue
        tail += dec(a) * cd ** j * power_tail(F(s) * j, K, K)
    return total + float(tail)


def binomial_series(n, terms, sign=-1):
    """Coefficients of (1 + sign p)^n up to p^(terms-1), as Fractions."""
    return [F(math.comb(n, j)) * (sign ** j) for j in range(terms)]


def shift(coefficients):
    return [F(0)] + coefficients[:-1]


def series_product(a, b):
    out = [F(0)] * len(a)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if i + j < len(out):
                out[i + j] += x * y
    return out


def infinite_tables():
    hutter, distinct, information, quanta = [], [], [], []
    for s in [F(3, 2), F(2), F(3)]:
        sf = float(s)
        for n in [10, 100, 1000, 10_000]:
            q = binomial_series(n, 8)  # (1 - p)^n
            hutter_coeffs = shift(q)  # p (1 - p)^n
            seen = [F(0)] + [-x for x in q[1:]]  # 1 - (1 - p)^n
            squared = series_product(seen, seen)
            values = {}
            for K in (50_000, 100_000):
                c = 1 / float(zeta(s))
                assert n * c * K ** -sf < 1e-3
                e = zipf_sum(s, lambda p: p * math.exp(n * math.log1p(-p)), hutter_coeffs, K)
                v = zipf_sum(s, lambda p: -math.expm1(n * math.log1p(-p)), seen, K)
                i = zipf_sum(s, lambda p: math.expm1(n * math.log1p(-p)) ** 2, squared, K)
                values[K] = (e, v, i)
            (e1, v1, i1), (e2, v2, i2) = values[50_000], values[100_000]
            for a, b in [(e1, e2), (v1, v2), (i1, i2)]:
                assert abs(a - b) <= 1e-12 * abs(b), (s, n, a, b)
            hutter.append([fr(s), str(n), fl(e2)])
            distinct.append([fr(s), str(n), fl(v2)])
            information.append([fr(s), str(n), fl(i2)])
        for samples in [10, 100, 1000, 10_000]:
            for tau in [1, 2, 3]:
                # p P(Bin(D, p) < tau) = sum_{j<tau} C(D, j) p^(j+1) (1 - p)^(D-j)
                coeffs = [F(0)] * 11
                for j in range(tau):
                    for i in range(11 - j):
                        coeffs[i + j] += math.comb(samples, j) * math.comb(samples - j, i) * (-1) ** i
                coeffs = shift(coeffs)

                def h(p, samples=samples, tau=tau):
                    lq = math.log1p(-p)
                    return p * sum(math.comb(samples, j) * p ** j * math.exp((samples - j) * lq) for j in range(tau))

                a = zipf_sum(s, h, coeffs, 50_000)
                b = zipf_sum(s, h, coeffs, 100_000)
                assert abs(a - b) <= 1e-12 * abs(b), (s, samples, tau, a, b)
                if tau == 1:
                    assert abs(b - float(hutter[[r[:2] for r in hutter].index([fr(s), str(samples)])][2])) <= 1e-12 * b
                quanta.append([fr(s), str(samples), str(tau), fl(b)])
    write("peers_hutter_zipf.csv", ["exponent", "samples", "expected"], hutter)
    write("peers_santa_fe_distinct.csv", ["exponent", "draws", "expected"], distinct)
    write("peers_santa_fe_information.csv", ["exponent", "draws", "expected"], information)
    write("peers_unlearned_zipf.csv", ["exponent", "samples", "exposures", "expected"], quanta)


# ----------------------------------------------------------------------------------------------
# Chinchilla: compute-optimal allocation in decimal arithmetic
# ----------------------------------------------------------------------------------------------

CHINCHILLA = {
    "hoffmann-2022": ("1.69", "406.4", "0.34", "410.7", "0.28"),
    "hoffmann-2022-tex": ("1.6934", "406.4", "0.3392", "410.7", "0.2849"),
    "besiroglu-2024": ("1.8172", "482.01", "0.3478", "2085.43", "0.3658"),
}


def chinchilla_tables():
    rows = []
    for name, (e, a, alpha, b, beta) in CHINCHILLA.items():
        e, a, alpha, b, beta = (Decimal(x) for x in (e, a, alpha, b, beta))
        share = F(str(beta)) / (F(str(alpha)) + F(str(beta)))
        rows.append([name, "0", "parameters_share", fr(share)])
        g = ((alpha * a) / (beta * b)).ln() / (alpha + beta)
        for flops in ["1e21", "5.76e23", "1e25"]:
            f6 = Decimal(flops) / 6
            ln_n = g + dec(share) * f6.ln()
            n = ln_n.exp()
            d = f6 / n

            def reducible(x):
                return a * (-alpha * x).exp() + b * (-beta * (f6.ln() - x)).exp()

            lo, hi = Decimal(1000).ln(), (f6 / 1000).ln()
            r = (Decimal(5).sqrt() - 1) / 2
            for _ in range(300):
                x1, x2 = hi - r * (hi - lo), lo + r * (hi - lo)
                if reducible(x1) < reducible(x2):
                    hi = x2
                else:
                    lo = x1
            searched = ((lo + hi) / 2).exp()
            assert abs(searched / n - 1) < Decimal("1e-15"), (name, flops, searched, n)
            rows.append([name, flops, "parameters", fl(n)])
            rows.append([name, flops, "tokens", fl(d)])
            rows.append([name, flops, "tokens_per_parameter", fl(d / n)])
    write("peers_chinchilla.csv", ["constants", "flops", "quantity", "expected"], rows)


if __name__ == "__main__":
    finite_tables()
    zipf_tables()
    infinite_tables()
    chinchilla_tables()
