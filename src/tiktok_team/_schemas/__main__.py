"""``python -m tiktok_team._schemas --write``: generate the JSON Schema files from the models."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
