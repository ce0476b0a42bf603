"""``python -m welfareplan`` runs the command line (``welfareplan`` with no arguments opens the GUI)."""

from welfareplan.cli.main import main

raise SystemExit(main())
