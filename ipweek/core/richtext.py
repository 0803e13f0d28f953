"""Rich text from staff, units and the public: sanitised with nh3, bounded in size."""

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_rich_text(html: str, *, field: str = "body") -> str:
    """Return safe HTML; raise ``ValidationError`` naming ``field`` when it is too long or not text."""
    limit = settings.IPWEEK_RICH_TEXT_MAX_CHARS
    if len(html) > limit:
        raise ValidationError(
            {
                field: _("The text is too long: %(length)d characters, at most %(limit)d.")
                % {"length": len(html), "limit": limit}
            }
        )
    if "\x00" in html:
        raise ValidationError({field: _("The text contains characters that are not allowed.")})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return cleaned.strip()
