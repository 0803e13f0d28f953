"""Server-rendered SVG charts: well-formed, accessible, escaped, readable without colour."""

from decimal import Decimal
from xml.etree import ElementTree

from ipweek.reporting.charts import bar_chart, format_number

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart):
    return ElementTree.fromstring(str(chart))  # noqa: S314 - our own output, parsed to prove it is well-formed


def texts(root, css_class):
    return [element.text for element in root.iter(f"{SVG}text") if element.get("class") == css_class]


def test_bar_chart_is_well_formed_accessible_svg():
    root = parse(bar_chart([("进校园", 1234), ("进社区", Decimal("12.50"))], title="参与人次"))

    title_id, desc_id = root.get("aria-labelledby").split()
    assert (root.tag, root.get("role")) == (f"{SVG}svg", "img")
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.find(f"{SVG}title").text == "参与人次"
    assert texts(root, "chart-label") == ["进校园", "进社区"]
    assert texts(root, "chart-value") == ["1,234", "12.5"]


def test_bar_chart_bars_are_proportional():
    root = parse(bar_chart([("甲", 100), ("乙", 50), ("丙", 0)], title="t"))

    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0


def test_bar_chart_escapes_labels_and_title():
    label = '<script>alert("x")</script> & 进校园'

    chart = bar_chart([(label, 1)], title="<b>标题</b> & 'x'")

    root = parse(chart)
    assert "<script>" not in str(chart)
    assert root.find(f"{SVG}g/{SVG}title").text == f"{label}：1"
    assert root.find(f"{SVG}title").text == "<b>标题</b> & 'x'"


def test_bar_chart_shows_short_markup_as_text():
    root = parse(bar_chart([("<b>甲</b>&乙", 1)], title="t"))

    assert texts(root, "chart-label") == ["<b>甲</b>&乙"]


def test_bar_chart_drops_characters_xml_forbids():
    root = parse(bar_chart([("坏\x00标签\x1b", 3)], title="标\x08题"))

    assert texts(root, "chart-label") == ["坏标签"]
    assert root.find(f"{SVG}title").text == "标题"


def test_bar_chart_shortens_long_labels_but_keeps_them_in_the_row_title():
    label = "知识产权" * 30

    root = parse(bar_chart([(label, 5)], title="t"))

    shown = texts(root, "chart-label")[0]
    row_title = root.find(f"{SVG}g/{SVG}title").text
    assert shown.endswith("…")
    assert len(shown) < len(label)
    assert row_title.startswith(label)


def test_bar_chart_without_rows_says_so():
    root = parse(bar_chart([], title="空"))

    assert len(texts(root, "chart-empty")) == 1
    assert list(root.iter(f"{SVG}rect")) == []


def test_bar_chart_ids_differ_between_charts():
    first = parse(bar_chart([("甲", 1)], title="一"))
    second = parse(bar_chart([("甲", 1)], title="二"))

    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_format_number():
    assert [format_number(v) for v in (0, 1234567, Decimal("3.10"), 2.5, Decimal("100.00"))] == [
        "0",
        "1,234,567",
        "3.1",
        "2.5",
        "100",
    ]
