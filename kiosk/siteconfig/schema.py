"""The site file schema, declared once: every key with its type, default and meaning.

A site file is TOML (see ``config/demo.toml``). Unknown keys are refused, so a typo never
silently becomes a default. Cross-key rules (duplicate prefixes, overlapping hours, counters
naming unknown services) are checked by :mod:`kiosk.siteconfig.loader`, which also turns
every failure into "file: key: why".
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kiosk.domain.schedule import WEEKDAYS, Interval, WeeklySchedule

LANGUAGES = ("fr", "en", "nl")
Language = Literal["fr", "en", "nl"]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
NonEmpty = Annotated[str, Field(min_length=1, max_length=120)]

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Labels(Strict):
    """A text in each language of the kiosk; all three are required."""

    fr: NonEmpty
    en: NonEmpty
    nl: NonEmpty

    def get(self, language: str) -> str:
        return getattr(self, language, self.fr)


class Hours(Strict):
    """Opening intervals per weekday, e.g. ``tue = ["09:00-12:00", "13:30-17:00"]``."""

    mon: list[str] = []
    tue: list[str] = []
    wed: list[str] = []
    thu: list[str] = []
    fri: list[str] = []
    sat: list[str] = []
    sun: list[str] = []

    @field_validator(*WEEKDAYS)
    @classmethod
    def _parse_each(cls, value: list[str]) -> list[str]:
        intervals = sorted(Interval.parse(text) for text in value)
        for before, after in zip(intervals, intervals[1:], strict=False):
            if after.start < before.end:
                raise ValueError(f"hours overlap: {before} and {after}")
        return value

    def intervals(self) -> tuple[tuple[Interval, ...], ...]:
        return tuple(
            tuple(sorted(Interval.parse(text) for text in getattr(self, day))) for day in WEEKDAYS
        )


class Site(Strict):
    slug: Slug
    name: NonEmpty
    timezone: str = "Europe/Paris"
    hours: Hours
    closed_dates: list[date] = []
    #: A line of information for the waiting-room display, in each language.
    info: Labels | None = None
    #: Base URL that visitors' phones reach on the site Wi-Fi, for the QR code. When empty,
    #: the hub's own address is used.
    public_url: str = ""
    #: The site's postal address, printed on every ticket under the site's name (a house
    #: with two sites: a ticket says which one it belongs to). Empty: no address line.
    address: Annotated[str, Field(max_length=120)] = ""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f'unknown time zone "{value}"') from None
        return value


class Queue(Strict):
    #: Normal tickets called between two priority ones (0: priority always first).
    priority_every: int = Field(2, ge=0, le=20)
    #: Ticket issuing per kiosk: a sustained rate and a burst, so a child tapping 50 times
    #: gets a few tickets, not a roll's worth.
    kiosk_tickets_per_minute: float = Field(6, gt=0, le=600)
    kiosk_burst: int = Field(3, ge=1, le=100)
    #: An appointment is "due" from this many minutes before its time.
    appointment_early_min: int = Field(15, ge=0, le=240)
    #: Service time assumed before any history exists (minutes).
    default_service_min: float = Field(10, gt=0, le=240)
    #: Wrong PINs in a row (per source and subject) before sign-in or unlock is locked for a
    #: minute, doubling with each further wrong PIN.
    pin_max_failures: int = Field(5, ge=1, le=100)


class Service(Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,11}$")]
    #: The letter before the ticket number ("C" → C012).
    prefix: Annotated[str, Field(pattern=r"^[A-Z]$")]
    labels: Labels
    #: France Services operator and theme the visit is reported under.
    operator: NonEmpty
    theme: NonEmpty
    colour: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] = "#1F4E79"
    icon: str = ""
    priority: bool = False
    #: Hours this service is held; absent means the house's hours.
    schedule: Hours | None = None


class Counter(Strict):
    id: Slug
    name: NonEmpty
    services: list[str] = Field(min_length=1)
    #: ``kiosk hash-pin`` makes it; the PIN itself never appears in a site file.
    pin_hash: NonEmpty


class Manager(Strict):
    id: Slug
    name: NonEmpty
    pin_hash: NonEmpty


class Printer(Strict):
    kind: Literal["preview", "usb", "network", "serial", "file"] = "preview"
    profile: str = "TM-T20II"
    host: str = ""
    port: int = Field(9100, ge=1, le=65535)
    timeout_s: float = Field(3.0, gt=0, le=60)
    vendor_id: Annotated[int, Field(ge=0, le=0xFFFF)] = 0
    product_id: Annotated[int, Field(ge=0, le=0xFFFF)] = 0
    device: str = ""
    baudrate: int = 9600
    #: Folder of the preview printer; empty means the user's data folder.
    folder: str = ""


class Sync(Strict):
    """Inter-site sync settings (see docs/sync.md). Secrets never go in the site file: they
    come from ``keys_file`` (a JSON object ``{key_id: secret}`` kept outside the repository)
    and/or the ``KIOSK_SYNC_KEYS`` environment variable (the same JSON)."""

    keys_file: str = ""
    #: Certificate and key that ``kiosk serve`` presents (HTTPS); empty: plain HTTP.
    tls_cert: str = ""
    tls_key: str = ""
    #: CA bundle that peers' certificates are checked against; empty: the system's.
    ca_file: str = ""
    #: Seconds between two looks at the outbox when nothing woke the sync worker.
    poll_s: float = Field(1.0, gt=0, le=600)
    #: Longest wait between two tries of a peer in trouble (the wait doubles from 0.25 s).
    retry_cap_s: float = Field(600.0, ge=0.25, le=3600)


class Peer(Strict):
    """Another hub this one syncs with: a site, or an observatory."""

    slug: Slug
    #: Where to push this site's events; empty: the peer only pushes to us.
    url: str = Field("", max_length=300, pattern=r"^(https?://\S+)?$")
    #: Key that signs what we send to this peer (and that it signs with).
    key_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")]
    #: Older or newer keys still accepted from this peer during a key rotation.
    accept_key_ids: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")]] = Field(
        [], max_length=2
    )


class Retention(Strict):
    """How long visits are kept (``kiosk purge``, run at day end by the purge timer)."""

    #: Days after which a visit's ticket, its events and its phone link are removed; the
    #: day figures (``day_stats``) stay. At least a week, so that late visits and sync
    #: have settled before anything goes.
    days: int = Field(90, ge=7, le=3650)


VoiceName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_+-]{0,39}$")]


class Voice(Strict):
    """How the waiting-room display and the kiosk's audio help sound (espeak-ng, offline)."""

    #: Loudness of the chime and the voice, in per cent of the machine's volume.
    volume: int = Field(80, ge=0, le=100)
    #: Speaking speed in words per minute (espeak-ng's own default is 175; slower is clearer
    #: in a waiting room).
    rate_wpm: int = Field(145, ge=80, le=300)
    #: The espeak-ng voice per language (``espeak-ng --voices=fr`` lists them; an MBROLA
    #: voice such as ``mb-fr4`` once Debian's ``mbrola-fr4`` is installed). A voice that
    #: cannot speak falls back to the language's plain voice, said once in the log.
    fr: VoiceName = "fr-fr"
    en: VoiceName = "en-gb"
    nl: VoiceName = "nl"
    #: The two-tone chime before each announcement.
    chime: bool = True

