"""Site files (TOML data only). This module only tells where they are once installed."""

from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent


def site_file(name: str) -> Path:
    """``site_file("demo")`` → the path of ``demo.toml`` shipped with the package."""
    return SITE_DIR / f"{name.removesuffix('.toml')}.toml"


#: The udev rule that lets the kiosk user open Epson and Star printers (``kiosk install``).
UDEV_RULES = SITE_DIR / "udev" / "60-kiosk-printers.rules"
