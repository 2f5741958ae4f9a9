"""`python -m versus`: the same command line as `versus`."""

import sys

from versus.cli import main

sys.exit(main())
