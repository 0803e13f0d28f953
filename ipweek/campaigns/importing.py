"""Reading a PlanDraft into campaign terms: unit and region matching, times, categories, text.

These are reads and pure helpers shared by the import services (``services/importing.py``), the
staff import pages and ``ipweek import-plan``. Nothing here writes to the database.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from typing import Literal

from django.db.models import Q

from ipweek.campaigns.models import Activity
from ipweek.plantext.draft import ActivityDraft, PlanDraft
from ipweek.units.models import Region, Unit

MatchHow = Literal["exact", "normalised"]

# Kinds of document the import refuses unless the user insists (they report, they do not plan).
REPORT_KINDS = frozenset({"summary", "news"})

# Autonomous regions and SARs: the short form cannot be derived by dropping a suffix.
_PROVINCE_SHORT_NAMES = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}
# Peoples named in autonomous prefectures and counties (延边朝鲜族自治州 → 延边).
_PEOPLES = (
    "维吾尔|柯尔克孜|哈萨克|土家|布依|朝鲜|蒙古|景颇|哈尼|傈僳|纳西|拉祜|仫佬|毛南|撒拉|保安|东乡|裕固|锡伯|"
    "达斡尔|鄂温克|鄂伦春|仡佬|独龙|普米|壮|回|藏|羌|彝|苗|侗|傣|白|黎|瑶|怒|佤|水|土|满|畲|京"
)
_AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{_PEOPLES})族)+自治(?:州|县|旗)$")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟", "县", "区", "旗")
# The word a plan uses for its own level instead of the region's name: 市知识产权局, 自治区知识产权局.
_GENERIC_WORDS = {
    "省": ("省",),
    "自治区": ("自治区", "区"),
    "特别行政区": ("特区",),
    "市": ("市",),
    "自治州": ("州",),
    "地区": ("地区",),
    "盟": ("盟",),
    "县": ("县",),
    "区": ("区",),
    "旗": ("旗",),
}


# Short forms plans use for common unit names; both sides of a comparison are expanded.
_ABBREVIATIONS = (("市场监管局", "市场监督管理局"), ("市场监管总局", "市场监督管理总局"), ("中院", "中级人民法院"))


def normalise_name(name: str) -> str:
    """Full-width to half-width, no spaces, no punctuation, usual short forms spelt out:
    '南宁·中关村 ' → '南宁中关村', '市市场监管局' → '市市场监督管理局'."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(char for char in text if unicodedata.category(char)[0] not in "PZC")
    for short, full in _ABBREVIATIONS:
        text = text.replace(short, full)
    return text


def region_short_name(name: str) -> str:
    """广西壮族自治区 → 广西, 辽源市 → 辽源, 延边朝鲜族自治州 → 延边; the name itself if nothing fits."""
    if name in _PROVINCE_SHORT_NAMES:
        return _PROVINCE_SHORT_NAMES[name]
    autonomous = _AUTONOMOUS.match(name)
    if autonomous:
        return autonomous.group(1)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _generic_words(region: Region) -> tuple[str, ...]:
    for suffix in _SUFFIXES:
        if region.name.endswith(suffix):
            return _GENERIC_WORDS.get(suffix, ())
    return ()


def region_chain(region: Region | None) -> list[Region]:
    """The region and the regions above it, nearest first (none for no region)."""
    if region is None:
        return []
    chain = [region]
    while chain[-1].parent_id is not None and len(chain) < 5:
        parent = Region.objects.filter(pk=chain[-1].parent_id).first()
        if parent is None:
            break
        chain.append(parent)
    return chain


class _NameKeys:
    """The ways a unit name may be written within one region: with its region's name, short name,
    the generic word (市, 自治区) or without any of them."""

    def __init__(self, chain: list[Region]) -> None:
        self.prefixes: dict[str, int] = {}  # normalised prefix → distance up the chain (0 = the region)
        for distance, link in enumerate(chain):
            for prefix in (link.name, region_short_name(link.name), *_generic_words(link)):
                self.prefixes.setdefault(normalise_name(prefix), distance)

    def keys(self, name: str) -> set[tuple[int | None, str]]:
        """(distance, rest) for each region prefix the name starts with, and (None, whole name)."""
        whole = normalise_name(name)
        found: set[tuple[int | None, str]] = {(None, whole)}
        for prefix, distance in self.prefixes.items():
            if whole.startswith(prefix) and len(whole) - len(prefix) >= 2:
                found.add((distance, whole[len(prefix) :]))
        return found


_COLLECTIVE = re.compile(r"^(?:各|相关|有关|其他|其它|全市|全区|全省|全县|市县|县区|县市区|市县区)")


