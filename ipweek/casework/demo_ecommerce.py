"""Demo requests of the e-commerce fast track, one in each interesting state. Shops, people and numbers are invented.

Safe to run twice: each request has a fixed idempotency key, and the steps run only when it is new.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ipweek.casework.demo import DemoContext
from ipweek.casework.models import Case, CaseEvent, EcommerceRequest
from ipweek.casework.services import ecommerce as services
from ipweek.patents.numbers import check_character


def _patent(digits: str) -> str:
    return f"ZL{digits}.{check_character(digits)}"


@dataclass(frozen=True)
class DemoRequest:
    key: str
    days_ago: int
    shop: str
    listing: str
    patent: str
    right_holder: str
    contact: str
    phone: str
    facts: str
    opinion: str = ""
    measure: str = ""
    counter_notice_days_ago: int | None = None
    final: str = ""


REQUESTS = [
    DemoRequest(
        "demo-ecommerce-1",
        1,
        "织梦家纺旗舰店",
        "20231",
        _patent("202320123456"),
        "湖州示例纺织科技有限公司",
        "沈经理",
        "13700001234",
        "权利人通知称：该店铺销售的“双层透气凉席”结构与其实用新型专利权利要求1相同，附商品截图与技术特征比对表。",
    ),
    DemoRequest(
        "demo-ecommerce-2",
        6,
        "云裳童装专营店",
        "30987",
        _patent("202330567890"),
        "示例服饰设计有限公司",
        "陆女士",
        "13900005678",
        "权利人通知称：该店铺的儿童外套与其外观设计专利图片整体视觉效果无实质性差异。",
        opinion=EcommerceRequest.Opinion.INFRINGING,
        measure=EcommerceRequest.Measure.DELETE,
    ),
    DemoRequest(
        "demo-ecommerce-3",
        12,
        "绿野户外用品店",
        "45120",
        _patent("201910234567"),
        "示例户外装备股份有限公司",
        "钱先生",
        "13600002468",
        "权利人通知称：该店铺的折叠帐篷支架使用其发明专利的连接结构；卖家表示已有在先设计。",
        opinion=EcommerceRequest.Opinion.CANNOT_DETERMINE,
        measure=EcommerceRequest.Measure.BLOCK,
        counter_notice_days_ago=4,
    ),
    DemoRequest(
        "demo-ecommerce-4",
        34,
        "晨光文具小铺",
        "51876",
        _patent("202020345678"),
        "示例文教用品有限公司",
        "吴女士",
        "13500009753",
        "权利人通知称：该店铺的按压式笔盒与其实用新型专利相同；卖家提交不侵权声明及购货凭证。",
        opinion=EcommerceRequest.Opinion.NOT_INFRINGING,
        measure=EcommerceRequest.Measure.DISCONNECT,
        counter_notice_days_ago=22,
        final=EcommerceRequest.Final.RESTORED,
    ),
]


def fill(context: DemoContext) -> None:
    platform = context.platform
    actor = platform.user
    if actor is None:
        return
    now = timezone.now()
    for spec in REQUESTS:
        received = now - dt.timedelta(days=spec.days_ago)
        data = {
            "shop_name": spec.shop,
            "listing_url": f"https://shop.example.com/item/{spec.listing}",
            "patent_number": spec.patent,
            "right_holder": spec.right_holder,
            "contact_name": spec.contact,
            "contact_phone": spec.phone,
            "facts": spec.facts,
            "request": "请就被控商品是否落入专利权保护范围出具意见。",
        }
        result = services.submit_request(
            platform=platform, actor=actor, data=data, idempotency_key=spec.key, received_at=received
        )
        if result.created:
            _play(context, result.request, spec, received)


def _play(context: DemoContext, item: EcommerceRequest, spec: DemoRequest, received: dt.datetime) -> None:
    """Run the steps through the services, then move their moments back to fit the story."""
    actor = context.platform.user
    assert actor is not None  # noqa: S101 - checked by fill()
    if spec.opinion:
        item = services.issue_opinion(
            request=item, actor=context.caseworker, opinion=spec.opinion, reasons=_REASONS[spec.opinion]
        )
        _move(item, "decide", received + dt.timedelta(days=1), opinion_at=True)
    if spec.measure:
        item = services.record_measure(request=item, actor=actor, measure=spec.measure)
        _move(item, "platform_measure", received + dt.timedelta(days=2), measure_at=True)
    if spec.counter_notice_days_ago is not None:
        day = timezone.localdate() - dt.timedelta(days=spec.counter_notice_days_ago)
        item = services.record_counter_notice(request=item, actor=actor, at=day)
        CaseEvent.objects.filter(case=item.case, action="counter_notice").update(at=item.counter_notice_at)
    if spec.final:
        item = services.finalise(request=item, actor=actor, final=spec.final)
        services.close_request(request=item, actor=context.caseworker)


def _move(item: EcommerceRequest, action: str, moment: dt.datetime, **fields: bool) -> None:
    EcommerceRequest.objects.filter(pk=item.pk).update(**dict.fromkeys(fields, moment))
    CaseEvent.objects.filter(case=item.case, action=action).update(at=moment)
    if action == "decide":
        Case.objects.filter(pk=item.case_id).update(decided_at=moment)
    item.refresh_from_db()


_REASONS: dict[str, str] = {
    EcommerceRequest.Opinion.INFRINGING: "经比对，被控商品的整体视觉效果与外观设计专利无实质性差异，初步判定构成侵权。",
    EcommerceRequest.Opinion.NOT_INFRINGING: "被控商品缺少权利要求1中的“弹性卡扣”技术特征，初步判定不构成侵权。",
    EcommerceRequest.Opinion.CANNOT_DETERMINE: (
        "被控商品的连接结构需实物检验，且卖家主张现有技术抗辩，无法在快速程序中判定。"
    ),
}
