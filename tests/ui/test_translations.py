"""Every screen's translations (Qt ``.ts`` files): complete, really translated, consistent.

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

from tests.ui.helpers import TS_DIR, ts_forms, ts_translations

UI_DIR = TS_DIR.parent
TS_FILES = sorted(TS_DIR.glob("*.ts"))
#: Strings that may stay as they are in another language (none today).
SAME_EVERYWHERE: set[str] = set()


#: The screens, each a folder of ``ui/``; the modules at the top of ``ui/`` are shared.
SCREENS = ("kiosk", "counter", "display", "dashboard")
#: How a module may call the translators of ``ui/i18n.py`` (the kiosk imports
#: ``visitor_tr as tr``).
TRANSLATORS = {"tr", "visitor_tr"}


def _translator_names(tree: ast.Module) -> set[str]:
    names = set(TRANSLATORS)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "ui.i18n":
            names |= {alias.asname for alias in node.names if alias.name in TRANSLATORS}
    return names - {None}


def strings_of(paths: list[Path]) -> set[str]:
    """Every literal passed to a translator (``tr(...)``, ``i18n.tr(...)``) in ``paths``."""
    found = set()
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _translator_names(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if called not in names:
                continue
            assert node.args and isinstance(node.args[0], ast.Constant), (
                f"{path}:{node.lineno}: {called}() of something other than a literal: "
                "lupdate cannot see it"
            )
            found.add(node.args[0].value)
    return found


def source_strings(screen: str | None = None) -> set[str]:
    """The strings of one screen (its folder), or of the shared modules (``None``)."""
    if screen is None:
        return strings_of(sorted(UI_DIR.glob("*.py")))
    return strings_of(sorted((UI_DIR / screen).rglob("*.py")))


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
        elif message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.iter("numerusform")]
            if not forms or not all(form.strip() for form in forms):
                bad.append(f"{source!r}: a plural form is empty")
        elif not (translation.text or "").strip():
            bad.append(f"{source!r}: empty")
    assert not bad, "\n".join(bad)


def test_every_screen_has_strings_to_translate():
    for screen in SCREENS:
        assert (UI_DIR / screen).is_dir(), f"ui/{screen}/ is gone: update SCREENS"
        assert len(source_strings(screen)) >= 5, f"ui/{screen}: its tr() calls were not found"


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
@pytest.mark.parametrize("screen", [*SCREENS, None], ids=[*SCREENS, "shared"])
def test_every_string_of_every_screen_is_translated(screen: str | None, language: str):
    """Each ``tr()`` source of the counter, display, dashboard and kiosk (and the modules
    they share) has a finished, non-empty translation in the language's ``.ts`` file."""
    table = ts_translations(language)
    missing = sorted(s for s in source_strings(screen) if not (table.get(s) or "").strip())
    assert not missing, f"{screen or 'shared'}: not in kiosk_{language}.ts: {missing}"


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_french_and_dutch_differ_from_the_english_source(language: str):
    table = ts_translations(language)
    same = [s for s, t in table.items() if t.strip() == s.strip() and s not in SAME_EVERYWHERE]
    assert len(same) <= len(table) * 0.1, f"{language}: not translated? {same}"


PLACEHOLDER = re.compile(r"\{\w*\}|%L?n")


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_placeholders_survive_translation(language: str):
    """Every form (a count's entry has one per plural form) keeps the source's ``{0}`` and
    its ``%Ln``, where Qt writes the count."""
    wrong = [
        (s, t)
        for s, forms in ts_forms(language).items()
        for t in forms
        if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t))
    ]
    assert not wrong, wrong
