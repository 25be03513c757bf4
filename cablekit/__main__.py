"""``python -m cablekit``: the ``cablekit`` command."""

import sys

from cablekit.cli import main

if __name__ == "__main__":
    sys.exit(main())
