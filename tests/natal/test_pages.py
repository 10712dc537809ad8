"""The HTML pages: what they say (escaped, linked, highlighted) and, in headless Chromium, that
every equation renders as MathML, every figure loads, and nothing but local files is fetched."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import numpy as np
import pytest
import sympy as sp

from natal import cli, verify
from natal.pages import index_page, report_page, verify_page
from natal.pages._html import markdown
from natal.pages.mathml import jet, math_element, symbol_like
from natal.pages.verification import _compare
from natal.report import Quantity, Report

CHROMIUM = shutil.which("chromium")


# --- what the pages say -------------------------------------------------------------------------

def test_jet_symbols_are_read_as_partial_derivatives():
    assert jet("dJ_phi_dr") == ("J_phi", ["r"])
    assert jet("d2J_phi_dr_dtheta") == ("J_phi", ["r", "theta"])
    assert jet("d3g_dk_dk_dk") == ("g", ["k", "k", "k"])
    for name in ("delta_f", "dM", "d2J_phi_dr", "theta", "d1x_dy"):
        assert jet(name) is None, name
    ml = math_element(sp.Symbol("d2J_phi_dr_dt", real=True))
    assert "<mo>,</mo><mi>r</mi><mi>t</mi>" in ml and "&#966;" in ml  # J_{phi,rt}
    assert symbol_like("F_theta") and symbol_like("dM_r_dt") and symbol_like("Rdot")
    assert not symbol_like("total") and not symbol_like("braking_index")


def test_the_comparison_highlights_only_the_terms_that_differ():
    a, b, c, x = sp.symbols("a b c x")
    missing = _compare(a + b, a + b + c)
    assert missing.only_printed == set() and missing.only_corrected == {c}
    # Equal terms written differently are not differences: sin(x) cot(x) is cos(x).
    trig = _compare(a * sp.sin(x) * sp.cot(x) + b, a * sp.cos(x) + b + c)
    assert trig.only_printed == set() and trig.only_corrected == {c}
    # A factored print against an expanded correction is compared once both are expanded.
    factored = _compare(a * (b + c), a * b + a * c - x)
    assert factored.shown_as == " (expanded)" and factored.only_corrected == {-x}
    assert "opposite sign" in _compare(a - b, b - a).relation
    assert _compare(a * (1 - b), a - a * b).same
    m = _compare(sp.Matrix([[a, b], [c, x]]), sp.Matrix([[a, -b], [c, x]]))
    assert m.only_printed == m.only_corrected == {1}
    ml = math_element(a + b + c, frozenset({c}), "hl-corrected")
    assert ml.count('class="hl-corrected"') == 1


def test_all_text_is_escaped():
    evil = '<script>alert("x")</script>'
    rec = {"id": "mag:eq1", "paper": "mag", "equation": "1", "title": evil, "status": "differs",
           "premises": [evil, "mag:eq1x"], "method": evil, "independent": evil, "independent_max_rel": 1e-12,
           "readings": {evil: "agrees"}, "mutants": {"tried": 2, "caught": 1, "uncaught": [evil]},
           "note": evil, "corrected": evil, "seconds": 0.1}
    r = Report("toy", evil, settings={evil: evil}, tables={evil: [{evil: evil}]}, sections=[(evil, evil)])
    r.quantities[evil] = Quantity(1.0, 2.0, evil, evil, evil, evil)
    r.figures[evil] = evil
    for html in (verify_page([rec]), report_page(r), index_page({"toy": r})):
        assert "<script" not in html and "&lt;script&gt;" in html


def test_markdown_subset():
    html = markdown("A `x*y` and **bold** and *it*; a * b.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n  more\n- two")
    assert "<code>x*y</code>" in html and "<strong>bold</strong>" in html and "<em>it</em>" in html
    assert "a * b" in html
    assert "<th>a</th>" in html and "<td>2</td>" in html
    assert "<li>one more</li><li>two</li>" in html


def _toy_report(directory: Path, paper: str = "toy") -> Report:
    """A small report with one tiny figure, written into ``directory``."""
    from matplotlib.image import imsave

    directory.mkdir(parents=True, exist_ok=True)
    imsave(directory / "fig1.png", np.add.outer(np.arange(30.0), np.arange(40.0)))
    r = Report(paper, f"a toy paper ({paper})", settings={"grid": "3 x 4", "seed": 1}, seconds=0.5)
    r.quantities["t_max_s"] = Quantity(3.334, 3.34, "s", "analytic", "rounded in the paper", "t_max ~ 3.34 s")
    r.quantities["ratio"] = Quantity(0.5, 0.4, "1", "surrogate", "")
    r.quantities["peak"] = Quantity(1e-10, None, "G s^-1", "surrogate", "figure only")
    r.figures["fig1.png"] = "a 30 x 40 test image"
    r.tables["points"] = [{"T": 3.0, "R": {"value": 1.5, "paper": 1.4}}, {"T": 4.0, "R": {"value": 0.1, "paper": None}}]
    r.variants = [{"name": "default", "ratio": 0.5}, {"name": "other", "ratio": None}]
    r.sections.append(("Table 1", "natal beside the paper:\n\n| row | natal | paper |\n|---|---|---|\n| 1 | `0.5` | 0.4 |"))
    r.write(directory)
    return r


def test_report_write_adds_the_page_and_links_figures_relatively(tmp_path):
    _toy_report(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig1.png", "report.html", "report.json", "report.md"]
    html = (tmp_path / "report.html").read_text()
    assert '<img src="fig1.png"' in html and "+2.50e-01" in html and "(figure only)" in html


@pytest.fixture(scope="module")
def mag_checks():
    """``verify.run("mag")`` with the forms it compared (about ten seconds: the mag checks)."""
    forms: dict = {}
    return verify.run("mag", forms=forms), forms


@pytest.mark.slow
def test_verify_html_flag_writes_the_page(tmp_path, monkeypatch, mag_checks):
    records, forms = mag_checks

    def run(paper, forms=None, **_):
        forms.update(mag_checks[1])
        return records

    monkeypatch.setattr(verify, "run", run)
    page = tmp_path / "out" / "verify.html"
    assert cli.main(["verify", "--paper", "mag", "--quiet", "--html", str(page)]) == 0
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and all(f'id="{r["id"]}"' in html for r in records)
    assert cli.main(["verify", "--html", str(tmp_path)]) == 2  # a folder: refused before any work


def test_reproduce_all_writes_an_index(tmp_path, monkeypatch, capsys):
    from natal import reproduce

    monkeypatch.setattr(reproduce, "run", lambda paper, directory, progress=None, **_: _toy_report(directory, paper))
    (tmp_path / "verify.html").write_text("<!DOCTYPE html><title>v</title>")
    (tmp_path / "verify.json").write_text('{"checks": [{"paper": "mag", "status": "differs"}]}')
    assert cli.main(["reproduce", "--out", str(tmp_path), "--quiet", "--scheduler", "serial"]) == 0
    html = (tmp_path / "index.html").read_text()
    assert 'href="verify.html"' in html and 'href="verify.html#paper-mag"' in html
    for paper in reproduce.papers():
        assert f'href="{paper}/report.html"' in html and (tmp_path / paper / "report.html").is_file()


# --- in a real browser --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need playwright (test extra)")
    if CHROMIUM is None:
        pytest.skip("the browser tests need Debian's chromium (apt-get install chromium); not on PATH")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _open(browser, path: Path):
    """The page at ``path`` with every <details> opened, and what it logged and requested."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = {"errors": [], "requests": []}
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("requestfailed", lambda r: seen["errors"].append(f"failed: {r.url}"))

    def record(route):
        seen["requests"].append(route.request.url)
        route.continue_()

    page.route("**/*", record)
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    return page, seen


