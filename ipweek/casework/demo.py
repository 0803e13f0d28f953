"""Casework in the demo: the city's intake goes to its protection centre; a platform sends requests.

Each area adds its own sample data in a ``demo_<area>.py`` module with a ``fill(context)`` function,
called in the order below. Everything here is invented.
"""

from dataclasses import dataclass

from ipweek.accounts.models import User
from ipweek.campaigns.demo_data import PASSWORD
from ipweek.campaigns.models import Campaign
from ipweek.casework.models import IntakeRoute, Platform
from ipweek.units.models import Membership, Unit


@dataclass(frozen=True)
class DemoContext:
    city: Campaign
    centre: Unit
    caseworker: User
    office: User
    platform: Platform


def fill_casework_demo(*, city: Campaign, users: dict[str, User]) -> DemoContext:
    caseworker = users["caseworker"]
    centre = Membership.objects.get(user=caseworker, campaign=city, role=Membership.Role.CASEWORKER).unit
    IntakeRoute.objects.get_or_create(campaign=city, defaults={"office": centre})
    platform_user, created = User.objects.get_or_create(
        username="platform", defaults={"display_name": "示例优选商城（平台知识产权投诉处理组）"}
    )
    if created:
        platform_user.set_password(PASSWORD)
        platform_user.save()
    platform, _created = Platform.objects.get_or_create(
        office=centre, name="示例优选商城", defaults={"user": platform_user, "contact_email": "ipr@example.com"}
    )
    context = DemoContext(city=city, centre=centre, caseworker=caseworker, office=users["office"], platform=platform)
    # Imported here: each area's demo imports this module's DemoContext.
    from ipweek.casework import demo_cases, demo_desk, demo_ecommerce, demo_enforcement, demo_typical

    for area in (demo_cases, demo_desk, demo_ecommerce, demo_enforcement, demo_typical):
        area.fill(context)
    return context
