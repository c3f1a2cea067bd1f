"""The words a visitor reads about their turn, one function each, for screen and paper alike.

The kiosk screen, the printed ticket and the phone page used to phrase the same estimate in
three ways ("quelques minutes" on screen, "moins d'une minute" on paper for one visit). They
now all call these functions, so one visit gets one estimate in one wording. Plain words
for people who read slowly: no "~", no "·", French times written "9 h" and "13 h 30", and no
masculine-only phrases ("Vous êtes le prochain" became "Personne n'attend avant vous").

Pure functions, no Qt: ``printing`` and the hub may use them as well as ``ui``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LANGUAGES = ("fr", "en", "nl")

_DAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}

_WORDS = {
    "fr": {
        "nobody_ahead": "Personne n'attend avant vous",
        "position": "Vous êtes {n}e dans la file",
        "wait": "Attente estimée : {wait}",
        "few_minutes": "quelques minutes",
        "about_min": "environ {m} min",
        "about_hours": "environ {h} h {m:02d}",
        "no_wait": "Pas d'attente",
        "waiting_one": "1 personne en attente",
        "waiting_many": "{n} personnes en attente",
        "today": "aujourd'hui à {time}",
        "this_afternoon": "cet après-midi à {time}",
        "tomorrow": "demain à {time}",
        "weekday": "{day} à {time}",
        "date": "le {date} à {time}",
        "no_opening": "pas d'ouverture prévue",
        "opens": "Fermé, ouvre {when}",
        "span_today": "aujourd'hui de {start} à {end}",
        "span_afternoon": "cet après-midi de {start} à {end}",
        "span_tomorrow": "demain de {start} à {end}",
        "span_weekday": "{day} de {start} à {end}",
        "span_date": "le {date} de {start} à {end}",
        "elsewhere": "{service} : {when} à {site}",
        "watch": "Surveillez l'écran : votre numéro sera appelé.",
        "keep": "Gardez ce ticket et surveillez l'écran : votre numéro sera appelé.",
    },
    "en": {
        "nobody_ahead": "Nobody is waiting ahead of you",
        "position": "You are number {n} in line",
        "wait": "Estimated wait: {wait}",
        "few_minutes": "a few minutes",
        "about_min": "about {m} min",
        "about_hours": "about {h} h {m:02d}",
        "no_wait": "No wait",
        "waiting_one": "1 person waiting",
        "waiting_many": "{n} people waiting",
        "today": "today at {time}",
        "this_afternoon": "this afternoon at {time}",
        "tomorrow": "tomorrow at {time}",
        "weekday": "{day} at {time}",
        "date": "on {date} at {time}",
        "no_opening": "no opening planned",
        "opens": "Closed, opens {when}",
        "span_today": "today from {start} to {end}",
        "span_afternoon": "this afternoon from {start} to {end}",
        "span_tomorrow": "tomorrow from {start} to {end}",
        "span_weekday": "{day} from {start} to {end}",
        "span_date": "on {date} from {start} to {end}",
        "elsewhere": "{service}: {when} in {site}",
        "watch": "Watch the screen: your number will be called.",
        "keep": "Keep this ticket and watch the screen: your number will be called.",
    },
    "nl": {
        "nobody_ahead": "Er wacht niemand vóór u",
        "position": "U bent nummer {n} in de rij",
        "wait": "Geschatte wachttijd: {wait}",
        "few_minutes": "enkele minuten",
        "about_min": "ongeveer {m} min",
        "about_hours": "ongeveer {h} u {m:02d}",
        "no_wait": "Geen wachttijd",
        "waiting_one": "1 persoon wacht",
        "waiting_many": "{n} personen wachten",
        "today": "vandaag om {time}",
        "this_afternoon": "vanmiddag om {time}",
        "tomorrow": "morgen om {time}",
        "weekday": "{day} om {time}",
        "date": "op {date} om {time}",
        "no_opening": "geen opening gepland",
        "opens": "Gesloten, opent {when}",
        "span_today": "vandaag van {start} tot {end}",
        "span_afternoon": "vanmiddag van {start} tot {end}",
        "span_tomorrow": "morgen van {start} tot {end}",
        "span_weekday": "{day} van {start} tot {end}",
        "span_date": "op {date} van {start} tot {end}",
        "elsewhere": "{service}: {when} in {site}",
        "watch": "Let op het scherm: uw nummer wordt afgeroepen.",
        "keep": "Bewaar dit ticket en let op het scherm: uw nummer wordt afgeroepen.",
    },
}


def words(language: str) -> dict[str, str]:
    """The words of ``language``; French, the house language, for anything unknown."""
    return _WORDS.get(language, _WORDS["fr"])


def word(key: str, language: str) -> str:
    return words(language)[key]


def wait_minutes(wait_s: int) -> int:
    """The estimate rounded to the minute, never below one."""
    return max(1, (max(0, wait_s) + 30) // 60)


def wait_phrase(wait_s: int, language: str) -> str:
    """"quelques minutes" under five minutes, "environ 12 min", "environ 1 h 05".

    Below five minutes the estimate is mostly noise (one visit running long moves it), so it
    is not given to the minute; the same rule holds on screen and on paper.
    """
    w = words(language)
    if wait_s < 5 * 60:
        return w["few_minutes"]
    minutes = wait_minutes(wait_s)
    if minutes < 60:
        return w["about_min"].format(m=minutes)
    return w["about_hours"].format(h=minutes // 60, m=minutes % 60)


def wait_line(wait_s: int, language: str) -> str:
    """"Attente estimée : environ 12 min"."""
    return words(language)["wait"].format(wait=wait_phrase(wait_s, language))


def position_line(position: int, language: str) -> str:
    """Place in line, 1 being next: "Personne n'attend avant vous", "Vous êtes 3e dans la
    file" (the ordinal "3e" is the same for everybody)."""
    w = words(language)
    if position <= 1:
        return w["nobody_ahead"]
    return w["position"].format(n=position)


