"""The waiting-room display: last calls, the call being made, waiting counts, announcements.

``window`` assembles the screen from small parts: ``board`` (what to show and announce,
Qt-free), ``calls`` and ``waiting`` (the panels), ``header`` (site, clock, info line),
``fit`` (numbers that shrink rather than clip), ``style``, ``chime`` and ``announcer``
(sound and voice). ``run`` starts it as ``kiosk display``; ``shots`` plays it for
``kiosk demo --shots``.
"""
