from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


@require_POST
def large_type(request: HttpRequest) -> HttpResponse:
    """Toggle large type (适老化) for this browser session; works without JavaScript."""
    request.session["large_type"] = not request.session.get("large_type", False)
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return redirect(target)


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for load balancers; also the bare-view baseline of the benchmarks."""
    return HttpResponse("ok", content_type="text/plain")
