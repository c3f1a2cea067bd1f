"""The counter console: what receptionists and partner advisers use all day at their desk.

One window (:mod:`ui.counter.window`) over small panels, each with one job: sign-in, the
live queue, the current ticket and its actions, choices (outcome, transfer, pause reason),
alerts, today's figures, booking an appointment, issuing a ticket for a visitor. What may be
done is decided in :mod:`ui.counter.model`, without Qt; every hub call goes through
:class:`ui.ops.Op`.
"""
