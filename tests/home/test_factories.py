from django.apps import apps
from wagtail.models import Page

from tests.factories import PAGE_FACTORIES

PROJECT_APPS = {"home", "courses", "facilitators", "forms_app"}


def test_every_project_page_type_has_a_factory():
    page_models = {
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and model is not Page
        and model._meta.app_label in PROJECT_APPS
    }
    missing = sorted(m.__name__ for m in page_models - set(PAGE_FACTORIES))
    assert not missing, f"Add factories for: {', '.join(missing)}"
