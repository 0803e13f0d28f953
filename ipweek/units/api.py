"""Units and regions for API clients: reference data any signed-in caller may read."""

from typing import Annotated

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from ipweek.api.schemas import Id, SearchText, errors, examples, inline_enum
from ipweek.units.models import Region, Unit

router = Router()

RegionLevel = Annotated[Region.Level, inline_enum(Region.Level)]
UnitKind = Annotated[Unit.Kind, inline_enum(Unit.Kind)]

MAX_PAGE = 1000


class RegionRef(Schema):
    id: int
    code: str
    name: str
    slug: str

    model_config = examples({"id": 12, "code": "210100", "name": "沈阳市", "slug": "shenyang"})


class RegionOut(RegionRef):
    level: RegionLevel
    parent_code: str | None

    model_config = examples(
        {"id": 12, "code": "210100", "name": "沈阳市", "slug": "shenyang", "level": "city", "parent_code": "210000"}
    )

    @staticmethod
    def resolve_parent_code(region: Region) -> str | None:
        return region.parent.code if region.parent else None


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: UnitKind
    is_active: bool
    region: RegionRef

    model_config = examples(
        {
            "id": 7,
            "name": "沈阳市市场监督管理局",
            "short_name": "市市场监管局",
            "kind": "member",
            "is_active": True,
            "region": {"id": 12, "code": "210100", "name": "沈阳市", "slug": "shenyang"},
        }
    )


class Page(Schema):
    limit: int = Field(200, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=10_000_000)


class UnitFilter(Page):
    region: str | None = Field(None, pattern=r"^[0-9]{6}$", description="GB/T 2260 code", examples=["210100"])
    q: SearchText | None = Field(None, description="Part of the name or short name", examples=["市场"])
    kind: UnitKind | None = None
    include_inactive: bool = False


class RegionFilter(Page):
    level: RegionLevel | None = Field(None, examples=["province"])
    parent: str | None = Field(None, pattern=r"^[0-9]{6}$", description="Parent's GB/T 2260 code", examples=["210000"])
    q: SearchText | None = Field(None, description="Part of the name", examples=["沈阳"])


def _page(queryset: QuerySet, page: Page) -> QuerySet:
    return queryset[page.offset : page.offset + page.limit]


@router.get("/units", response={200: list[UnitOut], **errors(401, 422)}, summary="List units")
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> QuerySet[Unit]:
    """Units in name order within their region; filter by region code, kind or part of the name."""
    units = Unit.objects.select_related("region")
    if not filters.include_inactive:
        units = units.filter(is_active=True)
    if filters.region:
        units = units.filter(region__code=filters.region)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.q:
        units = units.filter(Q(name__icontains=filters.q) | Q(short_name__icontains=filters.q))
    return _page(units.order_by("region__code", "name", "pk"), filters)


@router.get("/units/{unit_id}", response={200: UnitOut, **errors(401, 404, 422)}, summary="Get a unit")
def get_unit(request: HttpRequest, unit_id: Id) -> Unit:
    return get_object_or_404(Unit.objects.select_related("region"), pk=unit_id)


@router.get("/regions", response={200: list[RegionOut], **errors(401, 422)}, summary="List regions")
def list_regions(request: HttpRequest, filters: Query[RegionFilter]) -> QuerySet[Region]:
    """Administrative divisions by GB/T 2260 code: filter by level, parent code or part of the name."""
    regions = Region.objects.select_related("parent")
    if filters.level:
        regions = regions.filter(level=filters.level)
    if filters.parent:
        regions = regions.filter(parent__code=filters.parent)
    if filters.q:
        regions = regions.filter(name__icontains=filters.q)
    return _page(regions.order_by("code"), filters)
