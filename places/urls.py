"""Public addresses of the places app (inside the site's language prefixes)."""

from django.urls import path

from places import views

app_name = "places"

urlpatterns = [
    path("place/<str:token>/", views.respond, name="respond"),
    path("follow-up/<str:token>/", views.follow_up, name="follow_up"),
]
