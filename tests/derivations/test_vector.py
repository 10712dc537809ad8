"""Tests of natal.derivations.vector: orthonormal vector calculus from scale factors.

Every operator is checked against an independent route (DESIGN.md convention 6): the same
polynomial field is differentiated in Cartesian (x, y, z) with plain ``sympy.diff``, then
substituted x = x(q); the curvilinear route converts to orthonormal components with
``from_cartesian``, applies the curvilinear operator and converts back with ``to_cartesian``.
The difference is shown to vanish twice:

* exactly, by writing its numerator as a polynomial in r (or varrho, z) and in sin/cos of the
  angles, and reducing it modulo the ideal (s**2 + c**2 - 1) of each angle (the generators have
  leading terms in distinct variables, so they are a Groebner basis and the remainder is
  canonical: zero iff the difference is identically zero);
* numerically, at seeded random points evaluated with mpmath at 50 digits, |diff| < 1e-25.

Identities (curl grad = 0, div curl = 0) are checked on generic sympy Functions with ``simplify``;
closed-form oracles (dipole field, harmonic functions) and the basis itself are checked directly.
"""

from __future__ import annotations

import random

import mpmath
import pytest
import sympy as sp

from natal.derivations.vector import (
    Coordinates, cartesian, cross, curl, cylindrical, cylindrical_components, div, dot, from_cartesian, grad,
    spherical, to_cartesian, z_component,
)

# Cartesian symbols. cartesian() uses the same names and assumptions, so X, Y, Z *are* its
# coordinates, and Z is also the cylindrical z (harmless: x -> x(q) is done with xreplace,
# which substitutes simultaneously).
X, Y, Z = sp.symbols("x y z", real=True)

SPH = spherical()
CYL = cylindrical()
CART = cartesian()
COORDS = {"spherical": SPH, "cylindrical": CYL, "cartesian": CART}

# the first seed runs in the fast suite; the second repeats every check on new fields (slow)
SEEDS = (11, pytest.param(23, marks=pytest.mark.slow))
DPS = 50
TOL = mpmath.mpf("1e-25")


# --------------------------------------------------------------------------------------------
# helpers: independent Cartesian calculus, test fields, and the two zero tests
# --------------------------------------------------------------------------------------------

def _cgrad(f):
    return tuple(sp.diff(f, v) for v in (X, Y, Z))


def _cdiv(W):
    return sp.diff(W[0], X) + sp.diff(W[1], Y) + sp.diff(W[2], Z)


def _ccurl(W):
    return (sp.diff(W[2], Y) - sp.diff(W[1], Z),
            sp.diff(W[0], Z) - sp.diff(W[2], X),
            sp.diff(W[1], X) - sp.diff(W[0], Y))


def _ccross(A, B):
    return (A[1] * B[2] - A[2] * B[1], A[2] * B[0] - A[0] * B[2], A[0] * B[1] - A[1] * B[0])


def _cdot(A, B):
    return A[0] * B[0] + A[1] * B[1] + A[2] * B[2]


_MONOMIALS = [X**a * Y**b * Z**c
              for a in range(4) for b in range(4) for c in range(4) if a + b + c <= 3]


def _poly(rng: random.Random, nterms: int = 6) -> sp.Expr:
    """A random cubic polynomial in x, y, z with small nonzero integer coefficients."""
    return sp.Add(*(rng.choice((-3, -2, -1, 1, 2, 3)) * m for m in rng.sample(_MONOMIALS, nterms)))


def _field(seed: int) -> tuple[sp.Expr, ...]:
    return tuple(_poly(random.Random(seed * 1000 + k)) for k in range(3))


def _scalar(seed: int) -> sp.Expr:
    return _poly(random.Random(seed * 1000 + 7), nterms=8)


def _on(expr, c: Coordinates):
    """Substitute (x, y, z) = position(q) into an expression or a tuple of them."""
    sub = dict(zip((X, Y, Z), c.position))
    if isinstance(expr, (tuple, list)):
        return tuple(sp.sympify(e).xreplace(sub) for e in expr)
    return sp.sympify(expr).xreplace(sub)


def _trig_reduction(c: Coordinates):
    """sin/cos of each coordinate -> fresh symbols, and the Pythagorean relation of each pair."""
    rep, relations = {}, []
    for q in c.q:
        s, k = sp.Dummy(f"s_{q}"), sp.Dummy(f"c_{q}")
        rep[sp.sin(q)], rep[sp.cos(q)] = s, k
        relations.append((s, k, s**2 + k**2 - 1))
    return rep, relations


