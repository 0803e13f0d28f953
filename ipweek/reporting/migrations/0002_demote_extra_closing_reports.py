"""Make existing reports fit "one closing report per unit per activity" before 0003 makes it a constraint.

The service always checked the rule, but two requests at the same moment could both pass the check.
Nothing is deleted: of a unit's closing reports for one activity, the one furthest along
(published, then approved, submitted, returned, draft; the oldest among equals) stays the closing
report; each other one becomes same-day news, keeps its text, figures and photos, gets a note in
its review comment and an audit event, and has its version raised so an open editor reloads.
Docs: docs/decisions/0006-reporting-rules.md. Safe to run twice: a second run finds nothing to do.
"""

from django.db import migrations
from django.db.models import Count, F

# Lower is further along; what counts in the rollup (published, approved) is kept first.
STATUS_RANK = {"published": 0, "approved": 1, "submitted": 2, "returned": 3, "draft": 4}
NOTE = (
    "【系统说明】本单位对该活动已有一份活动总结报告（编号 {kept}）。按“每个单位每项活动只有一份活动总结报告”的规则，"
    "本报告已由活动总结报告改为当日动态，内容、数据和照片均保留，不计入统计。"
)


def demote_extra_closing_reports(apps, schema_editor):
    ActivityReport = apps.get_model("reporting", "ActivityReport")
    AuditEvent = apps.get_model("core", "AuditEvent")
    groups = (
        ActivityReport.objects.filter(kind="closing")
        .values("activity_id", "unit_id")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .order_by("activity_id", "unit_id")
    )
    for group in list(groups):
        reports = list(
            ActivityReport.objects.filter(
                kind="closing", activity_id=group["activity_id"], unit_id=group["unit_id"]
            ).select_related("activity")
        )
        reports.sort(key=lambda report: (STATUS_RANK.get(report.status, len(STATUS_RANK)), report.pk))
        kept, extras = reports[0], reports[1:]
        for report in extras:
            note = NOTE.format(kept=kept.pk)
            comment = f"{report.review_comment}\n\n{note}" if report.review_comment else note
            ActivityReport.objects.filter(pk=report.pk, kind="closing").update(
                kind="news", review_comment=comment, version=F("version") + 1
            )
            AuditEvent.objects.create(
                actor=None,
                action="report.closing_demoted_to_news",
                object_type="reporting.activityreport",
                object_id=str(report.pk),
                campaign_id=report.activity.campaign_id,
                data={"kept_report_id": kept.pk, "status": report.status, "by": "migration reporting.0002"},
            )


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_audit_event"),
        ("reporting", "0001_filings_reports_figures_submissions"),
    ]

    operations = [
        migrations.RunPython(demote_extra_closing_reports, migrations.RunPython.noop),
    ]
