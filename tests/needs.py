"""One rule for tests that need a part of the machine (a server, an engine, a browser, a tool).

Locally a missing part skips the test, saying what to install. In CI (``CI=true``) it fails the
test instead: a green CI must never hide a test that did not run. The hook below (imported by
tests/conftest.py) does the same for every other skip and for expected failures (xfail).
"""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def need(available: bool, what: str) -> None:
    """Skip (locally) or fail (CI) unless ``available``; ``what`` says what is missing and how
    to get it, e.g. ``"pdftoppm (Debian package poppler-utils)"``."""
    if available:
        return
    message = f"missing: {what}"
    if in_ci():
        pytest.fail(f"{message} (CI=true: a missing part fails the run)", pytrace=False)
    pytest.skip(message)


def need_program(name: str, package: str) -> str:
    """The path of an installed program, or skip/fail naming its Debian package."""
    path = shutil.which(name)
    need(path is not None, f"{name} (Debian package {package})")
    assert path is not None
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Under CI=true, turn a skip (a ``skipif``, a ``pytest.skip``, a fixture that skipped)
    or an expected failure into a failure that says why it did not run."""
    outcome = yield
    report = outcome.get_result()
    if not in_ci() or not report.skipped:
        return
    if hasattr(report, "wasxfail"):
        why = f"xfailed under CI=true (fix it or delete it): {report.wasxfail}"
        del report.wasxfail
    else:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        why = f"skipped under CI=true (a test that did not run is not green): {reason}"
    report.outcome = "failed"
    report.longrepr = why
