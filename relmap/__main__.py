"""``python -m relmap``."""

from relmap.app import main

raise SystemExit(main())
