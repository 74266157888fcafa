from django.urls import path
from wagtail import hooks

from accounts import views


@hooks.register("register_admin_urls")
def two_factor_urls() -> list:
    return [
        path(
            "two-factor/verify/",
            views.verify_sign_in,
            name="accounts_two_factor_verify",
        ),
        path("two-factor/enrol/", views.enrol, name="accounts_two_factor_enrol"),
    ]
