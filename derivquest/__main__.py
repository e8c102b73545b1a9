"""Run DerivQuest with `python -m derivquest`."""

from derivquest.cli import main

raise SystemExit(main())