def assert_zero_exact(expr, c: Coordinates) -> None:
    """expr is identically zero as a rational function of q and sin/cos(q).

    The numerator, a polynomial in q and in s = sin(q_i), k = cos(q_i), is reduced modulo the
    relations s**2 + k**2 - 1; their leading terms lie in distinct variables, so they form a
    Groebner basis and the remainder is zero iff the expression vanishes identically.
    """
    rep, relations = _trig_reduction(c)
    num = sp.expand_trig(sp.sympify(expr)).xreplace(rep)
    assert not num.has(sp.sin, sp.cos, sp.Abs), num
    gens = list(sp.ordered(num.free_symbols))
    if not num.is_polynomial(*gens):
        num = sp.fraction(sp.together(num))[0]
    ideal = [g for s, k, g in relations if num.has(s) or num.has(k)]
    # only the generators that occur: Poly over unused generators is needlessly slow
    gens = list(sp.ordered(num.free_symbols | set().union(set(), *(g.free_symbols for g in ideal))))
    if not gens:
        assert sp.simplify(num) == 0, num
        return
    poly = sp.poly(num, *gens)  # recursive Poly arithmetic, much faster than Expr.expand
    remainder = sp.reduced(poly, [sp.Poly(g, *gens) for g in ideal])[1] if ideal else poly
    assert remainder.is_zero, remainder.as_expr()


def _points(c: Coordinates, seed: int, n: int = 4):
    """Seeded random points inside the coordinate domain (away from the axis and the origin)."""
    rng = random.Random(seed)
    ranges = {
        "spherical": ((500, 2000), (200, 2900), (-3000, 3000)),   # r, theta in (0.2, 2.9), phi
        "cylindrical": ((500, 2000), (-3000, 3000), (-2000, 2000)),  # varrho, phi, z
        "cartesian": ((-2000, 2000),) * 3,
    }[c.name]
    return [tuple(rng.randint(lo, hi) for lo, hi in ranges) for _ in range(n)]


def assert_zero_numeric(exprs, c: Coordinates, seed: int) -> None:
    """Each expression vanishes (|.| < 1e-25) at seeded random points, at 50 digits."""
    exprs = list(exprs) if isinstance(exprs, (tuple, list)) else [exprs]
    fn = sp.lambdify(c.q, exprs, modules="mpmath")
    with mpmath.workdps(DPS):
        for point in _points(c, seed):
            args = [mpmath.mpf(k) / 1000 for k in point]
            for value in fn(*args):
                assert abs(value) < TOL, (point, value)


def assert_zero(exprs, c: Coordinates, seed: int) -> None:
    exprs = tuple(exprs) if isinstance(exprs, (tuple, list)) else (exprs,)
    assert_zero_numeric(exprs, c, seed)
    for e in exprs:
        assert_zero_exact(e, c)


def _sub(A, B):
    return tuple(a - b for a, b in zip(A, B))


def _generic_vector(c: Coordinates):
    return tuple(sp.Function(name)(*c.q) for name in ("A1", "A2", "A3"))


coords = pytest.mark.parametrize("c", list(COORDS.values()), ids=list(COORDS))
curvilinear = pytest.mark.parametrize("c", [SPH, CYL], ids=["spherical", "cylindrical"])
seeds = pytest.mark.parametrize("seed", SEEDS)


# --------------------------------------------------------------------------------------------
# the basis
# --------------------------------------------------------------------------------------------

@coords
def test_basis_is_orthonormal_and_right_handed(c):
    e = c.basis()
    for i in range(3):
        for j in range(3):
            assert sp.simplify(_cdot(e[i], e[j]) - (1 if i == j else 0)) == 0, (i, j)
    # right-handed: e1 x e2 = e3 (cross() relies on this)
    for a, b in zip(_ccross(e[0], e[1]), e[2]):
        assert sp.simplify(a - b) == 0


@coords
def test_scale_factors_are_the_lengths_of_the_tangent_vectors(c):
    for qi, hi in zip(c.q, c.scale):
        assert_zero(sum(sp.diff(X_, qi)**2 for X_ in c.position) - hi**2, c, seed=1)


