"""Developer tool: refresh the ``.ts`` sources from the code with Qt's lupdate.

``python scripts/translations.py`` — then translate the new entries with Qt Linguist
(``pyside6-linguist ui/translations/kiosk_nl.ts``). The tests refuse any unfinished entry.
A count's sentence is written ``tr("%Ln answer(s)", None, n)``: lupdate then makes a plural
entry (``numerus="yes"``) with one form per plural form of the language to fill.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "en", "nl")


def main() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    for language in LANGUAGES:
        target = ROOT / "ui" / "translations" / f"kiosk_{language}.ts"
        subprocess.run([str(tool), "-no-obsolete", "-locations", "none",
                        "-target-language", language, *sources, "-ts", str(target)],
                       check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
