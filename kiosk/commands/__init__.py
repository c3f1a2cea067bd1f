"""Bodies of the operator commands that are not a screen or the hub (``kiosk.cli`` parses)."""
