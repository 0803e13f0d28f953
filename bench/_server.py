"""Helpers for benchmarks: a throw-away demo database, ``ipweek serve``, and a keep-alive load loop."""

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
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
