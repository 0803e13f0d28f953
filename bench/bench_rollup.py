"""Rollup time at national scale, against one hand-written SQL aggregate over the same rows.

Database: ``DATABASE_URL`` when set (the load is rebuilt there with ``--replace``); else a temporary
database ``ipweek_bench_<pid>`` on the local PostgreSQL (postgres://postgres@127.0.0.1:5432) when
it answers; else a temporary SQLite file. Temporary databases are dropped at the end.

``BENCH_SCALE`` (default 1) scales the load: 1 means 100,000 activities and 500,000 figures.
Prints one JSON line: medians of 5 runs after a warm-up, in seconds, and their ratio to the SQL.
"""

import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432"
RUNS = 5
TARGETS = {"national_s": 1.0, "province_s": 0.2}


def _postgres_admin() -> Any | None:
    try:
        import psycopg

        return psycopg.connect(f"{LOCAL_POSTGRES}/postgres", autocommit=True, connect_timeout=3)
    except Exception:  # no local PostgreSQL: fall back to SQLite
        return None


@contextmanager
def bench_database() -> Iterator[tuple[str, bool]]:
    """Yield (DATABASE_URL, replace_existing_load)."""
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"], True
        return
    admin = _postgres_admin()
    if admin is not None:
        name = f"ipweek_bench_{os.getpid()}"
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{LOCAL_POSTGRES}/{name}", False
        finally:
            from django.db import connections

            connections.close_all()
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
        return
    with tempfile.TemporaryDirectory(prefix="ipweek-bench-") as directory:
        yield f"sqlite:///{directory}/bench.sqlite3", False


def median_seconds(action: Callable[[], Any]) -> float:
    action()  # warm-up: connection, caches, plans
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    scale = float(os.environ.get("BENCH_SCALE", "1"))
    activities, figures = round(100_000 * scale), round(500_000 * scale)
    with bench_database() as (url, replace):
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipweek.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from ipweek.campaigns.models import Campaign
        from ipweek.reporting.management.commands.build_national_load import NATION_CODE
        from ipweek.reporting.models import ActivityReport
        from ipweek.reporting.rollup import descendant_ids, rollup

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command(
            "build_national_load", activities=activities, figures=figures, replace=replace, stdout=io.StringIO()
        )
        build_s = time.perf_counter() - started
        nation = Campaign.objects.get(region__code=NATION_CODE)
        province = Campaign.objects.filter(parent=nation).order_by("region__code").first()
        assert province is not None

        # The baseline: the plainest correct-looking aggregate over the same figures, without
        # breakdowns and without leaving out linked activities.
        statuses = [ActivityReport.Status.APPROVED.value, ActivityReport.Status.PUBLISHED.value]
        baseline_sql = (
            "SELECT f.metric, SUM(f.value) FROM reporting_figure f "
            "JOIN reporting_activityreport r ON r.id = f.report_id "
            "JOIN campaigns_activity a ON a.id = r.activity_id "
            "WHERE a.campaign_id IN ({ids}) AND r.kind = %s AND r.status IN (%s, %s) GROUP BY f.metric"
        )

        def hand_written(campaign: Campaign) -> Callable[[], Any]:
            ids = descendant_ids(campaign)
            sql = baseline_sql.format(ids=", ".join(["%s"] * len(ids)))

            def run() -> Any:
                with connection.cursor() as cursor:
                    cursor.execute(sql, [*ids, ActivityReport.Kind.CLOSING.value, *statuses])
                    return cursor.fetchall()

            return run

        national_s = median_seconds(lambda: rollup(nation))
        province_s = median_seconds(lambda: rollup(province))
        sql_national_s = median_seconds(hand_written(nation))
        sql_province_s = median_seconds(hand_written(province))
        engine = connection.vendor
    print(
        json.dumps(
            {
                "bench": "rollup",
                "engine": engine,
                "activities": activities,
                "figures": figures,
                "build_s": round(build_s, 1),
                "national_s": round(national_s, 4),
                "province_s": round(province_s, 4),
                "sql_national_s": round(sql_national_s, 4),
                "sql_province_s": round(sql_province_s, 4),
                "national_ratio": round(national_s / sql_national_s, 2),
                "province_ratio": round(province_s / sql_province_s, 2),
                "targets": TARGETS,
            }
        )
    )


if __name__ == "__main__":
    main()
