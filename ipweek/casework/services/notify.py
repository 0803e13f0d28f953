"""Telling the complainant what happened, through a pluggable gateway, with a log that holds no personal data.

``IPWEEK_SMS_BACKEND`` picks the gateway: ``console`` prints, ``file`` appends to
``var/notifications/YYYY-MM-DD.log`` (the demo's default), anything else is a dotted path to a class
with ``send(channel, recipient, subject, body)`` that raises on failure. E-mail goes through Django's
mail backend. The :class:`Notification` log keeps the masked recipient only.
"""

import datetime as dt
import logging
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ipweek.casework import deadlines
from ipweek.casework.masking import mask_contact, mask_email, mask_phone
from ipweek.casework.models import Case, Notification

logger = logging.getLogger(__name__)


class Gateway(Protocol):
    def send(self, channel: str, recipient: str, subject: str, body: str) -> None: ...


# The demo's stand-ins for an SMS gateway write where logs are kept and read: the recipient is masked.
class ConsoleGateway:
    def send(self, channel: str, recipient: str, subject: str, body: str) -> None:
        print(f"[{channel}] → {mask_contact(recipient)}: {subject}\n{body}")


class FileGateway:
    def send(self, channel: str, recipient: str, subject: str, body: str) -> None:
        folder = Path(settings.VAR_DIR) / "notifications"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"{timezone.localdate():%Y-%m-%d}.log").open("a", encoding="utf-8") as out:
            out.write(f"{timezone.now().isoformat()} [{channel}] → {mask_contact(recipient)}: {subject}\n{body}\n\n")


def gateway() -> Gateway:
    name = settings.IPWEEK_SMS_BACKEND
    if name == "console":
        return ConsoleGateway()
    if name == "file":
        return FileGateway()
    return import_string(name)()


_MESSAGES = {
    "accept": "您提交的%(kind)s（编号 %(number)s）已受理。",
    "refuse": "您提交的%(kind)s（编号 %(number)s）不予受理。理由：%(note)s",
    "request_material": "您提交的%(kind)s（编号 %(number)s）需要补正材料：%(note)s。请在%(due)s前提交。",
    "decide": "您提交的%(kind)s（编号 %(number)s）已有处理结果：%(outcome)s。",
    "transfer": "您提交的%(kind)s（编号 %(number)s）已移送%(body)s处理。",
    "transfer_result": "您提交的%(kind)s（编号 %(number)s）经%(body)s处理，结果：%(note)s",
}


def tell_complainant(case: Case, event: str, *, note: str = "", body_name: str = "") -> Notification:
    """Send the message for ``event`` to the complainant and log it (masked). Never raises on a gateway failure."""
    with translation.override("zh-hans"):
        due = deadlines.due("more_material.reply", timezone.localdate()) if event == "request_material" else None
        text = _MESSAGES[event] % {
            "kind": case.get_kind_display(),
            "number": case.number,
            "note": note,
            "outcome": case.get_outcome_display(),
            "body": body_name,
            "due": f"{due.year}年{due.month}月{due.day}日" if due else "",
        }
        subject = _("Case %(number)s") % {"number": case.number}
        text += " 可凭编号和查询码在网上查询进度。"
    channel, recipient, masked = _route(case)
    notification = Notification(
        case=case,
        channel=channel,
        recipient_masked=masked,
        subject=subject,
        body=text,
        due_date=deadlines.due("notify.result", timezone.localdate()),
    )
    if not recipient:
        notification.state = Notification.State.SKIPPED
    else:
        notification.state, notification.backend = _send(channel, recipient, subject, text)
    notification.save()
    return notification


def _route(case: Case) -> tuple[str, str, str]:
    if case.complainant_phone and case.personal_data_purged_at is None:
        return Notification.Channel.SMS, case.complainant_phone, mask_phone(case.complainant_phone)
    if case.complainant_email and case.personal_data_purged_at is None:
        return Notification.Channel.EMAIL, case.complainant_email, mask_email(case.complainant_email)
    return Notification.Channel.SMS, "", ""


def _send(channel: str, recipient: str, subject: str, text: str) -> tuple[str, str]:
    try:
        if channel == Notification.Channel.EMAIL:
            send_mail(subject, text, None, [recipient])
            return Notification.State.SENT, settings.EMAIL_BACKEND
        gw = gateway()
        gw.send(channel, recipient, subject, text)
        return Notification.State.SENT, type(gw).__name__
    except Exception as exc:  # a gateway outage must not undo the step; the log shows it failed
        # The exception's text may quote the recipient: log its type only.
        logger.error("notification gateway failed (channel %s): %s", channel, type(exc).__name__)
        return Notification.State.FAILED, settings.IPWEEK_SMS_BACKEND


def overdue_notifications(today: dt.date | None = None) -> list[Notification]:
    """Failed or skipped notifications past their due date, for the office's follow-up list."""
    today = today or timezone.localdate()
    return list(
        Notification.objects.filter(due_date__lt=today).exclude(state=Notification.State.SENT).select_related("case")
    )
