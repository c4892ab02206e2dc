#!/usr/bin/python3
"""Regenerates packages/domain/src/options/reference/options-reference.json.

Reference prices, Greeks and implied volatilities for the options math in packages/domain, computed
independently of the TypeScript code in high precision with mpmath (60 significant digits, each result
rounded once to the nearest double), with QuantLib as a second opinion whose disagreement is only
reported (its normal CDF is ~1e-7 relative in the far tail, see shared reference options-math.md).

Run with the system Python (Debian 12: apt-get install python3-mpmath quantlib-python):

    /usr/bin/python3 scripts/reference/generate-options-reference.py

Conventions (docs/adr/0007-options-conventions.md): Black-76 on the forward F with discount factor D;
theta per calendar day (-dV/dT / 365, r = -ln(D)/T held fixed); vega per vol point (dV/dsigma / 100);
rho per rate point (dV/dr / 100). Inputs are stored as the exact doubles the references were computed
from, so the tests feed the TypeScript code exactly the same numbers.
"""

import json
import math
import os
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 60

try:
    import QuantLib as ql
except ImportError:  # second opinion only
    ql = None

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUTPUT = os.path.join(ROOT, 'packages', 'domain', 'src', 'options', 'reference', 'options-reference.json')

MINUTE = 1.0 / (365 * 24 * 60)
LOG_MONEYNESS = [-5, -3, -2, -1, -0.4, -0.1, -0.02, 0, 0.02, 0.1, 0.4, 1, 2, 3, 5]
TIMES = [MINUTE, 15 * MINUTE, 60 * MINUTE, 1 / 365, 7 / 365, 30 / 365, 91 / 365, 1.0, 2.0]
VOLATILITIES = [0.01, 0.05, 0.15, 0.3, 0.7, 1.5, 3.0]
RATES = [0.0, 0.065, 0.10, -0.005]
FORWARDS = [100.0, 2_400_000.0]  # a unit-free 100, and NIFTY at 24,000 in paise


def to_double(value):
    """Nearest double to an mpf (float(mpf) truncates; the decimal string is rounded correctly)."""
    if value == 0:
        return 0.0
    return float(mpmath.nstr(value, 45, min_fixed=1, max_fixed=0))


def black_mp(is_call, F, K, T, sigma, D):
    F, K, T, sigma, D = mpf(F), mpf(K), mpf(T), mpf(sigma), mpf(D)
    s = sigma * mp.sqrt(T)
    d1 = mp.log(F / K) / s + s / 2
    d2 = d1 - s
    if is_call:
        return D * (F * mp.ncdf(d1) - K * mp.ncdf(d2))
    return D * (K * mp.ncdf(-d2) - F * mp.ncdf(-d1))


def black76_row_mp(F, K, T, sigma, D):
    Fm, Km, Tm, sm, Dm = mpf(F), mpf(K), mpf(T), mpf(sigma), mpf(D)
    rate = -mp.log(Dm) / Tm
    sqrt_t = mp.sqrt(Tm)
    s = sm * sqrt_t
    d1 = mp.log(Fm / Km) / s + s / 2
    d2 = d1 - s
    density = mp.npdf(d1)
    call = Dm * (Fm * mp.ncdf(d1) - Km * mp.ncdf(d2))
    put = Dm * (Km * mp.ncdf(-d2) - Fm * mp.ncdf(-d1))
    decay = Dm * Fm * density * sm / (2 * sqrt_t)
    return {
        'call': call,
        'put': put,
        'callDelta': Dm * mp.ncdf(d1),
        'putDelta': -Dm * mp.ncdf(-d1),
        'gamma': Dm * density / (Fm * s),
        'vega': Dm * Fm * density * sqrt_t / 100,
        'callTheta': (rate * call - decay) / 365,
        'putTheta': (rate * put - decay) / 365,
        'callRho': -Tm * call / 100,
        'putRho': -Tm * put / 100,
        'd1': d1,
    }


def exact_implied_vol(is_call, price, F, K, T, D, guess):
    """sigma with black_mp(sigma) == price exactly (price is the double as stored), or None.

    Newton on g(v) = ln B(v) - ln p (well scaled for tiny and for deep in-the-money prices), starting
    from the volatility the price was computed from, which is within a few ulps of price of the root.
    """
    if price <= 0:
        return None
    p = mpf(price)
    Fm, Km, Tm, Dm = mpf(F), mpf(K), mpf(T), mpf(D)
    intrinsic = Dm * max(Fm - Km, 0) if is_call else Dm * max(Km - Fm, 0)
    upper = Dm * (Fm if is_call else Km)
    if p <= intrinsic or p >= upper:
        return None
    # Newton on the out-of-the-money side: the time value of an in-the-money option is the price of
    # the other right (put-call parity), which mpmath evaluates without cancellation.
    otm_is_call = is_call if intrinsic == 0 else not is_call
    ln_time_value = mp.log(p - intrinsic)
    v = mpf(guess)
    for _ in range(200):
        value = black_mp(otm_is_call, F, K, T, v, D)
        s = v * mp.sqrt(Tm)
        vega = Dm * Fm * mp.npdf(mp.log(Fm / Km) / s + s / 2) * mp.sqrt(Tm)
        if value <= 0 or vega <= 0:
            return None
        step = -(mp.log(value) - ln_time_value) * value / vega
        step = min(max(step, -v / 2), v)
        v += step
        if abs(step) <= mpf(10) ** -45 * v:
            return to_double(v)
    raise RuntimeError('implied vol did not converge for %r' % ((is_call, price, F, K, T, D, guess),))


