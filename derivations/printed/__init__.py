"""Each paper's equations exactly as printed (``mag``, ``nuN``, ``rsfp``), its stated numbers as data
(``*_data``, importable without SymPy), and the one type the printed forms share (``form``)."""
