"""Site files: the schema declared once, and a loader whose errors name file, key and why."""

from kiosk.siteconfig.loader import check_site_file, load_site_config, parse_site_config
from kiosk.siteconfig.schema import LANGUAGES, SiteConfig

__all__ = ["LANGUAGES", "SiteConfig", "check_site_file", "load_site_config", "parse_site_config"]
