"""Lines that are not part of the plan: page markers, site chrome, portal metadata, spam, junk.

Such lines go to ``unparsed`` (kept, never dropped). Portal metadata lines are also read for the
document number, issuer and date (see meta.py).
"""

from __future__ import annotations

import re

from .normalise import CJK_CLASS, Line

PAGE = "page"
CHROME = "chrome"
META = "meta"
SPAM = "spam"
JUNK = "junk"

_PAGE_MARKER = re.compile(
    r"(?:第\d{1,4}页(?:[,/]?共\d{1,4}页)?|共\d{1,4}页[,/]?第\d{1,4}页|[-一_]+\d{1,4}[-一_]+|\d{1,4}/\d{1,4}"
    r"|page\d{1,4}(?:of\d{1,4})?|\d{1,3}|·\d{1,4}·|\[\d{1,4}\])",
    re.IGNORECASE,
)
_STRONG_CHROME = re.compile(
    r"版权所有|copyright|©|icp备|icp证|公网安备|网安备|技术支持[:：]|免责声明|本文档由|文档贡献者|仅供学习交流|"
    r"仅供参考|如有侵权|联系删除|小编|希望(?:能够|可以)?(?:对您|对你|对大家|帮助到)|下载本文档|"
    r"^[【\[]?(?:相关(?:文档|推荐|文章|新闻|阅读|链接)|推荐阅读|热门文章|猜你喜欢)|本文地址|原文地址|原文链接|本文链接|文章来源[:：]|"
    r"本文来源|转载请注明|当前位置|您的位置|所在位置|首页\s*>|>\s*首页|上一篇|下一篇|返回顶部|返回列表|打印本页|"
    r"关闭窗口|【打印】|【关闭】|(?:字号|字体)[:：]?\s*[【\[]?大|分享到|扫一扫|浏览次数|阅读次数|点击数|点击量|访问量|"
    r"浏览量|责任编辑|欢迎您|欢迎光临|powered by|discuz|本帖最后由|回复\s*引用|维基文库|自由的图书馆|跳到导航|跳到搜索|"
    r"姊妹计划|本作品(?:属于|在)|公有领域|取自\"?https?:|本页面最后编辑|^分类[:：].*\|",
    re.IGNORECASE,
)
_WEAK_CHROME_TOKEN = re.compile(
    r"(?:来源|作者|发布时间|发布日期|更新时间|上传者|上传时间|页数|下载|阅读|浏览|点击|字号|编辑)\s*[:：\s]"
    r"|时间[:：]\s*\d{4}-\d{1,2}-\d{1,2}"
)
_BREADCRUMB = re.compile(r"(?:[^>›»]{1,15}\s*[>›»]\s*){2,}[^>›»]{1,20}")
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|wps|txt|html?|xlsx?|pptx?)$", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_META = re.compile(
    r"(?:索引号|信息索引号|发布机构|发文机关|发布单位|生成日期|成文日期|发文日期|主题分类|体裁分类|组配分类|服务对象分类|"
    r"公开方式|公开范围|公开时限|有效性|发文字号|信息名称|关键词|主题词|信息分类|内容概述|效力状态|所属机构|公开属性|"
    r"统一编号)\s*[:：]"
)
_SPAM = re.compile(
    r"赌场|赌博|博彩|娱乐城|娱乐官网|娱乐平台|真人娱乐|百家乐|老虎机|六合彩|时时彩|北京赛车|pk10|彩金|首存|提款|菠菜|"
    r"威尼斯人|太阳城|葡京|澳门金沙|皇冠体育|体育投注|开元棋牌|棋牌游戏|电子游艺|注册即送|注册送|日赚|精准计划|现金网|"
    r"网赌|在线投注|下注",
    re.IGNORECASE,
)
_CJK = re.compile(f"[{CJK_CLASS}]")
_WORDY = re.compile(rf"[{CJK_CLASS}A-Za-z0-9]")
_PLACEHOLDER_MARK = re.compile(r"[×□○]{2,}")  # a template's blank to fill in (××××), not junk
_JUNK_SYMBOL = re.compile(r"[$^&*#|!%@\[\]+'`~=<>\\]")
_RELATED_HEADER = re.compile(r"相关(?:新闻|文章|阅读|文档|推荐|链接)")


def mark_noise(lines: list[Line]) -> None:
    """Set ``line.noise`` on every line that is not part of the document itself."""
    in_related_list = False
    for line in lines:
        if line.noise is not None:
            continue  # already set when the line was built (beyond the reading limit)
        kind = noise_kind(line)
        if kind is None and in_related_list and line.numbering is not None and line.numbering.style == "bullet":
            kind = CHROME
        line.noise = kind
        if kind is None:
            in_related_list = False
        elif kind == CHROME and _RELATED_HEADER.search(line.key):
            in_related_list = True


def noise_kind(line: Line) -> str | None:
    """Why ``line`` is noise (PAGE, CHROME, META, SPAM or JUNK), or None when it is content."""
    key = line.key.strip()
    if not key or not (_WORDY.search(key) or _PLACEHOLDER_MARK.search(key)):
        return JUNK
    if _PAGE_MARKER.fullmatch(key.replace(" ", "")):
        return PAGE
    if _META.match(key):
        return META
    if _is_spam(key):
        return SPAM
    if _is_chrome(key):
        return CHROME
    if _is_junk(key):
        return JUNK
    return None


def _is_spam(key: str) -> bool:
    hits = len(_SPAM.findall(key[:400]))
    return hits >= 1 and (len(key) <= 80 or hits >= 3)


def _is_chrome(key: str) -> bool:
    if _STRONG_CHROME.search(key[:400]):
        return True
    if len(key) <= 80 and len(_WEAK_CHROME_TOKEN.findall(key)) >= 2:
        return True
    if len(key) <= 60 and (_FILE_NAME.search(key) or "范文" in key or _BREADCRUMB.fullmatch(key)):
        return True
    return bool(_URL.search(key[:400]) and (len(key) <= 80 or "。" not in key))


def _is_junk(key: str) -> bool:
    """Anti-copy junk from forum scrapes: short ASCII tokens with symbols, no Chinese."""
    return len(key) <= 80 and not _CJK.search(key) and key.count(" ") >= 2 and bool(_JUNK_SYMBOL.search(key))


def has_spam(text: str) -> bool:
    """Whether ``text`` (a key) mentions gambling spam."""
    return bool(_SPAM.search(text))
