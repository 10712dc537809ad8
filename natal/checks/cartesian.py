"""An independent numeric route for the `mag` field equations: Cartesian finite differences.

The derivations compute curls with spherical scale factors; this module never does.  It takes
explicit test fields n(r, theta, t), J^r, J^phi, v^r, v^theta (random polynomials in r, cos theta,
sin theta and t), assembles the Cartesian vectors J = J^r e_r + J^phi e_phi and
v = v^r e_r + v^theta e_theta + Omega (-y, x, 0) with unit vectors written directly in x, y, z, and
evaluates Eqs. 1-3 with fourth-order central differences in x, y, z, t at 50 significant digits
(mpmath).  Nested differences keep about 25 correct digits, far beyond the 1e-15 agreement asked of
a derived expression evaluated on the same fields with exact derivatives.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Sequence

import mpmath as mp
import sympy as sp

from natal.derivations.jets import jet_symbol

__all__ = ["TestFlow", "random_flow", "FiniteDifferenceFields"]

Vec = list  # three mpf components

_STEP = mp.mpf("1e-12")
_DIGITS = 50
_FIELDS = ("n_nu", "J_r", "J_phi", "v_r", "v_theta")


@dataclass(frozen=True)
class TestFlow:
    """Explicit fields in (r, theta, t) and numeric constants, at one evaluation point."""

    r: sp.Symbol
    theta: sp.Symbol
    t: sp.Symbol
    fields: dict[str, sp.Expr]
    constants: dict[str, sp.Rational]
    point: dict[str, sp.Rational]  # r, theta, phi, t

    def jet_values(self) -> dict[str, mp.mpf]:
        """Every jet symbol (up to second order) of every field at the point, by exact differentiation."""
        at = {self.r: self.point["r"], self.theta: self.point["theta"], self.t: self.point["t"]}
        names = (self.r, self.theta, self.t)
        out: dict[str, mp.mpf] = {}
        with mp.workdps(_DIGITS):
            for name, f in self.fields.items():
                out[name] = mp.mpf(sp.N(f.subs(at), _DIGITS))
                for i, a in enumerate(names):
                    da = sp.diff(f, a)
                    out[jet_symbol(name, str(a)).name] = mp.mpf(sp.N(da.subs(at), _DIGITS))
                    for b in names[i:]:
                        out[jet_symbol(name, str(a), str(b)).name] = mp.mpf(
                            sp.N(sp.diff(da, b).subs(at), _DIGITS))
            for key, value in {**self.constants, **self.point}.items():
                out[key] = mp.mpf(sp.N(value, _DIGITS))
        return out

    def evaluate(self, expr: sp.Expr) -> mp.mpf:
        """A jet expression (derived or printed) at the point, symbols matched by name."""
        values = self.jet_values()
        missing = sorted(s.name for s in expr.free_symbols if s.name not in values)
        if missing:
            raise KeyError(f"no test value for {missing}")
        subs = {s: sp.Float(str(values[s.name]), _DIGITS) for s in expr.free_symbols}
        return mp.mpf(sp.N(expr.xreplace(subs), _DIGITS))


def _poly(rng: random.Random, r: sp.Symbol, theta: sp.Symbol, t: sp.Symbol) -> sp.Expr:
    terms = []
    for i in range(3):
        for j in range(3):
            for l in range(2):
                coeff = sp.Rational(rng.randint(-9, 9), rng.randint(1, 9))
                trig = sp.cos(theta) ** j if (i + j + l) % 2 else sp.sin(theta) ** j
                terms.append(coeff * r**i * trig * t**l)
    return sp.Add(*terms)


def random_flow(seed: int = 0, *, v_theta: bool = True, J_r: bool = True, rotation: bool = True) -> TestFlow:
    """Random smooth test fields (seeded) at a random point off the axis.

    The switches set v^theta, J^r or Omega to zero, matching ``axisymmetric_flow``'s.
    """
    rng = random.Random(seed)
    r, theta, t = sp.Symbol("r", positive=True), sp.Symbol("theta", positive=True), sp.Symbol("t", real=True)
    fields = {name: _poly(rng, r, theta, t) for name in _FIELDS}
    fields["v_theta"] = fields["v_theta"] if v_theta else sp.Integer(0)
    fields["J_r"] = fields["J_r"] if J_r else sp.Integer(0)

    def rational(lo: int, hi: int) -> sp.Rational:
        return sp.Rational(rng.randint(lo, hi), 100)

    constants = {
        "c": rational(150, 300), "Omega": rational(-90, 90), "G_sigma_nu": rational(50, 150),
        "q_sigma": rational(-150, -50), "Q2": rational(100, 300),
    }
    if not rotation:
        constants["Omega"] = sp.Integer(0)
    point = {"r": rational(80, 200), "theta": rational(30, 130), "phi": rational(0, 600),
             "t": rational(-50, 50)}
    return TestFlow(r, theta, t, fields, constants, point)


def _d(f: Callable[[Sequence[mp.mpf]], Vec], x: Sequence[mp.mpf], axis: int) -> Vec:
    """Fourth-order central difference of a vector-valued f along coordinate ``axis`` of x."""
    h = _STEP

    def at(s: int) -> Vec:
        y = list(x)
        y[axis] += s * h
        return f(y)

    fp2, fp1, fm1, fm2 = at(2), at(1), at(-1), at(-2)
    return [(-a + 8 * b - 8 * cc + d) / (12 * h) for a, b, cc, d in zip(fp2, fp1, fm1, fm2)]


def _curl(f: Callable[[Sequence[mp.mpf]], Vec], x: Sequence[mp.mpf]) -> Vec:
    dx, dy, dz = _d(f, x, 0), _d(f, x, 1), _d(f, x, 2)
    return [dy[2] - dz[1], dz[0] - dx[2], dx[1] - dy[0]]


def _cross(a: Vec, b: Vec) -> Vec:
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]


class FiniteDifferenceFields:
    """Eqs. 1-3 for a :class:`TestFlow`, evaluated by Cartesian finite differences in (x, y, z, t)."""

    def __init__(self, flow: TestFlow):
        self.flow = flow
        args = (flow.r, flow.theta, flow.t)
        self._f = {k: sp.lambdify(args, e, "mpmath") for k, e in flow.fields.items()}
        self._k = {k: mp.mpf(sp.N(v, _DIGITS)) for k, v in flow.constants.items()}

    @staticmethod
    def _spherical(x: Sequence[mp.mpf]) -> tuple[mp.mpf, mp.mpf, mp.mpf, Vec, Vec, Vec]:
        X, Y, Z = x[0], x[1], x[2]
        rho = mp.sqrt(X * X + Y * Y)
        r = mp.sqrt(rho * rho + Z * Z)
        theta = mp.atan2(rho, Z)
        e_r = [X / r, Y / r, Z / r]
        e_th = [X * Z / (r * rho), Y * Z / (r * rho), -rho / r]
        e_ph = [-Y / rho, X / rho, mp.mpf(0)]
        return r, theta, rho, e_r, e_th, e_ph

    def n(self, x: Sequence[mp.mpf]) -> Vec:
        r, th, *_ = self._spherical(x)
        return [self._f["n_nu"](r, th, x[3])]

    def J(self, x: Sequence[mp.mpf]) -> Vec:
        r, th, _, e_r, _, e_ph = self._spherical(x)
        Jr, Jphi = self._f["J_r"](r, th, x[3]), self._f["J_phi"](r, th, x[3])
        return [Jr * a + Jphi * b for a, b in zip(e_r, e_ph)]

    def v(self, x: Sequence[mp.mpf]) -> Vec:
        r, th, _, e_r, e_th, _ = self._spherical(x)
        vr, vth = self._f["v_r"](r, th, x[3]), self._f["v_theta"](r, th, x[3])
        W = self._k["Omega"]
        return [
            vr * e_r[0] + vth * e_th[0] - W * x[1],
            vr * e_r[1] + vth * e_th[1] + W * x[0],
            vr * e_r[2] + vth * e_th[2],
        ]

    def B_nu(self, x: Sequence[mp.mpf]) -> Vec:
        """Eq. 3: (1/c) curl J."""
        return [b / self._k["c"] for b in _curl(self.J, x)]

    def E_nu(self, x: Sequence[mp.mpf]) -> Vec:
        """Eq. 3: grad n + (1/c) dJ/dt."""
        gn = [_d(self.n, x, a)[0] for a in range(3)]
        dJ = _d(self.J, x, 3)
        return [g + j / self._k["c"] for g, j in zip(gn, dJ)]

    def force(self, x: Sequence[mp.mpf], with_density: bool = True) -> Vec:
        """Eq. 2: G (-E + v x B); ``with_density=False`` drops grad n (as the curl in Eq. 1 does)."""
        E = self.E_nu(x)
        if not with_density:
            gn = [_d(self.n, x, a)[0] for a in range(3)]
            E = [e - g for e, g in zip(E, gn)]
        vxB = _cross(self.v(x), self.B_nu(x))
        return [self._k["G_sigma_nu"] * (-e + b) for e, b in zip(E, vxB)]

    def field_growth(self, x: Sequence[mp.mpf]) -> Vec:
        """Eq. 1: (c q / Q^2) curl F (grad n is dropped before the curl: it is curl-free exactly,
        and differencing it twice would only add rounding)."""
        k = self._k
        return [k["c"] * k["q_sigma"] / k["Q2"] * w for w in _curl(lambda y: self.force(y, False), x)]

    def at_point(self) -> tuple[list[mp.mpf], dict[str, Vec]]:
        """The Cartesian point and the orthonormal spherical basis (e_r, e_theta, e_phi, e_z) there."""
        p = {k: mp.mpf(sp.N(v, _DIGITS)) for k, v in self.flow.point.items()}
        st, ct = mp.sin(p["theta"]), mp.cos(p["theta"])
        sp_, cp = mp.sin(p["phi"]), mp.cos(p["phi"])
        x = [p["r"] * st * cp, p["r"] * st * sp_, p["r"] * ct, p["t"]]
        _, _, _, e_r, e_th, e_ph = self._spherical(x)
        return x, {"r": e_r, "theta": e_th, "phi": e_ph, "z": [mp.mpf(0), mp.mpf(0), mp.mpf(1)]}

    def components(self, which: str) -> dict[str, mp.mpf]:
        """Components r, theta, phi, z of ``"dB_dt"`` (Eq. 1) or ``"force"`` (Eq. 2) at the point."""
        with mp.workdps(_DIGITS):
            x, basis = self.at_point()
            vec = self.field_growth(x) if which == "dB_dt" else self.force(x)
            return {k: sum(a * b for a, b in zip(vec, e)) for k, e in basis.items()}
