"""Developer tool: autogenerate a migration against a scratch database at head.

``python -m kiosk.store.revision "add appointments"``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from kiosk.store.db import Store
from kiosk.store.migrate import alembic_config


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'scratch.db'}")
        config = alembic_config()
        with store.write_engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            command.revision(config, message=message, autogenerate=True)
        store.close()


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "change")
