"""``python -m relmap``, and the bundled app's start."""

import multiprocessing

from relmap.app import main

# The bundled app is also the program of a process of its own it starts (the communities of a
# large map): that one runs its work and ends here, instead of opening a window.
multiprocessing.freeze_support()
raise SystemExit(main())
