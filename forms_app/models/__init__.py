"""Form pages, their fields and routing rules, submissions and email deliveries."""

from forms_app.models.pages import (
    BaseFormField,
    BaseFormPage,
    BaseRoutingRule,
    EnquiryFormField,
    EnquiryFormPage,
    EnquiryRoutingRule,
)
from forms_app.models.submissions import Delivery, Submission

__all__ = [
    "BaseFormField",
    "BaseFormPage",
    "BaseRoutingRule",
    "Delivery",
    "EnquiryFormField",
    "EnquiryFormPage",
    "EnquiryRoutingRule",
    "Submission",
]
