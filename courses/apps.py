from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self) -> None:
        # Course rows and session times retire cached pages (home.page_cache).
        from courses.freshness import connect

        connect()
