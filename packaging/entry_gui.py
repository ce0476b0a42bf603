"""Entry script of the windowed executable ``welfareplan`` (``welfareplan.exe``)."""

from welfareplan.gui.app import main

raise SystemExit(main())
