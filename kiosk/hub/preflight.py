"""Checks ``kiosk serve`` makes before opening a site to its network.

A real site must not open with the PINs it was shipped with (0000): anyone who read the
manual could sign in at every counter. The one-line refusal names who still has it;
``--insecure-demo`` overrides it for a trial run.
"""

from __future__ import annotations

from kiosk.errors import ConfigError
from kiosk.hub.routes_public import WILDCARDS
from kiosk.pins import verify_pin
from kiosk.siteconfig import SiteConfig

SHIPPED_PIN = "0000"


def shipped_pins(config: SiteConfig) -> list[str]:
    """Ids of the counters and managers (and the kiosk unlock) still on the shipped PIN."""
    people = [*config.counters, *config.managers]
    still = [person.id for person in people if verify_pin(SHIPPED_PIN, person.pin_hash)]
    unlock = config.security.kiosk_unlock_pin_hash
    if unlock and verify_pin(SHIPPED_PIN, unlock):
        still.append("kiosk unlock")
    return still


def check_before_serving(config: SiteConfig, insecure_demo: bool = False) -> list[str]:
    """Raise ConfigError for what forbids opening; return warnings to print."""
    warnings = []
    still = shipped_pins(config)
    if still:
        why = (f"still on the shipped PIN {SHIPPED_PIN}: {', '.join(still)} "
               "(set new ones with `kiosk hash-pin`)")
        if not insecure_demo:
            raise ConfigError(config.source, "pin_hash",
                              why + "; refusing to serve (or pass --insecure-demo)")
        warnings.append(f"{config.source}: {why} (--insecure-demo)")
    listen = config.security.public_listen
    if listen and listen.rpartition(":")[0].strip("[]") in WILDCARDS and not config.site.public_url:
        raise ConfigError(
            config.source, "security.public_listen",
            f"{listen} listens on every address: set site.public_url to the address phones "
            "reach (it goes in the ticket's QR code)",
        )
    return warnings
