"""Entry script of the console executable ``welfareplan-cli`` (``welfareplan-cli.exe``)."""

from welfareplan.cli.main import main

raise SystemExit(main())
