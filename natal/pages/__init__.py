"""Self-contained HTML pages of natal's results, readable offline in any browser.

* :func:`verify_page`: every verdict of ``natal verify``, the printed and derived forms as MathML;
* :func:`report_page`: one paper's reproduction (``report.html`` beside ``report.md``);
* :func:`index_page`: the folder ``natal reproduce`` writes, linking the reports and the verdicts.

Each page is one file: the style sheet is inline, there is no JavaScript and nothing is fetched
from the network; figures are relative links to the PNG files beside the page.
"""

from natal.pages.index import index_page
from natal.pages.reproduction import report_page
from natal.pages.verification import verify_page

__all__ = ["index_page", "report_page", "verify_page"]
