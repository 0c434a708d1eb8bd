"""OpenAPI post-processing: document the error answers every operation can give, in the stable error shape
(core.api_errors), so clients and Schemathesis see no undocumented status codes."""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string", "nullable": True}, "message": {"type": "string"}},
            },
        },
    },
    "required": ["detail", "code", "errors"],
}
COMMON = {
    "400": "The request is not valid; `errors` names each field.",
    "401": "Not signed in (send `Authorization: Token <key>`).",
    "403": "Signed in, but this role may not do this.",
    "404": "Not found, or outside what this user may see.",
    "405": "Method not allowed.",
    "429": "Too many requests: wait and try again.",
}
WRITES = {"503": "The background queue is unavailable; nothing was queued."}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            answers = dict(COMMON) | (WRITES if method == "post" else {})
            for code, description in answers.items():
                operation["responses"].setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": ref}}}
                )
    return result
