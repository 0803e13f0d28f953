"""Time limits of casework (FACTS.md §3), counted in working days unless a rule says calendar days.

``DEFAULT_RULES`` holds the statutory or customary defaults; an admin overrides one by adding a
:class:`~ipweek.casework.models.DeadlineRule` row with the same key.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ipweek.casework.models import Case, DeadlineRule
from ipweek.core.workdays import add_working_days, is_working_day


@dataclass(frozen=True)
class Rule:
    key: str
    label: str | Promise
    days: int
    working_days: bool = True
    source: str = ""

    def due(self, start: dt.date) -> dt.date:
        if self.working_days:
            return add_working_days(start, self.days)
        # A period in days that ends on a public holiday ends on the next working day (Civil Code art. 203).
        end = start + dt.timedelta(days=self.days)
        while not is_working_day(end):
            end += dt.timedelta(days=1)
        return end

    def describe(self) -> str:
        unit = _("working days") if self.working_days else _("days")
        return f"{self.days} {unit}"


_MEASURES = "市场监督管理投诉举报处理暂行办法"
_ENFORCEMENT = "专利行政执法办法"
DEFAULT_RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in [
        Rule("consultation.answer", _("Answer a consultation"), 5, source="office practice"),
        Rule("complaint.accept", _("Decide whether to accept a complaint"), 7, source=f"{_MEASURES} art. 14"),
        Rule("complaint.mediation", _("Mediate a complaint"), 45, source=f"{_MEASURES} art. 22"),
        Rule("report.open", _("Open a case on a counterfeit-patent report"), 10, source=f"{_ENFORCEMENT} art. 28"),
        Rule(
            "report.open_ex_officio",
            _("Open a case on a counterfeit patent found ex officio"),
            5,
            source=f"{_ENFORCEMENT} art. 28",
        ),
        Rule("report.notify", _("Tell a named reporter whether a case was opened"), 5, source=f"{_MEASURES} art. 31"),
        Rule("assistance.review", _("Review an assistance request"), 15, source="知识产权维权援助工作指引"),
        Rule(
            "dispute.accept", _("Decide whether to accept a dispute request"), 5, source="专利侵权纠纷行政裁决办案指南"
        ),
        Rule("dispute.decide", _("Close an infringement dispute"), 90, working_days=False, source=_ENFORCEMENT),
        Rule("ecommerce.opinion", _("Issue an e-commerce opinion"), 2, source="电商领域专利侵权快速处理"),
        Rule(
            "ecommerce.window",
            _("Wait for a complaint or suit after a seller's declaration"),
            15,
            working_days=False,
            source="电子商务法 art. 43",
        ),
        Rule("more_material.reply", _("Send the missing material"), 7, source="维权援助补正通知"),
        Rule(
            "investigation.decide",
            _("Decide after investigation"),
            90,
            working_days=False,
            source="市场监督管理行政处罚程序规定 art. 64",
        ),
        Rule("transfer.receipt", _("Receiving body returns its receipt"), 15, source="local transfer rule"),
        Rule(
            "transfer.result",
            _("Receiving body reports its result"),
            90,
            working_days=False,
            source="local transfer rule",
        ),
        Rule("notify.result", _("Tell the complainant of a result"), 5, source="local transfer rule"),
    ]
}

ACCEPTANCE_RULE: dict[str, str] = {
    Case.Kind.CONSULTATION: "consultation.answer",
    Case.Kind.COMPLAINT: "complaint.accept",
    Case.Kind.REPORT: "report.open",
    Case.Kind.ASSISTANCE: "assistance.review",
    Case.Kind.DISPUTE: "dispute.accept",
    Case.Kind.ECOMMERCE: "ecommerce.opinion",
}

# A case the office found itself (依职权发现, e.g. during an inspection) has its own, shorter limit:
# 专利行政执法办法 art. 28 gives 5 working days from discovery instead of 10 from a report.
EX_OFFICIO_RULE: dict[str, str] = {Case.Kind.REPORT: "report.open_ex_officio"}
EX_OFFICIO_CHANNELS = frozenset({Case.Channel.INSPECTION})


_CACHE_KEY = "casework:deadline-overrides:v1"


def _overrides() -> dict[str, Rule]:
    """An admin's overrides (cached; cleared whenever a DeadlineRule row changes)."""
    table = cache.get(_CACHE_KEY)
    if table is None:
        table = {
            row.key: Rule(row.key, row.label, row.days, row.working_days, row.source)
            for row in DeadlineRule.objects.all()
        }
        cache.set(_CACHE_KEY, table, 3600)
    return table


def _clear_overrides(**_kwargs: object) -> None:
    cache.delete(_CACHE_KEY)


post_save.connect(_clear_overrides, sender=DeadlineRule, dispatch_uid="casework-deadline-rule-saved")
post_delete.connect(_clear_overrides, sender=DeadlineRule, dispatch_uid="casework-deadline-rule-deleted")


def rule(key: str) -> Rule:
    """The rule for ``key``, with an admin's override applied."""
    return _overrides().get(key) or DEFAULT_RULES[key]


def due(key: str, start: dt.date) -> dt.date:
    return rule(key).due(start)


def acceptance_rule_key(kind: str, channel: str = "") -> str:
    """The key of the first time limit of a case of ``kind`` that came in through ``channel``."""
    if channel in EX_OFFICIO_CHANNELS and kind in EX_OFFICIO_RULE:
        return EX_OFFICIO_RULE[kind]
    return ACCEPTANCE_RULE[kind]


def acceptance_rule(kind: str, channel: str = "") -> Rule:
    """The first time limit of a new case: per kind, shorter for a report the office found itself."""
    return rule(acceptance_rule_key(kind, channel))
