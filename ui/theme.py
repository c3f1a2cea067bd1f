"""Colours, sizes and the style sheet of the touch screens.

Readable at 1.5 m and touchable with a thumb: body text ≥ 30 px, buttons ≥ 110 px high
(≈ 15 mm or more on the house's 21.5" screens), contrast ≥ 4.5:1 everywhere (checked by a
test). The high-contrast mode is black on white with yellow focus and 25 % larger text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    background: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_text: str
    focus: str
    warning_bg: str
    warning_text: str
    error_bg: str
    error_text: str


NORMAL = Palette(
    background="#F4F6F8", surface="#FFFFFF", text="#111111", muted="#3D4650",
    accent="#1F4E79", accent_text="#FFFFFF", focus="#E8A317",
    warning_bg="#FFF3C4", warning_text="#3A2C00", error_bg="#8B1A1A", error_text="#FFFFFF",
)
HIGH_CONTRAST = Palette(
    background="#000000", surface="#000000", text="#FFFFFF", muted="#FFFFFF",
    accent="#FFFF00", accent_text="#000000", focus="#00FFFF",
    warning_bg="#FFFF00", warning_text="#000000", error_bg="#FFFFFF", error_text="#000000",
)

BASE_FONT_PX = 30
MIN_TOUCH_PX = 110


def style_sheet(palette: Palette, scale: float = 1.0) -> str:
    body = round(BASE_FONT_PX * scale)
    return f"""
    QWidget {{ background: {palette.background}; color: {palette.text};
               font-family: "DejaVu Sans"; font-size: {body}px; }}
    QLabel#title {{ font-size: {round(body * 1.9)}px; font-weight: bold; }}
    QLabel#subtitle {{ font-size: {round(body * 1.15)}px; color: {palette.muted}; }}
    QLabel#number {{ font-size: {round(body * 5)}px; font-weight: bold; }}
    QLabel#muted {{ color: {palette.muted}; }}
    QLabel#instruction {{ font-size: {round(body * 1.4)}px; font-weight: bold; }}
    QLabel#welcome {{ font-size: {round(body * 0.9)}px; color: {palette.muted}; }}
    QLabel#position {{ font-size: {round(body * 2.2)}px; font-weight: bold; }}
    QLabel#estimate {{ font-size: {round(body * 1.5)}px; }}
    QLabel#watch {{ font-size: {round(body * 1.3)}px; font-weight: bold; }}
    QLabel#badge {{ background: {palette.text}; color: {palette.background};
                    font-size: {round(body * 1.3)}px; font-weight: bold; padding: 6px 18px; }}
    QLabel#codeBox {{ background: {palette.surface}; border: 3px solid {palette.accent};
                      border-radius: 10px; padding: 4px;
                      font-size: {round(body * 1.6)}px; font-weight: bold;
                      font-family: "DejaVu Sans Mono"; }}
    QLabel#faultNumber {{ font-size: {round(body * 5)}px; font-weight: bold;
                          color: {palette.warning_text}; background: {palette.warning_bg}; }}
    QLabel#tileTitle {{ font-size: {round(body * 1.1)}px; }}
    QLabel#tileDetail {{ font-size: {round(body * 0.9)}px; }}
    QPushButton {{ background: {palette.accent}; color: {palette.accent_text};
                   border: 3px solid {palette.accent}; border-radius: 14px;
                   padding: 16px 24px; min-height: {MIN_TOUCH_PX - 38}px;
                   font-size: {round(body * 1.1)}px; font-weight: bold; }}
    QPushButton:focus {{ border: 6px solid {palette.focus}; }}
    QLabel#buttonText {{ background: transparent; color: {palette.accent_text};
                         font-size: {round(body * 1.1)}px; font-weight: bold; }}
    QPushButton#secondary QLabel#buttonText {{ color: {palette.accent}; }}
    QLabel#buttonText:disabled {{ color: {palette.surface}; }}
    QPushButton#secondary[current="true"] {{ background: {palette.accent}; }}
    QPushButton#secondary[current="true"] QLabel#buttonText {{ color: {palette.accent_text}; }}
    QPushButton:disabled {{ background: {palette.muted}; color: {palette.surface}; }}
    QPushButton#secondary {{ background: {palette.surface}; color: {palette.accent};
                             border: 3px solid {palette.accent}; }}
    QPushButton#secondary:focus {{ border: 6px solid {palette.focus}; }}
    QFrame#banner[level="warning"], QLabel#banner[level="warning"] {{
        background: {palette.warning_bg}; color: {palette.warning_text}; padding: 14px; }}
    QFrame#banner[level="error"], QLabel#banner[level="error"] {{
        background: {palette.error_bg}; color: {palette.error_text}; padding: 14px; }}
    QFrame#banner[level="info"], QLabel#banner[level="info"] {{
        background: {palette.surface}; color: {palette.text}; padding: 14px; }}
    """


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two ``#RRGGBB`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (service tiles)."""
    return "#FFFFFF" if contrast_ratio("#FFFFFF", colour) >= contrast_ratio("#111111", colour) \
        else "#111111"
