from tests.conftest import sign_in


def test_issue_call_finish_through_the_hub(api):
    issued = api.post("/api/tickets", json={"service": "CAF", "priority": False, "language": "fr"})
    assert issued.status_code == 201, issued.text
    body = issued.json()
    assert body["number"] == "C001" and body["position"] == 1
    headers = sign_in(api, "bureau-2")
    called = api.post("/api/counters/bureau-2/call-next", headers=headers)
    assert called.status_code == 200 and called.json()["number"] == "C001"
    assert api.post("/api/counters/bureau-2/call-next", headers=headers).status_code == 204
