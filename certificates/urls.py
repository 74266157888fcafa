"""Public addresses of certificates (inside the site's language prefixes)."""

from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("certificates/verify/<str:code>/", views.verify_code, name="verify_code"),
    path("feedback/<str:token>/", views.feedback, name="feedback"),
    path("feedback/<str:token>/thanks/", views.feedback_thanks, name="feedback_thanks"),
]
