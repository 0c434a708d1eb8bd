"""One stable JSON shape for every API error: {"detail": "...", "code": "...", "errors": [...]}."""

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    code = getattr(exc, "default_code", "error")
    if isinstance(data, dict) and "detail" in data and len(data) == 1:
        response.data = {
            "detail": str(data["detail"]),
            "code": getattr(data["detail"], "code", code),
            "errors": [],
        }
    elif isinstance(data, dict) and {"created", "errors"} <= set(data):
        return response  # an import summary is already in its documented shape
    else:
        response.data = {"detail": "The request was not valid.", "code": "invalid", "errors": _flatten(data)}
    return response


def _flatten(data, prefix=""):
    errors = []
    if isinstance(data, dict):
        for key, value in data.items():
            errors.extend(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, dict | list):
                errors.extend(_flatten(value, f"{prefix}[{index}]"))
            else:
                errors.append({"field": prefix or None, "message": str(value)})
    else:
        errors.append({"field": prefix or None, "message": str(data)})
    return errors
