"""Staff pages of the publishing queue: posts, approval and embargo, channel renderings, assets, screens.

Every page is for office staff: ``get_campaign_for_user(..., manage=True)`` gives 404 to strangers
and 403 to readers and liaisons.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipweek.campaigns.models import Campaign
from ipweek.campaigns.permissions import get_campaign_for_user
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.publishing import channels, queries, services
from ipweek.publishing.forms import ApproveForm, AssetForm, DeliveryForm, PostForm, ScreenForm
from ipweek.publishing.models import ChannelDelivery, Post
from ipweek.reporting.models import ActivityReport


def _post_of(campaign: Campaign, post_id: int) -> Post:
    post = Post.objects.select_related("campaign", "campaign__region", "source_report").filter(pk=post_id).first()
    if post is None or post.campaign_id != campaign.pk:
        raise Http404
    return post


def _service_error(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def post_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    posts = list(queries.posts_of_campaign(campaign))
    now = timezone.now()
    rows = [(post, post.is_public_at(now)) for post in posts]
    context = {"campaign": campaign, "access": access, "rows": rows, "approve_form": ApproveForm()}
    return render(request, "publishing/posts.html", context)


@login_required
def post_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    return _post_form(request, campaign, access, post=None)


@login_required
def post_edit(request: AuthenticatedHttpRequest, pk: int, post_id: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    return _post_form(request, campaign, access, post=_post_of(campaign, post_id))


def _post_form(
    request: AuthenticatedHttpRequest, campaign: Campaign, access: object, *, post: Post | None
) -> HttpResponse:
    form = PostForm(request.POST or None, instance=post, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            if post is None:
                saved = services.create_post(campaign=campaign, actor=request.user, data=form.post_data())
            else:
                saved = services.update_post(post=post, actor=request.user, data=form.post_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Post “%(title)s” saved.") % {"title": saved.title})
            return redirect("publishing:posts", campaign.pk)
    context = {"campaign": campaign, "access": access, "post": post, "form": form}
    return render(request, "publishing/post_form.html", context, status=400 if form.errors else 200)


def _step(
    request: AuthenticatedHttpRequest, campaign: Campaign, action: Callable[[], object], done: str
) -> HttpResponse:
    """Run one state change of a post; say what happened (or why not) and go back to the list."""
    try:
        action()
    except ValidationError as error:
        _service_error(request, error)
    else:
        messages.success(request, done)
    return redirect("publishing:posts", campaign.pk)


@login_required
@require_POST
def post_submit(request: AuthenticatedHttpRequest, pk: int, post_id: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    post = _post_of(campaign, post_id)
    return _step(
        request,
        campaign,
        lambda: services.submit_for_approval(post=post, actor=request.user),
        _("Post sent for approval."),
    )


@login_required
@require_POST
def post_approve(request: AuthenticatedHttpRequest, pk: int, post_id: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    post = _post_of(campaign, post_id)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("publishing:posts", campaign.pk)
    publish_at = form.cleaned_data["publish_at"]
    return _step(
        request,
        campaign,
        lambda: services.approve_post(post=post, actor=request.user, publish_at=publish_at),
        _("Post approved."),
    )


@login_required
@require_POST
def post_withdraw(request: AuthenticatedHttpRequest, pk: int, post_id: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    post = _post_of(campaign, post_id)
    return _step(request, campaign, lambda: services.withdraw_post(post=post, actor=request.user), _("Post withdrawn."))


@login_required
def post_channels(request: AuthenticatedHttpRequest, pk: int, post_id: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    post = _post_of(campaign, post_id)
    screens = list(queries.screens_of_campaign(campaign))
    form = DeliveryForm(request.POST or None, campaign=campaign)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                channels.deliver(post, form.cleaned_data["channel"], request.user, form.cleaned_data["screen"])
            except ValidationError as error:
                _service_error(request, error)
                status = 400
            else:
                messages.success(request, _("Delivery logged."))
                return redirect("publishing:post_channels", campaign.pk, post.pk)
        else:
            status = 400
    context = {
        "campaign": campaign,
        "access": access,
        "post": post,
        "is_public": post.is_public_at(timezone.now()),
        "website_html": channels.website_html(post),
        "wechat_html": channels.wechat_html(post),
        "qq_notice": channels.qq_notice(post),
        "led_rows": [(screen, channels.led_text(post, screen)) for screen in screens],
        "deliveries": queries.deliveries_of_post(post),
        "channel": ChannelDelivery.Channel,
        "form": form,
    }
    return render(request, "publishing/channels.html", context, status=status)


@login_required
@require_POST
def promote_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    report_id = request.POST.get("report", "")
    if not report_id.isdigit():
        raise Http404
    report = get_object_or_404(
        ActivityReport.objects.select_related("activity__campaign"), pk=int(report_id), activity__campaign=campaign
    )
    try:
        post = services.promote_report(report=report, actor=request.user)
    except ValidationError as error:
        _service_error(request, error)
        return redirect("publishing:posts", campaign.pk)
    messages.success(request, _("The report is now a draft post."))
    return redirect("publishing:post_edit", campaign.pk, post.pk)


@login_required
def asset_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    form = AssetForm(request.POST or None, request.FILES or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_asset(
                campaign=campaign,
                actor=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                post=form.cleaned_data["post"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("File uploaded."))
            return redirect("publishing:assets", campaign.pk)
    context = {"campaign": campaign, "access": access, "form": form, "assets": queries.assets_of_campaign(campaign)}
    return render(request, "publishing/assets.html", context, status=400 if form.errors else 200)


@login_required
def screen_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    form = ScreenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_screen(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Screen added."))
            return redirect("publishing:screens", campaign.pk)
    context = {"campaign": campaign, "access": access, "form": form, "screens": queries.screens_of_campaign(campaign)}
    return render(request, "publishing/screens.html", context, status=400 if form.errors else 200)
