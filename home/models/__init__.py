"""The home page, content pages, statements and the site-wide settings."""

from home.models.pages import (
    ContentPage,
    HomePage,
    HomePageFeaturedCourse,
    live_in_active_language,
)
from home.models.sharing import SharingMixin
from home.models.site_settings import SiteSettings
from home.models.statements import AccessibilityStatementPage, CookiesPage

__all__ = [
    "AccessibilityStatementPage",
    "ContentPage",
    "CookiesPage",
    "HomePage",
    "HomePageFeaturedCourse",
    "SharingMixin",
    "SiteSettings",
    "live_in_active_language",
]