def test_spherical_basis_closed_form():
    r, th, ph = SPH.q
    expected = (
        (sp.sin(th) * sp.cos(ph), sp.sin(th) * sp.sin(ph), sp.cos(th)),
        (sp.cos(th) * sp.cos(ph), sp.cos(th) * sp.sin(ph), -sp.sin(th)),
        (-sp.sin(ph), sp.cos(ph), sp.Integer(0)),
    )
    for got, want in zip(SPH.basis(), expected):
        assert all(sp.simplify(g - w) == 0 for g, w in zip(got, want))


def test_cylindrical_basis_closed_form():
    _, ph, _ = CYL.q
    expected = ((sp.cos(ph), sp.sin(ph), 0), (-sp.sin(ph), sp.cos(ph), 0), (0, 0, 1))
    for got, want in zip(CYL.basis(), expected):
        assert all(sp.simplify(g - w) == 0 for g, w in zip(got, want))


# --------------------------------------------------------------------------------------------
# change of components
# --------------------------------------------------------------------------------------------

@coords
def test_round_trip_cartesian_to_orthonormal_and_back(c):
    W = _on(_field(3), c)
    assert_zero(_sub(to_cartesian(from_cartesian(W, c), c), W), c, seed=3)


@curvilinear
def test_round_trip_orthonormal_to_cartesian_and_back_generic(c):
    V = _generic_vector(c)
    back = from_cartesian(to_cartesian(V, c), c)
    assert all(sp.simplify(b - v) == 0 for b, v in zip(back, V))


def test_radial_component_is_projection_on_position():
    """V_r = (W . x) / |x| for a Cartesian field W."""
    W = _field(5)
    r = SPH.q[0]
    Vr = from_cartesian(_on(W, SPH), SPH)[0]
    assert_zero(Vr - _on(_cdot(W, (X, Y, Z)), SPH) / r, SPH, seed=5)


# --------------------------------------------------------------------------------------------
# operators against Cartesian computations on polynomial fields
# --------------------------------------------------------------------------------------------

@coords
@seeds
def test_grad_matches_cartesian(c, seed):
    f = _scalar(seed)
    got = to_cartesian(grad(_on(f, c), c), c)
    assert_zero(_sub(got, _on(_cgrad(f), c)), c, seed)


@coords
@seeds
def test_div_matches_cartesian(c, seed):
    W = _field(seed)
    got = div(from_cartesian(_on(W, c), c), c)
    assert_zero(got - _on(_cdiv(W), c), c, seed)


@coords
@seeds
def test_curl_matches_cartesian(c, seed):
    W = _field(seed)
    got = to_cartesian(curl(from_cartesian(_on(W, c), c), c), c)
    assert_zero(_sub(got, _on(_ccurl(W), c)), c, seed)


@coords
@seeds
def test_dot_matches_cartesian(c, seed):
    A, B = _field(seed), _field(seed + 100)
    got = dot(from_cartesian(_on(A, c), c), from_cartesian(_on(B, c), c))
    assert_zero(got - _on(_cdot(A, B), c), c, seed)


@coords
@seeds
def test_cross_matches_cartesian(c, seed):
    A, B = _field(seed), _field(seed + 100)
    got = to_cartesian(cross(from_cartesian(_on(A, c), c), from_cartesian(_on(B, c), c)), c)
    assert_zero(_sub(got, _on(_ccross(A, B), c)), c, seed)


@curvilinear
def test_laplacian_as_div_grad_matches_cartesian(c):
    f = _scalar(31)
    lap = sum(sp.diff(f, v, 2) for v in (X, Y, Z))
    assert_zero(div(grad(_on(f, c), c), c) - _on(lap, c), c, seed=31)


# --------------------------------------------------------------------------------------------
# identities on generic functions (symbolic)
# --------------------------------------------------------------------------------------------

@curvilinear
def test_curl_grad_is_zero(c):
    f = sp.Function("f")(*c.q)
    assert all(sp.simplify(comp) == 0 for comp in curl(grad(f, c), c))


@curvilinear
def test_div_curl_is_zero(c):
    assert sp.simplify(div(curl(_generic_vector(c), c), c)) == 0


# --------------------------------------------------------------------------------------------
# closed-form oracles
# --------------------------------------------------------------------------------------------

