"""kiosk: visitor check-in and queue system of a two-site public services house.

The core package. It never imports Qt: the screens in ``ui`` are clients of the hub
that this package serves.
"""

__version__ = "0.1.0"