class Security(Strict):
    """Who may reach the hub, and how (see docs/security.md)."""

    #: Demo only: unpaired clients act as a kiosk (and get the full live stream). The hub
    #: says so with a WARNING at start; real site files never set it.
    open_mode: bool = False
    #: ``host:port`` of a second listener for the guest Wi-Fi: it serves the phone pages
    #: (``/t/...``) and the public poster (``/quality``), nothing else. Empty: none.
    public_listen: str = Field("", pattern=r"^(\[?[0-9A-Za-z.:-]+\]?:[0-9]{1,5})?$")
    #: Addresses of reverse proxies whose ``X-Forwarded-For`` is believed; empty: the
    #: forwarded headers are ignored and the TCP peer is the client.
    trusted_proxies: list[str] = []
    #: Hash (``kiosk hash-pin``) of the PIN that closes a kiosk screen; staff PINs work too.
    kiosk_unlock_pin_hash: str = ""
    #: A staff session ends after this long unused (renewed while used), and at most
    #: ``session_max_hours`` after sign-in.
    session_idle_minutes: int = Field(120, ge=5, le=24 * 60)
    session_max_hours: int = Field(14, ge=1, le=24)
    #: Live streams one source (a device, a session, an address) may hold open at once.
    streams_per_source: int = Field(16, ge=1, le=1000)

class ServiceLevel(Strict):
    """The reception target the house states: ``share`` of visitors called within
    ``minutes`` of arriving in a service's queue (see :mod:`kiosk.services.service_level`)."""

    share: float = Field(0.85, gt=0, le=1)
    minutes: int = Field(15, ge=1, le=240)


class SiteConfig(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    site: Site
    queue: Queue = Queue()
    printer: Printer = Printer()
    services: list[Service] = Field(min_length=1)
    counters: list[Counter] = Field(min_length=1)
    managers: list[Manager] = []
    sync: Sync = Sync()
    peers: list[Peer] = []
    retention: Retention = Retention()
    voice: Voice = Voice()

    security: Security = Security()

    service_level: ServiceLevel = ServiceLevel()

    #: Where the file was read from, for messages (not a key of the file).
    source: str = Field("<memory>", exclude=True)

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.site.timezone)

    @cached_property
    def services_by_code(self) -> dict[str, Service]:
        return {service.code: service for service in self.services}

    @cached_property
    def counters_by_id(self) -> dict[str, Counter]:
        return {counter.id: counter for counter in self.counters}

    @cached_property
    def house_schedule(self) -> WeeklySchedule:
        return WeeklySchedule(self.site.hours.intervals(), frozenset(self.site.closed_dates))

    @cached_property
    def schedules(self) -> dict[str, WeeklySchedule]:
        """Each service's own hours (or the house's), shut on the house's closed dates."""
        return {
            service.code: (
                WeeklySchedule(service.schedule.intervals(), frozenset(self.site.closed_dates))
                if service.schedule is not None
                else self.house_schedule
            )
            for service in self.services
        }

    def service(self, code: str) -> Service:
        from kiosk.errors import NotFound

        try:
            return self.services_by_code[code]
        except KeyError:
            raise NotFound(f'unknown service "{code}"') from None
