"""Form pages, their fields and routing rules, submissions, email deliveries, rate
limits and the record of access to applicant data."""

from forms_app.models.access import AccessRecord
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
    "AccessRecord",
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
