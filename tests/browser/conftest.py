"""A real server (``ipweek serve`` under granian) on a throw-away SQLite database with the demo,
driven by Debian's Chromium through Playwright. Never downloads a browser."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("IPWEEK_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
PASSWORD = "ipweek-demo-2027"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - loopback only
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer at {url}")


@pytest.fixture(scope="session")
def server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of the session's server: its own var/ folder and SQLite database."""
    var_dir = tmp_path_factory.mktemp("browser-var")
    env = {**os.environ, "IPWEEK_VAR_DIR": str(var_dir), "DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    return env


@pytest.fixture(scope="session")
def run_ipweek(server_env: dict[str, str]):
    """Run an ``ipweek`` command against the server's database, e.g. ``run_ipweek("shell", "-c", code)``."""

    def run(*args: str) -> str:
        command = [sys.executable, "-m", "ipweek", *args]
        done = subprocess.run(command, env=server_env, check=True, cwd=ROOT, capture_output=True, text=True)  # noqa: S603
        return done.stdout

    return run


@pytest.fixture(scope="session")
def server_url(server_env: dict[str, str]) -> Iterator[str]:
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium")
    env = server_env
    ipweek = [sys.executable, "-m", "ipweek"]
    subprocess.run([*ipweek, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    subprocess.run([*ipweek, "demo"], env=env, check=True, cwd=ROOT, capture_output=True)  # noqa: S603
    port = _free_port()
    process = subprocess.Popen([*ipweek, "serve", "--port", str(port)], env=env, cwd=ROOT)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url + "/accounts/login/", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(server_url: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def log_in(page, server_url: str, username: str) -> None:
    page.goto(server_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(server_url + "/campaigns/")
