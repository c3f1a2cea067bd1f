"""The phone status page behind the ticket's QR code, fetched like a phone would (its HTML;
tests/browser/test_phone_browser.py drives it in a real Chromium)."""

from __future__ import annotations

import re

from tests.conftest import sign_in
from tests.integration.helpers import issue, token_of

REFRESH = re.compile(r'<meta http-equiv="refresh" content="(\d+)">')


def _page(api, ticket, **params):
    response = api.get(f"/t/{token_of(ticket)}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_status_url_points_at_this_hub(api, running_hub):
    ticket = issue(api, "CAF")

    assert ticket["status_url"] == f"{running_hub.url}/t/{token_of(ticket)}"
    assert len(token_of(ticket)) >= 20  # unguessable


def test_waiting_page_shows_number_position_wait_and_refreshes(api):
    for _ in range(2):
        issue(api, "CAF")
    ticket = issue(api, "CAF")
    assert ticket["position"] == 3 and ticket["estimated_wait_s"] > 0

    html = _page(api, ticket)

    assert '<html lang="fr">' in html
    assert '<p class="number">C003</p>' in html
    assert "CAF – Allocations familiales" in html
    assert "<dt>Votre position</dt><dd>3e</dd>" in html
    minutes = round(ticket["estimated_wait_s"] / 60)
    assert f"<dt>Attente estimée</dt><dd>environ {minutes} min</dd>" in html
    assert REFRESH.search(html) and 5 <= int(REFRESH.search(html).group(1)) <= 60  # no script
    assert '<script src="assets/phone.js" defer></script>' in html  # live with script
    assert api.get("/t/assets/phone.js").headers["content-type"].startswith("text/javascript")


def test_page_is_in_english_for_an_english_ticket(api):
    issue(api, "CAF")
    ticket = issue(api, "CAF", language="en")

    html = _page(api, ticket)

    assert '<html lang="en">' in html
    assert "<title>C002 – Your ticket</title>" in html
    assert "CAF – Family benefits" in html
    assert "<dt>Your place in line</dt><dd>2</dd>" in html
    assert "Estimated wait" in html and "about " in html
    assert "Votre" not in html
    # The visitor may switch language; the page offers it.
    assert '<a href="?lang=fr" hreflang="fr" lang="fr">Français</a>' in html
    assert '<a href="?lang=nl" hreflang="nl" lang="nl">Nederlands</a>' in html
    assert "Votre position" in _page(api, ticket, lang="fr")


def test_first_in_line_is_told_they_are_next(api):
    ticket = issue(api, "CAF", language="en")

    html = _page(api, ticket)

    assert "<dd>1</dd>" in html and "you are next" in html


def test_position_moves_up_as_others_are_called(api):
    issue(api, "CAF")
    ticket = issue(api, "CAF", language="en")
    assert "<dt>Your place in line</dt><dd>2</dd>" in _page(api, ticket)

    staff = sign_in(api, "bureau-2")
    assert api.post("/api/counters/bureau-2/call-next", headers=staff).status_code == 200

    assert "<dt>Your place in line</dt><dd>1</dd>" in _page(api, ticket)


def test_called_page_names_the_counter(api):
    ticket = issue(api, "CAF", language="en")
    staff = sign_in(api, "bureau-2")
    assert api.post("/api/counters/bureau-2/call-next", headers=staff).status_code == 200

    html = _page(api, ticket)

    assert "<strong>It's your turn!</strong>Please go to Bureau 2." in html
    assert 'role="alert"' in html
    assert "C001" in html
    assert REFRESH.search(html)  # still refreshing until served

    assert api.post(f"/api/tickets/{ticket['id']}/start", headers=staff).status_code == 200
    assert "You are being seen at Bureau 2." in _page(api, ticket)


def test_finished_page_thanks_and_stops_refreshing(api):
    ticket = issue(api, "CAF")
    staff = sign_in(api, "bureau-2")
    for action, body in [("call", None), ("start", None), ("finish", {"outcome": "solved"})]:
        response = api.post(f"/api/tickets/{ticket['id']}/{action}", json=body, headers=staff)
        assert response.status_code == 200, response.text

    html = _page(api, ticket)

    assert "Merci de votre visite." in html
    assert not REFRESH.search(html)


def test_wrong_token_is_404_and_reveals_nothing(api, running_hub):
    issued = [issue(api, service) for service in ("CAF", "CPAM", "ACC")]
    real = token_of(issued[0])
    labels = [
        label
        for service in running_hub.hub.config.services
        for label in service.labels.model_dump().values()
    ]

    for token in ("garbage", real[:-1], real.upper(), "x" * 200, "%00", real + "x"):
        response = api.get(f"/t/{token}")
        assert response.status_code == 404, token
        assert response.headers["content-type"].startswith("text/html")
        body = response.text
        assert not re.search(r"\b[A-Z]\d{3}\b", body), body  # no ticket number
        for service in running_hub.hub.config.services:
            assert service.code not in body
        for label in labels:
            assert label not in body
        assert "refresh" not in body


def test_a_ticket_left_open_from_an_earlier_day_gets_the_kind_page(api, clock):
    ticket = issue(api, "ACC", language="nl")
    assert _page(api, ticket)
    clock.advance(days=1)

    response = api.get(f"/t/{token_of(ticket)}")

    assert response.status_code == 404
    assert response.text.index("We vinden dit ticket niet.") < response.text.index(
        "Nous ne trouvons pas ce ticket.")  # in the visitor's language first
    assert ticket["number"] not in response.text
    assert api.get(f"/t/{token_of(ticket)}/live").status_code == 404
