"""Benchmark: reading plan text into a PlanDraft, against merely splitting the text into stripped lines.

Pure Python, like ``ipweek.plantext`` itself: no Django, no database.

1. Parse time per 10,000 characters on the two seed plans (../shared/seeds; the reader's own
   samples when the seeds are absent): the median of 20 runs per text.
2. Throughput on a batch of 1,000 generated plans (2–6 KB each, random regions, years, date
   phrases, unit names, numbering styles and noise lines): plans per second and MB per second.
3. Baseline, measured in the same run on the same texts: splitting into lines and stripping them.

    .venv/bin/python bench/bench_plantext.py
"""

import csv
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
SAMPLES = REPO / "ipweek" / "plantext" / "tests" / "samples"
REGIONS_CSV = REPO / "ipweek" / "units" / "data" / "regions.csv"
ROUNDS = 20
BATCH = 1000
TARGET_MS_PER_10K = 50

sys.path.insert(0, str(REPO))

try:
    from ipweek.plantext import parse_plan
except ImportError as error:
    sys.exit(f"bench_plantext: ipweek.plantext.parse_plan cannot be imported ({error}); the reader is not there yet.")


def single_texts() -> tuple[str, list[str]]:
    """The seed plans, or the reader's samples when the seeds are not checked out beside the repo."""
    for source, pattern in ((SEEDS, "*.txt"), (SAMPLES, "*.txt")):
        paths = sorted(source.glob(pattern)) if source.is_dir() else []
        if paths:
            return str(source), [path.read_text(encoding="utf-8") for path in paths]
    sys.exit(f"bench_plantext: no texts in {SEEDS} or {SAMPLES}.")


