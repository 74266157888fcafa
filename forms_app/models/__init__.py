"""Form pages, their fields and routing rules, submissions, email deliveries and rate limits."""

from forms_app.models.applications import (
    ApplicationFormField,
    ApplicationFormPage,
    ApplicationRoutingRule,
)
from forms_app.models.pages import (
    BaseFormField,
    BaseFormPage,
    BaseRoutingRule,
    EnquiryFormField,
    EnquiryFormPage,
    EnquiryRoutingRule,
)
from forms_app.models.periodic import PeriodicJob
from forms_app.models.rate_limits import RateLimitCounter
from forms_app.models.submissions import Delivery, Submission

__all__ = [
    "ApplicationFormField",
    "ApplicationFormPage",
    "ApplicationRoutingRule",
    "BaseFormField",
    "BaseFormPage",
    "BaseRoutingRule",
    "Delivery",
    "EnquiryFormField",
    "EnquiryFormPage",
    "EnquiryRoutingRule",
    "PeriodicJob",
    "RateLimitCounter",
    "Submission",
]
