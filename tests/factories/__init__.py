"""Factories for every page type, one module per app; PAGE_FACTORIES joins them.

tests/home/test_factories.py fails when a page model has no factory here.
"""

from tests.factories import courses, facilitators, forms_app, home
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)
from tests.factories.forms_app import EnquiryFormPageFactory
from tests.factories.home import ContentPageFactory, HomePageFactory

PAGE_FACTORIES = {
    **home.PAGE_FACTORIES,
    **facilitators.PAGE_FACTORIES,
    **forms_app.PAGE_FACTORIES,
    **courses.PAGE_FACTORIES,
}

__all__ = [
    "PAGE_FACTORIES",
    "ContentPageFactory",
    "CourseIndexPageFactory",
    "CoursePageFactory",
    "EnquiryFormPageFactory",
    "FacilitatorIndexPageFactory",
    "FacilitatorPageFactory",
    "HomePageFactory",
]
