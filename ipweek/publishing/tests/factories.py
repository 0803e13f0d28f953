import factory
from django.utils import timezone

from ipweek.campaigns.tests.factories import CampaignFactory
from ipweek.publishing.models import Post, Screen


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    campaign = factory.SubFactory(CampaignFactory)
    title = factory.Sequence(lambda n: f"新闻{n}")
    summary = "知识产权宣传周启动。"
    body = "<p>第一段。</p><p>第二段。</p>"
    status = Post.Status.DRAFT


class ApprovedPostFactory(PostFactory):
    status = Post.Status.APPROVED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))
    approved_at = factory.LazyFunction(timezone.now)


class ScreenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Screen

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"广场大屏{n}")
    char_limit = 20
