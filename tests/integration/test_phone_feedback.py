"""The phone page asks "How was your visit?" once a visit is over: three faces, one answer."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.store.models import Event
from tests.conftest import sign_in


def _finished_ticket(api) -> dict:
    issued = api.post("/api/tickets", json={"service": "CIAS", "language": "en"}).json()
    staff = sign_in(api, "bureau-3")  # serves CIAS and NUM only
    called = api.post("/api/counters/bureau-3/call-next", headers=staff).json()
    assert called["id"] == issued["id"]
    api.post(f"/api/tickets/{called['id']}/start", headers=staff).raise_for_status()
    api.post(
        f"/api/tickets/{called['id']}/finish", json={"outcome": "solved"}, headers=staff
    ).raise_for_status()
    return issued


def _feedback_events(running_hub) -> list[Event]:
    with running_hub.hub.store.read() as session:
        return list(session.scalars(select(Event).where(Event.kind == "feedback")))


def test_a_finished_visit_gets_one_answer_on_the_phone(api, running_hub):
    ticket = _finished_ticket(api)
    path = ticket["status_url"].split("/", 3)[3]
    page = api.get(f"/{path}")
    assert page.status_code == 200 and "How was your visit?" in page.text
    assert 'name="score" value="3"' in page.text and "<script" not in page.text

    answer = api.post(
        f"/{path}/feedback?lang=en",
        content="score=3",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 303
    thanked = api.get(answer.headers["location"])
    assert "Thank you for your answer!" in thanked.text and 'name="score"' not in thanked.text

    again = api.post(
        f"/{path}/feedback",
        content="score=1",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert again.status_code == 303
    [event] = _feedback_events(running_hub)  # a second tap is not a second answer
    assert (event.service, event.data["score"], event.ticket_id) == ("CIAS", 3, ticket["id"])


def test_feedback_refused_before_the_end_or_with_a_bad_score(api, running_hub):
    waiting = api.post("/api/tickets", json={"service": "EMPLOI"}).json()
    path = waiting["status_url"].split("/", 3)[3]
    assert "score" not in api.get(f"/{path}").text
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert api.post(f"/{path}/feedback", content="score=3", headers=form).status_code == 409
    finished = _finished_ticket(api)
    done = finished["status_url"].split("/", 3)[3]
    assert api.post(f"/{done}/feedback", content="score=9", headers=form).status_code == 422
    assert api.post("/t/not-a-token/feedback", content="score=3", headers=form).status_code == 404
    assert _feedback_events(running_hub) == []
