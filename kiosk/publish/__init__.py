"""The yearly quality publication: figures under disclosure control, the poster's page,
open data, and ``kiosk publish``."""
