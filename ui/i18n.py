"""The screens' languages, with Qt's own tools: ``.ts`` sources, ``.qm`` built at start-up.

Source strings are English, wrapped in :func:`tr` (lupdate files them under the empty
context). ``ui/translations/kiosk_{fr,en,nl}.ts`` hold the translations; at start-up the
``.qm`` files are built with ``lrelease`` into the user's cache folder when missing or
older than their source, so an installed package needs no build step of its own.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from platformdirs import user_cache_dir
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = ("fr", "en", "nl")
NATIVE_NAMES = {"fr": "Français", "en": "English", "nl": "Nederlands"}
LOCALES = {"fr": "fr_FR", "en": "en_GB", "nl": "nl_BE"}
SOURCE_DIR = Path(__file__).resolve().parent / "translations"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Staff screens' language: the translator installed on the application.

    With ``n`` (a count), the entry is a plural one: the source says ``%Ln thing(s)`` and
    each language has its forms ("0 réponse" in French, "0 answers" in English). Pass it
    positionally, ``tr("%Ln answer(s)", None, n)``, as lupdate only sees it so."""
    return QCoreApplication.translate("", text, disambiguation, n)


_visitor: QTranslator | None = None
_loaded: dict[str, QTranslator] = {}


def visitor_tr(text: str) -> str:
    """The visitor's language at the kiosk, which must not change the staff screens of the
    same process (``kiosk demo``): its own translator, never installed on the app."""
    translated = _visitor.translate("", text) if _visitor is not None else ""
    return translated or text


def lrelease() -> str | None:
    for candidate in (Path(sys.executable).parent / "pyside6-lrelease",
                      shutil.which("pyside6-lrelease"), shutil.which("lrelease")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return None


def compiled(language: str) -> Path | None:
    """The ``.qm`` of ``language``, built from its ``.ts`` if needed; None if impossible.

    The cached file is named after the source's content, not its date: two checkouts or
    versions on one machine share the cache folder and must never use each other's words.
    """
    source = SOURCE_DIR / f"kiosk_{language}.ts"
    if not source.exists():
        return None
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = (Path(user_cache_dir("kiosk", appauthor=False)) / "qm"
              / f"kiosk_{language}-{digest}.qm")
    if target.exists():
        return target
    tool = lrelease()
    if tool is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")  # never a half-written .qm
    subprocess.run([tool, "-silent", str(source), "-qm", str(partial)], check=True,
                   capture_output=True, timeout=60)
    partial.replace(target)
    return target


def _translator(language: str) -> QTranslator | None:
    if language not in _loaded:
        path = compiled(language)
        translator = QTranslator(QCoreApplication.instance())
        if path is None or not translator.load(str(path)):
            return None
        _loaded[language] = translator
    return _loaded[language]


class VisitorTranslations:
    """The kiosk's language switch: only :func:`visitor_tr` follows it."""

    def __init__(self) -> None:
        self.language = "fr"

    def use(self, language: str) -> None:
        global _visitor
        self.language = language if language in LANGUAGES else "fr"
        _visitor = _translator(self.language)


class Translations:
    """Switches the application's language; Qt then sends LanguageChange to every widget."""

    def __init__(self) -> None:
        self.language = "fr"
        self._translator: QTranslator | None = None

    def use(self, language: str) -> None:
        if language not in LANGUAGES:
            language = "fr"
        app = QCoreApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        translator = _translator(language)
        if translator is not None:
            app.installTranslator(translator)
            self._translator = translator
        self.language = language
        QLocale.setDefault(QLocale(LOCALES[language]))
