"""The sitemap: every live public page of every language, with its language versions."""

from django.db.models import Q, QuerySet
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.alternates import alternates, live_versions


class AlternatesSitemap(Sitemap):
    """Wagtail's sitemap over each language's tree, each URL naming its translations."""

    def items(self) -> QuerySet:
        # Wagtail's own lists only the site root's tree: English, not Welsh.
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).live()
        in_trees = Q(pk__in=[])
        for path in roots.values_list("path", flat=True):
            in_trees |= Q(path__startswith=path)
        return Page.objects.filter(in_trees).live().public().order_by("path")

    def _urls(self, page, protocol, domain) -> list[dict]:
        pages = list(self.paginator.page(page).object_list)
        versions = live_versions((p.translation_key for p in pages), public_only=True)
        urls = []
        for item in pages:
            links = alternates(versions.get(item.translation_key, []), self.request)
            urls.append(
                {
                    "item": item,
                    "location": self.location(item),
                    "lastmod": self.lastmod(item),
                    "alternates": [
                        {"lang_code": link.hreflang, "location": link.url}
                        for link in links
                    ],
                }
            )
        last_mods = {url["lastmod"] for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
