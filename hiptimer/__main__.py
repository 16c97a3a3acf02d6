"""``python -m hiptimer`` does what the ``hiptimer`` command does."""

from hiptimer.cli import main

raise SystemExit(main())
