"""What travels between hubs: the batch schema, checked strictly, and the send-side filter.

A batch carries consecutive events of one origin site. Every field has a type, a range or
an enumeration: there is no free text anywhere on the wire, so a name typed into a kiosk
id, a printer fault or any other local field cannot reach another site. On send,
:func:`to_wire` keeps only the facts each event kind needs (:data:`WIRE_DATA`, a subset of
the store's own allow-list) and drops any value that does not fit the schema; on receipt,
anything unknown or out of range refuses the whole batch (422), so nothing half-checked
is ever applied.
"""

from __future__ import annotations

import gzip
import json
import zlib
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from kiosk.domain.lifecycle import Outcome
from kiosk.services.queue import MAX_DAY_NUMBER, PAUSE_REASONS
from kiosk.siteconfig.schema import Slug
from kiosk.store.events import EventKind
from kiosk.sync.peer_sites import SiteDescription

PROTOCOL = 1
MAX_ROWS = 500
#: A batch's JSON, uncompressed; a gzip body may not inflate past MAX_INFLATED either.
MAX_BATCH_BYTES = 1024 * 1024
MAX_INFLATED = MAX_BATCH_BYTES + 64 * 1024
#: What a request body may weigh on the wire (413 above, before reading it).
MAX_WIRE_BYTES = MAX_INFLATED
GZIP_FROM_BYTES = 4096

UUID_RE = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Uuid = Annotated[str, Field(pattern=UUID_RE)]
ServiceCode = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,11}$")]
Seq = Annotated[int, Field(ge=1, le=2**31 - 1)]
EARLIEST = datetime(2020, 1, 1, tzinfo=UTC)
#: How far ahead of the receiver's clock an event may be dated (clocks drift; 2099 is not
#: a drift); an appointment may be booked up to ``APPOINTMENT_AHEAD`` ahead.
FUTURE_SLACK = timedelta(days=1)
APPOINTMENT_AHEAD = timedelta(days=400)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def _in_utc(value: datetime) -> datetime:
    """A time from the wire, in UTC. As parsed it keeps the offset it was written with,
    in the parser's own offset type: every later comparison or conversion of it then calls
    out for that offset, several times a row (measured: a tenth of an observatory's CPU).
    In UTC (the sender writes UTC anyway) they compare as plain values."""
    return value.astimezone(UTC)


#: An event's time on the wire: aware, 2020 to 2100, held in UTC.
WireTime = Annotated[AwareDatetime, Field(ge=EARLIEST, le=LATEST), AfterValidator(_in_utc)]

