"""The 2027 demo: an original plan for a province, one of its cities (the main demo) and a county.

All text here is written for the demo; it describes nothing that happened.
"""

import datetime as dt

YEAR = 2027
PASSWORD = "ipweek-demo-2027"  # noqa: S105 - the demo password is printed on purpose

PROVINCE = {"code": "330000", "office": "浙江省知识产权局"}
CITY = {"code": "330500", "office": "湖州市市场监督管理局（湖州市知识产权局）", "agency_code": "湖知宣"}
COUNTY = {"code": "330502", "name": "吴兴区", "slug": "huzhou-wuxing", "office": "湖州市吴兴区市场监督管理局"}

# (name, kind) — member units of the city campaign.
CITY_UNITS = [
    ("湖州市中级人民法院", "court"),
    ("湖州市人民检察院", "procuratorate"),
    ("湖州海关", "customs"),
    ("湖州市教育局", "member"),
    ("湖州市科学技术局", "member"),
    ("湖州日报社", "media"),
    ("湖州市知识产权保护中心", "member"),
    ("湖州职业技术学院", "school"),
    ("湖州南太湖新区管理委员会", "park"),
    ("湖州市专利代理行业协会", "association"),
]

# username, display name, role, unit name (None = the campaign's office), campaign key
USERS = [
    ("office", "周主任（市局办公室）", "office_staff", None, "city"),
    ("liaison", "钱联络员（市中级法院）", "unit_liaison", "湖州市中级人民法院", "city"),
    ("liaison2", "孙联络员（市教育局）", "unit_liaison", "湖州市教育局", "city"),
    ("caseworker", "吴专员（保护中心）", "caseworker", "湖州市知识产权保护中心", "city"),
    ("province", "郑处长（省局）", "office_staff", None, "province"),
    ("county", "冯科长（吴兴区）", "office_staff", None, "county"),
    ("viewer", "陈处长（省局，只读）", "higher_viewer", "@province", "city"),
]

SECTIONS = [
    (
        "guiding_ideology",
        "指导思想",
        "<p>围绕全国知识产权宣传周主题，面向创新主体、青少年和社会公众，集中展示我市知识产权创造、运用、保护、管理和服务的新进展，"
        "推动形成尊重知识、崇尚创新、诚信守法的良好氛围，为建设创新型城市提供舆论支持。</p>",
        [],
    ),
    ("time", "活动时间", "<p>2027年4月20日至26日。</p>", []),
    ("theme", "活动主题", "<p>以全国知识产权宣传周活动组委会公布的主题为准。</p>", []),
    (
        "priorities",
        "宣传重点",
        "",
        [
            ("", "宣传全市知识产权保护体系建设成效，重点介绍快速维权、纠纷调解和行政裁决工作。"),
            ("", "宣传高价值专利培育和专利转化运用的典型企业，推介开放许可和质押融资服务。"),
            ("", "宣传电子商务领域知识产权保护规则，引导网店经营者规范标注专利标识。"),
            ("", "普及知识产权法律法规和基础知识，公布维权援助与举报投诉渠道。"),
        ],
    ),
    (
        "organisation",
        "组织领导",
        "<p>宣传周活动由市知识产权局牵头，各成员单位按照职责分工组织实施。市知识产权局办公室负责日常联络、信息汇总和总结上报。</p>",
        [],
    ),
    ("arrangements", "活动安排", "", []),
    (
        "requirements",
        "工作要求",
        "",
        [
            ("明确分工，压实责任", "各牵头单位要于4月12日前报送活动备案表，明确联系人、时间、地点和预计参与人数。"),
            ("统筹线上线下，扩大覆盖面", "充分利用网站、微信公众号、户外大屏等渠道，提高活动的参与度和传播力。"),
            ("及时报送信息", "活动结束当天报送新闻稿和照片，4月30日前报送活动总结和统计数据。"),
            ("厉行节约，务求实效", "严格落实中央八项规定精神，简化程序，注重实效，杜绝形式主义。"),
        ],
    ),
]

