"""Public addresses of certificates (inside the site's language prefixes)."""

from django.urls import path

from certificates import feedback_pages, views

app_name = "certificates"

urlpatterns = [
    path("certificates/verify/", views.verify, name="verify"),
    path("certificates/verify/<str:code>/", views.verify_code, name="verify_code"),
    path("certificates/record/", views.record_request, name="record_request"),
    path("certificates/record/sent/", views.record_sent, name="record_sent"),
    path("certificates/record/<str:token>/", views.record, name="record"),
    path(
        "certificates/record/<str:token>/cpd-record.pdf",
        views.record_pdf_download,
        name="record_pdf",
    ),
    path(
        "certificates/record/<str:token>/cpd-record.csv",
        views.record_csv_download,
        name="record_csv",
    ),
    path("certificates/download/<str:token>/", views.download, name="download"),
    path("feedback/<str:token>/", feedback_pages.feedback, name="feedback"),
    path(
        "feedback/<str:token>/thanks/",
        feedback_pages.feedback_thanks,
        name="feedback_thanks",
    ),
]
