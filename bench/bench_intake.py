"""Web intake of complaints on PostgreSQL under granian: 32 keep-alive clients on loopback against a
bare psycopg insert loop. ``bench_intake_kill.py`` reuses the client here for the fault test.

Two phases against one throw-away database ``ipweek_bench_<pid>`` (dropped at the end):

1. intake — each client POSTs complaints to ``/2027/huzhou/complaint/`` for MEASURE_S seconds after
   WARMUP_S of warm-up, each with a fresh idempotency key of its own (one GET per client for the
   CSRF cookie and token); submissions/s, latency percentiles, and the server's CPU per submission
   (read from /proc: the one figure that holds when other jobs share the machine).
2. bare — as many threads, each on its own psycopg connection, inserting rows of the same width
   into a plain table, one autocommitted INSERT each: the floor the intake is compared with.

Prints one line of prose and one JSON line. Skipped (exit 0) when no PostgreSQL answers on
127.0.0.1:5432. ``BENCH_WORKERS`` (default: the CPU count) and ``BENCH_THREADS`` (default:
``ipweek serve``'s) size the server.
"""

import http.client
import json
import os
import re
import secrets
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import LOCAL_POSTGRES, Server, pg_database, pg_demo_server, postgres_admin

CLIENTS = 32
WARMUP_S = 2.0
MEASURE_S = 10.0
RETRY_PAUSE_S = 0.05
GIVE_UP_S = 30.0
FORM = "/2027/huzhou/complaint/"
WORKERS = int(os.environ.get("BENCH_WORKERS") or os.cpu_count() or 1)
THREADS = int(os.environ.get("BENCH_THREADS") or 0) or None  # None: the `ipweek serve` default

FACTS = "被投诉人在其门店及网店销售的纺织机械配件使用了与本人实用新型专利相同的技术方案，" * 6
FIELDS = {
    "kind": "complaint",
    "ip_type": "utility_model",
    "subject": "纺织机械配件涉嫌侵犯实用新型专利权",
    "complainant_name": "张三",
    "complainant_phone": "13800138000",
    "complainant_address": "浙江省湖州市吴兴区示例路1号",
    "respondent_name": "湖州示例纺织机械有限公司",
    "respondent_address": "浙江省湖州市南浔区示例工业园2号",
    "facts": FACTS,
    "request": "请求责令被投诉人停止销售侵权产品。",
}
FAILED = (OSError, http.client.HTTPException)  # refused, reset, timed out, cut off mid-response


class Client:
    """One keep-alive connection carrying the CSRF cookie and token a browser would have."""

    def __init__(self, base: str) -> None:
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.connection: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}
        self.token = ""

    def _request(self, method: str, body: str | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=5)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, FORM, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except FAILED:
            self.reset()
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        return response.status, response.headers, content

    def reset(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.connection = None

    def fetch_token(self) -> None:
        """GET the form once: the CSRF cookie and the hidden field's token."""
        status, _headers, content = self._request("GET")
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or found is None:
            raise http.client.HTTPException(f"form answered {status} without a CSRF token")
        self.token = found.group(1).decode()

    def submit(self, key: str) -> tuple[int, str]:
        """(HTTP status, case number or ''); raises on a network failure."""
        body = urllib.parse.urlencode({**FIELDS, "idempotency_key": key, "csrfmiddlewaretoken": self.token})
        status, headers, _content = self._request("POST", body)
        return status, headers.get("X-Case-Number", "")


@dataclass
class Load:
    """Shared state of one load phase; client threads write under the lock."""

    base: str
    retry: bool = False
    measure_from: float = 0.0  # submissions acknowledged in this window are counted and timed
    measure_until: float = float("inf")
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    acknowledged: dict[str, str] = field(default_factory=dict)
    retried: set[str] = field(default_factory=set)
    errors: dict[str, int] = field(default_factory=dict)
    submitting: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))

    def start(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self.run_client, daemon=True) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        return threads

    def run_client(self) -> None:
        client = Client(self.base)
        while not self.stop.is_set():
            try:
                client.fetch_token()
                break
            except FAILED:
                time.sleep(RETRY_PAUSE_S)
        self.submitting.release()
        while not self.stop.is_set():
            self.submit_one(client, secrets.token_urlsafe(24))
        client.reset()

    def wait_all_submitting(self, timeout: float = 60) -> None:
        """Block until every client has its CSRF token and is submitting."""
        deadline = time.monotonic() + timeout
        for _ in range(CLIENTS):
            self.submitting.acquire(timeout=max(0.0, deadline - time.monotonic()))

    def submit_one(self, client: Client, key: str) -> None:
        """Submit until acknowledged; without ``retry`` a failure is counted and the key dropped."""
        attempts, started = 0, time.perf_counter()
        while True:
            attempts += 1
            try:
                status, number = client.submit(key)
            except FAILED as failure:
                status, number = 0, type(failure).__name__
            if status == 200 and number:
                return self.record(key, number, started, attempts)
            if status == 403:  # a CSRF token the server does not take (any more): fetch a fresh one
                self.error("403")
                with suppress(*FAILED):
                    client.fetch_token()
                if not self.retry:
                    return None
            elif not self.retry or 0 < status < 500:
                return self.error(str(status or number))
            else:
                self.error(f"retried after {status or number}")
            if self.stop.is_set() and time.perf_counter() - started > GIVE_UP_S:
                return self.error("abandoned")
            time.sleep(RETRY_PAUSE_S)

    def record(self, key: str, number: str, started: float, attempts: int) -> None:
        with self.lock:
            self.acknowledged[key] = number
            if attempts > 1:
                self.retried.add(key)
            finished = time.perf_counter()
            if self.measure_from <= finished <= self.measure_until:
                self.latencies.append(finished - started)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors[what] = self.errors.get(what, 0) + 1


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def intake_phase(server: Server) -> dict[str, Any]:
    measure_from = time.perf_counter() + WARMUP_S
    load = Load(server.base, measure_from=measure_from, measure_until=measure_from + MEASURE_S)
    threads = load.start()
    time.sleep(WARMUP_S)
    cpu_before = server.cpu_seconds()
    time.sleep(MEASURE_S)
    cpu_after = server.cpu_seconds()
    load.stop.set()
    for thread in threads:
        thread.join()
    ordered = sorted(load.latencies)
    cpu_ms = (cpu_after - cpu_before) * 1000 / len(ordered) if cpu_before is not None and ordered else None
    return {
        "per_s": round(len(ordered) / MEASURE_S, 1),
        "server_cpu_ms": round(cpu_ms, 1) if cpu_ms is not None else None,  # granian + Django, per submission
        "p50_ms": round(percentile(ordered, 0.50) * 1000, 1),
        "p95_ms": round(percentile(ordered, 0.95) * 1000, 1),
        "p99_ms": round(percentile(ordered, 0.99) * 1000, 1),
        "errors": load.errors,
    }


