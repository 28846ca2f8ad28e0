"""``python -m tui`` runs the same command as ``optout-tui``."""

import sys

from .cli import main

sys.exit(main())