def median_seconds(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    """Median wall time of ``rounds`` calls, after one warm-up call."""
    action()
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def split_and_strip(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


# --- generated plans ---------------------------------------------------------------------------

UNIT_KINDS = [
    "知识产权局", "市场监督管理局", "科技局", "教育局", "公安局", "文化广电和旅游局", "商务局", "司法局",
    "中级人民法院", "人民检察院", "海关", "科协", "总工会", "团委", "妇联", "融媒体中心", "日报社", "贸促会",
]  # fmt: skip
TITLES = [
    "举办知识产权宣传周启动仪式", "开展知识产权宣传服务广场日活动", "开展专利行政执法专项行动",
    "举办企业知识产权培训班", "开展知识产权进校园活动", "开展知识产权进企业活动", "开展知识产权进社区活动",
    "发布知识产权保护状况白皮书", "召开宣传周新闻发布会", "举办网上专利展", "开展电子商务领域知识产权保护行动",
    "举办知识产权知识竞赛", "开展知识产权媒体宣传活动", "举办“创新改变生活”文艺晚会", "开展打击侵权假冒宣传活动",
    "开展知识产权进乡镇活动",
]  # fmt: skip
THEMES = ["倡导创新文化 尊重知识产权", "创新创造改变生活  知识产权竞争未来", "全面开启知识产权强国建设新征程"]
DETAILS = [
    "通过网站、微信公众号、LED屏等渠道广泛宣传，现场设立咨询台，解答群众关于专利、商标、版权的问题。",
    "活动邀请企业代表、高校师生和群众参加，预计发放宣传资料2000余份，接受咨询300余人次。",
    "活动结束后，各单位要及时总结经验做法，将活动信息和图片报送至组委会办公室。",
    "重点宣传知识产权保护的政策措施和典型案例，引导企业增强自主创新和依法维权意识。",
]
CN_NUMBERS = "一二三四五六七八九十"
SECTION_HEADINGS = [
    ("指导思想", "深入贯彻落实新发展理念，广泛宣传知识产权工作的决策部署，营造良好舆论氛围。"),
    ("活动时间", None),
    ("活动主题", None),
    ("宣传重点", "（一）宣传知识产权法律法规和基本知识。\n（二）宣传知识产权保护的典型案例。"),
    ("活动安排", None),
    ("工作要求", "（一）加强组织领导。\n各单位要高度重视，明确责任。\n（二）注重宣传实效。"),
]
NOISE = [
    "第 {n} 页 共 8 页",
    "返回顶部",
    "分享到：微信 微博 QQ空间",
    "来源：{region}人民政府网  点击数：{n}",
    "@@",
    "？？？？",
    "【打印本页】【关闭窗口】",
    "本文档由用户上传，仅供学习交流",
    "- {n} -",
    "上一篇：关于做好科技活动周的通知",
]


def region_names() -> list[str]:
    with REGIONS_CSV.open(encoding="utf-8", newline="") as rows:
        return [row["name"] for row in csv.DictReader(rows) if row["level"] in {"province", "city"}]


def date_phrase(rng: random.Random, year: int) -> str:
    day = rng.randint(19, 26)
    return rng.choice([
        f"4月{day}日", f"{year}年4月{day}日", f"4月{day}日（暂定）上午9:30", f"4月{day}日下午3点", "宣传周期间",
        f"4月{day}日至{day + 1}日", f"4月{day}日—{day + 2}日", "4•26世界知识产权日当天", "适时", f"4月{day}日晚7:30",
    ])  # fmt: skip


def unit(rng: random.Random, region: str) -> str:
    return rng.choice([region, "市", ""]) + rng.choice(UNIT_KINDS)


def numbered(style: str, index: int) -> str:
    cn = CN_NUMBERS[index % 10]
    styles = {
        "none": "",
        "cn": f"{cn}、",
        "paren": f"（{cn}）",
        "arabic": f"{index + 1}.",
        "fancy": chr(0x2488 + index % 20),  # ⒈ ⒉ …
        "arabic_comma": f"{index + 1}、",
    }
    return styles[style]


def activity_lines(rng: random.Random, region: str, year: int, index: int, style: str) -> list[str]:
    title = rng.choice(TITLES)
    lead, support = unit(rng, region), "、".join(unit(rng, region) for _ in range(rng.randint(0, 3)))
    venue = rng.choice(["市民广场", f"{region}科技馆", "市图书馆报告厅", "东方广场", ""])
    when, place, helpers = date_phrase(rng, year), venue or "各县区", support or "各成员单位"
    body = rng.choice(
        [
            f"{when}，由{lead}牵头，{helpers}配合，在{place}举办{title[2:]}。",
            f"{when}，{lead}将联合{support or '有关部门'}开展{title[2:]}，现场发放宣传资料。",
            f"时间：{when}\n地点：{venue or '另行通知'}\n主办单位：{lead}\n承办单位：{support or lead}",
            f"{when}，{title}。（责任单位：{lead}{'、' + support if support else ''}）",
        ]
    )
    extra = ["一是组织专题培训；二是开展现场咨询；三是发放宣传资料。"] if rng.random() < 0.3 else []
    details = rng.sample(DETAILS, rng.randint(0, 2))
    return [numbered(style, index) + title, *body.split("\n"), *details, *extra]


def generated_plan(rng: random.Random, regions: list[str]) -> str:
    region, year = rng.choice(regions), rng.randint(2009, 2030)
    heading_style = rng.choice(["cn", "cn", "none"])  # a third of the plans have unnumbered headings
    item_style = rng.choice(["paren", "arabic", "fancy", "arabic_comma"])
    lines = [f"{year}年{region}知识产权宣传周活动方案", ""]
    lines.append(f"为加强知识产权宣传普及，提升全社会知识产权意识，结合{region}实际，制定本方案。")
    for position, (heading, text) in enumerate(SECTION_HEADINGS):
        lines.append(numbered(heading_style, position) + heading)
        if heading == "活动时间":
            lines.append(f"{year}年4月20日至26日")
        elif heading == "活动主题":
            lines.append(rng.choice(THEMES))
        elif heading == "活动安排":
            for index in range(rng.randint(4, 15)):
                lines += activity_lines(rng, region, year, index, item_style)
        else:
            lines += (text or "").split("\n")
        if rng.random() < 0.4:
            lines.append(rng.choice(NOISE).format(n=rng.randint(1, 999), region=region))
    lines += ["", f"{region}知识产权局", f"{year}年4月{rng.randint(1, 15)}日"]
    if rng.random() < 0.3:
        lines = [line.replace("，", ",").replace("：", ":").replace("（", "(").replace("）", ")") for line in lines]
    return "\n".join(line.replace(" ", "\u3000") if rng.random() < 0.05 else line for line in lines)


def main() -> None:
    source, texts = single_texts()
    chars = sum(len(text) for text in texts)
    parse_s = sum(median_seconds(lambda text=text: parse_plan(text)) for text in texts)
    split_s = sum(median_seconds(lambda text=text: split_and_strip(text)) for text in texts)
    rng, regions = random.Random(2027), region_names()  # noqa: S311 - repeatable test data, not secrets
    batch = [generated_plan(rng, regions) for _ in range(BATCH)]
    batch_bytes = sum(len(text.encode("utf-8")) for text in batch)
    started = time.perf_counter()
    for text in batch:
        parse_plan(text)
    batch_s = time.perf_counter() - started
    ms_per_10k = parse_s * 1000 / chars * 10_000
    baseline_ms_per_10k = split_s * 1000 / chars * 10_000
    result = {
        "bench": "plantext",
        "ms_per_10k_chars": round(ms_per_10k, 3),
        "target_ms_per_10k": TARGET_MS_PER_10K,
        "batch_plans": BATCH,
        "plans_per_s": round(BATCH / batch_s, 1),
        "mb_per_s": round(batch_bytes / 1e6 / batch_s, 3),
        "baseline_ms_per_10k": round(baseline_ms_per_10k, 4),
        "ratio": round(ms_per_10k / baseline_ms_per_10k, 1),
        "texts": f"{len(texts)} from {Path(source).name}",
        "batch_kb_per_plan": round(batch_bytes / BATCH / 1024, 1),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
