"""The published OpenAPI, made to tell the truth about refusals.

FastAPI documents a 422 as ``HTTPValidationError`` (a list of pydantic errors) and nothing
else; this hub answers every refusal with one JSON shape, ``{"detail": "...", "error":
"..."}`` (``error`` is ``BadInput`` for a field that does not fit, the error's class name
otherwise, plus a few named facts such as ``retry_after_s``). :func:`install` rewrites the
schema once, for every route any module adds, so a route written later is documented
alike:

- every operation lists the refusals it can meet with that shape: 400 (a body or header
  that cannot be read), 401 (no valid credential), 403 (a credential that may not), 404,
  409 (the state forbids it), 413 (a body too large, whatever the method), 422 (a
  field out of range, or a rule of the site: a range backwards, a closed service), 429 (too
  many, with ``Retry-After``) and 503 (the store is busy; retry);
- routes whose path ends in ``.csv`` answer ``text/csv``;
- what a ``POST`` creates links to the operations on its own path's items (the ticket just
  issued to ``/api/tickets/{ticket_id}``, the appointment booked to its ``{code}``), so a
  stateful fuzzer follows the objects it made.

400 is kept for requests that cannot be read at all: a request the schema allows is never
refused with 400 (tests/security/test_input_openapi.py runs schemathesis to hold it).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {"type": "string", "description": "what went wrong, for a person"},
        "error": {
            "type": "string",
            "description": "BadInput for a field that does not fit; else the kind of refusal",
        },
    },
    "additionalProperties": True,
}

REFUSALS: dict[int, str] = {
    400: "The request cannot be read (a body that is not JSON, a header out of shape)",
    401: "No valid credential for this route (or a wrong PIN)",
    403: "The credential given may not do this",
    404: "No such thing (ticket, counter, appointment, service)",
    409: "The current state forbids it (already called, closed service, conflict)",
    413: "The request body is too large",
    422: "A field does not fit (error BadInput) or a rule of the site refuses it",
    429: "Too many requests from this source; Retry-After says when to try again",
    503: "The store is busy for a moment; Retry-After says when to try again",
}
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}}


def _refusal(code: int) -> dict:
    answer: dict[str, Any] = {
        "description": REFUSALS[code],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if code in (429, 503):
        answer["headers"] = RETRY_AFTER
    return answer


def document(schema: dict) -> dict:
    """Rewrite ``schema`` (an OpenAPI dict) in place: refusals and CSV bodies as they are."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code in REFUSALS:
                declared = responses.get(str(code), {})
                responses[str(code)] = _refusal(code)
                if "text/html" in declared.get("content", {}):  # a page for people too
                    responses[str(code)]["description"] = declared["description"]
                    responses[str(code)]["content"]["text/html"] = {"schema": {"type": "string"}}
            if path.endswith(".csv"):
                for code, answer in responses.items():
                    if code.startswith("2"):
                        answer["content"] = {"text/csv": {"schema": {"type": "string"}}}
    _link_created(schema.get("paths", {}))
    return schema


def _field_of(parameter: str) -> str:
    """The body field that names a path parameter: ``ticket_id`` → ``id``."""
    return "id" if parameter.endswith("_id") else parameter


def _link_created(paths: dict) -> None:
    for path, operations in paths.items():
        post = operations.get("post")
        if not isinstance(post, dict):
            continue
        created = next(
            (answer for code, answer in post["responses"].items() if code in ("200", "201")),
            None,
        )
        if created is None:
            continue
        for other, targets in paths.items():
            rest = other[len(path) :]
            if not (rest.startswith("/{") and other.startswith(path)):
                continue
            parameter = rest[2 : rest.index("}")]
            for method, target in targets.items():
                if not isinstance(target, dict) or "operationId" not in target:
                    continue
                links = created.setdefault("links", {})
                links[f"{method}-{target['operationId']}"] = {
                    "operationId": target["operationId"],
                    "parameters": {parameter: f"$response.body#/{_field_of(parameter)}"},
                }


def install(app: FastAPI) -> None:
    """Serve the rewritten schema at ``/openapi.json`` (built once, on first request)."""

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = document(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
