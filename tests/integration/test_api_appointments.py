"""Appointments through a real hub: book at a counter, check in at the kiosk, get called."""

from __future__ import annotations

from datetime import datetime

from tests.conftest import PARIS, sign_in, sign_in_manager
from tests.integration.helpers import db_ticket, issue, kiosk, paired

TODAY_1030 = "2026-11-24T10:30:00+01:00"


def book(api, headers, service: str = "CAF", at: str = TODAY_1030) -> dict:
    response = api.post("/api/appointments", json={"service": service, "at": at}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def check_in(api, code: str, kiosk_id: str | None = None, headers: dict | None = None, **body):
    return api.post(
        f"/api/appointments/{code}/check-in",
        json={"language": "fr", **body},
        headers=headers or kiosk(kiosk_id),
    )


def test_book_then_check_in_gives_an_appointment_ticket(api, hub):
    booked = book(api, sign_in(api))
    assert set(booked) == {"code", "service", "at"}
    assert len(booked["code"]) == 6 and booked["code"].isdigit()
    assert booked["service"] == "CAF"
    assert datetime.fromisoformat(booked["at"]) == datetime(2026, 11, 24, 10, 30, tzinfo=PARIS)

    response = check_in(api, booked["code"], language="en")
    assert response.status_code == 201, response.text
    ticket = response.json()
    walk_in = issue(api, "CAF")
    assert set(ticket) == set(walk_in)  # the same answer as POST /api/tickets
    assert ticket["origin"] == "appointment" and ticket["number"] == "C001"
    assert ticket["language"] == "en" and ticket["status_url"].rsplit("/t/", 1)[1]
    stored = db_ticket(hub, ticket["id"])
    assert stored.appointment_at == datetime(2026, 11, 24, 10, 30, tzinfo=PARIS)


def test_due_appointment_is_called_before_earlier_walk_ins(api, clock):
    counter = sign_in(api, "bureau-2")
    booked = book(api, counter, at="2026-11-24T10:20:00+01:00")
    first, second = issue(api, "CAF"), issue(api, "CAF")
    clock.advance(minutes=6)  # 10:06: due from 10:05
    appointment = check_in(api, booked["code"]).json()
    calls = [
        api.post("/api/counters/bureau-2/call-next", headers=counter).json()["number"]
        for _ in range(3)
    ]
    assert calls == [appointment["number"], first["number"], second["number"]]


def test_double_check_in_is_refused(api, hub):
    booked = book(api, sign_in(api))
    assert check_in(api, booked["code"]).status_code == 201
    again = check_in(api, booked["code"])
    assert again.status_code == 409 and "already used" in again.json()["detail"]
    listed = api.get("/api/appointments", params={"day": "2026-11-24"}, headers=sign_in(api))
    assert [a["state"] for a in listed.json()["appointments"]] == ["checked_in"]


def test_wrong_code_is_404_and_reveals_nothing(api):
    booked = book(api, sign_in(api))
    wrong = "000000" if booked["code"] != "000000" else "000001"
    answers = [check_in(api, code) for code in (wrong, "12ab", "1234567")]
    assert {a.status_code for a in answers} == {404}
    assert len({a.json()["detail"] for a in answers}) == 1
    assert booked["code"] not in answers[0].text and "CAF" not in answers[0].text


def test_another_day_is_refused_saying_when(api):
    booked = book(api, sign_in(api), at="2026-12-01T10:30:00+01:00")
    response = check_in(api, booked["code"])
    assert response.status_code == 409
    assert "is on 01/12 at 10:30" in response.json()["detail"]


def test_booking_in_closed_hours_is_refused(api):
    headers = sign_in(api)
    for at in ("2026-11-24T14:00:00+01:00", "2026-11-25T10:00:00+01:00"):
        response = api.post("/api/appointments", json={"service": "CAF", "at": at}, headers=headers)
        assert response.status_code == 422 and "not open" in response.json()["detail"]
    past = api.post(
        "/api/appointments",
        json={"service": "ACC", "at": "2026-11-24T09:00:00+01:00"},
        headers=headers,
    )
    assert past.status_code == 422 and "past" in past.json()["detail"]


def test_booking_needs_a_counter(api):
    body = {"service": "CAF", "at": TODAY_1030}
    assert api.post("/api/appointments", json=body).status_code == 401
    assert api.get("/api/appointments").status_code == 401
    assert api.delete("/api/appointments/123456").status_code == 401
    manager = sign_in_manager(api)
    assert api.post("/api/appointments", json=body, headers=manager).status_code == 403
    assert api.get("/api/appointments", headers=manager).status_code == 200


def test_bad_input_is_422(api):
    headers = sign_in(api)
    for body in (
        {"service": "CAF"},
        {"service": "CAF", "at": "tomorrow"},
        {"service": "CAF", "at": "2026-11-24T10:30:00"},  # no offset
        {"service": "CAF", "at": TODAY_1030, "name": "Dupont"},  # no personal data
        {"service": 12, "at": TODAY_1030},
    ):
        response = api.post("/api/appointments", json=body, headers=headers)
        assert response.status_code == 422, (body, response.text)
    assert api.get("/api/appointments", params={"day": "24/11"}, headers=headers).status_code == 422
    code = book(api, headers)["code"]
    bad = api.post(f"/api/appointments/{code}/check-in", json={"language": "de"}, headers=kiosk())
    assert bad.status_code == 422
    extra = api.post(f"/api/appointments/{code}/check-in", json={"phone": "0600"}, headers=kiosk())
    assert extra.status_code == 422


def test_cancel_then_check_in_is_refused(api):
    headers = sign_in(api)
    booked = book(api, headers)
    assert api.delete(f"/api/appointments/{booked['code']}", headers=headers).status_code == 204
    refused = check_in(api, booked["code"])
    assert refused.status_code == 409 and "cancelled" in refused.json()["detail"]
    listed = api.get("/api/appointments", headers=headers).json()
    assert listed["day"] == "2026-11-24"
    assert [(a["code"], a["state"]) for a in listed["appointments"]] == [
        (booked["code"], "cancelled")
    ]


def test_failed_check_ins_use_up_the_kiosks_rate_limit(api, hub):
    booked = book(api, sign_in(api))
    wrong = "000000" if booked["code"] != "000000" else "000001"
    _, hall = paired(hub)
    answers = [check_in(api, wrong, headers=hall).status_code for _ in range(3)]
    assert answers == [404, 404, 404]  # the demo's burst is 3
    limited = check_in(api, booked["code"], headers=hall)
    assert limited.status_code == 429 and limited.headers["Retry-After"]
    # The same kiosk's tickets share that budget.
    ticket = api.post("/api/tickets", json={"service": "ACC"}, headers=hall)
    assert ticket.status_code == 429


def test_changing_kiosk_id_does_not_give_more_guesses(api):
    booked = book(api, sign_in(api))
    wrong = "000000" if booked["code"] != "000000" else "000001"
    statuses = [check_in(api, wrong).status_code for _ in range(12)]  # a fresh id each time
    assert statuses[:10] == [404] * 10 and statuses[10:] == [429, 429]
    assert check_in(api, booked["code"]).status_code == 429
