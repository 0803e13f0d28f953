"""Masking personal data for everyone who is not the case's caseworker: 张*, 138****1234, 330***…1234."""

import re

_PHONE = re.compile(r"^\+?\d[\d\- ]{6,}$")


def mask_name(name: str) -> str:
    """Keep the first character: 张三 → 张*, 欧阳娜娜 → 欧***, Acme Ltd → A*******."""
    name = name.strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone: str) -> str:
    """13812341234 → 138****1234; short or odd numbers keep their last two digits only."""
    digits = re.sub(r"\D", "", phone)
    if not digits:
        return ""
    if len(digits) >= 11:
        return f"{digits[:3]}****{digits[-4:]}"
    return "*" * max(1, len(digits) - 2) + digits[-2:]


def mask_id_number(value: str) -> str:
    """Keep the first three and the last four characters of an ID or credit code."""
    value = value.strip()
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_email(email: str) -> str:
    local, _sep, domain = email.strip().partition("@")
    if not domain:
        return mask_name(local)
    return f"{local[:1]}***@{domain}"


def mask_address(address: str) -> str:
    """Keep the first six characters (province and city), hide the rest."""
    address = address.strip()
    return address[:6] + ("****" if len(address) > 6 else "")


def mask_contact(contact: str) -> str:
    """A free contact field: a phone number, an e-mail address or a name."""
    contact = contact.strip()
    if "@" in contact:
        return mask_email(contact)
    if _PHONE.match(contact):
        return mask_phone(contact)
    return mask_name(contact)
