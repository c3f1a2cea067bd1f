"""The ESC/POS bytes of a ticket, read back the way a printer would read them."""

from __future__ import annotations

import pytest
import qrcode
from escpos.printer import Dummy
from qrcode.constants import ERROR_CORRECT_M

from kiosk.errors import PrinterError
from printing.layout import Role, ticket_layout
from printing.render import (
    QR_MODULE_DOTS,
    columns_for,
    render_layout,
    render_ticket,
    supports_native_qr,
)
from tests.printing.escpos_decoder import Raster, decode
from tests.printing.tickets import LABELS, STATUS_URL, make_view

# bytes; a whole ticket (address, "keep this ticket", opening hours) crosses a 9600-baud
# serial line (960 bytes/s) in under 0.75 s. It was 400 (0.5 s) before the ticket carried
# the site's address and hours, which a two-site house needs on paper.
NATIVE_QR_BUDGET = 720
WEEK = (("08:30-12:00", "13:30-17:00"),) * 4 + (("08:30-12:00", "13:30-16:30"),
                                                 ("09:00-12:00",), ())
ACCENTS = "é è ç à ù œ €"


def test_each_language_decodes_to_its_own_words(language: str) -> None:
    view = make_view(language, priority=True)
    decoded = decode(render_ticket(view))
    layout = ticket_layout(view, columns_for("TM-T20II"))
    printed = [line.text for line in decoded.lines if line.text.strip()]
    expected = [line.text for line in (b for b in layout.blocks if hasattr(b, "text")) if line.text]
    assert printed == expected
    assert LABELS[language] in decoded.text.replace("\n", " ")


def test_french_accents_survive_the_code_pages() -> None:
    view = make_view("fr", service_label=f"Test {ACCENTS} Œ ô ê î ï ë", site_name="Saint-Cœur")
    decoded = decode(render_ticket(view))
    assert f"Test {ACCENTS} Œ ô ê î ï ë" in decoded.text
    assert "Saint-Cœur" in decoded.text
    assert "Attente estimée : environ 12 min" in decoded.text
    assert "Suivez votre tour sur votre téléphone" in decoded.text
    assert "?" not in decoded.text  # nothing replaced by python-escpos' default symbol


def test_one_code_page_for_a_whole_ticket(language: str) -> None:
    decoded = decode(render_ticket(make_view(language, priority=True)))
    assert decoded.code_pages == [16]  # CP1252 holds é è ç à ù œ € ë ï: a single ESC t 16


def test_characters_outside_cp1252_still_switch_pages() -> None:
    decoded = decode(render_ticket(make_view(service_label="Łódź — Œuvre €")))
    assert "Łódź — Œuvre €" in decoded.text
    assert len(decoded.code_pages) > 1


def test_native_qr_carries_the_status_url(language: str) -> None:
    decoded = decode(render_ticket(make_view(language)))
    assert decoded.qr_payloads == [STATUS_URL.encode()]
    assert decoded.qr_prints == 1
    assert decoded.qr_settings == {"model": 2, "module_dots": QR_MODULE_DOTS, "error_level": 1}
    assert decoded.rasters == []
    # centring is done by ESC a before the code: python-escpos cannot centre native QR
    store = decoded.events.index("GS ( k 80")
    assert "ESC a" in decoded.events[:store]


def test_ticket_starts_clean_and_ends_with_a_cut(language: str) -> None:
    data = render_ticket(make_view(language))
    decoded = decode(data)
    assert decoded.events[0] == "ESC @" and decoded.inits == 1
    # "Feed to the cutter, then cut" (GS V 66 0), never six blank lines first: those
    # wasted about 17 mm of paper per ticket.
    assert decoded.events[-1] == "GS V" and "ESC d" not in decoded.events[-3:]
    assert data.endswith(b"\x1dVB\x00") and decoded.cuts == [len(data) - 4]