def test_spherical_oracles():
    r, th, ph = SPH.q
    n = sp.Symbol("n", integer=True)
    zero = sp.Integer(0)
    # grad r = e_r; div(r^n e_r) = (n + 2) r^(n - 1); div(e_r / r^2) = 0 away from 0
    assert grad(r, SPH) == (1, 0, 0)
    assert sp.simplify(div((r**n, zero, zero), SPH) - (n + 2) * r**(n - 1)) == 0
    assert sp.simplify(div((1 / r**2, zero, zero), SPH)) == 0
    # dipole: A = sin(th)/r^2 e_phi gives B = curl A = (2 cos th / r^3, sin th / r^3, 0)
    B = curl((zero, zero, sp.sin(th) / r**2), SPH)
    expected = (2 * sp.cos(th) / r**3, sp.sin(th) / r**3, zero)
    assert all(sp.simplify(b - e) == 0 for b, e in zip(B, expected))
    assert sp.simplify(div(B, SPH)) == 0
    # harmonic functions: 1/r, r cos th, r^2 P2(cos th), r^-3 P2(cos th), r sin th cos ph
    for f in (1 / r, r * sp.cos(th), r**2 * (3 * sp.cos(th)**2 - 1),
              (3 * sp.cos(th)**2 - 1) / r**3, r * sp.sin(th) * sp.cos(ph)):
        assert sp.simplify(div(grad(f, SPH), SPH)) == 0, f
    # rigid rotation v = Omega x x = Omega r sin th e_phi: curl v = 2 Omega e_z
    Om = sp.Symbol("Omega", positive=True)
    w = curl((zero, zero, Om * r * sp.sin(th)), SPH)
    expected = (2 * Om * sp.cos(th), -2 * Om * sp.sin(th), zero)
    assert all(sp.simplify(a - b) == 0 for a, b in zip(w, expected))


def test_cylindrical_oracles():
    rho, ph, z = CYL.q
    zero = sp.Integer(0)
    assert sp.simplify(div((rho, zero, zero), CYL) - 2) == 0
    assert sp.simplify(div((1 / rho, zero, zero), CYL)) == 0
    assert tuple(sp.simplify(v) for v in curl((zero, rho, zero), CYL)) == (0, 0, 2)
    # field of a line current: B = e_phi / rho is curl-free off the axis
    assert all(sp.simplify(v) == 0 for v in curl((zero, 1 / rho, zero), CYL))
    assert sp.simplify(div(grad(sp.log(rho), CYL), CYL)) == 0


# --------------------------------------------------------------------------------------------
# z_component and cylindrical_components
# --------------------------------------------------------------------------------------------

def test_z_component_spherical_closed_form():
    _, th, _ = SPH.q
    V = _generic_vector(SPH)
    zc = z_component(V, SPH)
    assert sp.simplify(zc - (V[0] * sp.cos(th) - V[1] * sp.sin(th))) == 0
    assert sp.simplify(zc - to_cartesian(V, SPH)[2]) == 0


@seeds
def test_z_component_spherical_matches_cartesian(seed):
    W = _field(seed)
    V = from_cartesian(_on(W, SPH), SPH)
    assert_zero(z_component(V, SPH) - _on(W[2], SPH), SPH, seed)


@pytest.mark.parametrize("c", [CYL, CART], ids=["cylindrical", "cartesian"])
def test_z_component_of_cylindrical_and_cartesian_is_third_component(c):
    V = _generic_vector(c)
    assert sp.simplify(z_component(V, c) - V[2]) == 0


def test_cylindrical_components_of_spherical_closed_form():
    _, th, _ = SPH.q
    a, b, cc = _generic_vector(SPH)
    got = cylindrical_components((a, b, cc), SPH)
    expected = (a * sp.sin(th) + b * sp.cos(th), cc, a * sp.cos(th) - b * sp.sin(th))
    assert all(sp.simplify(g - e) == 0 for g, e in zip(got, expected))


