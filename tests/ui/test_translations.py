"""The screens' translations (Qt ``.ts`` files): complete, really translated, consistent.

French is the house's first language and Dutch is spoken by many visitors from over the
border: an untranslated English string on their screen is a bug, as is a placeholder
(``{minutes}``) lost in translation, which would crash ``str.format`` at the worst moment.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.ui.helpers import TS_DIR, ts_translations

UI_DIR = TS_DIR.parent
TS_FILES = sorted(TS_DIR.glob("*.ts"))
#: Strings that may stay as they are in another language (none today).
SAME_EVERYWHERE: set[str] = set()


def source_strings() -> set[str]:
    """Every literal passed to ``tr()`` by the kiosk screen (``ui/kiosk/`` and the shared
    modules at the top of ``ui/``; the other screens are checked by their own tests)."""
    found = set()
    for path in [*UI_DIR.glob("*.py"), *(UI_DIR / "kiosk").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr":
                assert node.args and isinstance(node.args[0], ast.Constant), (
                    f"{path}:{node.lineno}: tr() of something other than a literal"
                )
                found.add(node.args[0].value)
    return found


def test_there_is_a_ts_file_per_language():
    from ui.i18n import LANGUAGES

    assert {path.stem.removeprefix("kiosk_") for path in TS_FILES} == set(LANGUAGES)


@pytest.mark.parametrize("path", TS_FILES, ids=[p.name for p in TS_FILES])
def test_no_unfinished_or_empty_translation(path: Path):
    root = ElementTree.parse(path).getroot()
    assert root.get("language") == path.stem.removeprefix("kiosk_")
    messages = list(root.iter("message"))
    assert messages
    bad = []
    for message in messages:
        translation = message.find("translation")
        source = message.findtext("source")
        if translation is None or translation.get("type") in {"unfinished", "obsolete", "vanished"}:
            bad.append(f"{source!r}: {None if translation is None else translation.get('type')}")
        elif not (translation.text or "").strip():
            bad.append(f"{source!r}: empty")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", TS_FILES, ids=[p.name for p in TS_FILES])
def test_every_kiosk_string_is_in_the_file(path: Path):
    held = set(ts_translations(path.stem.removeprefix("kiosk_")))
    missing = source_strings() - held
    assert not missing, f"missing from {path.name}: {sorted(missing)}"


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_french_and_dutch_differ_from_the_english_source(language: str):
    table = ts_translations(language)
    same = [s for s, t in table.items() if t.strip() == s.strip() and s not in SAME_EVERYWHERE]
    assert len(same) <= len(table) * 0.1, f"{language}: not translated? {same}"


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_placeholders_survive_translation(language: str):
    wrong = [
        (s, t)
        for s, t in ts_translations(language).items()
        if sorted(re.findall(r"\{\w*\}", s)) != sorted(re.findall(r"\{\w*\}", t))
    ]
    assert not wrong, wrong
