"""The console's words: action names, outcomes, pause reasons, durations.

Source strings are English in :func:`ui.i18n.tr` (the lead translates them into French in
``ui/translations``); each is looked up when shown, never at import, so a translator
installed later is honoured. Keyboard shortcuts are named here once: the buttons show them.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.domain.lifecycle import Outcome
from kiosk.services.queue import PAUSE_REASONS
from ui.i18n import tr

#: The key of each action; shown on its button ("Call next (F1)").
SHORTCUTS = {
    "call_next": "F1",
    "call_chosen": "F2",
    "recall": "F3",
    "start": "F4",
    "finish": "F5",
    "finish_next": "F10",
    "no_show": "F6",
    "transfer": "F7",
    "cancel": "F8",
    "pause": "F9",
    "resume": "F9",
    "reactivate": "Ctrl+R",
}

OUTCOMES = tuple(o.value for o in Outcome)
REASONS = PAUSE_REASONS


def action_name(action: str) -> str:
    return {
        "call_next": tr("Call next"),
        "call_chosen": tr("Call this ticket"),
        "recall": tr("Recall"),
        "start": tr("Start"),
        "finish": tr("Finish…"),
        "finish_next": tr("Solved, call next"),
        "no_show": tr("No-show"),
        "transfer": tr("Transfer…"),
        "cancel": tr("Cancel ticket"),
        "pause": tr("Pause…"),
        "resume": tr("Resume"),
        "reactivate": tr("Reactivate"),
    }[action]


def with_shortcut(action: str) -> str:
    return f"{action_name(action)} ({SHORTCUTS[action]})"


def outcome_name(outcome: str) -> str:
    return {
        "solved": tr("Solved here"),
        "redirected": tr("Redirected to a partner"),
        "appointment_booked": tr("Appointment booked"),
        "follow_up": tr("Follow-up needed"),
    }.get(outcome, outcome)


def reason_name(reason: str | None) -> str:
    return {
        "break": tr("Break"),
        "lunch": tr("Lunch"),
        "back_office": tr("Back-office work"),
        "phone": tr("On the phone"),
        "meeting": tr("Meeting"),
        "other": tr("Other"),
    }.get(reason or "", reason or "")


def status_name(status: str) -> str:
    return {
        "waiting": tr("Waiting"),
        "called": tr("Called"),
        "serving": tr("Being served"),
        "done": tr("Done"),
        "no_show": tr("No-show"),
        "cancelled": tr("Cancelled"),
        "transferred": tr("Transferred"),
    }.get(status, status)


def duration(seconds: int | None) -> str:
    """A wait as staff read it: "< 1 min", "12 min", "1 h 05"."""
    if seconds is None:
        return "–"
    minutes = int(seconds) // 60
    if minutes < 1:
        return tr("< 1 min")
    if minutes < 60:
        return tr("{n} min").format(n=minutes)
    return tr("{h} h {m:02d}").format(h=minutes // 60, m=minutes % 60)


def clock_time(iso: str | None, tz: ZoneInfo) -> str:
    return datetime.fromisoformat(iso).astimezone(tz).strftime("%H:%M") if iso else ""


def ticket_notes(ticket: dict, tz: ZoneInfo) -> str:
    """Priority, appointment, issued at reception, transferred: what a list row must say."""
    notes = []
    if ticket.get("priority"):
        notes.append(tr("Priority"))
    if ticket.get("appointment_at"):
        notes.append(tr("Appointment {time}").format(time=clock_time(ticket["appointment_at"], tz)))
    elif ticket.get("origin") == "appointment":
        notes.append(tr("Appointment"))
    if ticket.get("origin") == "reception":
        notes.append(tr("Issued at reception"))
    if ticket.get("transferred_from"):
        notes.append(tr("Transferred"))
    return ", ".join(notes)