def _check_cylindrical_components_of_spherical(W, seed):
    got = cylindrical_components(from_cartesian(_on(W, SPH), SPH), SPH)
    for comp in got:   # |sin theta| resolved on 0 < theta < pi: no Abs or symbolic root left
        assert not comp.has(sp.Abs), comp
        assert not any(p.exp.q == 2 and p.base.free_symbols
                       for p in comp.atoms(sp.Pow) if p.exp.is_Rational), comp
    # direct Cartesian route, with varrho = sqrt(x^2 + y^2) evaluated as such
    rho = sp.sqrt(X**2 + Y**2)
    direct = ((X * W[0] + Y * W[1]) / rho, (-Y * W[0] + X * W[1]) / rho, W[2])
    assert_zero_numeric(_sub(got, _on(direct, SPH)), SPH, seed)
    # and exactly, with x / varrho = cos phi, y / varrho = sin phi
    ph = SPH.q[2]
    exact = (sp.cos(ph) * W[0] + sp.sin(ph) * W[1], -sp.sin(ph) * W[0] + sp.cos(ph) * W[1], W[2])
    for g, e in zip(got, _on(exact, SPH)):
        assert_zero_exact(g - e, SPH)
    return got


@pytest.mark.parametrize(
    "W, expected",
    [
        ((1, 0, 0), ("cos(phi)", "-sin(phi)", 0)),               # uniform across the axis
        ((-Y, X, 0), (0, "r*sin(theta)", 0)),                     # rigid rotation
        ((Y * Z, -X * Z, X**2 + Y**2), (0, "-r**2*sin(theta)*cos(theta)", "r**2*sin(theta)**2")),
    ],
    ids=["uniform-x", "rotation", "quadratic"],
)
def test_cylindrical_components_of_spherical_simple_fields(W, expected):
    W = tuple(sp.sympify(w) for w in W)
    got = _check_cylindrical_components_of_spherical(W, seed=17)
    loc = {"r": SPH.q[0], "theta": SPH.q[1], "phi": SPH.q[2]}
    for g, e in zip(got, expected):
        assert_zero_exact(g - sp.sympify(e, locals=loc), SPH)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 23])
def test_cylindrical_components_of_spherical_match_cartesian(seed):
    """Random cubic fields: cylindrical_components simplifies whole components (~3-8 s each)."""
    _check_cylindrical_components_of_spherical(_field(seed), seed)


def test_axis_and_equator_limits():
    """On the axis e_z = e_r; on the equator (varrho, phi, z) components are (V_r, V_phi, -V_theta)."""
    _, th, _ = SPH.q
    V = _generic_vector(SPH)
    assert sp.simplify(z_component(V, SPH).subs(th, 0) - V[0].subs(th, 0)) == 0
    assert sp.simplify(z_component(V, SPH).subs(th, sp.pi) + V[0].subs(th, sp.pi)) == 0
    at_equator = [comp.subs(th, sp.pi / 2) for comp in cylindrical_components(V, SPH)]
    expected = [V[0], V[2], -V[1]]
    assert all(sp.simplify(g - e.subs(th, sp.pi / 2)) == 0 for g, e in zip(at_equator, expected))


def test_cylindrical_components_of_cylindrical_is_identity():
    V = _generic_vector(CYL)
    assert all(sp.simplify(g - v) == 0 for g, v in zip(cylindrical_components(V, CYL), V))


def test_cylindrical_components_of_cartesian_match_direct():
    W = _field(41)
    got = cylindrical_components(W, CART)
    rho = sp.sqrt(X**2 + Y**2)
    direct = ((X * W[0] + Y * W[1]) / rho, (-Y * W[0] + X * W[1]) / rho, W[2])
    assert_zero_numeric(_sub(got, direct), CART, seed=41)


# --------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------

_OK = (sp.Integer(1), sp.Integer(2), sp.Integer(3))


@pytest.mark.parametrize("length", [0, 2, 4])
@pytest.mark.parametrize(
    "call",
    [
        lambda V: div(V, SPH),
        lambda V: curl(V, SPH),
        lambda V: cross(V, _OK),
        lambda V: cross(_OK, V),
        lambda V: dot(V, _OK),
        lambda V: dot(_OK, V),
        lambda V: to_cartesian(V, SPH),
        lambda V: from_cartesian(V, SPH),
        lambda V: cylindrical_components(V, SPH),
        lambda V: z_component(V, SPH),
    ],
    ids=["div", "curl", "cross-left", "cross-right", "dot-left", "dot-right", "to_cartesian",
         "from_cartesian", "cylindrical_components", "z_component"],
)
def test_wrong_length_raises(call, length):
    with pytest.raises(ValueError, match=f"3 components, got {length}"):
        call(tuple(sp.Integer(k) for k in range(length)))
