"""Demo enforcement log: one special action of the 2027 week with three inspections. Everything is invented.

The three inspections show what verification finds: a mark that checks out (the officer looked it
up: valid), a mark whose check character is wrong, and a mark that claims an invention patent while
the number's type digit says utility model. Serial numbers are above 9,000,000, beyond any year's
filings so far, so that no demo number points at a real patent; their check characters are computed
with :func:`ipweek.patents.numbers.check_character`, the wrong one deliberately shifted by one. The
third inspection opens a case found ex officio (channel “inspection”), linked to it.
"""

import datetime as dt

from django.utils import timezone

from ipweek.campaigns.models import Activity
from ipweek.casework.demo import DemoContext
from ipweek.casework.models import Inspection, SpecialAction
from ipweek.casework.services.enforcement import ItemInput, save_action, save_inspection
from ipweek.patents.numbers import check_character

ACTION_NAME = "2027年知识产权宣传周专利执法专项行动"
LEGAL_BASIS = "《中华人民共和国专利法》第六十八条、第六十九条；《中华人民共和国专利法实施细则》第九十九条、第一百零一条"
OFFICERS = [
    {"name": "吴某", "certificate": "示例执法330500101"},
    {"name": "郑某", "certificate": "示例执法330500102"},
    {"name": "冯某", "certificate": "示例执法330500103"},
]


def _number(digits: str, *, wrong: bool = False) -> str:
    check = check_character(digits)
    if wrong:
        check = "0" if check == "X" else ("X" if check == "9" else str(int(check) + 1))
    return f"ZL{digits[:4]} {digits[4]} {digits[5:]}.{check}"


def _inspections() -> list[tuple[dict, list[dict[str, str]], list[ItemInput]]]:
    valid = _number("202129123456")
    wrong_check = _number("202019234567", wrong=True)
    utility = _number("202229345678")
    tz = timezone.get_current_timezone()
    return [
        (
            {
                "inspected_at": dt.datetime(2027, 4, 21, 9, 30, tzinfo=tz),
                "location": "湖州市吴兴区示例家居市场A区12号",
                "market_kind": Inspection.MarketKind.MARKET,
                "party_name": "湖州示例家纺商行",
                "party_address": "湖州市吴兴区示例家居市场A区12号",
                "party_person": "陈某某",
                "legal_basis": "《中华人民共和国专利法》第六十八条",
                "record_ref": "示例询问〔2027〕01号",
                "outcome": Inspection.Outcome.NO_ISSUE,
                "signatures": "当事人及执法人员均已签字",
            },
            OFFICERS[:2],
            [
                ItemInput(
                    product="记忆棉枕头",
                    model="SL-60",
                    quantity=40,
                    mark_text=f"实用新型专利 专利号：{valid}",
                    claimed_type="utility_model",
                    known_status="valid",
                ),
                ItemInput(product="纯棉四件套", model="1.8米", quantity=25),
            ],
        ),
        (
            {
                "inspected_at": dt.datetime(2027, 4, 22, 14, 0, tzinfo=tz),
                "location": "湖州市示例五金城二楼",
                "market_kind": Inspection.MarketKind.STORE,
                "party_name": "湖州示例五金电器经营部",
                "party_address": "湖州市示例五金城二楼208室",
                "party_person": "沈某",
                "legal_basis": "《中华人民共和国专利法实施细则》第九十九条",
                "outcome": Inspection.Outcome.CORRECT_MARKING,
                "follow_up_due": dt.date(2027, 5, 14),
                "signatures": "当事人及执法人员均已签字",
            },
            [OFFICERS[0], OFFICERS[2]],
            [
                ItemInput(
                    product="多功能电动螺丝刀",
                    model="DL-12",
                    quantity=18,
                    mark_text=f"发明专利 {wrong_check}",
                    claimed_type="invention",
                ),
            ],
        ),
        (
            {
                "inspected_at": dt.datetime(2027, 4, 24, 10, 15, tzinfo=tz),
                "location": "湖州国际会展中心（示例家电展）",
                "market_kind": Inspection.MarketKind.TRADE_FAIR,
                "party_name": "湖州示例智能家电有限公司",
                "party_address": "湖州市南太湖新区示例路88号",
                "party_person": "钱某某",
                "legal_basis": "《中华人民共和国专利法》第六十八条、第六十九条",
                "evidence_note": "现场拍摄产品及包装照片6张，提取样品2件。",
                "record_ref": "示例询问〔2027〕03号",
                "seizure_list": "标注“中国发明专利”的便携式榨汁杯24件，封存于展位仓库。",
                "seized_count": 24,
                "outcome": Inspection.Outcome.CASE_OPENED,
                "follow_up_due": dt.date(2027, 5, 10),
                "signatures": "当事人拒绝签字，已注明",
            },
            OFFICERS,
            [
                ItemInput(
                    product="便携式榨汁杯",
                    model="JZ-300",
                    quantity=24,
                    mark_text=f"中国发明专利 专利号：{utility}",
                    claimed_type="invention",
                ),
            ],
        ),
    ]


def fill(context: DemoContext) -> None:
    """The action and its inspections, once: skipped when the action exists."""
    if SpecialAction.objects.filter(office=context.centre, name=ACTION_NAME).exists():
        return
    activity = (
        Activity.objects.filter(campaign=context.city, category=Activity.Category.ENFORCEMENT).order_by("pk").first()
    )
    action = save_action(
        office=context.centre,
        data={
            "name": ACTION_NAME,
            "starts_on": dt.date(2027, 4, 20),
            "ends_on": dt.date(2027, 4, 26),
            "legal_basis": LEGAL_BASIS,
        },
        activity=activity,
        campaign=context.city,
        actor=context.caseworker,
    )
    for data, officers, items in _inspections():
        # The trade-fair inspection found a counterfeit mark: the office opens a report on it itself.
        save_inspection(
            action=action,
            data=data,
            officers=officers,
            items=items,
            case=None,
            actor=context.caseworker,
            open_case=data["outcome"] == Inspection.Outcome.CASE_OPENED,
        )
