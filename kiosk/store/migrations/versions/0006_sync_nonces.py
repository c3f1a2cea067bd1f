"""sync nonces in the store, shared by every worker of an observatory

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-02 06:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import kiosk.store.models
import kiosk.sync.models  # noqa: F401  (keeps the sync tables in Base.metadata for autogenerate)

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_nonces",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("expires_at", kiosk.store.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", "nonce", name=op.f("pk_sync_nonces")),
    )
    op.create_index(
        op.f("ix_sync_nonces_expires_at"), "sync_nonces", ["expires_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_sync_nonces_expires_at"), table_name="sync_nonces")
    op.drop_table("sync_nonces")
