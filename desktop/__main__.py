"""`python -m desktop`: start the clerk's window."""

import sys

from desktop.app import main

sys.exit(main())
