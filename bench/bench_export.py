"""Benchmark: exporting the demo city plan as DOCX and PDF, against a one-paragraph baseline.

Runs on a throw-away SQLite database, loads ``ipweek demo`` (or a comparable plan built with the
factories when that command is missing) and prints one JSON line of figures.

    .venv/bin/python bench/bench_export.py
"""

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATABASE = Path(tempfile.gettempdir()) / f"ipweek-bench-{os.getpid()}.sqlite3"
ROUNDS = 5
TARGETS = {"docx_s": 0.5, "pdf_s": 2.0}

sys.path.insert(0, str(REPO))
os.environ["DJANGO_SETTINGS_MODULE"] = "ipweek.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"

import django  # noqa: E402 - the environment must be set before Django loads

django.setup()

from django.core.management import call_command, get_commands  # noqa: E402

from ipweek.campaigns.models import Campaign  # noqa: E402
from ipweek.documents.blocks import OfficialDocument, Paragraph  # noqa: E402
from ipweek.documents.plan import plan_document  # noqa: E402
from ipweek.documents.render_docx import render_docx  # noqa: E402
from ipweek.documents.render_pdf import render_pdf  # noqa: E402


def median_seconds(action: Callable[[], object]) -> float:
    """Median wall time of ROUNDS calls, after one warm-up call."""
    action()
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def build_comparable_plan() -> Campaign:
    """6 sections, 14 activities (2 of them sub-activities), 8 units: the size of the demo city plan."""
    from ipweek.campaigns.models import ActivityUnit, PlanSection
    from ipweek.campaigns.tests.factories import (
        ActivityFactory,
        ActivityUnitFactory,
        CampaignFactory,
        PlanItemFactory,
        PlanSectionFactory,
        UnitFactory,
    )

    campaign = CampaignFactory(doc_agency_code="示知发", doc_serial=5, addressees="各县（区）知识产权局：")
    units = [UnitFactory(region=campaign.region) for _ in range(8)]
    kinds = [kind for kind, _ in PlanSection.Kind.choices][:6]
    for position, kind in enumerate(kinds, start=1):
        section = PlanSectionFactory(campaign=campaign, kind=kind, position=position, body="<p>正文。</p>" * 3)
        PlanItemFactory.create_batch(3, section=section)
    parents = []
    for position in range(14):
        parent = parents[0] if position >= 12 else None
        activity = ActivityFactory(campaign=campaign, parent=parent, position=position, description="<p>说明。</p>")
        parents.append(activity)
        ActivityUnitFactory(activity=activity, unit=units[position % 8], role=ActivityUnit.Role.LEAD)
        ActivityUnitFactory(activity=activity, unit=units[(position + 1) % 8], role=ActivityUnit.Role.SUPPORTING)
    return campaign


def city_campaign() -> Campaign:
    """The demo city campaign, loading the demo first (or building a comparable plan)."""
    if "demo" in get_commands():
        try:
            with open(os.devnull, "w") as sink:
                call_command("demo", stdout=sink)
        except Exception as error:
            # The demo is being written concurrently; any failure falls back to a comparable plan.
            print(f"bench: demo failed ({error}); building a comparable plan", file=sys.stderr)
    campaign = Campaign.objects.filter(level=Campaign.Level.CITY).order_by("-pk").first()
    if campaign is None or not campaign.activities.exists():
        campaign = build_comparable_plan()
    return campaign


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    campaign = city_campaign()
    baseline = OfficialDocument(title="基准文件", blocks=[Paragraph("正文。")])
    figures = {
        "docx_s": median_seconds(lambda: render_docx(plan_document(campaign))),
        "pdf_s": median_seconds(lambda: render_pdf(plan_document(campaign))),
        "baseline_docx_s": median_seconds(lambda: render_docx(baseline)),
        "baseline_pdf_s": median_seconds(lambda: render_pdf(baseline)),
    }
    result = {
        "bench": "export",
        **{name: round(value, 4) for name, value in figures.items()},
        "docx_ratio": round(figures["docx_s"] / figures["baseline_docx_s"], 2),
        "pdf_ratio": round(figures["pdf_s"] / figures["baseline_pdf_s"], 2),
        "activities": campaign.activities.count(),
        "targets": TARGETS,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    try:
        main()
    finally:
        from django.db import connections

        connections.close_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
