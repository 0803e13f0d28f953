"""Desk entries at the city's square day (广场日 / 12330 咨询台), as if a morning's queue had been synced.

Idempotent: entries carry fixed keys, so running the demo twice adds nothing. Two units staff the
desk. The lead unit's closing report is already approved in the demo, so its desk shows that its
figures were not written again — the rule a real desk meets after reporting. The co-organising
office has not reported yet: its counts land in a draft closing report, as they would on the day.
"""

import datetime as dt

from django.utils import timezone

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit
from ipweek.casework.demo import DemoContext
from ipweek.casework.models import DeskEntry
from ipweek.casework.services.desk import push_desk_figures
from ipweek.units.models import Unit

# (minutes before now, topic, IP type, outcome, note, contact) — invented.
ENTRIES = [
    (95, "application", "invention", "answered", "个人发明如何申请专利，费用减缴", ""),
    (88, "infringement", "utility_model", "follow_up", "同行仿制其实用新型产品，咨询维权途径", "13905720001"),
    (80, "counterfeit", "other", "answered", "如何识别商品上的假冒专利标识", ""),
    (74, "application", "trademark", "answered", "小微企业商标注册流程", ""),
    (66, "ecommerce", "design", "referred", "网店页面被投诉外观设计侵权", ""),
    (59, "licensing", "invention", "answered", "专利开放许可如何登记", ""),
    (51, "policy", "other", "answered", "专利资助和奖励政策", ""),
    (45, "infringement", "trademark", "follow_up", "商标被抢注，咨询异议程序", "沈女士"),
    (38, "application", "gi", "answered", "地理标志产品保护申请条件", ""),
    (30, "other", "copyright", "answered", "作品著作权登记", ""),
    (21, "counterfeit", "invention", "referred", "发现市场销售专利号已失效的产品", ""),
    (12, "application", "utility_model", "answered", "实用新型与发明的区别", ""),
]


def _square_day(context: DemoContext) -> Activity | None:
    activities = context.city.activities.exclude(status=Activity.Status.CANCELLED).order_by("position", "pk")
    return (
        activities.filter(category=Activity.Category.SQUARE_DAY).first()
        or activities.filter(title__contains="咨询").first()
        or activities.filter(title__contains="广场").first()
    )


def _desk_unit(activity: Activity, context: DemoContext) -> Unit:
    roles = {role.unit_id: role for role in activity.unit_roles.select_related("unit")}
    if context.centre.pk in roles:
        return context.centre
    lead = next((r.unit for r in roles.values() if r.role == ActivityUnit.Role.LEAD), None)
    return lead or context.centre


def _co_organiser(activity: Activity) -> Unit | None:
    role = activity.unit_roles.filter(role=ActivityUnit.Role.CO_ORGANISER).select_related("unit").first()
    return role.unit if role is not None else None


def fill(context: DemoContext) -> None:
    activity = _square_day(context)
    if activity is None:
        return
    unit = _desk_unit(activity, context)
    _record(activity, unit, ENTRIES, context.caseworker, key="demo-desk")
    push_desk_figures(activity=activity, unit=unit)
    co_organiser = _co_organiser(activity)
    if co_organiser is not None and co_organiser != unit:
        _record(activity, co_organiser, ENTRIES[::3], context.office, key="demo-desk-co")
        push_desk_figures(activity=activity, unit=co_organiser)


def _record(activity: Activity, unit: Unit, entries: list[tuple], recorder: User, *, key: str) -> None:
    now = timezone.now()
    for number, (minutes, topic, ip_type, outcome, note, contact) in enumerate(entries, start=1):
        DeskEntry.objects.get_or_create(
            client_key=f"{key}-{activity.pk}-{number:02d}",
            defaults={
                "activity": activity, "unit": unit, "topic": topic, "ip_type": ip_type, "outcome": outcome,
                "note": note, "contact": contact, "recorded_by": recorder,
                "recorded_at": now - dt.timedelta(minutes=minutes), "synced_at": now,
            },
        )  # fmt: skip