#: The facts each kind of event may carry between sites; everything else stays home.
WIRE_DATA: dict[EventKind, frozenset[str]] = {
    EventKind.ISSUED: frozenset(
        {
            "number",
            "seq",
            "priority",
            "language",
            "origin",
            "arrived_at",
            "appointment_at",
            "parent_id",
        }
    ),
    EventKind.CALLED: frozenset({"number"}),
    EventKind.RECALLED: frozenset({"number"}),
    EventKind.STARTED: frozenset({"number"}),
    EventKind.FINISHED: frozenset({"number", "outcome"}),
    EventKind.NO_SHOW: frozenset({"number"}),
    EventKind.CANCELLED: frozenset({"number"}),
    EventKind.TRANSFERRED: frozenset({"number", "to_service", "to_ticket"}),
    EventKind.REACTIVATED: frozenset({"number"}),
    EventKind.UNMET_DEMAND: frozenset({"language"}),
    EventKind.COUNTER_PAUSED: frozenset({"reason"}),
    EventKind.COUNTER_RESUMED: frozenset(),
    EventKind.APPOINTMENT_BOOKED: frozenset({"appointment_at"}),
    EventKind.PRINTER_FAULT: frozenset(),
    EventKind.PRINTER_OK: frozenset(),
    EventKind.FEEDBACK: frozenset({"score"}),
}
#: Kinds about a ticket: they must name it.
TICKET_KINDS = frozenset(
    {
        EventKind.ISSUED,
        EventKind.CALLED,
        EventKind.RECALLED,
        EventKind.STARTED,
        EventKind.FINISHED,
        EventKind.NO_SHOW,
        EventKind.CANCELLED,
        EventKind.TRANSFERRED,
        EventKind.REACTIVATED,
    }
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class WireData(Strict):
    number: Annotated[str, Field(pattern=r"^[A-Z][0-9]{3,7}$")] | None = None
    seq: Annotated[int, Field(ge=1, le=MAX_DAY_NUMBER)] | None = None
    priority: bool | None = None
    language: Literal["fr", "en", "nl"] | None = None
    origin: Literal["walk_in", "appointment", "reception"] | None = None
    outcome: Outcome | None = None
    to_service: ServiceCode | None = None
    to_ticket: Uuid | None = None
    parent_id: Uuid | None = None
    arrived_at: WireTime | None = None
    appointment_at: WireTime | None = None
    reason: Literal[PAUSE_REASONS] | None = None  # type: ignore[valid-type]
    score: Annotated[int, Field(ge=1, le=3)] | None = None


def data_of(data: WireData, as_json: bool = False) -> dict[str, Any]:
    """The facts a row carries, as a dict (``as_json``: times as ISO text)."""
    out = {key: value for key, value in data.__dict__.items() if value is not None}
    if as_json:
        for key in TIME_FACTS & out.keys():
            out[key] = out[key].isoformat()
    return out


TIME_FACTS = frozenset({"arrived_at", "appointment_at"})
ONE_DAY = timedelta(days=1)


class WireRow(Strict):
    site: Slug
    seq: Seq
    epoch: Uuid
    at: WireTime
    kind: EventKind
    day: date
    service: ServiceCode | None = None
    ticket_id: Uuid | None = None
    counter: Slug | None = None
    data: WireData = WireData()

    @model_validator(mode="after")
    def _coherent(self) -> WireRow:
        allowed = WIRE_DATA.get(self.kind, frozenset())
        if not self.data.model_fields_set <= allowed:
            extra = sorted(self.data.model_fields_set - allowed)
            raise ValueError(f"{self.kind.value} events carry no {', '.join(extra)}")
        if self.kind in TICKET_KINDS and (self.ticket_id is None or self.service is None):
            raise ValueError(f"a {self.kind.value} event names its ticket and service")
        if self.kind is EventKind.ISSUED and (self.data.number is None or self.data.seq is None):
            raise ValueError("an issued event carries the ticket's number and seq")
        # A ticket's later events keep its day of issue: a day never comes after the time.
        if not EARLIEST.date() <= self.day <= self.at.date() + ONE_DAY:
            raise ValueError(f"day {self.day} is out of range for an event at {self.at}")
        return self


class EpochStart(Strict):
    epoch: Uuid
    first_seq: Seq


class Batch(Strict):
    origin: Slug
    epoch: Uuid
    #: The origin store's epochs, oldest first, each with the first seq made under it.
    lineage: list[EpochStart] = Field(min_length=1, max_length=64)
    first_seq: Seq
    last_seq: Seq
    count: Annotated[int, Field(ge=1, le=MAX_ROWS)]
    rows: list[WireRow] = Field(min_length=1, max_length=MAX_ROWS)
    #: The origin's public description (kiosk.sync.peer_sites); absent from older senders.
    site: SiteDescription | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Batch:
        if self.count != len(self.rows) or self.last_seq - self.first_seq + 1 != self.count:
            raise ValueError("count, first_seq and last_seq disagree with the rows")
        for offset, row in enumerate(self.rows):
            if row.seq != self.first_seq + offset:
                raise ValueError(f"rows are not consecutive at seq {row.seq}")
        if self.lineage[-1].epoch != self.epoch or self.lineage[0].first_seq != 1:
            raise ValueError("lineage must start at seq 1 and end with the batch's epoch")
        starts = [entry.first_seq for entry in self.lineage]
        if starts != sorted(set(starts)):
            raise ValueError("lineage seqs must increase")
        for row in self.rows:
            if row.epoch != epoch_of(self.lineage, row.seq):
                raise ValueError(f"row {row.seq} has an epoch its lineage does not give it")
        return self


def check_window(batch: Batch, now: datetime) -> None:
    """Refuse (422) rows dated past the receiver's clock by more than a drift."""
    latest = now + FUTURE_SLACK
    for row in batch.rows:
        if row.at > latest:
            raise BadBatch(422, f"row {row.seq}: time {row.at.isoformat()} is in the future")
        if row.data.arrived_at is not None and row.data.arrived_at > latest:
            raise BadBatch(422, f"row {row.seq}: arrival time is in the future")
        if row.data.appointment_at is not None and row.data.appointment_at > (
            now + APPOINTMENT_AHEAD
        ):
            raise BadBatch(422, f"row {row.seq}: appointment time is too far ahead")


def epoch_of(lineage: list[EpochStart], seq: int) -> str:
    """The epoch under which ``seq`` was made, according to ``lineage``."""
    current = lineage[0].epoch
    for entry in lineage:
        if entry.first_seq <= seq:
            current = entry.epoch
    return current


class BadBatch(Exception):
    """The body cannot be read as a batch: ``status`` 400 (not JSON, not gzip) or 422."""

    def __init__(self, status: int, message: str):
        self.status, self.message = status, message
        super().__init__(message)


def parse_batch(body: bytes, encoding: str) -> Batch:
    raw = inflate(body) if encoding == "gzip" else body
    try:
        return Batch.model_validate_json(raw)
    except ValidationError as exc:
        errors = exc.errors()
        if any(e["type"] == "json_invalid" for e in errors):
            raise BadBatch(400, "the body is not valid JSON") from None
        raise BadBatch(422, describe(errors)) from None


def describe(errors: list[dict]) -> str:
    parts = []
    for error in errors[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()))
        message = "unknown field" if error["type"] == "extra_forbidden" else error["msg"]
        parts.append(f"{where}: {message}" if where else message)
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more


