"""Range-checked input types of the hub's routes: days, instants, codes, sequence numbers.

Every value a client writes is checked before use, at the edge, so that a far-off date, a
huge number or an odd character is a 422 naming the field, never a 500 from the date
arithmetic or the database further in (``0001-01-01`` minus four weeks, ``9999-12-31``
plus a day, an integer past 64 bits). The bounds are wide enough for any real use:

- days and instants between 2000-01-01 and 2099-12-31 (``DAY_RANGE``);
- days written exactly ``YYYY-MM-DD`` (not a Unix timestamp that pydantic would also take);
- service codes with the site file's own pattern;
- event sequence numbers (``after=``, ``Last-Event-ID``) up to 2**31 - 1, the store's
  integer; ``Last-Event-ID`` is ASCII digits only (a browser sends back the id it saw).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
DAY_RANGE = f"{FIRST_DAY.isoformat()}..{LAST_DAY.isoformat()}"
MAX_SEQ = 2**31 - 1
_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_day(value: object) -> object:
    if isinstance(value, str) and not _ISO_DAY.match(value):
        raise ValueError("a day is written YYYY-MM-DD")
    if isinstance(value, (int, float)):
        raise ValueError("a day is written YYYY-MM-DD")
    return value


def _day_in_range(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"{value.isoformat()} is outside {DAY_RANGE}")
    return value


def _instant_in_range(value: datetime) -> datetime:
    if not FIRST_DAY <= value.astimezone(UTC).date() <= LAST_DAY:
        raise ValueError(f"{value.isoformat()} is outside {DAY_RANGE}")
    return value


#: A calendar day, YYYY-MM-DD, between 2000-01-01 and 2099-12-31.
Day = Annotated[date, BeforeValidator(_iso_day), AfterValidator(_day_in_range)]
#: An instant with its UTC offset, between 2000-01-01 and 2099-12-31.
Instant = Annotated[AwareDatetime, Field(strict=False), AfterValidator(_instant_in_range)]
#: A service's code as the site file writes it (``CAF``).
ServiceCode = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,11}$")]
