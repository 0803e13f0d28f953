"""Helpers for benchmarks: a throw-away demo database, ``ipweek serve``, and a keep-alive load loop."""

import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager, suppress
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def demo_server(workers: int = 1):
    """Yield the base URL of ``ipweek serve`` running the demo on a fresh SQLite database."""
    with tempfile.TemporaryDirectory(prefix="ipweek-bench-") as var_dir:
        env = {**os.environ, "IPWEEK_VAR_DIR": var_dir, "DEBUG": "0"}
        env.pop("DATABASE_URL", None)
        command = [sys.executable, "-m", "ipweek"]
        subprocess.run([*command, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*command, "demo"], env=env, check=True, cwd=ROOT, capture_output=True)
        port = free_port()
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port), "--workers", str(workers)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)


def login_cookie(base: str, username: str, password: str) -> str:
    """Log in through the real form (CSRF included) and return the Cookie header value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    opener.open(urllib.request.Request(base + "/accounts/login/", data=data.encode(), headers={"Referer": base}))
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def measure(base: str, path: str, *, seconds: float, concurrency: int, cookie: str = "") -> dict:
    """Requests per second and latency percentiles over keep-alive connections."""
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(host, port, timeout=10)
        headers = {"Cookie": cookie} if cookie else {}
        mine: list[float] = []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                with lock:
                    errors += 1
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2),
        "errors": errors,
    }


LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432"


def postgres_admin():
    """An autocommit connection to the local PostgreSQL's ``postgres`` database, or None when it is down.

    psycopg is imported here, not at the top: the SQLite benches do not need it.
    """
    try:
        import psycopg

        return psycopg.connect(f"{LOCAL_POSTGRES}/postgres", autocommit=True, connect_timeout=3)
    except Exception:  # not installed or not answering: the caller decides to skip
        return None


@contextmanager
def pg_database(admin, prefix: str = "ipweek_bench"):
    """Yield the URL of a throw-away PostgreSQL database; dropped afterwards, whatever happened."""
    name = f"{prefix}_{os.getpid()}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{LOCAL_POSTGRES}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_until_up(base: str, *, seconds: float = 30) -> bool:
    """Poll ``/healthz`` until it answers; False when it never did."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return True
        except OSError:
            time.sleep(0.05)
    return False


class Server:
    """``ipweek serve`` in its own process group, so granian and all its workers can be killed at once."""

    def __init__(self, env: dict[str, str], *, port: int, workers: int, threads: int | None = None) -> None:
        self.env, self.port, self.workers, self.threads = env, port, workers, threads
        self.base = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, *, skip_checks: bool = False) -> None:
        """Start ``ipweek serve``; ``skip_checks`` spares a restart the system checks the first start ran."""
        command = [sys.executable, "-m", "ipweek", "serve", "--port", str(self.port), "--workers", str(self.workers)]
        if self.threads:
            command += ["--threads", str(self.threads)]
        if skip_checks:
            command.append("--skip-checks")
        self.process = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, start_new_session=True
        )  # fmt: skip

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` (SIGKILL by default) to the whole process group and reap the leader."""
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        self.process.wait(timeout=10)
        self.process = None

    def cpu_seconds(self) -> float | None:
        return group_cpu_seconds(self.process.pid) if self.process is not None else None

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            self.kill(signal.SIGTERM)
        except subprocess.TimeoutExpired:
            self.kill(signal.SIGKILL)


@contextmanager
def pg_demo_server(database_url: str, *, workers: int, threads: int | None = None, extra_env: dict | None = None):
    """Yield a started :class:`Server` running the demo on ``database_url`` (migrated and filled here)."""
    with tempfile.TemporaryDirectory(prefix="ipweek-bench-") as var_dir:
        env = {**os.environ, "IPWEEK_VAR_DIR": var_dir, "DEBUG": "0", "DATABASE_URL": database_url}
        env.update(extra_env or {})
        command = [sys.executable, "-m", "ipweek"]
        subprocess.run([*command, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*command, "demo", "--skip-checks"], env=env, check=True, cwd=ROOT, capture_output=True)
        server = Server(env, port=free_port(), workers=workers, threads=threads)
        server.start()
        try:
            if not wait_until_up(server.base):
                raise RuntimeError("ipweek serve did not answer /healthz")
            yield server
        finally:
            server.stop()


def group_cpu_seconds(pgid: int) -> float | None:
    """CPU seconds (user + system) used so far by the live processes of process group ``pgid``.

    Read from /proc, so it says how much work a request costs even when other jobs share the CPUs;
    None where there is no /proc.
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[2]) == pgid:  # after "pid (comm)": state, ppid, pgrp, …, utime, stime at 11, 12
            total += int(fields[11]) + int(fields[12])
    return total / ticks
