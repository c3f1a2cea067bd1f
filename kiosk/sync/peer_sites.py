"""The other sites as this hub knows them: each one's public description, carried by sync.

A site describes itself (:func:`describe_site`): slug, name, postal address if the site file
gives one, time zone, each service's code, ticket prefix, labels in fr/en/nl and weekly
hours (its own or the house's, as the local schedule uses them), the house's closed dates,
and the counters' ids and display names. Nothing secret ever goes in (no PIN hash, no key,
no URL of a peer). The description travels with sync, signed like every batch: in a
batch's envelope (field ``site``) while the peer is not known to hold its digest
(:func:`digest_as_received`) and, when a site has nothing to send, from the sender's
heartbeat (``POST /sync/v1/site`` when the peer's ``/sync/v1/state`` shows an older one).

The receiver keeps the latest description of each origin (table ``peer_sites``) and the
union of every service code and counter id the origin ever declared: a peer's rows must
name those (:func:`undeclared`), so a key holder cannot slip free text into a counter slug
unnoticed, and a service removed from a site file does not strand its last unsent visits.

:func:`peer_sites` turns what is stored into frozen :class:`PeerSite` objects whose
services answer "open now?" and "next openings after this instant?" with the very code of
the local schedule (:class:`kiosk.domain.schedule.WeeklySchedule`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import JSON, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.domain.schedule import WEEKDAYS, Interval, WeeklySchedule
from kiosk.siteconfig import SiteConfig
from kiosk.siteconfig.schema import Slug
from kiosk.store.db import Store
from kiosk.store.models import Base, UTCDateTime

#: A description is small: these bound what a peer may make this hub store.
MAX_SERVICES = 64
MAX_COUNTERS = 128
MAX_CLOSED_DATES = 400
MAX_INTERVALS_PER_DAY = 8
MAX_DECLARED = 1024

Text = Annotated[str, Field(min_length=1, max_length=120)]
ServiceCode = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,11}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelsWire(_Strict):
    fr: Text
    en: Text
    nl: Text


class WeekWire(_Strict):
    """Opening intervals per weekday as ``"HH:MM-HH:MM"`` (``24:00`` ends the day)."""

    mon: list[str] = Field([], max_length=MAX_INTERVALS_PER_DAY)
    tue: list[str] = Field([], max_length=MAX_INTERVALS_PER_DAY)
    wed: list[str] = Field([], max_length=MAX_INTERVALS_PER_DAY)
    thu: list[str] = Field([], max_length=MAX_INTERVALS_PER_DAY)
    fri: list[str] = Field([], max_length=MAX_INTERVALS_PER_DAY)
    sat: list[str] = Field([], max_length=MAX_INTERVALS_PER_DAY)
    sun: list[str] = Field([], max_length=MAX_INTERVALS_PER_DAY)

    @field_validator(*WEEKDAYS)
    @classmethod
    def _intervals(cls, value: list[str]) -> list[str]:
        for text in value:
            if len(text) > 11:
                raise ValueError("an interval is HH:MM-HH:MM")
            Interval.parse(text)
        return value

    def days(self) -> tuple[tuple[Interval, ...], ...]:
        return tuple(
            tuple(sorted(Interval.parse(text) for text in getattr(self, day))) for day in WEEKDAYS
        )


class ServiceWire(_Strict):
    code: ServiceCode
    prefix: Annotated[str, Field(pattern=r"^[A-Z]$")]
    labels: LabelsWire
    hours: WeekWire


class CounterWire(_Strict):
    id: Slug
    name: Text


class SiteDescription(_Strict):
    """A site's public description as it travels (checked strictly on receipt: 422)."""

    slug: Slug
    name: Text
    address: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    tz: Annotated[str, Field(max_length=64)]
    closed_dates: list[date] = Field([], max_length=MAX_CLOSED_DATES)
    services: list[ServiceWire] = Field(min_length=1, max_length=MAX_SERVICES)
    counters: list[CounterWire] = Field([], max_length=MAX_COUNTERS)

    @field_validator("tz")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value[:64]!r}") from None
        return value

    def digest(self) -> str:
        return digest_of(self.model_dump(mode="json"))


