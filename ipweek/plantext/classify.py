"""What a document is (plan, notice wrapping a plan, summary, news, other) and its campaign family.

The reasons go to ``warnings`` in Chinese, so the web import can say why it refuses to build a
campaign from a summary or a news report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .draft import Genre, Kind

_SUMMARY_TITLE = re.compile(r"总结|小结|工作情况|活动情况|开展情况|情况汇报|情况报告|工作汇报|综述|纪实")
_PLAN_TITLE = re.compile(r"方案|计划|安排|要点|议程|通知")
_NEWS_MARK = re.compile(
    r"本报讯|[报社台网]\d{0,2}月?\d{0,2}日?讯|讯\s*[(（]|[(（]\s*记者|记者\s*[\u4e00-\u9fff]{2,4}|通讯员|据悉|据了解|"
    r"日前[,，]|近日[,，]|新华社|人民网|来源[:：]\s*[\u4e00-\u9fff]{2,10}(?:报|网|台)"
)
_PAST = re.compile(
    r"开展了|举办了|举行了|取得了|发放了|组织了|召开了|参加了|接待了|受理了|印发了|开设了|播出了|出动|检查了|查处了|"
    r"圆满完成|圆满结束|顺利举行|顺利召开|圆满落幕|成功举办|反响热烈|好评|收到(?:了)?良好|现将有关情况总结|总结如下"
)
_FIGURE = re.compile(
    r"(?:共|累计|合计|总计|近|超过?|逾|约|达到?)\s*\d+(?:\.\d+)?\s*(?:余|多)?\s*[万千百]?\s*(?:余|多)?\s*"
    r"(?:份|人次|人|件|场|次|条|册|家|个|名|张|幅|期|篇|本|块|项)"
    r"|\d+(?:\.\d+)?\s*[万千百]?\s*(?:余|多)\s*(?:份|人次|人|件|场|次|条|册|家|个|名|张|幅|期|篇|本|块|项)"
    r"|数[十百千万]+\s*(?:余|多)?\s*(?:份|人次|人|件|场|次|条|名)"
)
_FUTURE = re.compile(r"将|拟|计划|方案如下|如下方案|特制定|制定本方案|现将|请各|务必|要[高认加切按及]")
_GENRES: tuple[tuple[Genre, re.Pattern[str]], ...] = (
    ("cybersecurity_week", re.compile(r"网络安全宣传周")),
    ("scitech_week", re.compile(r"科技活动周|科技周|科普活动周|科技活动月")),
    ("quality_month", re.compile(r"质量月")),
    ("ipweek", re.compile(r"知识产权宣传周|4\s*[·.]\s*26|世界知识产权日|知识产权日")),
)


@dataclass(frozen=True, slots=True)
class Classification:
    """A document kind and the reason for it (Chinese, empty for an ordinary plan)."""

    kind: Kind
    reason: str = ""


def classify(title: str | None, text: str, *, has_structure: bool, is_notice: bool) -> Classification:
    """Kind of the document from its title (key form), whole key text and whether it has plan sections."""
    title = title or ""
    head = text[:600]
    if _SUMMARY_TITLE.search(title) and not _PLAN_TITLE.search(title):
        word = _SUMMARY_TITLE.search(title)
        return Classification(
            "summary", f"按活动总结处理：标题含“{word.group() if word else '总结'}”，报告已开展的活动"
        )
    news_marks = _NEWS_MARK.findall(head)
    if len(news_marks) >= 2 and not _PLAN_TITLE.search(title):
        shown = "、".join(dict.fromkeys(mark.strip(" ,，:：(（") for mark in news_marks[:3]))
        return Classification("news", f"按新闻报道处理：含“{shown}”等新闻标记")
    past = _PAST.findall(text)
    figures = _FIGURE.findall(text)
    future = len(_FUTURE.findall(text))
    if not _PLAN_TITLE.search(title) and len(past) + len(figures) >= 4 and future <= len(past):
        shown = "、".join(dict.fromkeys([*past[:2], *figures[:2]]))
        return Classification("summary", f"按活动总结处理：多处叙述已完成的活动和统计数字（{shown}）")
    if is_notice:
        return Classification("notice_with_plan")
    if _PLAN_TITLE.search(title) or has_structure:
        return Classification("plan")
    return Classification("other", "未识别为活动方案：没有方案标题，也没有活动时间、活动安排等栏目")


def genre_of(title: str | None, text: str) -> Genre:
    """The campaign family: the title decides; otherwise the family the text names most."""
    for genre, pattern in _GENRES:
        if title and pattern.search(title):
            return genre
    counts = [(len(pattern.findall(text)), genre) for genre, pattern in _GENRES]
    best, genre = max(counts, key=lambda item: item[0])
    return genre if best > 0 else "other"
