"""``ipweek import-plan FILE [--json] [--dry-run] [--campaign ID]``."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ipweek.campaigns.forms_import import MAX_UPLOAD_BYTES
from ipweek.campaigns.models import Campaign
from ipweek.campaigns.tests.test_import_views import PASTED_PLAN, reader
from ipweek.units.models import Unit

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "方案.txt"
    path.write_text(PASTED_PLAN, encoding="utf-8")
    return path


def run(*args, **options):
    out = io.StringIO()
    call_command("import_plan", *args, stdout=out, **options)
    return out.getvalue()


def test_import_plan_json_prints_only_the_draft(plan_file, db):
    reader()

    output = run(str(plan_file), json=True)

    draft = json.loads(output)
    assert draft["year"] == 2018
    assert "举办宣传周启动仪式" in [activity["title"] for activity in draft["activities"]]
    assert "\\u" not in output  # Chinese is printed as it is


def test_import_plan_refuses_a_missing_file(tmp_path, db):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "nowhere.docx"), json=True)


def test_import_plan_refuses_a_file_over_20_mb_before_reading_it(tmp_path, db):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as sparse:
        sparse.truncate(MAX_UPLOAD_BYTES + 1)  # a sparse file: nothing is written or read

    with pytest.raises(CommandError, match="20 MB"):
        run(str(huge), json=True)


def test_import_plan_reports_errors_on_stderr_with_a_failing_exit_code(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "ipweek", "import-plan", str(tmp_path / "nowhere.txt"), "--json"],
        capture_output=True, text=True, cwd=REPO, timeout=60, check=False,
    )  # fmt: skip

    assert result.returncode != 0
    assert result.stdout == ""
    assert "no such file" in result.stderr


def test_import_plan_dry_run_saves_nothing(plan_file, campaign):
    reader()

    output = run(str(plan_file), dry_run=True, organiser=campaign.organiser.pk)

    assert "activities" in output and "Dry run" in output
    assert Campaign.objects.count() == 1


def test_import_plan_creates_a_campaign_for_the_organiser(plan_file, campaign):
    reader()

    output = run(str(plan_file), organiser=campaign.organiser.pk, region=campaign.region.code)

    new = Campaign.objects.exclude(pk=campaign.pk).get()
    assert (new.year, new.region, new.organiser) == (2018, campaign.region, campaign.organiser)
    assert new.activities.filter(title="开展知识产权进校园活动").exists()
    assert f"Campaign {new.pk}" in output


def test_import_plan_merges_into_a_campaign(tmp_path, campaign):
    reader()
    path = tmp_path / "plan.txt"
    path.write_text(PASTED_PLAN.replace("2018", str(campaign.year)), encoding="utf-8")

    run(str(path), campaign=campaign.pk)

    assert campaign.activities.filter(title="举办宣传周启动仪式").exists()
    assert Campaign.objects.count() == 1


def test_import_plan_asks_for_the_organiser_when_the_issuer_is_no_unit(plan_file, campaign):
    reader()

    with pytest.raises(CommandError, match="--organiser"):
        run(str(plan_file))

    assert Campaign.objects.count() == 1


def test_import_plan_creates_missing_units_but_not_groups(tmp_path, campaign):
    reader()
    path = tmp_path / "plan.txt"
    path.write_text(PASTED_PLAN.replace("示例市文联配合", "示例市文联、各成员单位配合"), encoding="utf-8")

    output = run(str(path), organiser=campaign.organiser.pk, region=campaign.region.code, create_units=True)

    assert Unit.objects.filter(name="示例市文联", region=campaign.region).exists()
    assert not Unit.objects.filter(name="各成员单位").exists()
    assert "各成员单位" in output  # reported as unmatched, kept in the description