def is_collective_name(name: str) -> bool:
    """'各成员单位', '相关部门', '市县区知识产权局': a group of units, not one to create."""
    return bool(_COLLECTIVE.match(normalise_name(name)))


@dataclass(frozen=True)
class UnitMatch:
    """A unit name as the plan writes it and the unit it was matched to, if any."""

    name: str
    unit: Unit | None
    how: MatchHow | None

    @property
    def is_matched(self) -> bool:
        return self.unit is not None


def candidate_units(chain: list[Region]) -> list[Unit]:
    """Active units a plan of ``chain[0]`` may name: the region's, its sub-regions' and those above it;
    every unit when there is no region."""
    units = Unit.objects.filter(is_active=True)
    if chain:
        units = units.filter(Q(region_id__in=[link.pk for link in chain]) | Q(region__parent_id=chain[0].pk))
    return list(units.order_by("region_id", "name"))


def match_units(names: Iterable[str], *, region: Region | None) -> list[UnitMatch]:
    """Match each name to a unit: the exact name (or short name) first, then the normalised name,
    where full-width forms, spaces and punctuation do not count and a leading region name, its
    short form or the generic word (市, 省, 自治区) is optional: within 辽源市, '市科技局' and
    '科技局' are '辽源市科技局'; within 广西, '自治区知识产权局' is '广西壮族自治区知识产权局'.

    A name that fits several units equally well stays unmatched rather than guessed.
    """
    chain = region_chain(region)
    units = candidate_units(chain)
    keys = _NameKeys(chain)
    exact: dict[str, list[Unit]] = {}
    by_key: dict[tuple[int | None, str], list[Unit]] = {}
    for unit in units:
        for written in filter(None, (unit.name, unit.short_name)):
            exact.setdefault(written.strip(), []).append(unit)
            for key in keys.keys(written):
                by_key.setdefault(key, []).append(unit)
    distance = {link.pk: index for index, link in enumerate(chain)}
    return [_match_one(name, exact, by_key, keys, distance) for name in names]


def _match_one(
    name: str,
    exact: dict[str, list[Unit]],
    by_key: dict[tuple[int | None, str], list[Unit]],
    keys: _NameKeys,
    distance: dict[int, int],
) -> UnitMatch:
    def nearest(units: list[Unit]) -> Unit | None:
        # Same name in the region itself beats the region above; a tie between two units is no match.
        ranked = sorted({unit.pk: unit for unit in units}.values(), key=lambda u: distance.get(u.region_id, 9))
        if len(ranked) > 1 and distance.get(ranked[0].region_id, 9) == distance.get(ranked[1].region_id, 9):
            return None
        return ranked[0] if ranked else None

    written = name.strip()
    if written in exact:
        unit = nearest(exact[written])
        return UnitMatch(name, unit, "exact" if unit else None)
    scored: dict[int, list[Unit]] = {}
    for level, rest in keys.keys(written):
        # A key with a region (distance) must meet the same region; a bare name may be the region's own.
        candidates = by_key.get((level, rest), [])
        if level is None:
            candidates = candidates + by_key.get((0, rest), [])
        for unit in candidates:
            scored.setdefault(0 if level is None else level, []).append(unit)
    if not scored:
        return UnitMatch(name, None, None)
    unit = nearest(scored[min(scored)])
    return UnitMatch(name, unit, "normalised" if unit else None)


def match_region(name: str | None) -> Region | None:
    """The region a plan names ('辽源市', '广西'): the exact name, else a unique short name."""
    if not name:
        return None
    written = normalise_name(name)
    regions = list(Region.objects.exclude(level=Region.Level.NATION).only("pk", "name", "level", "parent_id"))
    for region in regions:
        if region.name == written:
            return region
    level_order = [Region.Level.PROVINCE, Region.Level.CITY, Region.Level.COUNTY]
    short = [region for region in regions if region_short_name(region.name) == written]
    for level in level_order:
        at_level = [region for region in short if region.level == level]
        if len(at_level) == 1:
            return at_level[0]
        if at_level:
            return None
    return None


# --- activities --------------------------------------------------------------------------------

