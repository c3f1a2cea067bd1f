"""The tests' ESC/POS reader is a second opinion, not an echo of the renderer's library.

Its code tables are Epson's (written down in ``escpos_decoder.EPSON_PAGES``); here they are
checked against byte values read off the published charts, and against python-escpos'
printer database, which the renderer relies on: a wrong slot in either fails here.
"""

from __future__ import annotations

import codecs

import pytest
from escpos.capabilities import get_profile

from printing.render import render_ticket
from tests.printing.escpos_decoder import EPSON_PAGES, decode
from tests.printing.tickets import STATUS_URL, make_view

ESC_AT, LF = b"\x1b@", b"\n"


def select(page: int) -> bytes:
    return b"\x1bt" + bytes([page])


@pytest.mark.parametrize(
    ("page", "byte", "char"),
    [
        # From the charts: the same byte is another letter on another page.
        (0, 0x82, "é"),  # PC437
        (0, 0x9C, "£"),
        (2, 0x82, "é"),  # PC850
        (16, 0x80, "€"),  # WPC1252
        (16, 0x9C, "œ"),
        (16, 0x8C, "Œ"),
        (16, 0xE9, "é"),
        (16, 0xE8, "è"),
        (16, 0xE7, "ç"),
        (16, 0xE0, "à"),
        (16, 0xF9, "ù"),
        (19, 0xD5, "€"),  # PC858: PC850 with the euro in place of dotless i
        (40, 0xA4, "€"),  # ISO 8859-15
        (40, 0xBD, "œ"),
        (18, 0x9D, "Ł"),  # PC852
    ],
)
def test_a_byte_reads_as_the_chart_says(page, byte, char):
    decoded = decode(ESC_AT + select(page) + bytes([byte]) + LF)
    assert decoded.text == char
    assert decoded.code_pages == [page]


def test_the_same_bytes_change_meaning_with_the_page():
    data = ESC_AT + select(0) + b"c\x9cur" + LF + select(16) + b"c\x9cur" + LF
    assert [line.text for line in decode(data).lines] == ["c£ur", "cœur"]


def test_text_under_a_page_without_a_table_fails_loudly():
    with pytest.raises(ValueError, match="unknown code page 1"):
        decode(ESC_AT + select(1) + b"\xb1" + LF)  # Katakana
    with pytest.raises(ValueError, match="unknown code page 71"):
        decode(ESC_AT + select(71) + b"\xe9" + LF)  # not an Epson number


@pytest.mark.parametrize("model", ["TM-T20II", "TM-T88V"])
def test_the_renderers_printer_database_agrees_with_epsons_numbers(model):
    theirs = {int(slot): name for name, slot in get_profile(model).get_code_pages().items()}
    compared = 0
    for slot, ours in EPSON_PAGES.items():
        if slot not in theirs:
            continue
        assert codecs.lookup(theirs[slot]).name == codecs.lookup(ours).name, (
            f"ESC t {slot}: Epson's table says {ours}, python-escpos {theirs[slot]}"
        )
        compared += 1
    assert compared >= 25
    assert theirs[16] == "CP1252"  # the page French tickets print on


def test_a_hand_made_native_qr_is_read_back():
    payload = STATUS_URL.encode()
    store = b"1P0" + payload
    data = (
        ESC_AT
        + b"\x1d(k\x04\x001A2\x00"  # model 2
        + b"\x1d(k\x03\x001C\x06"  # module of 6 dots
        + b"\x1d(k\x03\x001E1"  # error level M
        + b"\x1d(k"
        + len(store).to_bytes(2, "little")
        + store
        + b"\x1d(k\x03\x001Q0"  # print
    )
    decoded = decode(data)
    assert decoded.qr_payloads == [payload] and decoded.qr_prints == 1
    assert decoded.qr_settings == {"model": 2, "module_dots": 6, "error_level": 1}


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_a_rendered_ticket_reads_the_same_with_the_second_opinion(language):
    view = make_view(language, service_label="Accès aux droits — œuvres €", site_name="Saint-Cœur")
    decoded = decode(render_ticket(view))
    assert "Accès aux droits — œuvres €" in decoded.text
    assert "Saint-Cœur" in decoded.text
    assert decoded.qr_payloads == [STATUS_URL.encode()]
