"""The phone page in a real browser: Debian's Chromium, headless, against a real ``kiosk serve``.

One browser and one hub process for the module (the hub is killed and restarted by the last
test, on the same port and database). A counter acts through the HTTP API as its console
does; the page must follow without a reload. Waits are on conditions in the page, never on
clocks. Screenshots go to ``$KIOSK_PHONE_SHOTS`` when set (``docs/screens`` for the
README), else to the test's temporary folder.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.client import HubClient
from tests.conftest import DEMO_PIN
from tests.integration.helpers import free_port
from tests.integration.test_durability import HubProcess
from tests.needs import need, need_program

pytestmark = pytest.mark.slow

SIZES = ((360, 740), (412, 915))
WAIT_MS = 10_000
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
#: Records what the page asks of the vibrator (headless Chromium has none to feel).
VIBRATE_SPY = (
    "window.vibrations = [];"
    "navigator.vibrate = function (pattern) { window.vibrations.push(pattern); return true; };"
)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    chromium = need_program("chromium", "chromium")
    need(importlib.util.find_spec("playwright") is not None,
         "playwright (pip install -e '.[test]')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Iterator[HubProcess]:
    folder = tmp_path_factory.mktemp("phone-hub")
    process = HubProcess(folder / "hub.db", free_port(), folder / "hub.log")
    process.start()
    yield process
    process.kill()


@pytest.fixture
def staff(hub) -> Iterator[HubClient]:
    client = HubClient(hub.url)
    client.sign_in(counter="accueil", pin=DEMO_PIN)
    yield client
    client.close()


@pytest.fixture
def phone(browser):
    """A new phone: its own browser context (no shared cache), 360×740 unless resized."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="en-GB")
    context.add_init_script(VIBRATE_SPY)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("KIOSK_PHONE_SHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def text_of(page) -> str:
    return page.inner_text("main")


def test_the_page_shows_number_place_and_wait_on_small_phones(hub, staff, phone, shots):
    staff.issue_ticket("NUM", language="fr")
    mine = staff.issue_ticket("NUM", language="en")
    for width, height in SIZES:
        phone.set_viewport_size({"width": width, "height": height})
        answer = phone.goto(mine["status_url"])
        assert answer.status == 200
        number = phone.locator(".number")
        assert number.inner_text() == mine["number"]
        assert phone.locator("dt").all_inner_texts() == ["Your place in line", "Estimated wait"]
        place, wait = phone.locator("dd").all_inner_texts()
        assert place == "2" and wait.startswith("about ") and wait.endswith(" min")
        # large and whole on a small screen: no sideways scrolling, the number fills the width
        assert phone.evaluate("document.documentElement.scrollWidth") <= width
        # The live update may redraw the number meanwhile (a detached node has no style):
        # read the one on the page once it is laid out.
        phone.wait_for_function(
            "() => { const n = document.querySelector('.number');"
            " return n && n.isConnected && getComputedStyle(n).fontSize !== ''; }"
        )
        size = phone.evaluate("getComputedStyle(document.querySelector('.number')).fontSize")
        assert float(size[:-2]) >= 56
        assert float(phone.evaluate("getComputedStyle(document.body).fontSize")[:-2]) >= 18
        phone.screenshot(path=str(shots / f"phone-waiting-{width}x{height}.png"))


def test_a_call_at_the_counter_shows_without_reload_and_the_turn_is_announced(
    hub, staff, phone, shots
):
    ahead = staff.issue_ticket("CIAS", language="fr")
    mine = staff.issue_ticket("CIAS", language="en")
    phone.goto(mine["status_url"])
    phone.evaluate("window.sameLoad = true")
    phone.wait_for_function("document.querySelector('#page').dataset.status === 'waiting'")

    staff.act(ahead["id"], "call")
    phone.wait_for_function("document.querySelector('main').innerText.includes('you are next')")
    staff.act(mine["id"], "call")
    banner = phone.locator("#turn")
    banner.wait_for(state="visible")
    assert phone.evaluate("window.sameLoad") is True  # updated in place, never reloaded
    assert banner.get_attribute("role") == "alert"
    assert "It's your turn!" in banner.inner_text() and "Accueil" in banner.inner_text()
    colours = banner.evaluate(
        "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
    assert colours == ["rgb(255, 230, 0)", "rgb(0, 0, 0)"]  # yellow on black, ~17:1
    assert float(banner.evaluate("b => getComputedStyle(b).fontSize")[:-2]) >= 28
    assert phone.title().startswith("🔔 It's your turn!")
    assert phone.evaluate("window.vibrations.length") == 1
    phone.screenshot(path=str(shots / "phone-called-360x740.png"))

    staff.act(mine["id"], "recall")  # missed it? the phone says it again
    phone.wait_for_function("window.vibrations.length === 2")
    assert banner.inner_text().startswith("REMINDER")


def test_after_the_visit_one_answer_of_three_faces(hub, staff, phone, shots):
    mine = staff.issue_ticket("EMPLOI", language="nl")
    phone.goto(mine["status_url"])
    for action, body in (("call", {}), ("start", {}), ("finish", {"outcome": "solved"})):
        staff.act(mine["id"], action, **body)
    faces = phone.locator(".faces button")
    faces.first.wait_for(state="visible")  # arrived live
    assert faces.count() == 3 and "Hoe was uw bezoek?" in text_of(phone)
    phone.screenshot(path=str(shots / "phone-feedback-360x740.png"))
    phone.get_by_role("button", name="Goed", exact=True).click()
    phone.wait_for_function(
        "document.querySelector('main').innerText.includes('Bedankt voor uw antwoord')")
    phone.reload()
    assert phone.locator(".faces").count() == 0
    again = httpx.post(f"{mine['status_url']}/feedback", content="score=1",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert again.status_code == 303
    with sqlite3.connect(hub.db) as db:
        scores = db.execute(
            "SELECT json_extract(data, '$.score') FROM events "
            "WHERE kind = 'feedback' AND ticket_id = ?", (mine["id"],)).fetchall()
    assert scores == [(3,)]


def test_an_unknown_token_gets_a_kind_page(hub, phone, shots):
    answer = phone.goto(f"{hub.url}/t/this-is-not-a-ticket?lang=en")
    assert answer.status == 404
    text = text_of(phone)
    assert text.startswith("Maison des services publics\n\nWe cannot find this ticket.")
    assert "ask at reception" in text and "Nous ne trouvons pas ce ticket." in text
    assert "We vinden dit ticket niet." in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(shots / "phone-unknown-360x740.png"))


def test_the_page_lives_through_a_hub_restart(hub, staff, phone):
    ahead = staff.issue_ticket("ACC", language="fr")
    mine = staff.issue_ticket("ACC", language="fr")
    phone.goto(mine["status_url"])
    phone.evaluate("window.sameLoad = true")
    phone.wait_for_function("document.querySelector('main').innerText.includes('2e')")

    hub.kill()
    phone.locator("#link").wait_for(state="visible")  # "Connexion perdue, nouvelle tentative…"
    hub.start()
    staff.sign_in(counter="accueil", pin=DEMO_PIN)
    staff.act(ahead["id"], "call")
    phone.wait_for_function(
        "document.querySelector('main').innerText.includes('vous êtes le prochain')")
    assert phone.locator("#link").is_hidden()
    assert phone.evaluate("window.sameLoad") is True
