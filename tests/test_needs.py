"""The CI rule holds: under ``CI=true`` nothing that did not run can leave the suite green."""

from __future__ import annotations

import pytest

PROBES = '''
import pytest
from tests.needs import need

def test_runs():
    pass

def test_skipped_by_hand():
    pytest.skip("no printer here")

@pytest.mark.skipif(True, reason="not on this machine")
def test_skipped_by_marker():
    pass

@pytest.mark.xfail(reason="known bug")
def test_known_bug():
    assert False

def test_missing_part():
    need(False, "a thermal printer")
'''
CONFTEST = "from tests.needs import pytest_runtest_makereport  # noqa: F401\n"


@pytest.fixture
def probes(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_probes=PROBES)
    return pytester


def test_locally_a_missing_part_skips(probes, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    result = probes.runpytest("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(passed=1, skipped=3, xfailed=1)
    result.stdout.fnmatch_lines(["*missing: a thermal printer*"])


def test_with_ci_every_skip_and_xfail_fails(probes, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = probes.runpytest("-p", "no:cacheprovider", "-rf")
    # A skip at set-up (a marker, a fixture) fails as an error of the set-up.
    result.assert_outcomes(passed=1, failed=3, errors=1)
    assert result.ret != 0
    result.stdout.fnmatch_lines_random(
        [
            "*skipped under CI=true*no printer here*",
            "*skipped under CI=true*not on this machine*",
            "*xfailed under CI=true*known bug*",
            "*missing: a thermal printer (CI=true*",
        ]
    )
