"""URLs: admin and machine endpoints unprefixed; the public site under i18n_patterns."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import search_views
from home import views as home_views
from home.admin_views import CreatePageView
from home.sitemaps import AlternatesSitemap

urlpatterns = [
    # Shadows Wagtail's page create view at the same address: see CreatePageView.
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>"
        "/<int:parent_page_id>/",
        never_cache(require_admin_access(CreatePageView.as_view())),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AlternatesSitemap}}),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", home_views.healthz, name="healthz"),
    path("csp-report/", home_views.csp_report, name="csp_report"),
    path("anymail/", include("forms_app.tracking")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# English lives at the root, Welsh under /cy/.
urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search_page, name="search"),
    path("", include("places.urls")),
    path("", include("certificates.urls")),
    # Wagtail's page view at Wagtail's address, routed in fewer queries.
    re_path(wagtail_urls.serve_pattern, home_views.serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
handler400 = "forms_app.views.bad_request"
