"""Public addresses of certificates (inside the site's language prefixes)."""

from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("certificates/verify/<str:code>/", views.verify_code, name="verify_code"),
    path("certificates/download/<str:token>/", views.download, name="download"),
]