def queue_line(waiting: int, wait_s: int, language: str) -> str:
    """A service tile: "2 personnes en attente" and the estimate on a second line."""
    w = words(language)
    if waiting <= 0:
        return w["no_wait"]
    count = w["waiting_one"] if waiting == 1 else w["waiting_many"].format(n=waiting)
    return f"{count}\n{wait_phrase(wait_s, language)}"


def clock_text(moment: time, language: str) -> str:
    """"9 h", "13 h 30" in French; "9:00" in English; "9.00 uur" in Dutch."""
    if language == "en":
        return f"{moment.hour}:{moment.minute:02d}"
    if language == "nl":
        return f"{moment.hour}.{moment.minute:02d} uur"
    return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"


def _day_key(day: date, today: date, start: time, language: str) -> tuple[str, dict]:
    if day == today:
        return ("afternoon" if start.hour >= 12 else "today"), {}
    if day == today + timedelta(days=1):
        return "tomorrow", {}
    if day < today + timedelta(days=7):
        return "weekday", {"day": _DAYS.get(language, _DAYS["fr"])[day.weekday()]}
    return "date", {"date": f"{day:%d/%m}"}


def opening_phrase(when: datetime | None, now: datetime, tz: ZoneInfo, language: str) -> str:
    """"aujourd'hui à 13 h 30", "demain à 9 h", "mardi à 9 h", "le 02/12 à 9 h"."""
    w = words(language)
    if when is None:
        return w["no_opening"]
    local = when.astimezone(tz)
    key, extra = _day_key(local.date(), now.astimezone(tz).date(), local.time(), language)
    key = {"afternoon": "this_afternoon"}.get(key, key)
    return w[key].format(time=clock_text(local.time(), language), **extra)


def closed_tile_line(when: datetime | None, now: datetime, tz: ZoneInfo, language: str) -> str:
    """A closed service's tile: "Fermé, ouvre mardi à 9 h"."""
    return words(language)["opens"].format(when=opening_phrase(when, now, tz, language))


def span_phrase(start: datetime, end: datetime, now: datetime, tz: ZoneInfo,
                language: str) -> str:
    """"cet après-midi de 13 h 30 à 17 h", "mardi de 9 h à 12 h"."""
    w = words(language)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    key, extra = _day_key(local_start.date(), now.astimezone(tz).date(), local_start.time(),
                          language)
    return w[f"span_{key}"].format(start=clock_text(local_start.time(), language),
                                   end=clock_text(local_end.time(), language), **extra)


def elsewhere_line(service: str, start: datetime, end: datetime, site: str, now: datetime,
                   tz: ZoneInfo, language: str) -> str:
    """"CAF : cet après-midi de 13 h 30 à 17 h à Enquin-les-Mines"."""
    return words(language)["elsewhere"].format(
        service=service, site=site, when=span_phrase(start, end, now, tz, language))


_SHORT_DAYS = {
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
}
_HOURS_TITLE = {"fr": "Horaires d'ouverture", "en": "Opening hours", "nl": "Openingsuren"}


_ALL_DAY = {"fr": "24 h sur 24", "en": "24 hours", "nl": "24 uur op 24"}


def _interval_text(text: str, language: str) -> str:
    start, end = (part.strip() for part in text.split("-"))
    if (start, end) == ("00:00", "24:00"):
        return _ALL_DAY.get(language, _ALL_DAY["fr"])
    parse = [time(int(t[:2]), int(t[3:])) if t != "24:00" else time(23, 59) for t in (start, end)]
    join = {"fr": " à ", "en": "–", "nl": "–"}.get(language, " à ")
    return join.join(clock_text(t, language).removesuffix(" uur") for t in parse)


def hours_lines(hours: tuple[tuple[str, ...], ...], language: str) -> list[str]:
    """The week's hours, days with the same hours grouped:
    ["Horaires d'ouverture", "lun.–jeu. : 8 h 30 à 12 h, 13 h 30 à 17 h", ...]."""
    if not any(hours):
        return []
    days = _SHORT_DAYS.get(language, _SHORT_DAYS["fr"])
    lines: list[str] = []
    index = 0
    while index < len(hours):
        if not hours[index]:
            index += 1
            continue
        last = index
        while last + 1 < len(hours) and hours[last + 1] == hours[index]:
            last += 1
        span = days[index] if last == index else f"{days[index]}–{days[last]}"
        sep = " : " if language == "fr" else ": "
        spans = ", ".join(_interval_text(t, language) for t in hours[index])
        lines.append(f"{span}{sep}{spans}")
        index = last + 1
    return [_HOURS_TITLE.get(language, _HOURS_TITLE["fr"]), *lines]
