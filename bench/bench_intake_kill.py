"""Fault test of web intake: the server SIGKILLed and restarted mid-load must lose and double nothing.

The load of ``bench_intake.py`` (32 keep-alive clients, each complaint with its own idempotency
key) runs against ``ipweek serve`` on a throw-away PostgreSQL database. After KILL_AFTER_S the whole
process group — granian and all its workers — gets SIGKILL, and the server is started again on the
same port at once; the load goes on AFTER_RESTART_S more once it answers. A client retries a
submission that failed (refused, reset, timed out, 5xx) with the SAME key until it is acknowledged,
and remembers every (key → case number) it was given with a 200.

Then the table must hold every acknowledged number exactly once, under the key it was given for;
no number and no key may appear twice. Prints one line of prose and one JSON line; exits 1 when
anything was lost, doubled or mismatched. Skipped (exit 0) when no PostgreSQL answers.
"""

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import Server, wait_until_up
from bench_intake import CLIENTS, WORKERS, Load, intake_server, skipped

KILL_AFTER_S = 3.0
AFTER_RESTART_S = 5.0


def kill_phase(server: Server) -> dict[str, Any]:
    """Load, SIGKILL the process group, restart on the same port, load on; the acknowledgements."""
    load = Load(server.base, retry=True)
    threads = load.start()
    load.wait_all_submitting()  # so that the kill finds every client with a request on the way
    time.sleep(KILL_AFTER_S)
    with load.lock:
        before_kill = len(load.acknowledged)
    killed_at, killed_at_epoch = time.perf_counter(), time.time()
    server.kill()
    server.start(skip_checks=True)  # the same code; the first start ran the checks
    restart_issued_s = time.perf_counter() - killed_at
    if not wait_until_up(server.base, seconds=60):
        raise RuntimeError("ipweek serve did not come back after the kill")
    down_s = time.perf_counter() - killed_at
    time.sleep(AFTER_RESTART_S)
    load.stop.set()
    for thread in threads:
        thread.join()
    return {
        "acknowledged": load.acknowledged,
        "before_kill": before_kill,
        "retried": load.retried,
        "killed_at_epoch": killed_at_epoch,
        "errors": load.errors,
        "restart_issued_s": round(restart_issued_s, 2),
        "down_s": round(down_s, 2),
    }


def check_cases(url: str, kill: dict[str, Any]) -> dict[str, int]:
    """Compare what clients were told with what the table holds.

    ``replayed``: retried submissions whose case the killed server had already committed — the
    answer was lost, and the retry with the same key was given the same number.
    """
    import psycopg

    acknowledged: dict[str, str] = kill["acknowledged"]
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT idempotency_key, number, extract(epoch FROM received_at) FROM casework_case"
            " WHERE idempotency_key = ANY(%s)",
            [list(acknowledged)],
        ).fetchall()
        doubled_numbers = connection.execute(
            "SELECT count(*) FROM (SELECT number FROM casework_case GROUP BY number HAVING count(*) > 1) d"
        ).fetchone()[0]
        doubled_keys = connection.execute(
            "SELECT count(*) FROM (SELECT idempotency_key FROM casework_case WHERE idempotency_key IS NOT NULL"
            " GROUP BY idempotency_key HAVING count(*) > 1) d"
        ).fetchone()[0]
    stored: dict[str, list[str]] = {}
    for key, number, _received in rows:
        stored.setdefault(key, []).append(number)
    replayed = sum(key in kill["retried"] and received < kill["killed_at_epoch"] for key, _n, received in rows)
    told_twice = len(acknowledged) - len(set(acknowledged.values()))  # two keys given the same number
    return {
        "found": sum(stored.get(key) == [number] for key, number in acknowledged.items()),
        "missing": sum(key not in stored for key in acknowledged),
        "mismatched": sum(key in stored and stored[key] != [number] for key, number in acknowledged.items()),
        "duplicated": doubled_numbers + doubled_keys + told_twice,
        "replayed": replayed,
    }


def report(kill: dict[str, Any], check: dict[str, int]) -> bool:
    """The prose line and the JSON line; True when nothing was lost, doubled or mismatched."""
    ok = check["missing"] == 0 and check["duplicated"] == 0 and check["mismatched"] == 0
    acknowledged, retried = len(kill.pop("acknowledged")), len(kill.pop("retried"))
    del kill["killed_at_epoch"]
    print(
        f"kill test: {acknowledged:,} acknowledged, {retried} retried after the kill"
        f" ({check['replayed']} of them already committed: same number again),"
        f" {check['missing']} missing, {check['duplicated']} duplicated, {check['mismatched']} mismatched"
        f" ({CLIENTS} clients, {WORKERS} workers, server down {kill['down_s']:.1f} s) — {'ok' if ok else 'FAILED'}"
    )
    result = {
        "bench": "intake_kill",
        "clients": CLIENTS,
        "workers": WORKERS,
        **kill,
        "acknowledged": acknowledged,
        "retried": retried,
        **check,
        "ok": ok,
    }
    print(json.dumps(result, ensure_ascii=False))
    return ok


def main() -> int:
    if skipped("intake_kill"):
        return 0
    with intake_server() as (url, server):
        kill = kill_phase(server)
        check = check_cases(url, kill)
    return 0 if report(kill, check) else 1


if __name__ == "__main__":
    sys.exit(main())
