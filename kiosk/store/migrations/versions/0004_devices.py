"""device trust: paired devices, sessions that end on a PIN change

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 06:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import kiosk.store.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("credential_hash", sa.String(length=64), nullable=False),
        sa.Column("pairing_code", sa.String(length=12), nullable=True),
        sa.Column("requested_at", kiosk.store.models.UTCDateTime(), nullable=False),
        sa.Column("requested_from", sa.String(length=64), nullable=True),
        sa.Column("approved_at", kiosk.store.models.UTCDateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=40), nullable=True),
        sa.Column("revoked_at", kiosk.store.models.UTCDateTime(), nullable=True),
        sa.Column("last_seen_at", kiosk.store.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
        sa.UniqueConstraint("credential_hash", name=op.f("uq_devices_credential_hash")),
    )
    with op.batch_alter_table("staff_sessions") as batch:
        batch.add_column(sa.Column("pin_fingerprint", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_sessions") as batch:
        batch.drop_column("pin_fingerprint")
    op.drop_table("devices")