def ql_black76(is_call, F, K, T, sigma, D):
    option_type = ql.Option.Call if is_call else ql.Option.Put
    std_dev = sigma * math.sqrt(T)
    calc = ql.BlackCalculator(ql.PlainVanillaPayoff(option_type, K), F, std_dev, D)
    return {
        'price': calc.value(),
        'delta': calc.deltaForward(),
        'gamma': calc.gammaForward(),
        'vega': calc.vega(T) / 100,
    }


class Disagreement:
    def __init__(self):
        self.worst = {}

    def note(self, name, ours, theirs, context, scale=1.0):
        # Relative disagreement is only meaningful where the value is not negligible on its scale.
        if not math.isfinite(theirs) or abs(ours) < 1e-12 * scale:
            return
        rel = abs(theirs - ours) / abs(ours)
        if rel > self.worst.get(name, (0.0, None))[0]:
            self.worst[name] = (rel, context)


def generate_black76(disagreement):
    columns = [
        'forward', 'strike', 'timeYears', 'volatility', 'discountFactor',
        'callPrice', 'putPrice', 'callDelta', 'putDelta', 'gamma', 'vega', 'callTheta', 'putTheta',
        'callRho', 'putRho', 'callIvOfPrice', 'putIvOfPrice',
    ]
    rows = []
    index = 0
    for x in LOG_MONEYNESS:
        for T in TIMES:
            for sigma in VOLATILITIES:
                F = FORWARDS[index % len(FORWARDS)]
                rate = RATES[index % len(RATES)]
                index += 1
                K = to_double(mpf(F) * mp.exp(-mpf(x)))
                D = math.exp(-rate * T)
                ref = black76_row_mp(F, K, T, sigma, D)
                call = to_double(ref['call'])
                put = to_double(ref['put'])
                call_iv = exact_implied_vol(True, call, F, K, T, D, sigma)
                put_iv = exact_implied_vol(False, put, F, K, T, D, sigma)
                if ql is not None:
                    context = dict(x=x, T=T, sigma=sigma)
                    for is_call, key in ((True, 'call'), (False, 'put')):
                        theirs = ql_black76(is_call, F, K, T, sigma, D)
                        disagreement.note('price', to_double(ref[key]), theirs['price'], context, F)
                        disagreement.note('delta', to_double(ref[key + 'Delta']), theirs['delta'], context)
                    disagreement.note('gamma', to_double(ref['gamma']), theirs['gamma'], context, 1 / F)
                    disagreement.note('vega', to_double(ref['vega']), theirs['vega'], context, F)
                rows.append([
                    F, K, T, sigma, D,
                    call, put,
                    to_double(ref['callDelta']), to_double(ref['putDelta']),
                    to_double(ref['gamma']), to_double(ref['vega']),
                    to_double(ref['callTheta']), to_double(ref['putTheta']),
                    to_double(ref['callRho']), to_double(ref['putRho']),
                    call_iv, put_iv,
                ])
    return {'columns': columns, 'rows': rows}