BARE_TABLE = """
CREATE TABLE bench_bare_case (
    id bigserial PRIMARY KEY, number text NOT NULL UNIQUE, idempotency_key text NOT NULL UNIQUE,
    kind text NOT NULL, ip_type text NOT NULL, status text NOT NULL, subject text NOT NULL,
    complainant_name text NOT NULL, complainant_phone text NOT NULL, complainant_address text NOT NULL,
    respondent_name text NOT NULL, respondent_address text NOT NULL, facts text NOT NULL, request text NOT NULL,
    received_at timestamptz NOT NULL, updated_at timestamptz NOT NULL DEFAULT now()
)"""
BARE_INSERT = """
INSERT INTO bench_bare_case (number, idempotency_key, kind, ip_type, status, subject, complainant_name,
    complainant_phone, complainant_address, respondent_name, respondent_address, facts, request, received_at)
VALUES (%s, %s, %s, %s, 'received', %s, %s, %s, %s, %s, %s, %s, %s, now())"""


def bare_phase(url: str) -> dict[str, Any]:
    """One autocommitted INSERT per row from CLIENTS connections: what PostgreSQL alone allows."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(BARE_TABLE)
    counts = [0] * CLIENTS
    measure_from = time.perf_counter() + WARMUP_S
    stop_at = measure_from + MEASURE_S
    values = list(FIELDS.values())  # kind, ip_type, subject, … request: the INSERT's column order

    def insert_loop(slot: int) -> None:
        with psycopg.connect(url, autocommit=True) as connection:
            serial = 0
            while (now := time.perf_counter()) < stop_at:
                serial += 1
                number = f"TS2027-{slot:02d}-{serial:07d}"
                connection.execute(BARE_INSERT, [number, secrets.token_urlsafe(24), *values])
                counts[slot] += now >= measure_from

    threads = [threading.Thread(target=insert_loop, args=(slot,)) for slot in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"per_s": round(sum(counts) / MEASURE_S, 1)}


def report(intake: dict[str, Any], bare: dict[str, Any], load: float) -> None:
    """The prose line, then the JSON line."""
    ratio = intake["per_s"] / bare["per_s"] if bare["per_s"] else 0.0
    cpu = f", server CPU {intake['server_cpu_ms']:.0f} ms each" if intake["server_cpu_ms"] is not None else ""
    print(
        f"intake: {intake['per_s']:,.0f} submissions/s, p50 {intake['p50_ms']:.0f} ms, p95 {intake['p95_ms']:.0f} ms,"
        f" p99 {intake['p99_ms']:.0f} ms ({CLIENTS} clients, {WORKERS} workers, {os.cpu_count()} CPUs{cpu})"
        f" · bare psycopg insert: {bare['per_s']:,.0f}/s · ratio {ratio:.3f}"
    )
    result = {
        "bench": "intake",
        "clients": CLIENTS,
        "workers": WORKERS,
        "threads": THREADS,
        "cpus": os.cpu_count(),
        "load_before": round(load, 1),  # other work on the machine skews every figure but server_cpu_ms
        "intake": intake,
        "bare_insert": bare,
        "ratio": round(ratio, 3),
    }
    print(json.dumps(result, ensure_ascii=False))


def skipped(bench: str) -> bool:
    """Say so and return True when there is no PostgreSQL to run on (CI may bench elsewhere)."""
    admin = postgres_admin()
    if admin is not None:
        admin.close()
        return False
    print(f"{bench}: skipped — no PostgreSQL at {LOCAL_POSTGRES} (this benchmark needs one)")
    print(json.dumps({"bench": bench, "skipped": "PostgreSQL not reachable"}))
    return True


@contextmanager
def intake_server() -> Iterator[tuple[str, Server]]:
    """(database URL, started server) on a throw-away demo database, without the per-IP intake limit."""
    env = {"IPWEEK_INTAKE_RATE": "0"}  # every client is 127.0.0.1
    with (
        postgres_admin() as admin,
        pg_database(admin) as url,
        pg_demo_server(url, workers=WORKERS, threads=THREADS, extra_env=env) as server,
    ):
        yield url, server


def main() -> int:
    if skipped("intake"):
        return 0
    load = os.getloadavg()[0]
    with intake_server() as (url, server):
        intake = intake_phase(server)
        bare = bare_phase(url)
    report(intake, bare, load)
    return 0


if __name__ == "__main__":
    sys.exit(main())
