"""PyInstaller's entry script: the frozen program is exactly `python -m wizard`."""

from wizard.cli import main

raise SystemExit(main())
