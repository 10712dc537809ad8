import sympy as sp

from natal.derivations.jets import jet_symbol, to_jets


def test_jet_names_follow_argument_order():
    r, th, t = sp.symbols("r theta t")
    J = sp.Function("J_phi")(r, th, t)
    e = sp.diff(J, t, r) + sp.diff(J, r, th) + sp.diff(J, r, 2) + J
    assert to_jets(e) == (jet_symbol("J_phi", "r", "t") + jet_symbol("J_phi", "r", "theta")
                          + jet_symbol("J_phi", "r", "r") + jet_symbol("J_phi"))
    assert jet_symbol("J_phi", "r", "t").name == "d2J_phi_dr_dt"
    assert jet_symbol("v_r", "theta").name == "dv_r_dtheta"
