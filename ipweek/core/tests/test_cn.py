import datetime as dt

import pytest

from ipweek.core import cn


def test_cn_date_has_no_leading_zeros():
    assert cn.cn_date(dt.date(2027, 4, 3)) == "2027年4月3日"


@pytest.mark.parametrize(("number", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一")])
def test_cn_numeral(number, text):
    assert cn.cn_numeral(number) == text


@pytest.mark.parametrize(("level", "text"), [(1, "三、"), (2, "（三）"), (3, "3."), (4, "（3）")])
def test_heading_number_follows_gbt_9704(level, text):
    assert cn.heading_number(level, 3) == text


def test_doc_number_uses_hexagonal_brackets():
    assert cn.doc_number("湖知宣", 2027, 5) == "湖知宣〔2027〕5号"


def test_doc_number_refuses_zero():
    with pytest.raises(ValueError):
        cn.doc_number("湖知宣", 2027, 0)


def test_cn_date_of_a_moment_is_the_local_date():
    import datetime as dt

    from ipweek.core.templatetags.cn import cn_date as cn_date_filter

    just_after_midnight_in_beijing = dt.datetime(2027, 4, 19, 16, 30, tzinfo=dt.UTC)
    assert cn_date_filter(just_after_midnight_in_beijing) == "2027年4月20日"
