"""The printer part of a site file, checked when it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from printing.config import PrinterConfig, PrinterKind, default_preview_folder
from printing.connections import NetworkConnection, open_connection


def test_defaults_to_a_preview_with_a_real_profile() -> None:
    config = PrinterConfig()
    assert config.kind is PrinterKind.PREVIEW and config.profile == "TM-T20II"
    assert (config.port, config.timeout_s, config.baudrate) == (9100, 3.0, 9600)
    assert config.folder == default_preview_folder()
    assert config.folder.name == "tickets"


def test_an_empty_folder_means_the_default_one() -> None:
    assert PrinterConfig(folder="").folder == default_preview_folder()  # type: ignore[arg-type]


def test_from_the_site_file_table() -> None:
    table = {"kind": "network", "profile": "TM-T20II", "host": "192.0.2.7", "port": 9100}
    config = PrinterConfig.from_mapping(table)
    assert config.kind is PrinterKind.NETWORK and config.host == "192.0.2.7"
    connection = open_connection(table)
    assert isinstance(connection, NetworkConnection) and connection.timeout_s == 3.0
    with pytest.raises(ValueError, match="printer.hots: unknown key"):
        PrinterConfig.from_mapping({"kind": "network", "hots": "x"})


def test_plain_strings_from_the_loader_are_normalised() -> None:
    config = PrinterConfig(kind="network", host="192.0.2.7", folder="x")  # type: ignore[arg-type]
    assert config.kind is PrinterKind.NETWORK and config.folder == Path("x")
    assert config.describe() == "network printer 192.0.2.7:9100"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "bluetooth"}, "printer.kind: 'bluetooth' is not one of"),
        ({"kind": "network"}, "printer.host: required"),
        ({"kind": "network", "host": "h", "port": 70000}, "printer.port: 70000"),
        ({"kind": "usb", "vendor_id": 0x04B8}, "printer.product_id: required"),
        ({"kind": "serial"}, "printer.device: required for a serial printer"),
        ({"kind": "file"}, "printer.device: required for a file printer"),
        ({"timeout_s": 0}, "printer.timeout_s: must be positive"),
    ],
)
def test_mistakes_name_their_key(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PrinterConfig(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("site", ["demo", "enquin-les-mines", "fauquembergues"])
def test_every_site_file_builds_a_printer_config(site: str) -> None:
    from config import site_file
    from kiosk.siteconfig import load_site_config

    table = load_site_config(site_file(site)).printer.model_dump()
    config = PrinterConfig.from_mapping(table)
    assert config.kind.value == table["kind"] and config.profile == "TM-T20II"
