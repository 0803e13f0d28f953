"""The wording of number and mark problems: every code has a sentence, and every sentence fills its values."""

from django.utils import translation

from ipweek.casework import patent_wording
from ipweek.patents.numbers import check_mark, check_number


def test_every_problem_code_has_wording_that_fills_its_parameters():
    numbers = [
        "",
        "2012206A87633.0",
        "ZI201220687633.0",
        "2012206876.3",
        "203010012345.0",
        "05101765.0",
        "201240687633.0",
        "201910000000.1",
        "ZL201220687633",
        "ZL201220687633.05",
        "2012206876330",
        "ZL 20 12 2 0687633 .0",
        "CN10234567A",
        "CN502345678A",
        "CN202345678A",
    ]
    marks = [
        "本产品已获专利",
        "ZL201220687633.0 ZL201710601862.3",
        "发明专利 ZL201220687633.0",
        "专利申请 201710601862.3",
    ]
    checks = [check_number(number, this_year=2026) for number in numbers]
    problems = [problem for check in checks for problem in check.problems]
    problems += [problem for mark in [*marks, "CN102345678A"] for problem in check_mark(mark, this_year=2026).problems]

    with translation.override("en"):
        texts = {problem.code: patent_wording.describe_problem(problem) for problem in problems}

    assert set(texts) == set(patent_wording.PROBLEM_TEXT)
    assert all("%(" not in text and text != code for code, text in texts.items())
