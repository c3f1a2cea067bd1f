"""The dashboard's look: the counter console's desk style, plus figure cards and charts.

A manager reads it on a desk PC (1280×800 up to 1920×1080): text 16–22 px; the charts
are drawn in black, greys and hatching, so a black and white print reads as well.
"""

from __future__ import annotations

from ui.counter.style import LINE, desk_style, scale_for
from ui.theme import BASE_FONT_PX, NORMAL, Palette

__all__ = ["dashboard_style", "scale_for", "font_px", "INK", "GREYS"]

INK = "#111111"
#: Fills of bars, darkest first; each goes with a hatching of its own (see charts).
GREYS = ("#3D4650", "#8C96A0", "#C5CDD6")


def font_px(scale: float) -> int:
    return round(BASE_FONT_PX * scale)


def dashboard_style(scale: float, palette: Palette = NORMAL) -> str:
    body = font_px(scale)
    return (
        desk_style(scale, palette)
        + f"""
    QLabel#figure {{ font-size: {round(body * 1.45)}px; font-weight: bold; }}
    QLabel#caption {{ font-size: {round(body * 0.8)}px; color: {palette.muted}; }}
    QLabel#status {{ font-size: {round(body * 0.85)}px; color: {palette.muted}; }}
    QFrame#kpi {{ background: {palette.surface}; border: 1px solid {LINE};
                  border-radius: 8px; }}
    QFrame#kpi QLabel {{ background: {palette.surface}; }}
    QTableView {{ background: {palette.surface}; border: 1px solid {LINE};
                  gridline-color: {LINE}; font-size: {round(body * 0.78)}px;
                  selection-background-color: {palette.accent};
                  selection-color: {palette.accent_text}; }}
    QLineEdit {{ background: {palette.surface}; color: {palette.text};
                 border: 2px solid {palette.muted}; border-radius: 6px; padding: 4px 8px; }}
    QProgressBar {{ border: 1px solid {palette.muted}; border-radius: 4px;
                    background: {palette.surface}; text-align: center;
                    font-size: {round(body * 0.8)}px; max-height: {round(body * 1.2)}px; }}
    QProgressBar::chunk {{ background: {palette.accent}; }}
    QTabBar::tab {{ font-size: {round(body * 0.9)}px; }}
    QHeaderView {{ font-size: {round(body * 0.6)}px; font-weight: bold; }}
    QHeaderView::section {{ padding: 2px 3px; font-size: {round(body * 0.6)}px;
                            font-weight: bold; }}
    """
    )