_PERIOD = r"(凌晨|清晨|早上|早晨|上午|中午|午后|下午|傍晚|晚上|晚间|夜间|晚)?"
_HOUR = r"(\d{1,2}|[零〇一二两三四五六七八九十]{1,3})"
_TIME = re.compile(_PERIOD + r"\s*" + _HOUR + r"\s*(?:[:：∶]\s*(\d{2})|[点时](?:\s*(\d{1,2})\s*分|\s*(半))?)")
_RANGE = re.compile(r"\s*(?:-|—|–|~|～|至|到)\s*")
_AFTERNOON = {"午后", "下午", "傍晚", "晚上", "晚间", "夜间", "晚"}
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _small_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _ten, ones = text.partition("十")
        if (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS.get(text) if len(text) == 1 else None


def _time_from(match: re.Match[str], inherited_period: str | None) -> tuple[dt.time | None, str | None]:
    period = match.group(1) or inherited_period
    hour = _small_number(match.group(2))
    minute_text = match.group(3) or match.group(4)
    minute = 30 if match.group(5) else int(minute_text) if minute_text else 0
    if hour is None:
        return None, period
    is_afternoon = period in _AFTERNOON or (period == "中午" and hour < 3)
    if is_afternoon and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None, period
    return dt.time(hour, minute), period


def parse_time(text: str | None) -> tuple[dt.time | None, dt.time | None]:
    """The start (and end) time in a phrase: '9:30' → 9:30, '上午9点' → 9:00, '下午3:00' → 15:00,
    '晚7:30' → 19:30, '下午2点至4点半' → 14:00 and 16:30."""
    if not text:
        return None, None
    match = _TIME.search(text)
    if match is None:
        return None, None
    start, period = _time_from(match, None)
    end = None
    joiner = _RANGE.match(text, match.end())
    if start is not None and joiner:
        second = _TIME.match(text, joiner.end())
        if second:
            end, _period = _time_from(second, period)
            if end is not None and end < start:
                end = None
    return start, end


_CATEGORY_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("启动",), Activity.Category.LAUNCH_CEREMONY),
    (("新闻发布", "通气会"), Activity.Category.PRESS_BRIEFING),
    (("进校园", "进学校"), Activity.Category.OUTREACH_SCHOOLS),
    (("进企业",), Activity.Category.OUTREACH_ENTERPRISES),
    (("进社区",), Activity.Category.OUTREACH_COMMUNITIES),
    (("进机关",), Activity.Category.OUTREACH_AGENCIES),
    (("进商场", "进市场"), Activity.Category.OUTREACH_MALLS),
    (("进乡镇", "进乡村", "进农村"), Activity.Category.OUTREACH_TOWNSHIPS),
    (("培训",), Activity.Category.TRAINING),
    (("广场", "咨询"), Activity.Category.SQUARE_DAY),
    (("执法",), Activity.Category.ENFORCEMENT),
    (("电商", "电子商务"), Activity.Category.ECOMMERCE),
    (("网上展", "专利展"), Activity.Category.PATENT_EXHIBITION),
    (("发布",), Activity.Category.REPORT_RELEASE),
    (("晚会", "文艺"), Activity.Category.GALA),
    (("竞赛",), Activity.Category.CONTEST),
    (("媒体", "宣传片", "专题"), Activity.Category.MEDIA_CAMPAIGN),
)


def guess_category(title: str) -> str:
    """The activity's category from words in its title (启动 → launch ceremony …); ``other`` if none fits.

    More specific words come first: 新闻发布 is a press briefing before 发布 is a report release.
    """
    for words, category in _CATEGORY_WORDS:
        if any(word in title for word in words):
            return category
    return Activity.Category.OTHER


def iso_date(value: str | None, *, year: int | None = None) -> dt.date | None:
    """An ISO date from the draft, or None when absent, malformed or (given ``year``) in another year."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if year is None or day.year == year else None


def paragraphs_html(text: str) -> str:
    """Plain text as escaped ``<p>`` paragraphs, one per non-blank line."""
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def walk_activities(activities: Iterable[ActivityDraft], depth: int = 0) -> Iterator[tuple[ActivityDraft, int]]:
    """Every activity depth first with its depth; the numbering the preview and the errors share."""
    for activity in activities:
        yield activity, depth
        yield from walk_activities(activity.children, depth + 1)


def unit_names_in(draft: PlanDraft) -> list[str]:
    """Every lead and supporting unit name in the draft, once each, in order of appearance."""
    names: dict[str, None] = {}
    for activity, _depth in walk_activities(draft.activities):
        for name in [*activity.lead_units, *activity.support_units]:
            if name.strip():
                names.setdefault(name.strip(), None)
    return list(names)


def support_unit_names_in(draft: PlanDraft) -> set[str]:
    return {name.strip() for activity, _depth in walk_activities(draft.activities) for name in activity.support_units}


def activity_count(draft: PlanDraft) -> int:
    return sum(1 for _pair in walk_activities(draft.activities))
