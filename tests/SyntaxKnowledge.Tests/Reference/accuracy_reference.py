#!/usr/bin/env python3
"""Reference values for the accuracy of the double-precision Pitman-Yor evaluators up to n = 10^15.

Python 3 standard library only.  Running

    python3 accuracy_reference.py

from any directory rewrites ../Data/accuracy_large_n.csv and ../Data/accuracy_entropy.csv
(about a minute).  Deterministic, ASCII, LF line endings.

Method (independent of the library, which never forms ln Gamma of a large argument):

* ln Gamma(z) at 110 significant digits: shift z up to Z >= 100 by the exact recurrence
  (a product of Fractions), then Stirling's series with K = 30 Bernoulli terms.  For real
  z > 0 the error of the truncated series is below the first omitted term,
  |B_{2K+2}| / ((2K+2)(2K+1) Z^{2K+1}), which the script bounds (< 1e-85) before use.
  Differences ln Gamma(n+a) - ln Gamma(n+b) at n = 10^15 lose 17 of the 110 digits.
* psi and psi' the same way (shift, then the Bernoulli series, bounded by the first omitted term).
* Exact Fractions for n <= 10^3 (the closed products), asserted equal to the series values to 1e-60;
  at n = 10^6 a direct 60-digit decimal product is asserted equal for a subset of parameters.

Columns: quantity,discount,concentration,n,expected   (expected = Python float of the 110-digit value,
i.e. correctly rounded; values below the normal range are written as they round, possibly 0.0).
"""

import math
import os
import sys
from decimal import Decimal, localcontext, getcontext
from fractions import Fraction as F
from math import comb

sys.set_int_max_str_digits(0)
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "Data"))
PREC = 110
getcontext().prec = PREC

# Bernoulli numbers B_0..B_80 as Fractions.
B = [F(1)]
for m in range(1, 81):
    B.append(-sum(comb(m + 1, j) * B[j] for j in range(m)) / F(m + 1))
assert B[1] == F(-1, 2) and B[2] == F(1, 6) and B[4] == F(-1, 30) and B[12] == F(-691, 2730)

SHIFT = 100
TERMS = 30
# The first omitted Stirling term at Z = SHIFT bounds the truncation error (real z > 0).
assert abs(B[2 * TERMS + 2]) / ((2 * TERMS + 2) * (2 * TERMS + 1) * F(SHIFT) ** (2 * TERMS + 1)) < F(1, 10**85)
assert abs(B[2 * TERMS + 2]) / ((2 * TERMS + 2) * F(SHIFT) ** (2 * TERMS + 2)) < F(1, 10**85)

HALF_LN_2PI = None


def D(x):
    """Fraction or int -> Decimal at the working precision."""
    x = F(x)
    return Decimal(x.numerator) / Decimal(x.denominator)


def ln2pi():
    global HALF_LN_2PI
    if HALF_LN_2PI is None:
        # pi by Machin's formula at PREC + 10 digits.
        with localcontext() as ctx:
            ctx.prec = PREC + 10

            def arctan_inv(k):
                x = Decimal(1) / k
                x2 = x * x
                total, term, n = Decimal(0), x, 1
                while term != 0:
                    total += term / n
                    term *= -x2
                    n += 2
                    if abs(term) < Decimal(10) ** (-(PREC + 20)):
                        break
                return total

            pi = 4 * (4 * arctan_inv(5) - arctan_inv(239))
            HALF_LN_2PI = (2 * pi).ln() / 2
    return HALF_LN_2PI


def shift_up(z):
    """Return (z + k, k) with z + k >= SHIFT; z a Fraction."""
    k = 0 if z >= SHIFT else math.ceil(SHIFT - z)
    return z + k, k


def lngamma(z):
    """ln Gamma(z) for rational z > 0 at PREC digits."""
    z = F(z)
    assert z > 0
    zz, k = shift_up(z)
    prod = F(1)
    for i in range(k):
        prod *= z + i
    w = D(zz)
    s = (w - Decimal("0.5")) * w.ln() - w + ln2pi()
    inv = 1 / w
    inv2 = inv * inv
    p = inv
    for j in range(1, TERMS + 1):
        s += D(B[2 * j]) / (2 * j * (2 * j - 1)) * p
        p *= inv2
    return s - D(prod).ln()


def digamma(z):
    z = F(z)
    assert z > 0
    zz, k = shift_up(z)
    corr = sum((F(1) / (z + i) for i in range(k)), F(0))
    w = D(zz)
    s = w.ln() - 1 / (2 * w)
    inv2 = 1 / (w * w)
    p = inv2
    for j in range(1, TERMS + 1):
        s -= D(B[2 * j]) / (2 * j) * p
        p *= inv2
    return s - D(corr)


def trigamma(z):
    z = F(z)
    assert z > 0
    zz, k = shift_up(z)
    corr = sum((F(1) / ((z + i) ** 2) for i in range(k)), F(0))
    w = D(zz)
    inv = 1 / w
    s = inv + inv * inv / 2
    inv2 = inv * inv
    p = inv2 * inv
    for j in range(1, TERMS + 1):
        s += D(B[2 * j]) * p
        p *= inv2
    return s + D(corr)


