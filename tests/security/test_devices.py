"""Devices against a real ``kiosk serve``: who may issue, report and be believed.

On a real site only a paired kiosk issues tickets, answers feedback, checks in appointments
and reports its printer, and the hub names it by the id it gave it, never by what the
client writes. Limits key on that device (or on the TCP address), never on a header.
"""

from __future__ import annotations

import sqlite3
import uuid

import httpx
import pytest

from tests.security.hub import pair, sign_in

pytestmark = pytest.mark.slow
CANARY = "Jeanne Dupont 06 12 34 56 78"
KIOSK_ROUTES = [
    ("/api/tickets", {"service": "ACC"}),
    ("/api/feedback", {"service": "ACC", "score": 3}),
    ("/api/printer-status", {"fault": "paper_out"}),
    ("/api/appointments/123456/check-in", {"language": "fr"}),
]


def alerts(api, staff) -> list[dict]:
    answer = api.get("/api/alerts", headers=staff)
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.parametrize(("path", "body"), KIOSK_ROUTES, ids=lambda v: str(v)[:24])
def test_kiosk_routes_refuse_spoofed_pending_and_revoked_devices(hub, api, path, body):
    """Attack: call the kiosk-only routes as a made-up kiosk (X-Kiosk-Id), with a made-up
    device credential, with a pairing nobody approved, with a revoked kiosk, as a display."""
    _, pending = pair(api, approve=False)
    revoked_id, revoked = pair(api)
    manager_answer = api.post("/api/session", json={"manager": "direction", "pin": "9999"})
    manager = {"Authorization": f"Bearer {manager_answer.json()['token']}"}
    assert api.post(f"/api/devices/{revoked_id}/revoke", headers=manager).status_code == 200
    _, display = pair(api, "display")
    for headers in ({"X-Kiosk-Id": "kiosk-1"}, {"X-Device-Credential": uuid.uuid4().hex},
                    pending, revoked):
        assert api.post(path, json=body, headers=headers).status_code == 401, headers
    assert api.post(path, json=body, headers=display).status_code == 403


def test_printer_alerts_cannot_be_forged_or_hidden(hub, api):
    """Attack: raise a fake printer alert naming a kiosk (free text shown to counters), or
    post "all clear" to hide a real paper-out, from an unpaired client or another kiosk."""
    hall, kiosk = pair(api)
    _, other = pair(api)
    staff = sign_in(api)
    assert api.post("/api/printer-status", json={"fault": "paper_out"},
                    headers={**kiosk, "X-Kiosk-Id": CANARY}).status_code == 204
    for headers in ({"X-Kiosk-Id": hall}, other):  # spoofing the hall kiosk, another kiosk
        api.post("/api/printer-status", json={"fault": None}, headers=headers)
    assert [(a["kiosk"], a["fault"]) for a in alerts(api, staff)] == [(hall, "paper_out")]
    assert api.post("/api/printer-status", json={"fault": "cover_open"},
                    headers={"X-Kiosk-Id": "fake"}).status_code == 401
    assert api.post("/api/printer-status", json={"fault": None}, headers=kiosk).status_code == 204
    assert alerts(api, staff) == []


def test_ticket_and_feedback_floods_are_limited_per_device(hub, api):
    """Attack: 40 tickets and 40 feedback taps from one kiosk, a new X-Kiosk-Id and
    X-Forwarded-For on each, hoping each looks like a new kiosk. One bucket: the burst."""
    _, kiosk = pair(api)
    answers = [
        api.post(path, json=body, headers={**kiosk, "X-Kiosk-Id": uuid.uuid4().hex,
                                           "X-Forwarded-For": f"10.0.0.{n % 250}"}).status_code
        for n in range(40) for path, body in KIOSK_ROUTES[:2]
    ]
    assert sum(a in (201, 204) for a in answers) == 3  # the site file's kiosk_burst
    assert answers.count(429) == len(answers) - 3


def test_no_client_text_is_stored_and_the_qr_link_ignores_host(hub, api):
    """Attack: write a name into the event log through X-Kiosk-Id (it would be replicated
    to the other site), and point the ticket's QR code at a phishing host via Host."""
    _, kiosk = pair(api)
    ticket = api.post("/api/tickets", json={"service": "ACC"},
                      headers={**kiosk, "X-Kiosk-Id": CANARY, "Host": "evil.example"})
    assert ticket.status_code == 201, ticket.text
    assert "evil.example" not in ticket.json()["status_url"]
    assert ticket.json()["status_url"].startswith("http://127.0.0.1:")
    with sqlite3.connect(hub.db) as db:
        assert not db.execute("SELECT 1 FROM events WHERE data LIKE ?", (f"%{CANARY[:6]}%",)
                              ).fetchall()


def test_forwarded_headers_are_ignored_unless_the_proxy_is_trusted(serve, hub, api):
    """Attack: claim another address with X-Forwarded-For to escape a per-address limit.
    Believed only from a proxy the site file names."""
    untrusted = api.post("/api/devices/pair", json={"role": "kiosk"},
                         headers={"X-Forwarded-For": "10.1.2.3"})
    manager = api.post("/api/session", json={"manager": "direction", "pin": "9999"}).json()
    listed = api.get("/api/devices", headers={"Authorization": f"Bearer {manager['token']}"})
    seen = {d["id"]: d["requested_from"] for d in listed.json()}
    assert seen[untrusted.json()["device_id"]] == "127.0.0.1"

    proxied = serve(trusted_proxies='["127.0.0.1"]')
    with httpx.Client(base_url=proxied.url, timeout=10) as behind:
        asked = behind.post("/api/devices/pair", json={"role": "kiosk"},
                            headers={"X-Forwarded-For": "10.1.2.3"})
        token = behind.post("/api/session", json={"manager": "direction", "pin": "9999"})
        listed = behind.get("/api/devices",
                            headers={"Authorization": f"Bearer {token.json()['token']}"})
    seen = {d["id"]: d["requested_from"] for d in listed.json()}
    assert seen[asked.json()["device_id"]] == "10.1.2.3"
