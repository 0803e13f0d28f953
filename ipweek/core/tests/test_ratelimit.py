from django.test import RequestFactory

from ipweek.core import ratelimit


def test_hit_allows_up_to_the_limit_then_refuses():
    results = [ratelimit.hit("test", "1.2.3.4", 3, 60) for _ in range(4)]

    assert results == [True, True, True, False]


def test_hit_counts_each_key_and_scope_apart():
    ratelimit.hit("test", "1.2.3.4", 1, 60)

    assert ratelimit.hit("test", "5.6.7.8", 1, 60)
    assert ratelimit.hit("other", "1.2.3.4", 1, 60)
    assert not ratelimit.hit("test", "1.2.3.4", 1, 60)


def test_a_limit_of_zero_turns_the_limiter_off():
    assert all(ratelimit.hit("test", "1.2.3.4", 0, 60) for _ in range(50))


def test_a_new_window_starts_afresh(monkeypatch):
    monkeypatch.setattr(ratelimit.time, "time", lambda: 1000.0)
    ratelimit.hit("test", "1.2.3.4", 1, 60)
    refused = ratelimit.hit("test", "1.2.3.4", 1, 60)

    monkeypatch.setattr(ratelimit.time, "time", lambda: 1061.0)

    assert not refused
    assert ratelimit.hit("test", "1.2.3.4", 1, 60)


def test_the_client_address_ignores_forwarded_headers():
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert ratelimit.client_address(request) == "10.1.1.1"
