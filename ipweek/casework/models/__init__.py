"""Casework: the consultation and complaint desk (12330), e-commerce fast track and enforcement log."""

from ipweek.casework.models.cases import (
    Case,
    CaseCounter,
    CaseEvent,
    DeadlineRule,
    Evidence,
    IntakeRoute,
    IpType,
    Notification,
    PersonalDataAccess,
    Transfer,
)
from ipweek.casework.models.desk import DeskEntry
from ipweek.casework.models.ecommerce import EcommerceRequest, Platform
from ipweek.casework.models.enforcement import Inspection, InspectionItem, SpecialAction, TypicalCase

__all__ = [
    "Case",
    "CaseCounter",
    "CaseEvent",
    "DeadlineRule",
    "DeskEntry",
    "EcommerceRequest",
    "Evidence",
    "Inspection",
    "InspectionItem",
    "IntakeRoute",
    "IpType",
    "Notification",
    "PersonalDataAccess",
    "Platform",
    "SpecialAction",
    "Transfer",
    "TypicalCase",
]