def log_rising_ratio(a, b, m):
    """ln[(a)_m/(b)_m] = lnG(a+m) - lnG(a) - lnG(b+m) + lnG(b)."""
    return lngamma(F(a) + m) - lngamma(a) - lngamma(F(b) + m) + lngamma(b)


# ------------------------------------------------------------------------------------------
# The quantities (series form, any n) and their exact-Fraction forms (n <= 1000)
# ------------------------------------------------------------------------------------------


def new_probability(d, t, n):
    if d == 0:
        return D(t) / D(t + n)
    return log_rising_ratio(t + d, t + 1, n).exp()


def expected_distinct(d, t, n):
    if d == 0:
        return D(t) * (digamma(t + n) - digamma(t))
    return D((t + d) / d) * log_rising_ratio(t + d + 1, t + 1, n - 1).exp() - D(t / d)


def uncovered_mass(d, t, c):
    if d == 0:
        return (D(c) * (D(t) / D(t + 1)).ln()).exp()
    return log_rising_ratio(1 + t / d, (t + 1) / d, c).exp()


def distinct_variance(d, t, n):
    if d == 0:
        return D(t) * (digamma(t + n) - digamma(t)) - D(t) ** 2 * (trigamma(t) - trigamma(t + n))
    a = t / d
    r1 = log_rising_ratio(t + d + 1, t + 1, n - 1).exp()
    r2 = log_rising_ratio(t + 2 * d + 1, t + 1, n - 1).exp()
    return D(a + 1) * (D(a + 2) * r2 - r1 - D(a + 1) * r1 * r1)


def diversity_moment(d, t, p):
    a = t / d
    return (lngamma(t + 1) + lngamma(a + p + 1) - lngamma(a + 1) - lngamma(t + p * d + 1)).exp()


def unacquired_mass(d, t, n, r):
    """E[P(Bin(n, W) < r)] = Sum_{k<r} C(n,k)(1-d)_k (t+d)_{n-k}/(1+t)_n, as new_probability * Sum t_k."""
    total, term = Decimal(0), Decimal(1)
    terms = min(r, n + 1)
    for k in range(terms):
        total += term
        if k + 1 < terms:
            term *= D((n - k) * (1 - d + k) / ((k + 1) * (t + d + n - k - 1)))
    return new_probability(d, t, n) * total


def rising(x, m):
    p = F(1)
    for i in range(m):
        p *= x + i
    return p


def exact_new_probability(d, t, n):
    return rising(t + d, n) / rising(t + 1, n)


def exact_expected_distinct(d, t, n):
    if d == 0:
        return sum((t / (t + i) for i in range(n)), F(0))
    # The recursion E[K_{n+1}] = E[K_n] + (t + d E[K_n])/(t + n): independent of the closed form.
    e = F(1)
    for i in range(1, n):
        e += (t + d * e) / (t + i)
    return e


def exact_uncovered_mass(d, t, c):
    p = F(1)
    for j in range(1, c + 1):
        p *= (t + j * d) / (t + 1 + (j - 1) * d)
    return p


def exact_distinct_variance(d, t, n):
    # Recursions for the first two moments, derived from the seating rule only.
    mean, second = F(1), F(1)
    for i in range(1, n):
        total = t + i
        second += (t + (2 * t + d) * mean + 2 * d * second) / total
        mean += (t + d * mean) / total
    return second - mean * mean


def exact_unacquired(d, t, n, r):
    return sum((comb(n, k) * rising(1 - d, k) * rising(t + d, n - k) / rising(1 + t, n) for k in range(min(r, n + 1))), F(0))


def close(x, y, tol=Decimal("1e-60")):
    x, y = D(x) if isinstance(x, F) else x, D(y) if isinstance(y, F) else y
    scale = max(abs(x), abs(y), Decimal("1e-300"))
    return abs(x - y) <= tol * scale


def to_float(x):
    return float(x)


