"""``ipweek demo``: load the original 2027 demo (province → city → county). Safe to run twice."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from ipweek.accounts.models import User
from ipweek.campaigns import demo_data as data
from ipweek.campaigns import services
from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.services.activities import UnitAssignment
from ipweek.campaigns.themes import theme_for_year
from ipweek.units.models import Membership, Region, Unit


class Command(BaseCommand):
    help = "Load the 2027 demo campaigns, units and one user per role (idempotent)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        regions = self._regions()
        offices = {key: self._unit(name, Unit.Kind.IP_OFFICE, regions[key]) for key, name in self._office_names()}
        members = {name: self._unit(name, kind, regions["city"]) for name, kind in data.CITY_UNITS}
        users = {row[0]: self._user(row[0], row[1]) for row in data.USERS}
        campaigns = {
            "province": self._campaign("province", regions, offices, users["province"], parent=None),
        }
        campaigns["city"] = self._campaign("city", regions, offices, users["office"], parent=campaigns["province"])
        campaigns["county"] = self._campaign("county", regions, offices, users["county"], parent=campaigns["city"])
        units = {**members, "@office": offices["city"], "@province": offices["province"]}
        self._memberships(users, campaigns, offices, units)
        if not campaigns["city"].sections.exists():
            self._fill_city(campaigns["city"], units, users["office"])
            self._fill_small(campaigns["province"], offices["province"], users["province"], "全省")
            self._fill_small(campaigns["county"], offices["county"], users["county"], "全区")
            for key in ("province", "city"):
                services.change_campaign_status(campaign=campaigns[key], status="issued", actor=users["office"])
            services.change_campaign_status(campaign=campaigns["city"], status="running", actor=users["office"])
        # Imported here: reporting builds on campaigns, not the other way round.
        from ipweek.reporting.demo import fill_reporting_demo

        fill_reporting_demo(campaigns=campaigns, users=users)
        from ipweek.publishing.demo import fill_publishing_demo

        fill_publishing_demo(city=campaigns["city"], office=users["office"])
        from ipweek.casework.demo import fill_casework_demo

        fill_casework_demo(city=campaigns["city"], users=users)
        self._print_logins()

    def _office_names(self) -> list[tuple[str, str]]:
        return [("province", data.PROVINCE["office"]), ("city", data.CITY["office"]), ("county", data.COUNTY["office"])]

    def _regions(self) -> dict[str, Region]:
        province = Region.objects.get(code=data.PROVINCE["code"])
        city = Region.objects.get(code=data.CITY["code"])
        county, _created = Region.objects.get_or_create(
            code=data.COUNTY["code"],
            defaults={
                "name": data.COUNTY["name"],
                "level": Region.Level.COUNTY,
                "parent": city,
                "slug": data.COUNTY["slug"],
            },
        )
        return {"province": province, "city": city, "county": county}

    def _unit(self, name: str, kind: str, region: Region) -> Unit:
        unit, _created = Unit.objects.get_or_create(name=name, region=region, defaults={"kind": kind})
        return unit

    def _user(self, username: str, display_name: str) -> User:
        user, created = User.objects.get_or_create(username=username, defaults={"display_name": display_name})
        if created:
            user.set_password(data.PASSWORD)
            user.save()
        return user

    def _campaign(self, key: str, regions: dict, offices: dict, actor: User, parent: Campaign | None) -> Campaign:
        region = regions[key]
        existing = Campaign.objects.filter(year=data.YEAR, region=region).first()
        if existing:
            return existing
        level = {"province": Campaign.Level.PROVINCE, "city": Campaign.Level.CITY, "county": Campaign.Level.COUNTY}[key]
        name = region.name if key != "county" else f"{regions['city'].name}{region.name}"
        return services.create_campaign(
            actor=actor,
            year=data.YEAR,
            level=level,
            region=region,
            organiser=offices[key],
            parent=parent,
            title=f"{data.YEAR}年{name}知识产权宣传周活动方案",
            theme=theme_for_year(data.YEAR) or "严格保护知识产权 激发创新活力（演示主题）",
            doc_agency_code=data.CITY["agency_code"] if key == "city" else "",
            doc_serial=5 if key == "city" else None,
            addressees="各区县市场监督管理局，市知识产权宣传周活动各成员单位：" if key == "city" else "",
        )

    def _memberships(self, users: dict, campaigns: dict, offices: dict, units: dict) -> None:
        for username, _name, role, unit_key, campaign_key in data.USERS:
            campaign = campaigns[campaign_key]
            unit = units[unit_key] if unit_key else campaign.organiser
            Membership.objects.get_or_create(user=users[username], campaign=campaign, unit=unit, role=role)

    def _assignment(self, units: dict, lead: list, co: list, supporting: list) -> UnitAssignment:
        return UnitAssignment(
            lead=[units[n] for n in lead],
            co_organiser=[units[n] for n in co],
            supporting=[units[n] for n in supporting],
        )

    def _fill_city(self, campaign: Campaign, units: dict, actor: User) -> None:
        for kind, heading, body, items in data.SECTIONS:
            section = services.add_plan_section(campaign=campaign, actor=actor, heading=heading, kind=kind, body=body)
            for title, text in items:
                services.add_plan_item(section=section, actor=actor, title=title, body=text)
        for row in data.ACTIVITIES:
            title, category, date_text, start, end, venue, mode, lead, co, supporting, tentative, description = row
            end_date, _ = data.date_of((*end, None, None) if end else None)
            activity = self._add_activity(
                campaign, actor, self._assignment(units, lead, co, supporting), title, category, date_text, start,
                end_date=end_date, venue=venue, mode=mode, is_tentative=tentative, description=description,
                audience="社会公众", channels="宣传周网络专题、微信公众号",
            )  # fmt: skip
            if category == "training":
                self._training_children(campaign, activity, units, actor)

    def _add_activity(
        self, campaign: Campaign, actor: User, units: UnitAssignment, title: str, category: str, date_text: str,
        start: tuple | None, **extra: Any,
    ) -> Activity:  # fmt: skip
        start_date, start_time = data.date_of(start)
        fields = {"title": title, "category": category, "date_text": date_text, "start_date": start_date,
                  "start_time": start_time, "status": Activity.Status.CONFIRMED, **extra}  # fmt: skip
        return services.save_activity(campaign=campaign, actor=actor, data=fields, units=units)

    def _training_children(self, campaign: Campaign, parent: Activity, units: dict, actor: User) -> None:
        lead = UnitAssignment(lead=[units["@office"]])
        for title, date_text, start in data.TRAINING_CHILDREN:
            self._add_activity(
                campaign, actor, lead, title, "training", date_text, start, venue=parent.venue, parent=parent
            )

    def _fill_small(self, campaign: Campaign, office: Unit, actor: User, scope: str) -> None:
        services.add_plan_section(
            campaign=campaign, actor=actor, kind="guiding_ideology", heading="总体要求",
            body=f"<p>{scope}上下联动，结合本地实际组织开展宣传周系列活动。</p>",
        )  # fmt: skip
        rows = [
            (f"{scope}知识产权宣传周启动活动", "launch_ceremony", "4月20日", (4, 20, 9, 0)),
            (f"{scope}知识产权保护典型案例发布", "report_release", "4月26日", (4, 26, 10, 0)),
            ("知识产权进社区宣传", "outreach_communities", "宣传周期间", None),
        ]
        for title, category, date_text, start in rows:
            self._add_activity(campaign, actor, UnitAssignment(lead=[office]), title, category, date_text, start)

    def _print_logins(self) -> None:
        self.stdout.write(
            self.style.SUCCESS(f"IPWeek demo {data.YEAR} is ready. Demo logins (password: {data.PASSWORD}):")
        )
        for username, display_name, role, _unit, campaign_key in data.USERS:
            label = Membership.Role(role).label
            self.stdout.write(f"  {username:<11} {label} · {campaign_key} · {display_name}")
        self.stdout.write(f"  {'platform':<11} e-commerce platform (casework fast track) · 示例优选商城")
