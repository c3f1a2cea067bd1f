"""The two real site files as of 2026: France Travail by its name, and the partners' half-day
permanences (PMI, Relais petite enfance, Point information jeunesse...) split between the
two sites without a partner being expected in both places at once."""

from __future__ import annotations

import pytest

from config import site_file
from kiosk.siteconfig import load_site_config
from kiosk.siteconfig.schema import WEEKDAYS

SITES = ("fauquembergues", "enquin-les-mines")
SPLIT = ("PMI", "RAM", "PIJ", "CAF", "CPAM", "EMPLOI", "CIAS", "INS")


@pytest.fixture(scope="module")
def sites():
    return {slug: load_site_config(site_file(slug)) for slug in SITES}


@pytest.mark.parametrize("slug", [*SITES, "demo"])
def test_france_travail_by_its_2024_name(slug):
    config = load_site_config(site_file(slug))
    job = config.services_by_code["EMPLOI"]
    assert job.operator == "France Travail"
    assert all("France Travail" in job.labels.model_dump()[lang] for lang in ("fr", "en", "nl"))
    services = site_file(slug).read_text(encoding="utf-8").split("[[services]]", 1)[1]
    assert "Pôle emploi" not in services


def test_early_childhood_and_youth_services_at_both_sites(sites):
    for config in sites.values():
        served = {code for counter in config.counters for code in counter.services}
        for code in ("PMI", "RAM", "PIJ"):
            assert code in config.services_by_code and code in served, (config.site.slug, code)
    for code in ("PMI", "RAM", "PIJ"):
        labels = {s.services_by_code[code].labels.fr for s in sites.values()}
        assert len(labels) == 1, f"{code} is named differently at the two sites: {labels}"


@pytest.mark.parametrize("code", SPLIT)
def test_permanences_are_split_between_the_sites(sites, code):
    """A visiting partner holds each half-day at one site only, and comes to both."""
    schedules = [config.services_by_code[code].schedule for config in sites.values()]
    assert all(schedule is not None for schedule in schedules), f"{code}: held all week?"
    here, there = (schedule.intervals() for schedule in schedules)
    for day, a, b in zip(WEEKDAYS, here, there, strict=True):
        for x in a:
            for y in b:
                assert x.end <= y.start or y.end <= x.start, f"{code} on {day}: {x} and {y}"
    assert any(here) and any(there)
