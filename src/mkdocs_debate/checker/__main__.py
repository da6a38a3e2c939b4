"""``python -m mkdocs_debate.checker``: the same as ``debate-check``."""

import sys

from mkdocs_debate.checker.cli import main

sys.exit(main())
