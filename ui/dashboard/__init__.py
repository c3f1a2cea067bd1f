"""The manager's dashboard: footfall, waits and exports of both sites, from the hub.

Modules: ``period`` (the days asked for), ``fmt`` (numbers and dates in the UI language),
``names`` (sites' names), ``style``, ``signin``, ``filters``, ``headline``, ``charts``,
``tables``, ``board`` (what an answer shows), ``jobs`` (long work in steps, with progress),
``window`` (the screen), ``exports`` (its CSV and PDF), ``report_pdf`` (the PDF report,
Qt only), ``headless`` (``kiosk report``), ``app`` (``kiosk dashboard``), ``demo_data`` and
``shots`` (the demo's figures and screenshots). This ``__init__`` imports no Qt, so a CSV
report runs without it.
"""
