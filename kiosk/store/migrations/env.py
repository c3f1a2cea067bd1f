"""Alembic environment: runs on the connection the store hands over (see kiosk.store.migrate).

Run by hand for a new revision with:
``python -m kiosk.store.revision "message"`` (autogenerates against a scratch SQLite file).
"""

from alembic import context

from kiosk.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("kiosk migrations run through kiosk.store.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
