"""python -m flashpoint"""

from __future__ import annotations

from flashpoint.cli import main

main()
