"""The display's look: light text on a deep blue, the call being made in black on yellow.

Meant to be read from the back of a waiting room: the highlighted number is a quarter of
the screen's height, the list's numbers a twelfth, and every pair of colours has a
contrast ratio of 7:1 or more (checked by a test). Sizes scale with the screen, so a
1280×720 monitor shows the same layout as a 1920×1080 TV.
"""

from __future__ import annotations

BACKGROUND = "#0B1D33"
ROW = "#132B47"
TEXT = "#FFFFFF"
MUTED = "#C9D6E3"
HIGHLIGHT = "#FFD60A"
HIGHLIGHT_FLASH = "#FFFFFF"
HIGHLIGHT_TEXT = "#000000"
ALERT = "#FFB347"

#: (foreground, background) pairs the screen uses, for the contrast test.
PAIRS = [
    (TEXT, BACKGROUND),
    (TEXT, ROW),
    (MUTED, BACKGROUND),
    (MUTED, ROW),
    (HIGHLIGHT_TEXT, HIGHLIGHT),
    (HIGHLIGHT_TEXT, HIGHLIGHT_FLASH),
    (ALERT, BACKGROUND),
    (HIGHLIGHT, BACKGROUND),
]


def scale_for(width: int, height: int) -> float:
    """1.0 on a 1920×1080 TV; the smaller of the two ratios elsewhere."""
    return max(0.4, min(width / 1920, height / 1080))


def display_style(scale: float) -> str:
    def px(size: float) -> str:
        return f"{max(8, round(size * scale))}px"

    rules = f"""
    QWidget {{ background: {BACKGROUND}; color: {TEXT}; font-family: "DejaVu Sans";
               font-size: {px(34)}; }}
    QLabel#siteName {{ font-size: {px(46)}; font-weight: bold; }}
    QLabel#clock {{ font-size: {px(46)}; font-weight: bold; }}
    QLabel#linkLost {{ color: {ALERT}; font-size: {px(26)}; }}
    QLabel#heading {{ color: {MUTED}; font-size: {px(34)}; font-weight: bold; }}
    QLabel#placeholder {{ color: {MUTED}; font-size: {px(44)}; }}
    QFrame#hero, QFrame#hero QLabel {{ background: {HIGHLIGHT}; color: {HIGHLIGHT_TEXT}; }}
    QFrame#hero[flash="true"], QFrame#hero[flash="true"] QLabel {{
        background: {HIGHLIGHT_FLASH}; }}
    QFrame#hero {{ border-radius: {px(28)}; }}
    QLabel#heroTitle {{ font-size: {px(48)}; font-weight: bold; }}
    QLabel#heroNumber {{ font-size: {px(250)}; font-weight: bold; }}
    QLabel#heroArrow {{ font-size: {px(150)}; font-weight: bold; }}
    QLabel#heroCounter {{ font-size: {px(130)}; font-weight: bold; }}
    QFrame#callRow, QFrame#callRow QLabel {{ background: {ROW}; }}
    QFrame#callRow {{ border-radius: {px(16)}; }}
    QLabel#rowNumber {{ font-size: {px(86)}; font-weight: bold; }}
    QLabel#rowArrow {{ font-size: {px(64)}; color: {MUTED}; }}
    QLabel#rowCounter {{ font-size: {px(72)}; }}
    QLabel#rowTag {{ font-size: {px(30)}; color: {HIGHLIGHT}; font-weight: bold; }}
    QFrame#waitRow, QFrame#waitRow QLabel {{ background: {ROW}; }}
    QFrame#waitRow {{ border-radius: {px(14)}; }}
    QLabel#waitLabel {{ font-size: {px(34)}; }}
    QLabel#waitCount {{ font-size: {px(64)}; font-weight: bold; }}
    QLabel#waitCount[zero="true"] {{ color: {MUTED}; font-weight: normal; }}
    QLabel#waitCount[closed="true"] {{ font-size: {px(30)}; }}
    QLabel#info {{ color: {TEXT}; font-size: {px(46)}; }}
    QLabel#infoOther {{ color: {MUTED}; font-size: {px(40)}; }}
    QFrame#callRow[newest="true"] {{ border: {px(5)} solid {HIGHLIGHT}; }}
    QFrame#callRow[newest="true"] QLabel#rowNumber {{ color: {HIGHLIGHT}; }}
    """
    return _scoped(rules)


def _scoped(rules: str) -> str:
    """Every selector under ``QWidget#display``: the window's own rules then outrank its
    catch-all ``QWidget`` rule (and the application's sheet) by specificity alone."""
    out = []
    for block in rules.split("}"):
        if "{" not in block:
            continue
        selectors, body = block.split("{", 1)
        scoped = ", ".join(
            "QWidget#display, QWidget#display QWidget"
            if sel.strip() == "QWidget"
            else f"QWidget#display {sel.strip()}"
            for sel in selectors.split(",")
        )
        out.append(f"{scoped} {{{body}}}")
    return "\n".join(out)
