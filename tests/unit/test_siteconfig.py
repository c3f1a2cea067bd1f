"""Site files: the real ones load; a broken one is refused with "file: key: why"."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from config import site_file
from kiosk.cli import main
from kiosk.errors import ConfigError
from kiosk.pins import verify_pin
from kiosk.siteconfig import SiteConfig, check_site_file, load_site_config, parse_site_config

DEMO_TEXT = site_file("demo").read_text(encoding="utf-8")
REAL_SITES = ["demo", "fauquembergues", "enquin-les-mines"]


def mutate(*replacements: tuple[str, str], text: str = DEMO_TEXT) -> str:
    for old, new in replacements:
        assert old in text, f"the demo file no longer contains {old!r}"
        text = text.replace(old, new, 1)
    return text


def write(tmp_path: Path, text: str, name: str = "site.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[ConfigError]:
    result = check_site_file(path)
    assert isinstance(result, list), "the broken file was accepted"
    assert result and all(isinstance(p, ConfigError) for p in result)
    return result


def assert_refused(path: Path, key: str, *why_parts: str) -> ConfigError:
    """Exactly one problem, naming file and key, whose reason holds every part."""
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.file, problem.key) == (str(path), key)
    message = str(problem)
    assert message.startswith(f"{path}: {key}: "), message
    for part in why_parts:
        assert part in problem.why, (part, problem.why)
    # load_site_config raises the same first problem.
    with pytest.raises(ConfigError) as info:
        load_site_config(path)
    assert str(info.value) == message
    return problem


# -- the real files ---------------------------------------------------------------------


@pytest.mark.parametrize("name", REAL_SITES)
def test_real_site_files_load(name):
    config = load_site_config(site_file(name))
    assert isinstance(config, SiteConfig)
    assert config.site.timezone == "Europe/Paris"
    assert config.tz.key == "Europe/Paris"
    assert config.source == str(site_file(name))
    codes = [s.code for s in config.services]
    assert len(codes) == len(set(codes))
    prefixes = [s.prefix for s in config.services]
    assert len(prefixes) == len(set(prefixes))
    served = {code for counter in config.counters for code in counter.services}
    assert served == set(codes)
    assert set(config.schedules) == set(codes)


def test_demo_file_facts(demo_config):
    assert demo_config.site.slug == "demo"
    assert [s.code for s in demo_config.services] == ["ACC", "CAF", "CPAM", "EMPLOI", "NUM", "CIAS"]
    assert demo_config.service("CAF").prefix == "C"
    assert demo_config.queue.priority_every == 2
    assert demo_config.queue.default_service_min == 8
    assert demo_config.printer.kind == "preview"
    caf = demo_config.schedules["CAF"]
    assert caf.days[1][0].start == time(9) and caf.days[1][0].end == time(12)
    assert all(caf.days[d] == () for d in (0, 2, 3, 4, 5, 6))
    # A service without a schedule follows the house: open all day in the demo.
    assert demo_config.schedules["ACC"] is demo_config.house_schedule
    assert demo_config.counters_by_id["bureau-2"].services == ["CAF", "CPAM", "EMPLOI"]
    assert demo_config.service("CAF").labels.get("nl") == "CAF – Kinderbijslag"


def test_real_sites_facts():
    fauq = load_site_config(site_file("fauquembergues"))
    enquin = load_site_config(site_file("enquin-les-mines"))
    assert (fauq.site.slug, enquin.site.slug) == ("fauquembergues", "enquin-les-mines")
    assert fauq.printer.kind == "network" and fauq.printer.host == "192.168.10.50"
    assert enquin.printer.kind == "usb"
    assert (enquin.printer.vendor_id, enquin.printer.product_id) == (0x04B8, 0x0E15)
    assert date(2026, 12, 25) in fauq.house_schedule.closed_dates
    # Closed dates shut the services too.
    assert date(2026, 11, 11) in fauq.schedules["CAF"].closed_dates


def test_unknown_service_lookup_is_not_found(demo_config):
    from kiosk.errors import NotFound

    with pytest.raises(NotFound, match='unknown service "XYZ"'):
        demo_config.service("XYZ")


def test_a_copy_of_the_demo_loads_and_names_its_source(tmp_path):
    path = write(tmp_path, DEMO_TEXT)
    config = load_site_config(path)
    assert config.source == str(path)
    assert check_site_file(path) == config


# -- broken files -----------------------------------------------------------------------


def test_unknown_key_typo(tmp_path):
    path = write(tmp_path, mutate(("priority_every = 2", "priority_evry = 2")))
    assert_refused(path, "queue.priority_evry", "not a known key", "typo")


def test_unknown_key_inside_a_service_names_the_service(tmp_path):
    path = write(tmp_path, mutate(('icon = "family"', 'icn = "family"')))
    assert_refused(path, "services[CAF].icn", "not a known key")


def test_unknown_weekday(tmp_path):
    path = write(tmp_path, mutate(('sun = ["00:00-24:00"]', 'sunday = ["00:00-24:00"]')))
    assert_refused(path, "site.hours.sunday", "not a known key")


def test_source_is_not_a_key_of_the_file(tmp_path):
    path = write(tmp_path, 'source = "elsewhere"\n' + DEMO_TEXT)
    assert_refused(path, "source", "not a known key")


@pytest.mark.parametrize("bad", ["08:00-25:00", "8h-12h", "08:00", "08:60-09:00"])
def test_bad_time_in_house_hours(tmp_path, bad):
    path = write(tmp_path, mutate(('tue = ["00:00-24:00"]', f'tue = ["{bad}"]')))
    assert_refused(path, "site.hours.tue", f'"{bad}"', "HH:MM-HH:MM")


def test_backwards_time_range(tmp_path):
    path = write(tmp_path, mutate(('wed = ["00:00-24:00"]', 'wed = ["17:00-09:00"]')))
    assert_refused(path, "site.hours.wed", "ends before it starts")


def test_bad_time_in_a_service_schedule(tmp_path):
    path = write(
        tmp_path,
        mutate(('schedule = { tue = ["09:00-12:00"] }', 'schedule = { tue = ["9h-12h"] }')),
    )
    assert_refused(path, "services[CAF].schedule.tue", '"9h-12h"')


def test_overlapping_hours(tmp_path):
    path = write(
        tmp_path, mutate(('tue = ["00:00-24:00"]', 'tue = ["08:00-12:00", "11:00-17:00"]'))
    )
    assert_refused(path, "site.hours.tue", "overlap", "08:00-12:00", "11:00-17:00")


def test_overlapping_hours_given_out_of_order(tmp_path):
    path = write(
        tmp_path, mutate(('thu = ["00:00-24:00"]', 'thu = ["13:00-17:00", "08:00-13:30"]'))
    )
    assert_refused(path, "site.hours.thu", "overlap")


def test_touching_intervals_do_not_overlap(tmp_path):
    path = write(
        tmp_path, mutate(('tue = ["00:00-24:00"]', 'tue = ["00:00-12:00", "12:00-24:00"]'))
    )
    assert isinstance(load_site_config(path), SiteConfig)


def test_overlapping_service_schedule(tmp_path):
    path = write(
        tmp_path,
        mutate(
            (
                'schedule = { tue = ["09:00-12:00"] }',
                'schedule = { tue = ["09:00-12:00", "10:00-11:00"] }',
            )
        ),
    )
    assert_refused(path, "services[CAF].schedule.tue", "overlap")


def test_duplicate_prefix(tmp_path):
    path = write(tmp_path, mutate(('code = "CPAM"\nprefix = "M"', 'code = "CPAM"\nprefix = "A"')))
    assert_refused(path, "services[CPAM].prefix", 'prefix "A"', "already used by ACC")


def test_duplicate_service_code(tmp_path):
    text = mutate(
        ('code = "NUM"', 'code = "CAF"'),
        ('services = ["CIAS", "NUM"]', 'services = ["CIAS"]'),
        ('"ACC", "NUM", "CIAS"', '"ACC", "CIAS"'),
    )
    path = write(tmp_path, text)
    assert_refused(path, "services[CAF].code", "duplicate service code")


def test_missing_label(tmp_path):
    path = write(tmp_path, mutate((', nl = "CAF – Kinderbijslag"', "")))
    assert_refused(path, "services[CAF].labels.nl", "required but missing")


def test_empty_label(tmp_path):
    path = write(tmp_path, mutate(('nl = "CAF – Kinderbijslag"', 'nl = ""')))
    problem = assert_refused(path, "services[CAF].labels.nl")
    assert "at least 1 character" in problem.why


def test_missing_site_info_label(tmp_path):
    path = write(tmp_path, mutate(('nl = "Welkom!', 'de = "Welkom!')))
    problems = problems_of(path)
    assert {p.key for p in problems} == {"site.info.nl", "site.info.de"}


def test_counter_naming_an_unknown_service(tmp_path):
    path = write(
        tmp_path, mutate(('services = ["CIAS", "NUM"]', 'services = ["CIAS", "NUM", "PMI"]'))
    )
    assert_refused(path, "counters[bureau-3].services", 'unknown service "PMI"')


def test_service_nobody_serves(tmp_path):
    path = write(
        tmp_path,
        mutate(
            ('services = ["CIAS", "NUM"]', 'services = ["CIAS"]'),
            ('"ACC", "NUM", "CIAS"', '"ACC", "CIAS"'),
        ),
    )
    assert_refused(path, "services[NUM]", "no counter serves")


def test_service_schedule_outside_house_hours(tmp_path):
    path = write(tmp_path, mutate(('tue = ["00:00-24:00"]', 'tue = ["10:00-24:00"]')))
    assert_refused(path, "services[CAF].schedule.tue", "09:00-12:00", "outside the house's hours")


def test_service_schedule_on_a_day_the_house_is_shut(tmp_path):
    path = write(tmp_path, mutate(('tue = ["00:00-24:00"]\n', "")))
    assert_refused(path, "services[CAF].schedule.tue", "outside the house's hours")


def test_service_schedule_straddling_the_lunch_break(tmp_path):
    path = write(
        tmp_path, mutate(('tue = ["00:00-24:00"]', 'tue = ["08:00-11:00", "11:30-18:00"]'))
    )
    assert_refused(path, "services[CAF].schedule.tue", "09:00-12:00")


@pytest.mark.parametrize("zone", ["Europe/Pariss", "CET+1", "", "../../etc/passwd"])
def test_bad_timezone(tmp_path, zone):
    path = write(tmp_path, mutate(('timezone = "Europe/Paris"', f'timezone = "{zone}"')))
    assert_refused(path, "site.timezone", f'unknown time zone "{zone}"')


def test_not_valid_toml(tmp_path):
    path = write(tmp_path, mutate(("[queue]", "[queue")))
    problem = problems_of(path)[0]
    assert problem.key == ""
    assert str(problem).startswith(f"{path}: not valid TOML")
    line = DEMO_TEXT.splitlines().index("[queue]") + 1
    assert f"line {line}" in str(problem)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(DEMO_TEXT.encode("latin-1", errors="replace"))
    problem = problems_of(path)[0]
    assert str(problem).startswith(f"{path}: not UTF-8 text")


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ConfigError, match="no such file") as info:
        load_site_config(path)
    assert str(info.value).startswith(str(path))


def test_network_printer_without_host(tmp_path):
    path = write(tmp_path, mutate(('kind = "preview"', 'kind = "network"')))
    assert_refused(path, "printer.host", 'required for a "network" printer')


def test_network_printer_with_host_loads(tmp_path):
    path = write(tmp_path, mutate(('kind = "preview"', 'kind = "network"\nhost = "10.0.0.9"')))
    assert load_site_config(path).printer.host == "10.0.0.9"


def test_usb_printer_without_ids(tmp_path):
    path = write(tmp_path, mutate(('kind = "preview"', 'kind = "usb"')))
    keys = [p.key for p in problems_of(path)]
    assert keys == ["printer.vendor_id", "printer.product_id"]


def test_unknown_printer_kind(tmp_path):
    path = write(tmp_path, mutate(('kind = "preview"', 'kind = "bluetooth"')))
    assert_refused(path, "printer.kind", "'bluetooth'")


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("priority_every = 2", 'priority_every = "two"', "queue.priority_every"),
        ("priority_every = 2", "priority_every = -1", "queue.priority_every"),
        ('slug = "demo"', 'slug = "Demo Site"', "site.slug"),
        ('prefix = "C"', 'prefix = "CC"', "services[CAF].prefix"),
        ('colour = "#0B6E4F"', 'colour = "green"', "services[CAF].colour"),
    ],
)
def test_bad_values_name_their_key(tmp_path, old, new, key):
    path = write(tmp_path, mutate((old, new)))
    problem = assert_refused(path, key)
    assert "(got " in problem.why


def test_duplicate_counter_id(tmp_path):
    path = write(tmp_path, mutate(('id = "bureau-3"', 'id = "bureau-2"')))
    assert_refused(path, "counters[bureau-2].id", "duplicate counter id")


def test_manager_id_clashing_with_a_counter(tmp_path):
    path = write(tmp_path, mutate(('id = "direction"', 'id = "accueil"')))
    assert_refused(path, "managers[accueil].id", "already used")


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    path = write(
        tmp_path,
        mutate(
            ("priority_every = 2", "priority_evry = 2"),
            ('timezone = "Europe/Paris"', 'timezone = "Mars/Olympus"'),
        ),
    )
    keys = {p.key for p in problems_of(path)}
    assert keys == {"queue.priority_evry", "site.timezone"}


def test_parse_site_config_in_memory_names_memory():
    result = parse_site_config({"site": {"slug": "x"}})
    assert isinstance(result, list)
    assert all(str(p).startswith("<memory>: ") for p in result)
    assert {p.key for p in result} >= {"site.name", "site.hours", "services", "counters"}


# -- the CLI ----------------------------------------------------------------------------


def test_check_config_accepts_the_real_files(capsys):
    assert main(["check-config", *(str(site_file(n)) for n in REAL_SITES)]) == 0
    out = capsys.readouterr().out
    for name in REAL_SITES:
        assert f"{site_file(name)}: OK" in out


def test_check_config_accepts_a_site_name(capsys):
    assert main(["check-config", "demo"]) == 0
    assert "demo: OK (6 services, 3 counters)" in capsys.readouterr().out


def test_check_config_warns_about_the_initial_pin(capsys):
    assert main(["check-config", "fauquembergues"]) == 0
    captured = capsys.readouterr()
    assert "initial PIN 0000" in captured.err
    assert "direction" in captured.err


def test_check_config_refuses_a_broken_file(tmp_path, capsys):
    path = write(tmp_path, mutate(('kind = "preview"', 'kind = "network"')))
    assert main(["check-config", str(path)]) != 0
    captured = capsys.readouterr()
    assert f'{path}: printer.host: is required for a "network" printer' in captured.err
    assert "OK" not in captured.out


def test_check_config_reports_every_file_and_fails_if_one_is_bad(tmp_path, capsys):
    bad = write(tmp_path, mutate(("priority_every = 2", "priority_evry = 2")), "bad.toml")
    good = write(tmp_path, DEMO_TEXT, "good.toml")
    assert main(["check-config", str(bad), str(good)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}: queue.priority_evry: is not a known key" in captured.err
    assert f"{good}: OK" in captured.out


def test_check_config_of_a_missing_file(tmp_path, capsys):
    assert main(["check-config", str(tmp_path / "nope.toml")]) != 0
    assert "no such file" in capsys.readouterr().err


def test_hash_pin_output_verifies(capsys):
    assert main(["hash-pin", "--pin", "1234"]) == 0
    stored = capsys.readouterr().out.strip()
    assert stored.startswith("scrypt$")
    assert verify_pin("1234", stored)
    assert not verify_pin("1235", stored)
    assert not verify_pin("", stored)


def test_hash_pin_is_salted(capsys):
    main(["hash-pin", "--pin", "4321"])
    main(["hash-pin", "--pin", "4321"])
    first, second = capsys.readouterr().out.split()
    assert first != second
    assert verify_pin("4321", first) and verify_pin("4321", second)


@pytest.mark.parametrize("pin", ["12", "abcd", "", "1234567890123", "12 34", "-123"])
def test_hash_pin_refuses_a_bad_pin(capsys, pin):
    assert main(["hash-pin", f"--pin={pin}"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "4 to 12 digits" in captured.err


def test_verify_pin_rejects_malformed_hashes():
    assert not verify_pin("1234", "")
    assert not verify_pin("1234", "bcrypt$1$2$3$4$5")
    assert not verify_pin("1234", "scrypt$x$8$1$AAAA$AAAA")
    assert not verify_pin("1234", "plain1234")
