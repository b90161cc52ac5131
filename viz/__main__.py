"""``python -m viz``: the same console command as ``backprop``."""

from viz.cli import main

raise SystemExit(main())