# title, category, date_text, start (month, day, hour, minute) or None, end day or None, venue, mode,
# lead units, co-organisers, supporting units, tentative, description
ACTIVITIES = [
    (
        "宣传周启动仪式暨知识产权保护成果发布",
        "launch_ceremony",
        "4月20日（暂定）上午9:30",
        (4, 20, 9, 30),
        None,
        "湖州南太湖新区创新中心报告厅",
        "hybrid",
        ["@office"],
        ["湖州南太湖新区管理委员会"],
        ["湖州日报社"],
        True,
        "发布本市宣传周主要活动安排，为新一批知识产权保护示范企业授牌，同步网络直播。",
    ),
    (
        "《2026年湖州市知识产权保护状况》白皮书发布",
        "report_release",
        "4月20日启动仪式后",
        (4, 20, 10, 30),
        None,
        "湖州南太湖新区创新中心报告厅",
        "hybrid",
        ["@office"],
        [],
        ["湖州日报社"],
        False,
        "与启动仪式同场发布，白皮书全文在宣传周网络专题提供下载。",
    ),
    (
        "知识产权宣传服务广场日暨“12330”维权援助咨询台",
        "square_day",
        "4月26日上午9:00—11:30",
        (4, 26, 9, 0),
        None,
        "湖州市中心广场",
        "offline",
        ["湖州市知识产权保护中心"],
        ["@office"],
        ["湖州市中级人民法院", "湖州海关", "湖州市专利代理行业协会"],
        False,
        "设立维权援助与举报投诉咨询台，现场受理咨询和投诉线索，发放宣传资料。",
    ),
    (
        "专利执法专项检查",
        "enforcement",
        "宣传周期间",
        None,
        None,
        "全市重点商贸市场",
        "offline",
        ["@office"],
        [],
        ["湖州市人民检察院"],
        False,
        "重点检查商品专利标识标注情况，依法查处假冒专利行为。",
    ),
    (
        "电子商务平台专利侵权纠纷快速处理",
        "ecommerce",
        "宣传周期间",
        None,
        None,
        "线上",
        "online",
        ["湖州市知识产权保护中心"],
        ["@office"],
        [],
        False,
        "对接本地电商园区，开通专利侵权投诉绿色通道，指导平台完善知识产权保护规则。",
    ),
    (
        "湖州专利成果网上展",
        "patent_exhibition",
        "4月20日至26日",
        (4, 20, None, None),
        (4, 26),
        "宣传周网络专题",
        "online",
        ["湖州市科学技术局"],
        ["@office"],
        ["湖州市知识产权保护中心"],
        False,
        "精选近三年授权的发明专利和外观设计，按产业分类展示，并提供许可意向登记。",
    ),
    (
        "知识产权司法保护新闻发布会",
        "press_briefing",
        "4月22日下午3:00",
        (4, 22, 15, 0),
        None,
        "湖州市中级人民法院新闻发布厅",
        "offline",
        ["湖州市中级人民法院"],
        [],
        ["湖州日报社"],
        False,
        "通报年度知识产权审判工作情况，发布十大典型案例。",
    ),
    (
        "企业知识产权合规管理培训班",
        "training",
        "4月23日全天",
        (4, 23, 9, 0),
        None,
        "湖州市行政中心第三会议室",
        "offline",
        ["@office"],
        ["湖州市专利代理行业协会"],
        [],
        False,
        "面向规上工业企业知识产权负责人，讲解贯标认证、海外布局和风险防控。",
    ),
    (
        "知识产权进校园主题班会",
        "outreach_schools",
        "4月21日至24日",
        (4, 21, None, None),
        (4, 24),
        "全市知识产权试点学校",
        "offline",
        ["湖州市教育局"],
        ["湖州职业技术学院"],
        [],
        False,
        "各试点学校结合创新作品展示开展主题班会，评选学生创意作品。",
    ),
    (
        "知识产权进企业专家服务",
        "outreach_enterprises",
        "4月24日",
        (4, 24, None, None),
        None,
        "湖州南太湖新区",
        "offline",
        ["湖州市专利代理行业协会"],
        ["湖州南太湖新区管理委员会"],
        [],
        False,
        "组织专利代理师走进园区企业，提供专利挖掘和检索咨询。",
    ),
    (
        "海关知识产权保护宣传",
        "outreach_communities",
        "宣传周期间",
        None,
        None,
        "湖州海关办事大厅",
        "offline",
        ["湖州海关"],
        [],
        [],
        False,
        "向进出口企业宣传知识产权海关保护备案和边境措施。",
    ),
    (
        "青少年知识产权知识竞赛",
        "contest",
        "4月21日至25日（线上答题）",
        (4, 21, None, None),
        (4, 25),
        "宣传周网络专题",
        "online",
        ["湖州市教育局"],
        ["@office"],
        [],
        False,
        "中小学生线上答题，按学校组织参赛，成绩优异者颁发证书。",
    ),
    (
        "知识产权公益宣传片展播",
        "media_campaign",
        "宣传周期间",
        None,
        None,
        "户外大屏、公交移动电视、微信公众号",
        "hybrid",
        ["湖州日报社"],
        ["@office"],
        [],
        False,
        "滚动播放知识产权公益宣传片和维权援助热线。",
    ),
    (
        "知识产权主题文艺汇演",
        "gala",
        "4月25日晚7:30",
        (4, 25, 19, 30),
        None,
        "湖州职业技术学院大礼堂",
        "offline",
        ["湖州职业技术学院"],
        ["湖州市教育局"],
        [],
        False,
        "以情景剧、快板等形式演绎知识产权故事。",
    ),
]

TRAINING_CHILDREN = [
    ("专利行政执法人员上岗培训", "4月23日上午", (4, 23, 9, 0)),
    ("企业知识产权贯标实务培训", "4月23日下午", (4, 23, 14, 0)),
]


def date_of(parts: tuple | None) -> tuple[dt.date | None, dt.time | None]:
    if parts is None:
        return None, None
    month, day, hour, minute = parts
    return dt.date(YEAR, month, day), dt.time(hour, minute) if hour is not None else None
