"""Demo cases at the city's protection centre: the campaign week's intake and a working queue around today.

The April 2027 cases came in during the campaign week and wait for acceptance; the others were
received in the last weeks, so the dashboard has something due soon, something overdue, a transfer
awaiting its result and a closed case. Every person, shop and number here is invented. Safe to run
twice: each case has a fixed idempotency key, and steps run only when the case is new.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ipweek.casework.demo import DemoContext
from ipweek.casework.models import Case, Transfer
from ipweek.casework.services.intake import submit_case
from ipweek.casework.services.transfers import record_receipt, transfer_case
from ipweek.casework.services.workflow import apply_step
from ipweek.core.workdays import is_working_day

K, C = Case.Kind, Case.Channel


@dataclass(frozen=True)
class DemoCase:
    key: str
    kind: str
    channel: str
    received: Callable[[], dt.datetime]
    data: dict[str, Any]
    steps: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    at_activity: bool = False


def _on(year: int, month: int, day: int, hour: int = 10) -> Callable[[], dt.datetime]:
    return lambda: timezone.make_aware(dt.datetime(year, month, day, hour, 0))


def _working_days_ago(days: int, hour: int = 10) -> Callable[[], dt.datetime]:
    def received() -> dt.datetime:
        day, counted = timezone.localdate(), 0
        while counted < days:
            day -= dt.timedelta(days=1)
            counted += is_working_day(day)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))

    return received


def _person(name: str, phone: str, address: str) -> dict[str, str]:
    return {"complainant_name": name, "complainant_phone": phone, "complainant_address": address}


CASES = [
    DemoCase(
        "demo-case-01", K.CONSULTATION, C.DESK, _on(2027, 4, 20, 10),
        {"subject": "实用新型专利申请需要准备哪些材料", "ip_type": "utility_model", "is_real_name": False},
        at_activity=True,
    ),
    DemoCase(
        "demo-case-02", K.COMPLAINT, C.WEB, _on(2027, 4, 22, 15),
        {
            "subject": "网店销售的竹制砧板仿冒外观设计专利", "ip_type": "design",
            **_person("林晓雨", "13800000101", "湖州市吴兴区示例路1号"),
            "respondent_name": "示例竹木制品网店", "respondent_address": "湖州市安吉县示例镇",
            "facts": "该网店销售的砧板外观与本人外观设计专利产品几乎相同。", "request": "请求调解并责令停止销售。",
            "consents_to_mediation": True,
        },
    ),
    DemoCase(
        "demo-case-03", K.REPORT, C.HOTLINE, _on(2027, 4, 24, 9),
        {
            "subject": "商场在售电热水壶标注已失效专利号", "ip_type": "utility_model",
            **_person("何建国", "13800000102", "湖州市南浔区示例街8号"),
            "respondent_name": "示例家电经营部", "facts": "包装上标注的专利号经查询已于去年终止。",
        },
    ),
    DemoCase(
        "demo-case-04", K.COMPLAINT, C.HOTLINE, _working_days_ago(8),
        {
            "subject": "丝绸围巾图案被他人擅自使用", "ip_type": "copyright",
            **_person("沈雨桐", "13800000103", "湖州市吴兴区示例巷3号"),
            "respondent_name": "示例丝绸商行", "respondent_address": "湖州市吴兴区示例市场",
            "facts": "该商行销售的围巾使用了本人创作的图案。", "request": "请求责令停止侵权。",
        },
    ),
    DemoCase(
        "demo-case-05", K.COMPLAINT, C.LETTER, _working_days_ago(12),
        {
            "subject": "童车产品涉嫌侵犯实用新型专利", "ip_type": "utility_model",
            "complainant_kind": "organisation",
            **_person("示例童车有限公司", "13800000104", "湖州市长兴县示例工业园"),
            "respondent_name": "示例童车配件厂", "respondent_address": "湖州市长兴县示例路66号",
            "facts": "对方生产的折叠机构与我司专利权利要求1的技术特征相同。", "request": "请求调解，赔偿损失。",
            "consents_to_mediation": True,
        },
        [("accept", {}), ("assign", {"handler": True}), ("mediate", {})],
    ),
    DemoCase(
        "demo-case-06", K.REPORT, C.LETTER, _working_days_ago(20),
        {
            "subject": "批发市场销售假冒注册商标的茶叶", "ip_type": "trademark",
            **_person("钱思远", "13800000105", "湖州市德清县示例路2号"),
            "respondent_name": "示例茶叶批发部", "facts": "该店销售的茶叶包装使用他人注册商标。",
        },
        [("accept", {}), ("transfer", {}), ("receipt", {})],
    ),
    DemoCase(
        "demo-case-07", K.DISPUTE, C.DESK, _working_days_ago(30),
        {
            "subject": "电动工具外观设计专利侵权纠纷", "ip_type": "design",
            "complainant_kind": "organisation",
            **_person("示例工具股份有限公司", "13800000106", "湖州市南太湖新区示例大道9号"),
            "respondent_name": "示例五金商店", "respondent_address": "湖州市吴兴区示例五金城",
            "right_number": "ZL202330123456.7", "facts": "对方销售的电钻外观与我司外观设计专利相近似。",
            "request": "请求责令停止销售。", "place_of_infringement": "湖州市吴兴区", "consents_to_mediation": True,
        },
        [
            ("accept", {}), ("assign", {"handler": True}), ("mediate", {}),
            ("decide", {"outcome": "mediated", "note": "双方达成调解协议，对方下架相关产品。"}), ("close", {}),
        ],
    ),
    DemoCase(
        "demo-case-08", K.CONSULTATION, C.HOTLINE, _working_days_ago(4),
        {"subject": "商标被抢注后如何维权", "ip_type": "trademark", **_person("周可欣", "13800000107", "")},
    ),
    DemoCase(
        "demo-case-09", K.ASSISTANCE, C.HOTLINE, _working_days_ago(1),
        {
            "subject": "小微企业申请维权援助", "ip_type": "invention",
            **_person("吴志成", "13800000108", "湖州市安吉县示例路5号"),
            "facts": "我司发明专利产品被仿制，希望获得侵权判定参考意见。", "request": "申请维权援助。",
        },
        [("request_material", {"note": "请补充专利证书复印件和侵权产品照片。"})],
    ),
]  # fmt: skip


def fill(context: DemoContext) -> None:
    activity = context.city.activities.filter(start_date=dt.date(2027, 4, 20)).order_by("pk").first()
    for demo in CASES:
        result = submit_case(
            office=context.centre,
            kind=demo.kind,
            channel=demo.channel,
            data=demo.data,
            idempotency_key=demo.key,
            campaign=context.city,
            activity=activity if demo.at_activity else None,
            actor=context.caseworker,
            received_at=demo.received(),
        )
        if result.created:
            _run_steps(result.case, demo.steps, context)


def _run_steps(case: Case, steps: list[tuple[str, dict[str, Any]]], context: DemoContext) -> None:
    actor = context.caseworker
    for name, options in steps:
        if name == "transfer":
            transfer_case(
                case=case,
                actor=actor,
                body_kind=Transfer.Body.MARKET_REGULATION,
                body_name="湖州市市场监督管理局",
                note="涉嫌商标侵权，移送市场监管部门查处。",
            )
        elif name == "receipt":
            transfer = case.transfers.get()
            record_receipt(transfer=transfer, actor=actor, receipt=Transfer.Receipt.ACCEPTED)
        else:
            handler = actor if options.get("handler") else None
            note, outcome = options.get("note", ""), options.get("outcome", "")
            case = apply_step(case=case, step_name=name, actor=actor, note=note, outcome=outcome, handler=handler)