def inflate(body: bytes, limit: int = MAX_INFLATED) -> bytes:
    """Gunzip at most ``limit`` bytes; a body that would inflate further is a gzip bomb."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        raise BadBatch(400, "the body is not valid gzip") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise BadBatch(413, f"the body inflates past {limit} bytes")
    if not inflater.eof:
        raise BadBatch(400, "the gzip body is truncated")
    return out


# -- sending ---------------------------------------------------------------------------


def to_wire(row: Any, site: str) -> dict:
    """An event (store row) as it travels: only its kind's facts, each checked to fit."""
    kind = EventKind(row.kind)
    local = row.data or {}
    allowed = WIRE_DATA.get(kind, frozenset())
    data = {key: local[key] for key in allowed if local.get(key) is not None}
    try:
        WireData.model_validate(data, strict=False)
    except ValidationError:
        # A local oddity never blocks the outbox, and never travels: keep what fits.
        data = {key: value for key, value in data.items() if _fits(key, value)}
    return {
        "site": site,
        "seq": row.seq,
        "epoch": row.epoch,
        "at": _iso(row.at),
        "kind": kind.value,
        "day": row.day.isoformat(),
        "service": row.service,
        "ticket_id": row.ticket_id,
        "counter": row.counter,
        "data": data,
    }


def _fits(key: str, value: Any) -> bool:
    try:
        WireData.model_validate({key: value}, strict=False)
    except ValidationError:
        return False
    return True


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def encode(payload: dict) -> tuple[bytes, str | None]:
    """Compact JSON, gzipped when worth it; returns (body, Content-Encoding or None)."""
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    if len(raw) < GZIP_FROM_BYTES:
        return raw, None
    return gzip.compress(raw, compresslevel=1, mtime=0), "gzip"


def row_size(row: dict) -> int:
    return len(json.dumps(row, separators=(",", ":"), ensure_ascii=False).encode()) + 1
