"""From an address to its page in three queries, whatever the depth.

Wagtail routes a request one level at a time: the home page in the visitor's
language, then for each part of the address a query for the child and another
for its specific type, then two more for view restrictions. `find_route` gets the
same answer with the site, one query for every page along the address (by
`url_path`, with whether any of them is restricted), and the final page's
specific row. A page type that routes for itself (a routable page whose own
address matches, or any custom `route`) is handed the rest of the address, just
as Wagtail would hand it over.

`remember_route` puts the result where Wagtail's own `serve` view and
`Page.find_for_request` look for it (`request._wagtail_route_for_request`), so
hooks, view restrictions, previews and passwords all work as before.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.http import Http404, HttpRequest
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult


def _routes_itself(page: Page, remaining: list[str]) -> bool:
    """Whether Wagtail would stop at this page rather than look for a child."""
    model = page.specific_class
    if model is None:
        return True
    if issubclass(model, RoutablePageMixin):
        if model.route is not RoutablePageMixin.route:
            return True
        if not page.live:
            return False
        try:
            model.get_resolver().resolve("/" + "".join(f"{c}/" for c in remaining))
        except Http404:
            return False
        return True
    return model.route is not Page.route


def home_or_root(home: Page | None, root: Page) -> Page:
    """The home page in the visitor's language when it is live, else the site root."""
    return home if home is not None and home.live else root


def _language() -> str:
    return get_supported_content_language_variant(translation.get_language())


def _chain(site: Site, components: list[str]) -> list[Page]:
    """The tree root, the home page in the active language and each page below it
    along the address that exists, by depth, each marked `restricted` when it (or
    the page it is an alias of) has a view restriction.
    """
    root = site.root_page
    language = _language()
    known = [
        path.root_path
        for path in Site.get_site_root_paths()
        if path.site_id == site.pk and path.language_code == language
    ]
    translated_root = (
        Page.objects.filter(
            translation_key=root.translation_key,
            locale__language_code=language,
            live=True,
        )
        .exclude(pk=root.pk)
        .values("url_path")[:1]
    )
    prefixes = [""]
    for component in components:
        prefixes.append(f"{prefixes[-1]}{component}/")
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        wanted = [root.url_path + prefix for prefix in prefixes]
    elif known:
        # Wagtail's cached root paths name the home page in each language. Should
        # they be stale, the chain comes back short and Wagtail routes instead.
        wanted = [known[0] + prefix for prefix in prefixes]
    else:
        root_url = Coalesce(
            translated_root, Value(root.url_path), output_field=TextField()
        )
        wanted = [
            Concat(root_url, Value(prefix), output_field=TextField())
            for prefix in prefixes
        ]
    restricted = PageViewRestriction.objects.filter(
        page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("id"))
    )
    rows = Page.objects.filter(Q(url_path__in=wanted) | Q(depth=1)).annotate(
        restricted=Exists(restricted)
    )
    return sorted(rows, key=lambda row: row.depth)


def find_route(request: HttpRequest, path: str) -> RouteResult | None:
    """The route Wagtail's `Page.route_for_request` would give, in fewer queries."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    rows = _chain(site, components)
    tree = [row for row in rows if row.depth > 1]
    if (
        not tree
        or tree[0].depth != site.root_page.depth
        or not (tree[0].live or tree[0].pk == site.root_page.pk)
    ):
        # The home page is not where it should be (or is a draft translation,
        # which Wagtail passes over): route Wagtail's way.
        return Page.route_for_request(request, path)
    # Walk down while each level exists and would simply pass on to its child.
    step = 0
    while (
        step < len(components)
        and step + 1 < len(tree)
        and tree[step + 1].depth == tree[step].depth + 1
        and not _routes_itself(tree[step], components[step:])
    ):
        step += 1
    stop = tree[step]
    page = _specific(stop)
    request._locale_root = home_or_root(tree[0], site.root_page)
    result = page.route(request, components[step:])
    if result is not None and result[0] is page:
        # Every ancestor was in the chain, so the restriction check needs no query.
        ancestors = [row for row in rows if row.depth <= stop.depth]
        if len(ancestors) == stop.depth and not any(r.restricted for r in ancestors):
            page._no_view_restrictions = True
    return result


def _specific(row: Page) -> Page:
    """The page as its own type, with its locale (and anything else the type asks
    for in `route_select_related`) in the same query."""
    model = row.specific_class
    if model is None:
        return row
    related = getattr(model, "route_select_related", ("locale",))
    return model._default_manager.select_related(*related).get(pk=row.pk)


def remember_route(request: HttpRequest, path: str) -> None:
    """Find the route once, where Wagtail's `serve` view and `Page.find_for_request`
    look for it."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = find_route(request, path)
        except Http404:
            request._wagtail_route_for_request = None


class KnownRestrictionsMixin:
    """Pages served through `find_route` skip the view-restriction queries when the
    route already showed that neither the page nor any ancestor is restricted."""

    def get_view_restrictions(self):
        if getattr(self, "_no_view_restrictions", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