@pytest.mark.parametrize("priority", [False, True])
def test_native_qr_ticket_fits_the_byte_budget(language: str, priority: bool) -> None:
    data = render_ticket(make_view(language, priority=priority, hours=WEEK,
                                   site_address="Maison des services publics, 62145 "
                                                "Enquin-les-Mines"))
    assert len(data) <= NATIVE_QR_BUDGET, len(data)


def test_rendering_is_repeatable() -> None:
    view = make_view("fr", service_label=ACCENTS)
    assert render_ticket(view) == render_ticket(view)


def test_why_each_ticket_needs_a_fresh_printer_object() -> None:
    """python-escpos 3.1 remembers its code page across ESC @; the printer does not."""
    printer = Dummy(profile="TM-T20II")
    for _ in range(2):  # two tickets on one object
        printer.hw("INIT")  # the printer goes back to page 0...
        printer.textln("cœur")  # ...but the second ticket sends no ESC t 16
    decoded = decode(printer.output)
    assert decoded.code_pages == [0, 16]  # "c" picks page 0, "œ" page 16, then nothing
    assert [line.text for line in decoded.lines] == ["cœur", "c£ur"]  # 0x9c read as CP437


def test_escpos_magic_alone_sends_a_lone_euro_to_the_greek_page() -> None:
    """Why render.py tries CP1252 first: slots are sorted as strings ('15' < '16' < '19')."""
    printer = Dummy(profile="TM-T20II")
    printer.text("€\n")
    assert decode(printer.output).code_pages == [15]  # ISO 8859-7


def _qr_matrix_from_raster(raster: Raster, module: int) -> list[list[bool]]:
    rows = raster.height // module
    cols = raster.width_bytes * 8 // module
    return [
        [raster.pixel(c * module + module // 2, r * module + module // 2) for c in range(cols)]
        for r in range(rows)
    ]


def test_image_qr_only_for_profiles_without_native_qr() -> None:
    assert not supports_native_qr("POS-5890")
    # This clone numbers its tables its own way; 71 is its WPC1252 (python-escpos' database:
    # no second opinion here, the Epson models carry the accent checks).
    decoded = decode(
        render_ticket(make_view("fr"), profile="POS-5890"), "POS-5890", pages={71: "cp1252"}
    )
    assert decoded.qr_payloads == [] and len(decoded.rasters) == 1
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=QR_MODULE_DOTS, border=1)
    code.add_data(STATUS_URL)
    code.make(fit=True)
    expected = code.get_matrix()
    got = _qr_matrix_from_raster(decoded.rasters[0], QR_MODULE_DOTS)
    assert [row[: len(expected)] for row in got[: len(expected)]] == expected
    assert "Suivez votre tour sur votre téléphone" in decoded.text.replace("\n", " ")
    assert decoded.feeds == [6] and decoded.cuts == []  # this 58 mm model has no cutter


def test_a_printer_without_images_prints_the_link() -> None:
    decoded = decode(render_ticket(make_view("en"), profile="AF-240"), "AF-240")
    assert decoded.qr_payloads == [] and decoded.rasters == []
    assert STATUS_URL in decoded.text.replace("\n", "")
    assert all(len(line.text) <= columns_for("AF-240") for line in decoded.lines)


def test_other_profiles_use_their_own_width() -> None:
    assert columns_for("TM-T20II") == 48
    assert columns_for("TM-T88V") == 42
    layout = ticket_layout(make_view("fr"), columns_for("TM-T88V"))
    decoded = decode(render_layout(layout, "TM-T88V"), "TM-T88V")
    assert all(len(line.text) * line.width <= 42 for line in decoded.lines)
    assert layout.text(Role.NUMBER) in decoded.text


def test_unknown_profile_is_a_printer_error_naming_the_real_ones() -> None:
    with pytest.raises(PrinterError, match="unknown printer profile 'TM-T20'.*TM-T20II"):
        render_ticket(make_view(), profile="TM-T20")
