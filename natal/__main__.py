"""``python -m natal``: the same as the ``natal`` command."""

import sys

from natal.cli import main

sys.exit(main())
