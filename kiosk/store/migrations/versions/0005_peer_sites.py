"""peer site descriptions, pending lineage changes, quarantined batches

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-02 06:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import kiosk.store.models
import kiosk.sync.models  # noqa: F401  (keeps the sync tables in Base.metadata for autogenerate)

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "peer_sites",
        sa.Column("origin", sa.String(length=40), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("description", sa.JSON(), nullable=False),
        sa.Column("declared", sa.JSON(), nullable=False),
        sa.Column("received_at", kiosk.store.models.UTCDateTime(), nullable=False),
        sa.Column("changed_at", kiosk.store.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("origin", name=op.f("pk_peer_sites")),
    )
    op.create_table(
        "sync_lineage_pending",
        sa.Column("origin", sa.String(length=40), nullable=False),
        sa.Column("epoch", sa.String(length=36), nullable=False),
        sa.Column("lineage", sa.JSON(), nullable=False),
        sa.Column("first_seen_at", kiosk.store.models.UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", kiosk.store.models.UTCDateTime(), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("origin", name=op.f("pk_sync_lineage_pending")),
    )
    op.create_table(
        "sync_quarantine",
        sa.Column("peer", sa.String(length=40), nullable=False),
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("at", kiosk.store.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("peer", name=op.f("pk_sync_quarantine")),
    )


def downgrade() -> None:
    op.drop_table("sync_quarantine")
    op.drop_table("sync_lineage_pending")
    op.drop_table("peer_sites")
