from django.http import HttpRequest


def display(request: HttpRequest) -> dict[str, bool]:
    return {"large_type": bool(getattr(request, "session", {}).get("large_type", False))}
