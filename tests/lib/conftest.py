from __future__ import annotations

import sys
from pathlib import Path

# Let the tests here import their shared model corpus (`strict_corpus`).
sys.path.insert(0, str(Path(__file__).parent))
