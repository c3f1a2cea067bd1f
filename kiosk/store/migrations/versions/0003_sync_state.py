"""sync state: origins received, peers sent to, the store's epochs

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import kiosk.store.models
import kiosk.sync.models  # noqa: F401  (keeps the sync tables in Base.metadata for autogenerate)

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_origins",
        sa.Column("origin", sa.String(length=40), nullable=False),
        sa.Column("epoch", sa.String(length=36), nullable=False),
        sa.Column("hw", sa.Integer(), nullable=False),
        sa.Column("last_heard_at", kiosk.store.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("origin", name=op.f("pk_sync_origins")),
    )
    op.create_table(
        "sync_peers",
        sa.Column("peer", sa.String(length=40), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("last_success_at", kiosk.store.models.UTCDateTime(), nullable=True),
        sa.Column("last_attempt_at", kiosk.store.models.UTCDateTime(), nullable=True),
        sa.Column("last_heard_at", kiosk.store.models.UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("sent_total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("peer", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "sync_epochs",
        sa.Column("epoch", sa.String(length=36), nullable=False),
        sa.Column("first_seq", sa.Integer(), nullable=True),
        sa.Column("restored_at_seq", sa.Integer(), nullable=True),
        sa.Column("created_at", kiosk.store.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("epoch", name=op.f("pk_sync_epochs")),
    )


def downgrade() -> None:
    op.drop_table("sync_epochs")
    op.drop_table("sync_peers")
    op.drop_table("sync_origins")