def generate_bsm(disagreement):
    columns = [
        'spot', 'strike', 'timeYears', 'volatility', 'rate', 'dividendYield',
        'callPrice', 'putPrice', 'callDelta', 'putDelta', 'gamma', 'vega', 'callTheta', 'putTheta',
        'callRho', 'putRho',
    ]
    rows = []
    for x in [-2, -0.5, 0, 0.5, 2]:
        for T in [1 / 365, 30 / 365, 1.0]:
            for sigma in [0.05, 0.3, 1.0]:
                for rate, q in [(0.065, 0.012), (0.0, 0.03)]:
                    S = 100.0
                    K = to_double(mpf(S) * mp.exp(-mpf(x)))
                    Sm, Km, Tm, sm, rm, qm = (mpf(v) for v in (S, K, T, sigma, rate, q))
                    D, Dq = mp.exp(-rm * Tm), mp.exp(-qm * Tm)
                    s = sm * mp.sqrt(Tm)
                    d1 = (mp.log(Sm / Km) + (rm - qm) * Tm) / s + s / 2
                    d2 = d1 - s
                    density = mp.npdf(d1)
                    call = Sm * Dq * mp.ncdf(d1) - Km * D * mp.ncdf(d2)
                    put = Km * D * mp.ncdf(-d2) - Sm * Dq * mp.ncdf(-d1)
                    decay = -Sm * Dq * density * sm / (2 * mp.sqrt(Tm))
                    call_theta = decay - rm * Km * D * mp.ncdf(d2) + qm * Sm * Dq * mp.ncdf(d1)
                    put_theta = decay + rm * Km * D * mp.ncdf(-d2) - qm * Sm * Dq * mp.ncdf(-d1)
                    # Finite-difference cross-check of theta from the price formula itself.
                    price_at = lambda t: (Sm * mp.exp(-qm * t) * mp.ncdf((mp.log(Sm / Km) + (rm - qm + sm ** 2 / 2) * t) / (sm * mp.sqrt(t)))
                                          - Km * mp.exp(-rm * t) * mp.ncdf((mp.log(Sm / Km) + (rm - qm - sm ** 2 / 2) * t) / (sm * mp.sqrt(t))))
                    fd_theta = -mp.diff(price_at, Tm)
                    assert abs(fd_theta - call_theta) <= mpf(10) ** -30 * (1 + abs(call_theta)), (x, T, sigma)
                    if ql is not None:
                        F = float(Sm * Dq / D)
                        theirs = ql_black76(True, F, K, T, sigma, float(D))
                        disagreement.note('bsm price', to_double(call), theirs['price'], dict(x=x, T=T, sigma=sigma), S)
                    rows.append([
                        S, K, T, sigma, rate, q,
                        to_double(call), to_double(put),
                        to_double(Dq * mp.ncdf(d1)), to_double(-Dq * mp.ncdf(-d1)),
                        to_double(Dq * density / (Sm * s)), to_double(Sm * Dq * density * mp.sqrt(Tm) / 100),
                        to_double(call_theta / 365), to_double(put_theta / 365),
                        to_double(Km * Tm * D * mp.ncdf(d2) / 100), to_double(-Km * Tm * D * mp.ncdf(-d2) / 100),
                    ])
    return {'columns': columns, 'rows': rows}


def generate_normal():
    points = sorted(set(
        [-38.4, -38.2, -38.0, -37.9, -37.6, -37.4, -37.0, -36.5, -35.0, -30.0, -26.7, -25.0, -20.0, -15.0,
         -12.5, -10.0, -8.3, -7.0, -5.66, -5.65, -4.0, -3.0, -2.5, -1.5, -1.0, -0.7, -0.6629, -0.5, -0.25,
         -1e-3, -1e-9, 0.0, 1e-9, 0.3, 0.66, 0.67, 1.0, 2.0, 3.3, 5.0, 6.0, 7.5, 8.2]
        + [round(-0.37 * k, 6) for k in range(1, 100)]
    ))
    rows = []
    for z in points:
        zm = mpf(z)
        rows.append([z, to_double(mp.ncdf(zm)), to_double(mp.npdf(zm)), to_double(mp.ncdf(-zm))])
    return {'columns': ['z', 'cdf', 'pdf', 'cdfOfMinusZ'], 'rows': rows}


def main():
    disagreement = Disagreement()
    table = {
        'generator': 'scripts/reference/generate-options-reference.py',
        'method': 'mpmath %s at %d significant digits, each value rounded to the nearest double' % (mpmath.__version__, mp.dps),
        'conventions': 'Black-76 on the forward; theta per calendar day (r = -ln(D)/T fixed); vega per vol point; rho per rate point; ivOfPrice = exact implied vol of the stored (rounded) price, null when none exists',
        'normal': generate_normal(),
        'black76': generate_black76(disagreement),
        'bsm': generate_bsm(disagreement),
    }
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, 'w') as handle:
        json.dump(table, handle, separators=(',', ':'), allow_nan=False)
        handle.write('\n')
    size = os.path.getsize(OUTPUT)
    print('wrote %s (%d rows Black-76, %d rows BSM, %d normal points, %.0f KB)' % (
        os.path.relpath(OUTPUT, ROOT), len(table['black76']['rows']), len(table['bsm']['rows']),
        len(table['normal']['rows']), size / 1024))
    if ql is None:
        print('QuantLib not installed: no second opinion')
    else:
        print('QuantLib %s second opinion, max relative disagreement with mpmath where the value exceeds 1e-12 of its scale (informative only):' % ql.__version__)
        for name, (rel, context) in sorted(disagreement.worst.items()):
            print('  %-10s %.3e at %s' % (name, rel, context))


if __name__ == '__main__':
    sys.exit(main())