def _assert_clean(seen):
    assert seen["errors"] == []
    assert seen["requests"] and all(u.startswith("file://") for u in seen["requests"]), seen["requests"]


def _assert_math_renders(page, at_least: int):
    boxes = [m.bounding_box() for m in page.locator("math").all()]
    assert len(boxes) >= at_least
    assert all(b is not None and b["width"] > 0 and b["height"] > 0 for b in boxes)


@pytest.mark.slow
def test_verify_page_in_chromium(browser, mag_checks, tmp_path):
    records, forms = mag_checks
    path = tmp_path / "verify.html"
    path.write_text(verify_page(records, forms), encoding="utf-8")
    page, seen = _open(browser, path)
    for r in records:
        assert page.locator(f'[id="{r["id"]}"] .cid').is_visible(), r["id"]
    n_forms = sum(1 for entries in forms.values() for _ in entries)
    _assert_math_renders(page, at_least=n_forms)
    # the differing terms are highlighted, and premises link to their checks
    assert page.locator('[id="mag:eq16"] .hl-corrected').count() >= 1
    assert page.locator('[id="mag:eq16"] .hl-corrected').first.bounding_box()["width"] > 0
    page.locator('[id="mag:eq7"] a[href="#mag:eq8"]').click()
    assert page.evaluate("location.hash") == "#mag:eq8"
    page.screenshot(path=tmp_path / "verify.png", full_page=True)
    _assert_clean(seen)


def test_report_and_index_pages_in_chromium(browser, tmp_path):
    reports = {paper: _toy_report(tmp_path / paper, paper) for paper in ("mag", "nuN")}
    (tmp_path / "verify.html").write_text(verify_page([]), encoding="utf-8")
    (tmp_path / "index.html").write_text(index_page(reports, "verify.html"), encoding="utf-8")

    page, seen = _open(browser, tmp_path / "mag" / "report.html")
    assert page.locator("img").count() == 1
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert page.get_by_text("t_max_s", exact=True).first.is_visible()
    assert page.locator("#section-1 table td").first.is_visible()  # the section's Markdown table
    page.screenshot(path=tmp_path / "report.png", full_page=True)
    _assert_clean(seen)

    page, seen = _open(browser, tmp_path / "index.html")
    hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    assert hrefs and all(Path(unquote(urlparse(h).path)).is_file() for h in hrefs)
    page.click('a[href="nuN/report.html"]')
    assert page.title() == "natal reproduction: nuN"
    page.go_back()
    page.screenshot(path=tmp_path / "index.png", full_page=True)
    _assert_clean(seen)