def digest_of(description: dict) -> str:
    canonical = json.dumps(description, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def digest_as_received(description: dict) -> str:
    """The digest a receiver computes of ``description`` (:meth:`SiteDescription.digest`,
    over the checked form: every weekday present, dates in ISO form), so that a sender can
    tell whether its peer holds it. A description a receiver would refuse gets the digest of
    its raw form (no receiver holds that one)."""
    try:
        return SiteDescription.model_validate(description).digest()
    except ValidationError:
        return digest_of(description)


def _hours(schedule: WeeklySchedule) -> dict[str, list[str]]:
    return {
        day: [str(interval) for interval in intervals]
        for day, intervals in zip(WEEKDAYS, schedule.days, strict=True)
        if intervals
    }


def describe_site(config: SiteConfig) -> dict:
    """This site's public description (JSON-ready); nothing secret is in it."""
    address = getattr(config.site, "address", None) or None
    return {
        "slug": config.site.slug,
        "name": config.site.name,
        "address": address,
        "tz": config.site.timezone,
        "closed_dates": sorted(d.isoformat() for d in config.site.closed_dates),
        "services": [
            {
                "code": service.code,
                "prefix": service.prefix,
                "labels": service.labels.model_dump(),
                "hours": _hours(config.schedules[service.code]),
            }
            for service in config.services
        ],
        "counters": [{"id": counter.id, "name": counter.name} for counter in config.counters],
    }


# -- storage -----------------------------------------------------------------------------


class PeerSiteRow(Base):
    """The latest description received from an origin, and what it ever declared."""

    __tablename__ = "peer_sites"
    origin: Mapped[str] = mapped_column(String(40), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    description: Mapped[dict] = mapped_column(JSON)
    #: ``{"services": [...], "counters": [...]}``: every code and id ever declared.
    declared: Mapped[dict] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


def store_description(
    session: Session, origin: str, description: SiteDescription, now: datetime
) -> PeerSiteRow:
    """Keep ``description`` as the latest of ``origin`` (in the caller's transaction)."""
    if description.slug != origin:
        raise ValueError(f"a description of {description.slug} cannot come from {origin}")
    digest = description.digest()
    row = session.get(PeerSiteRow, origin)
    services = {s.code for s in description.services}
    counters = {c.id for c in description.counters}
    if row is None:
        row = PeerSiteRow(
            origin=origin,
            digest=digest,
            description=description.model_dump(mode="json"),
            declared={"services": sorted(services), "counters": sorted(counters)},
            received_at=now,
            changed_at=now,
        )
        session.add(row)
        return row
    row.received_at = now
    if row.digest != digest:
        old = row.declared or {}
        merged_services = set(old.get("services", [])) | services
        merged_counters = set(old.get("counters", [])) | counters
        if len(merged_services) + len(merged_counters) > MAX_DECLARED:
            merged_services, merged_counters = services, counters  # start again from now
        row.digest = digest
        row.description = description.model_dump(mode="json")
        row.declared = {"services": sorted(merged_services), "counters": sorted(merged_counters)}
        row.changed_at = now
    return row


def declared_of(session: Session, origin: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """Service codes and counter ids ``origin`` ever declared (None: never described)."""
    row = session.get(PeerSiteRow, origin)
    return None if row is None else declared_sets(row.declared)


def declared_sets(declared: dict | None) -> tuple[frozenset[str], frozenset[str]]:
    """A ``peer_sites.declared`` value as (service codes, counter ids)."""
    declared = declared or {}
    return frozenset(declared.get("services", [])), frozenset(declared.get("counters", []))


def digest_held(session: Session, origin: str) -> str | None:
    return session.scalar(select(PeerSiteRow.digest).where(PeerSiteRow.origin == origin))


def undeclared(rows: Any, services: frozenset[str], counters: frozenset[str]) -> str | None:
    """Why ``rows`` (wire rows) name something their site never declared, or None."""
    for row in rows:
        named = [row.service, getattr(row.data, "to_service", None)]
        for code in named:
            if code is not None and code not in services:
                return f"row {row.seq} names service {code!r}, which its site never declared"
        if row.counter is not None and row.counter not in counters:
            return f"row {row.seq} names counter {row.counter!r}, which its site never declared"
    return None


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PeerService:
    """One service of another site, with its opening hours in that site's time zone."""

    code: str
    prefix: str
    labels: dict[str, str]
    schedule: WeeklySchedule
    tz: ZoneInfo

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["fr"]

    def is_open(self, moment: datetime) -> bool:
        return self.schedule.is_open(moment, self.tz)

    def next_opening(self, moment: datetime) -> datetime | None:
        """The next start of an opening strictly after ``moment`` (None: none planned)."""
        return self.schedule.next_opening(moment, self.tz)

    def next_openings(self, moment: datetime, count: int = 3) -> list[datetime]:
        """The next ``count`` starts of an opening after ``moment``, in order."""
        out: list[datetime] = []
        while len(out) < count:
            start = self.schedule.next_opening(out[-1] if out else moment, self.tz)
            if start is None:
                break
            out.append(start)
        return out


@dataclass(frozen=True)
class PeerCounter:
    id: str
    name: str


@dataclass(frozen=True)
class PeerSite:
    """Another site as its latest description tells (``received_at``: when it came)."""

    slug: str
    name: str
    address: str | None
    tz: ZoneInfo
    services: dict[str, PeerService]
    counters: dict[str, PeerCounter]
    closed_dates: frozenset[date]
    received_at: datetime


def _peer_site(description: dict, received_at: datetime) -> PeerSite:
    parsed = SiteDescription.model_validate(description)
    tz = ZoneInfo(parsed.tz)
    closed = frozenset(parsed.closed_dates)
    services = {
        s.code: PeerService(
            code=s.code,
            prefix=s.prefix,
            labels=s.labels.model_dump(),
            schedule=WeeklySchedule(s.hours.days(), closed),
            tz=tz,
        )
        for s in parsed.services
    }
    counters = {c.id: PeerCounter(c.id, c.name) for c in parsed.counters}
    return PeerSite(
        slug=parsed.slug,
        name=parsed.name,
        address=parsed.address,
        tz=tz,
        services=services,
        counters=counters,
        closed_dates=closed,
        received_at=received_at,
    )


def peer_sites(store: Store) -> list[PeerSite]:
    """Every other site this store has a description of, by slug."""
    with store.read() as session:
        rows = list(session.scalars(select(PeerSiteRow).order_by(PeerSiteRow.origin)))
    return [_peer_site(row.description, row.received_at) for row in rows]
