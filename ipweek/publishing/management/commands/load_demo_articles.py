"""Load the demo knowledge base: short original articles and FAQ on IP basics. Safe to run twice."""

from typing import Any

from django.core.management.base import BaseCommand

from ipweek.publishing.models import Article
from ipweek.publishing.services_articles import save_article

Topic = Article.Topic

# (topic, is_faq, title, body). Plain-language introductions written for the demo; not legal advice.
DEMO_ARTICLES: list[tuple[str, bool, str, str]] = [
    (
        Topic.PATENT,
        False,
        "专利有哪几种？发明、实用新型和外观设计的区别",
        "<p>我国的专利分为三种：<strong>发明</strong>、<strong>实用新型</strong>和<strong>外观设计</strong>。</p>"
        "<ul><li>发明专利保护对产品、方法或者其改进所提出的新的技术方案，经过实质审查后授权，"
        "保护期限为二十年。</li>"
        "<li>实用新型专利保护对产品的形状、构造或者其结合所提出的适于实用的新的技术方案，"
        "经初步审查后授权，保护期限为十年。</li>"
        "<li>外观设计专利保护产品的整体或者局部的形状、图案、色彩等作出的富有美感并适于工业应用的新设计，"
        "保护期限为十五年。</li></ul>"
        "<p>期限均自申请日起计算。发明专利申请一般先公布、再进行实质审查，所需时间较长；"
        "如果技术更新快、需要尽早获得保护，可以考虑同时提交实用新型专利申请。</p>",
    ),
    (
        Topic.PATENT,
        True,
        "个人可以申请专利吗？需要准备哪些材料？",
        "<p>可以。个人、企业、高校和科研院所都可以向国家知识产权局提出专利申请，"
        "可以自己办理，也可以委托依法设立的专利代理机构办理。</p>"
        "<p>申请发明或者实用新型专利，一般需要提交请求书、说明书、权利要求书和摘要，必要时附说明书附图；"
        "申请外观设计专利，需要提交请求书以及该外观设计的图片或者照片和简要说明。</p>"
        "<p>提交前建议先做专利检索，了解现有技术，避免重复研发和无效申请。</p>",
    ),
    (
        Topic.TRADEMARK,
        False,
        "商标注册：有效期、续展和正确使用注册标记",
        "<p>注册商标的有效期为十年，自核准注册之日起计算。期满需要继续使用的，"
        "应当在期满前十二个月内办理续展手续；在此期间未能办理的，可以给予六个月的宽展期。</p>"
        "<p>只有已经核准注册的商标才可以标注“注册商标”字样或者®标记。"
        "把未注册的商标冒充注册商标使用，是违法行为。</p>"
        "<p>商标注册后要规范使用，不要自行改变注册商标的标志、注册人名义或者地址；"
        "连续三年不使用的注册商标，可能被他人申请撤销。</p>",
    ),
    (
        Topic.COPYRIGHT,
        True,
        "作品一定要登记才有著作权吗？",
        "<p>不需要。文字、摄影、美术、音乐、视听作品和计算机软件等，自创作完成之日起作者就依法享有著作权，"
        "不以登记为条件。</p>"
        "<p>作品登记是自愿的，但登记证书可以作为权属的初步证明，发生纠纷时便于举证。"
        "平时还应注意保存创作底稿、原始文件和发表记录。</p>"
        "<p>自然人作品的发表权和财产权，保护期为作者终生及其死亡后五十年；"
        "作者的署名权、修改权和保护作品完整权的保护期不受限制。</p>",
    ),
    (
        Topic.GEOGRAPHICAL_INDICATION,
        False,
        "什么是地理标志？怎样认准地理标志专用标志",
        "<p>地理标志是标示某商品来源于某地区，并且该商品的特定质量、信誉或者其他特征"
        "主要由该地区的自然因素或者人文因素所决定的标志。许多地方名优特产都受地理标志保护。</p>"
        "<p>经过批准的生产者可以在产品上使用地理标志专用标志。购买时可以查看包装上的专用标志、"
        "生产者名称和产地信息；对产地以外冒用地理标志、仿冒专用标志的行为，可以向当地知识产权或者"
        "市场监督管理部门投诉举报。</p>"
        "<p>保护地理标志，既保护了特色产业和当地群众的收入，也保护了消费者的知情权。</p>",
    ),
    (
        Topic.COMPLAINTS,
        True,
        "发现侵犯知识产权或者假冒行为，怎样投诉举报？",
        "<p>可以拨打全国统一的知识产权维权援助与举报投诉电话 <strong>12330</strong>，"
        "也可以通过本站的投诉页面在线提交，或者到宣传周期间的广场咨询台当面反映。</p>"
        "<p>为了便于核查，请尽量说明：</p>"
        "<ul><li>被投诉的产品、店铺或者网店链接，以及所在地址；</li>"
        "<li>涉及的专利号、商标注册号或者作品名称；</li>"
        "<li>购买凭证、照片、截图等证据；</li>"
        "<li>您的联系方式，以便工作人员反馈处理结果。</li></ul>"
        "<p>投诉人的个人信息依法保密，只有承办人员可以查看。</p>",
    ),
    (
        Topic.COUNTERFEIT_PATENT,
        False,
        "什么是假冒专利？",
        "<p>假冒专利，是指把并不享有专利权的产品或者技术冒充为专利，欺骗消费者和合作方的行为。常见情形有：</p>"
        "<ul><li>在未被授予专利权的产品或者其包装上标注专利标识；</li>"
        "<li>专利权被宣告无效或者终止后，继续在产品或者包装上标注专利标识；</li>"
        "<li>未经许可在产品或者包装上标注他人的专利号；</li>"
        "<li>在产品说明书等材料中，把未被授予专利权的技术或者设计称为专利技术或者专利设计，"
        "把专利申请称为专利；</li>"
        "<li>伪造或者变造专利证书、专利文件或者专利申请文件。</li></ul>"
        "<p>假冒专利由负责专利执法的部门责令改正并予公告，没收违法所得，并依法处以罚款；构成犯罪的，"
        "依法追究刑事责任。看到“专利产品”字样，可以核对专利号，在国家知识产权局的公开系统中查询专利是否有效。</p>",
    ),
    (
        Topic.COUNTERFEIT_PATENT,
        True,
        "假冒专利和专利侵权有什么不同？",
        "<p>专利侵权是未经专利权人许可，实施了他人真实有效的专利，主要损害专利权人的利益，"
        "专利权人可以请求管理专利工作的部门处理，也可以向人民法院起诉。</p>"
        "<p>假冒专利是冒充专利，损害的是社会公众和市场秩序，任何人都可以举报，由执法部门依职权查处。</p>"
        "<p>拿不准属于哪一种时，拨打 12330 咨询即可。</p>",
    ),
]


class Command(BaseCommand):
    help = "Load the demo knowledge-base articles and FAQ (updates them in place when run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = 0
        for topic, is_faq, title, body in DEMO_ARTICLES:
            existing = Article.objects.filter(title=title, region__isnull=True).first()
            save_article(title=title, body=body, topic=topic, is_faq=is_faq, is_published=True, article=existing)
            created += existing is None
        self.stdout.write(f"demo articles: {created} created, {len(DEMO_ARTICLES) - created} updated")
