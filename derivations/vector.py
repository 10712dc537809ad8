"""Vector calculus in orthonormal bases of orthogonal curvilinear coordinates.

A vector is a tuple of three SymPy expressions: its components on the *orthonormal* basis
(e_1, e_2, e_3) of the coordinates, the convention of the `mag` paper (its footnote 1: J^phi is the
orthonormal component, "the metric for its contraction ... does not contain factors of r").

Every operator is built from the scale factors h_i = |d x / d q_i| alone (the textbook formulae,
e.g. Arfken, Weber & Harris, Sec. 3.10):

    grad f   = sum_i (1/h_i) d_i f e_i
    div V    = 1/(h1 h2 h3) sum_i d_i (h1 h2 h3 / h_i V_i)
    curl V   = e_1/(h2 h3) [d_2(h3 V3) - d_3(h2 V2)] + cyclic

so that ``spherical`` and ``cylindrical`` are one implementation with different scale factors.
The tests compare every operator with its Cartesian counterpart on polynomial fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import sympy as sp

__all__ = [
    "Coordinates",
    "spherical",
    "cylindrical",
    "cartesian",
    "grad",
    "div",
    "curl",
    "cross",
    "dot",
    "to_cartesian",
    "from_cartesian",
    "cylindrical_components",
    "z_component",
]

Vector = tuple[sp.Expr, sp.Expr, sp.Expr]


@dataclass(frozen=True)
class Coordinates:
    """Orthogonal curvilinear coordinates q = (q1, q2, q3).

    ``position`` gives (x, y, z) in terms of q; ``scale`` the scale factors h_i. The orthonormal basis
    vectors expressed in Cartesian components are derived, not typed in: e_i = (dx/dq_i) / h_i.
    ``positive`` lists expressions known to be positive on the coordinate domain (sin(theta) for
    0 < theta < pi), used to resolve |.| where a square root of a square appears.
    """

    name: str
    q: tuple[sp.Symbol, sp.Symbol, sp.Symbol]
    position: tuple[sp.Expr, sp.Expr, sp.Expr]
    scale: tuple[sp.Expr, sp.Expr, sp.Expr]
    positive: tuple[sp.Expr, ...] = ()

    def basis(self) -> tuple[Vector, Vector, Vector]:
        """Cartesian components of the orthonormal basis vectors e_1, e_2, e_3."""
        return _basis(self)


@lru_cache(maxsize=None)
def _basis(c: Coordinates) -> tuple[Vector, Vector, Vector]:
    # Cached: every conversion and z component needs it, and the simplification is not free.
    return tuple(
        tuple(sp.simplify(sp.diff(X, qi) / hi) for X in c.position) for qi, hi in zip(c.q, c.scale)
    )  # type: ignore[return-value]


def spherical(r: sp.Symbol | None = None, theta: sp.Symbol | None = None,
              phi: sp.Symbol | None = None) -> Coordinates:
    """Spherical (r, theta, phi) with theta the polar angle from +z; h = (1, r, r sin theta)."""
    r = r if r is not None else sp.Symbol("r", positive=True)
    theta = theta if theta is not None else sp.Symbol("theta", positive=True)
    phi = phi if phi is not None else sp.Symbol("phi", real=True)
    pos = (r * sp.sin(theta) * sp.cos(phi), r * sp.sin(theta) * sp.sin(phi), r * sp.cos(theta))
    h = (sp.Integer(1), r, r * sp.sin(theta))
    return Coordinates("spherical", (r, theta, phi), pos, h, positive=(sp.sin(theta),))


def cylindrical(rho: sp.Symbol | None = None, phi: sp.Symbol | None = None,
                z: sp.Symbol | None = None) -> Coordinates:
    """Cylindrical (rho, phi, z); h = (1, rho, 1)."""
    rho = rho if rho is not None else sp.Symbol("varrho", positive=True)
    phi = phi if phi is not None else sp.Symbol("phi", real=True)
    z = z if z is not None else sp.Symbol("z", real=True)
    pos = (rho * sp.cos(phi), rho * sp.sin(phi), z)
    return Coordinates("cylindrical", (rho, phi, z), pos, (sp.Integer(1), rho, sp.Integer(1)))


def cartesian(x: sp.Symbol | None = None, y: sp.Symbol | None = None,
              z: sp.Symbol | None = None) -> Coordinates:
    """Cartesian (x, y, z); all scale factors 1."""
    x = x if x is not None else sp.Symbol("x", real=True)
    y = y if y is not None else sp.Symbol("y", real=True)
    z = z if z is not None else sp.Symbol("z", real=True)
    one = sp.Integer(1)
    return Coordinates("cartesian", (x, y, z), (x, y, z), (one, one, one))


def _vector(V: Sequence[sp.Expr]) -> Vector:
    if len(V) != 3:
        raise ValueError(f"a vector has 3 components, got {len(V)}")
    return tuple(sp.sympify(c) for c in V)  # type: ignore[return-value]


def grad(f: sp.Expr, c: Coordinates) -> Vector:
    """Gradient of a scalar: components (1/h_i) d f / d q_i."""
    return tuple(sp.diff(f, qi) / hi for qi, hi in zip(c.q, c.scale))  # type: ignore[return-value]


def div(V: Sequence[sp.Expr], c: Coordinates) -> sp.Expr:
    """Divergence: 1/(h1 h2 h3) sum_i d_i (h1 h2 h3 V_i / h_i)."""
    V = _vector(V)
    H = c.scale[0] * c.scale[1] * c.scale[2]
    return sum(sp.diff(H / hi * Vi, qi) for qi, hi, Vi in zip(c.q, c.scale, V)) / H


def curl(V: Sequence[sp.Expr], c: Coordinates) -> Vector:
    """Curl: (curl V)_i = eps_ijk / (h_j h_k) d_j (h_k V_k), orthonormal components."""
    V = _vector(V)
    q, h = c.q, c.scale
    out = []
    for i in range(3):
        j, k = (i + 1) % 3, (i + 2) % 3
        out.append((sp.diff(h[k] * V[k], q[j]) - sp.diff(h[j] * V[j], q[k])) / (h[j] * h[k]))
    return tuple(out)  # type: ignore[return-value]


def cross(A: Sequence[sp.Expr], B: Sequence[sp.Expr]) -> Vector:
    """Cross product of orthonormal components (the basis is right-handed for all three systems)."""
    A, B = _vector(A), _vector(B)
    return (A[1] * B[2] - A[2] * B[1], A[2] * B[0] - A[0] * B[2], A[0] * B[1] - A[1] * B[0])


def dot(A: Sequence[sp.Expr], B: Sequence[sp.Expr]) -> sp.Expr:
    """Scalar product of orthonormal components."""
    A, B = _vector(A), _vector(B)
    return A[0] * B[0] + A[1] * B[1] + A[2] * B[2]


def to_cartesian(V: Sequence[sp.Expr], c: Coordinates) -> Vector:
    """Cartesian components (V_x, V_y, V_z) = sum_i V_i e_i, still as functions of c.q."""
    V = _vector(V)
    e = c.basis()
    return tuple(sum(V[i] * e[i][a] for i in range(3)) for a in range(3))  # type: ignore[return-value]


def from_cartesian(W: Sequence[sp.Expr], c: Coordinates) -> Vector:
    """Orthonormal components V_i = W . e_i of a vector given by Cartesian components."""
    W = _vector(W)
    return tuple(dot(W, ei) for ei in c.basis())  # type: ignore[return-value]


def cylindrical_components(V: Sequence[sp.Expr], c: Coordinates) -> Vector:
    """(V_varrho, V_phi, V_z) of a vector given on the orthonormal basis of ``c``.

    The cylindrical basis at a point is (cos phi, sin phi, 0), (-sin phi, cos phi, 0), (0, 0, 1)
    with phi the azimuth of that point, which is read off the Cartesian position of ``c``.
    """
    V = _vector(V)
    P = _cylindrical_projection(c)
    return tuple(sum(P[j][i] * V[i] for i in range(3)) for j in range(3))  # type: ignore[return-value]


@lru_cache(maxsize=None)
def _cylindrical_projection(c: Coordinates) -> tuple[Vector, Vector, Vector]:
    """P[j][i] = e_j(cyl) . e_i(c): small expressions, simplified once per coordinate system
    (simplifying whole components instead would be slow: DESIGN convention 3)."""
    x, y, _ = c.position
    on_domain = {sp.Abs(p): p for p in c.positive}
    rho = sp.simplify(sp.sqrt(x**2 + y**2)).subs(on_domain)
    cphi, sphi = sp.simplify(x / rho), sp.simplify(y / rho)
    zero, one = sp.Integer(0), sp.Integer(1)
    cyl = ((cphi, sphi, zero), (-sphi, cphi, zero), (zero, zero, one))
    return tuple(tuple(sp.simplify(dot(ej, ei)) for ei in c.basis()) for ej in cyl)  # type: ignore[return-value]  # type: ignore[return-value]


def z_component(V: Sequence[sp.Expr], c: Coordinates) -> sp.Expr:
    """The vertical (cylindrical z, along the rotation axis) component sum_i V_i (e_i . e_z).

    For spherical coordinates this is V^r cos(theta) - V^theta sin(theta).
    """
    V = _vector(V)
    return sum(V[i] * ei[2] for i, ei in enumerate(c.basis()))
