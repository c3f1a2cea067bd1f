"""Contrast of the kiosk's colours (WCAG 2.x ratio ≥ 4.5:1 for text), as people see them."""

from __future__ import annotations

import tomllib

import pytest

from config import SITE_DIR
from ui.kiosk.faces import FACE_COLOURS
from ui.theme import HIGH_CONTRAST, NORMAL, Palette, contrast_ratio, text_on

AA = 4.5
SITE_FILES = sorted(SITE_DIR.glob("*.toml"))
CLOSED_TILE = "#5F6670"  # ServiceTile.set_state's grey for a closed service
#: (text, background) of every pair the style sheet draws text with.
PAIRS = [
    ("text", "background"),
    ("text", "surface"),
    ("muted", "background"),  # subtitles
    ("accent_text", "accent"),  # buttons
    ("accent", "surface"),  # secondary buttons
    ("surface", "muted"),  # disabled buttons
    ("warning_text", "warning_bg"),
    ("error_text", "error_bg"),
    ("text", "surface"),  # info banner
]


def test_contrast_ratio_is_wcag():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high-contrast"])
def test_palette_text_reads_everywhere(palette: Palette):
    low = {
        f"{fg} on {bg}": round(contrast_ratio(getattr(palette, fg), getattr(palette, bg)), 2)
        for fg, bg in PAIRS
    }
    assert contrast_ratio(palette.text, palette.background) >= AA
    assert contrast_ratio(palette.accent_text, palette.accent) >= AA
    assert all(ratio >= AA for ratio in low.values()), low


def test_high_contrast_is_higher():
    assert contrast_ratio(HIGH_CONTRAST.text, HIGH_CONTRAST.background) > contrast_ratio(
        NORMAL.text, NORMAL.background
    )
    assert contrast_ratio(HIGH_CONTRAST.text, HIGH_CONTRAST.background) >= 7


@pytest.mark.parametrize("path", SITE_FILES, ids=[p.stem for p in SITE_FILES])
def test_every_service_colour_of_every_site_has_readable_tile_text(path):
    services = tomllib.loads(path.read_text(encoding="utf-8"))["services"]
    assert services
    low = {s["code"]: round(contrast_ratio(text_on(s["colour"]), s["colour"]), 2) for s in services}
    assert all(ratio >= AA for ratio in low.values()), low


def test_closed_tiles_and_faces_read_too():
    assert contrast_ratio(text_on(CLOSED_TILE), CLOSED_TILE) >= AA
    for colour in FACE_COLOURS.values():  # drawn on white
        assert contrast_ratio(colour, "#FFFFFF") >= AA