def fr(x):
    x = F(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


DISCOUNTS = [F(0), F(1, 7), F(1, 2), F(9, 10), F(99, 100), F(999, 1000)]
SIZES = [1, 10, 10**3, 10**6, 10**9, 10**12, 10**15]
EXACT_SIZES = {1, 10, 10**3}


def thetas(d):
    just_above = -d + F(1, 10**6)
    base = [just_above, F(0), F(1), F(10**3), F(10**6)]
    return [t for t in base if t > -d and not (d == 0 and t == 0)]


def main():
    rows = []
    for d in DISCOUNTS:
        for t in thetas(d):
            if d > 0:
                m1, m2 = diversity_moment(d, t, 1), diversity_moment(d, t, 2)
                # Two forms of E[S] and E[S^2] (docs/03-formulas/pitman-yor.md): ratio of gammas and (a+1) G(t+1)/G(t+d+1).
                a = t / d
                assert close(m1, D(a + 1) * (lngamma(t + 1) - lngamma(t + d + 1)).exp(), Decimal("1e-90"))
                assert close(m2, D((a + 1) * (a + 2)) * (lngamma(t + 1) - lngamma(t + 2 * d + 1)).exp(), Decimal("1e-90"))
                rows.append(("diversity_mean", d, t, 1, m1))
                rows.append(("diversity_variance", d, t, 1, m2 - m1 * m1))
            for n in SIZES:
                values = {
                    "new_probability": new_probability(d, t, n),
                    "expected_distinct": expected_distinct(d, t, n),
                    "uncovered_mass": uncovered_mass(d, t, n),
                    "distinct_variance": distinct_variance(d, t, n),
                    "unacquired_mass_r3": unacquired_mass(d, t, n, 3),
                }
                if n in EXACT_SIZES:
                    assert close(values["new_probability"], exact_new_probability(d, t, n)), (d, t, n)
                    assert close(values["expected_distinct"], exact_expected_distinct(d, t, n)), (d, t, n)
                    assert close(values["uncovered_mass"], exact_uncovered_mass(d, t, n)), (d, t, n)
                    assert close(values["unacquired_mass_r3"], exact_unacquired(d, t, n, 3)), (d, t, n)
                    if n <= 10**3 and not (t == 10**6 and n == 10**3):
                        ev = exact_distinct_variance(d, t, n)
                        assert abs(D(ev) - values["distinct_variance"]) <= Decimal("1e-50") * max(abs(D(ev)), Decimal(1)), (d, t, n)
                for q, v in values.items():
                    rows.append((q, d, t, n, v))
    # A direct 60-digit decimal product at n = 10^6 for a subset (the series at n = 10^6 is then checked twice).
    with localcontext() as ctx:
        ctx.prec = 60
        for d, t in [(F(1, 2), F(1)), (F(99, 100), F(10**3)), (F(1, 7), -F(1, 7) + F(1, 10**6))]:
            n = 10**6
            p = Decimal(1)
            a, b = D(t + d), D(t + 1)
            for i in range(n):
                p *= (a + i) / (b + i)
            series = next(v for (q, dd, tt, nn, v) in rows if q == "new_probability" and dd == d and tt == t and nn == n)
            assert abs(p - series) <= Decimal("1e-50") * p, (d, t, p, series)
    write("accuracy_large_n.csv", "quantity,discount,concentration,n,expected", rows)

    # Expected entropy psi(t+1) - psi(1-d), including d and t near zero (the difference is tiny there).
    erows = []
    small = [F(0), F(1, 10**12), F(1, 10**9), F(1, 10**6), F(1, 10**3), F(1, 7), F(1, 2), F(9, 10), F(99, 100), F(999, 1000)]
    for d in small:
        for t in sorted({-d + F(1, 10**12), -d + F(1, 10**6), F(0), F(1, 10**12), F(1, 10**9), F(1, 10**6), F(1, 10**3), F(1), F(10**3), F(10**6)}):
            if t <= -d or (d == 0 and t == 0):
                continue
            v = digamma(t + 1) - digamma(1 - d)
            # Independent form for |t|, d < 1/2: psi(1+t) - psi(1-d) = Sum_{k>=2} (-1)^k zeta(k) (t^{k-1} - (-d)^{k-1}).
            if abs(t) < F(1, 2) and d < F(1, 2):
                series = Decimal(0)
                for k in range(2, 400):
                    zk = zeta(k)
                    series += (-1) ** k * zk * (D(t) ** (k - 1) - D(-d) ** (k - 1))
                assert abs(v - series) <= Decimal("1e-85"), (d, t)  # both errors are below 1e-88 absolute
            erows.append(("entropy", d, t, 0, v))
    write("accuracy_entropy.csv", "quantity,discount,concentration,n,expected", erows)


ZETA = {}


def zeta(k):
    """zeta(k), k >= 2, by Euler-Maclaurin with N = 200 and 24 terms (first omitted term B_50 (k)_49/50! N^(-k-49) < 1e-90)."""
    if k not in ZETA:
        n = 200
        s = sum((Decimal(1) / (Decimal(j) ** k) for j in range(1, n)), Decimal(0))
        N = Decimal(n)
        s += N ** (1 - k) / (k - 1) + N ** (-k) / 2
        rising_k = F(k)
        for j in range(1, 25):
            # B_{2j}/(2j)! * k(k+1)...(k+2j-2) * N^{-k-2j+1}
            term = D(B[2 * j] / math.factorial(2 * j) * rising_k) * N ** (-k - 2 * j + 1)
            s += term
            rising_k *= (k + 2 * j - 1) * (k + 2 * j)
        ZETA[k] = s
    return ZETA[k]


def write(name, header, rows):
    path = os.path.join(DATA, name)
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(header + "\n")
        for q, d, t, n, v in rows:
            f.write(f"{q},{fr(d)},{fr(t)},{n},{repr(to_float(v))}\n")
    print(f"wrote {path}: {len(rows)} rows")


if __name__ == "__main__":
    main()
