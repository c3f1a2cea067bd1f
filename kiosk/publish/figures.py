"""A year's quality figures as published: per site and France Services partner, and per
site and month, with statistical disclosure control built in.

Anonymous by construction, whatever the visitors' numbers:

- a *cell* is a group of visits (a site's visits for one partner; a site's visits in one
  month). No cell of fewer than :data:`MIN_CELL` visits is published.
- Partners with fewer visits at a site are merged into that site's "other partners" cell;
  when that cell is still too small, the smallest published partners join it until it is
  not. A site whose whole year is too small is left out.
- A month with too few visits is suppressed, and so are other months (the smallest first)
  until the suppressed months hold at least two months and :data:`MIN_CELL` visits: the
  site's total minus its published months then tells only a sum of several months, never
  one of them.
- Figures of a cell that rest on fewer than :data:`MIN_CELL` people (a median wait of
  three called visitors, three visits served, the satisfaction of two answers) are left
  blank.
- Every total published anywhere (the poster, the page, the open data) is a sum of what
  the cells publish: a figure left blank in a cell stays out of every total too
  (:meth:`Cell.shown`), so no subtraction recovers a suppressed, merged or blank value.
- The months tell visits and waits only. Their answers and their visits solved would be
  a second breakdown of the same site totals as the partners': a site's answers over its
  partners minus those over its published months would give the answers of the months
  left blank.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from kiosk.services.service_level import months_of, service_level
from kiosk.services.stats import Figures, Key, percentile
from kiosk.siteconfig import SiteConfig

MIN_CELL = 5
OTHER = "_other"


@dataclass
class Cell:
    """Visits of one group, with what its figures need."""

    site: str
    key: str  # a partner (operator), OTHER, or a month "YYYY-MM"
    services: set[str] = field(default_factory=set)
    visitors: int = 0
    served: int = 0
    solved: int = 0
    waits: list[int] = field(default_factory=list)
    feedback: Counter = field(default_factory=Counter)
    #: Waits that ended uncalled (the service level counts those past its target).
    abandoned: list[int] = field(default_factory=list)

    def add(self, other: Cell | Figures, service: str | None = None) -> None:
        if isinstance(other, Cell):
            self.services |= other.services
            counts = {"issued": other.visitors, "served": other.served, "solved": other.solved}
        else:
            counts = other.counts
            if service:
                self.services.add(service)
        self.visitors += counts.get("issued", 0)
        self.served += counts.get("served", 0)
        self.solved += counts.get("solved", 0)
        self.waits += other.waits
        self.abandoned += other.abandoned
        self.feedback.update(other.feedback)

    def figures(self, config: SiteConfig) -> dict:
        """What is published of this cell (None: blank, too few people behind it)."""
        waits = sorted(self.waits)
        level = service_level([waits], config.service_level, [sorted(self.abandoned)])
        answers = sum(self.feedback.values())
        enough = len(waits) >= MIN_CELL
        return {
            "visitors": self.visitors,
            "served": self.served if self.served >= MIN_CELL else None,
            "solved_share": _share(self.solved, self.served),
            "wait_p50_s": percentile(waits, 0.5) if enough else None,
            "service_level_share": level["service_level_share"] if enough else None,
            "feedback_answers": answers if answers >= MIN_CELL else None,
            "satisfaction_share": _share(self.feedback.get(3, 0), answers),
        }

    def shown(self) -> Cell:
        """What a total may take of this cell: what it publishes. Visits served and
        solved, waits and answers that are blank here stay out of every sum."""
        enough_served = self.served >= MIN_CELL
        return Cell(
            self.site,
            self.key,
            set(self.services),
            self.visitors,
            self.served if enough_served else 0,
            self.solved if enough_served else 0,
            list(self.waits) if len(self.waits) >= MIN_CELL else [],
            self.feedback.copy() if sum(self.feedback.values()) >= MIN_CELL else Counter(),
            list(self.abandoned) if len(self.waits) >= MIN_CELL else [],
        )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole >= MIN_CELL else None


def partner_of(config: SiteConfig, service: str) -> str:
    """The France Services partner a service reports under (its code when this site's
    file does not know it: another site's own service)."""
    spec = config.services_by_code.get(service)
    return spec.operator if spec else service


@dataclass
class Published:
    """The protected tables of a year and what was held back (counts only, for the method)."""

    year: int
    start: date
    end: date
    partners: list[Cell]
    months: list[Cell]
    suppressed_months: list[tuple[str, str]]
    left_out_sites: list[str]
    #: Sites' names as they call themselves (other sites: from their synced description).
    names: dict[str, str] = field(default_factory=dict)

    def sites(self) -> list[str]:
        return sorted({cell.site for cell in self.partners})

    def total(self, cells: list[Cell] | None = None, key: str | None = None) -> Cell:
        """The sum of published partner cells (of one partner with ``key``)."""
        result = Cell("*", key or "*")
        for cell in cells if cells is not None else self.partners:
            if key is None or cell.key == key:
                result.add(cell.shown())
        return result

    def by_partner(self) -> list[Cell]:
        """House-wide partner rows: sums of the sites' published cells, "other" last."""
        keys = sorted({c.key for c in self.partners if c.key != OTHER})
        rows = [self.total(key=key) for key in keys]
        if any(c.key == OTHER for c in self.partners):
            rows.append(self.total(key=OTHER))
        return rows

    def month_rows(self) -> list[Cell]:
        """House-wide months from published site-months, for the months no site withheld:
        a month with one site's visits missing would pass for the whole house's."""
        withheld = {month for _, month in self.suppressed_months}
        months: dict[str, Cell] = {}
        for cell in self.months:
            if cell.key not in withheld:
                months.setdefault(cell.key, Cell("*", cell.key)).add(cell.shown())
        return [months[key] for key in sorted(months)]


def publish(config: SiteConfig, figures: dict[Key, Figures], start: date, end: date) -> Published:
    """The protected tables of ``figures`` (every site, day and service of ``start..end``)."""
    partners: dict[tuple[str, str], Cell] = {}
    months: dict[tuple[str, str], Cell] = {}
    for (site, day, service), f in figures.items():
        partner = partner_of(config, service)
        partners.setdefault((site, partner), Cell(site, partner)).add(f, service)
        month = day.strftime("%Y-%m")
        months.setdefault((site, month), Cell(site, month)).add(f, service)
    published, left_out = [], []
    for site in sorted({site for site, _ in partners}):
        cells = _merge_small([c for (s, _), c in partners.items() if s == site])
        if cells:
            published += cells
        else:
            left_out.append(site)
    kept_months, suppressed = [], []
    all_months = [first.strftime("%Y-%m") for first, _ in months_of(start, end)]
    for site in sorted({c.site for c in published}):
        cells = [months.get((site, m)) or Cell(site, m) for m in all_months]
        cells = [c for c in cells if c.visitors]
        shown, hidden = _suppress_small(cells)
        kept_months += [_visits_and_waits(c) for c in shown]
        suppressed += [(site, c.key) for c in hidden]
    return Published(start.year, start, end, published, kept_months, suppressed, left_out)


def _visits_and_waits(month: Cell) -> Cell:
    """What a month tells (see the module's docstring)."""
    return Cell(month.site, month.key, set(month.services), month.visitors,
                waits=list(month.waits), abandoned=list(month.abandoned))  # fmt: skip


def _merge_small(cells: list[Cell]) -> list[Cell]:
    """A site's partner cells with the small ones merged into "other partners"."""
    cells = sorted(cells, key=lambda c: (c.visitors, c.key))
    if not cells:
        return []
    other = Cell(cells[0].site, OTHER)
    big = []
    for cell in cells:
        if cell.visitors < MIN_CELL:
            other.add(cell)
        else:
            big.append(cell)
    while 0 < other.visitors < MIN_CELL and big:
        other.add(big.pop(0))
    if other.visitors and other.visitors < MIN_CELL:
        return []  # the whole site's year is too small to publish
    return sorted(big, key=lambda c: c.key) + ([other] if other.visitors else [])


def _suppress_small(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """A site's months: (published, suppressed), secondary suppression included."""
    hidden = [c for c in cells if c.visitors < MIN_CELL]
    shown = sorted((c for c in cells if c.visitors >= MIN_CELL), key=lambda c: c.visitors)
    while hidden and shown and (
        len(hidden) < 2 or sum(c.visitors for c in hidden) < MIN_CELL
    ):
        hidden.append(shown.pop(0))
    return sorted(shown, key=lambda c: c.key), sorted(hidden, key=lambda c: c.key)
