"""Entry script of the frozen app: exactly `python -m desktop` with the same arguments."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
