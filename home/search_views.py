"""The site search page: a Django view at a translated address, not a page type."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from home import search

RESULTS_PER_PAGE = 10


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    """Show the form, and for a query its promotions and one page of results."""
    query = search.clean_query(request.GET.get("q", ""))
    context = {
        "query": query,
        "max_length": search.MAX_QUERY_LENGTH,
        "translate_this_url": True,
    }
    if query:
        pages = search.visible_pages(Locale.get_active())
        promoted = search.promotions(query, pages)
        results = search.search(
            query, pages, exclude=[p.page.pk for p in promoted if p.page]
        )
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        if page.number == 1:
            search.record_hit(query)
        context.update(
            promotions=promoted,
            results=page,
            items=[
                {
                    "page": result,
                    "label": search.type_label(result),
                    "excerpt": search.excerpt(result),
                }
                for result in search.specific_results(list(page))
            ],
            total=page.paginator.count + len(promoted),
        )
    return TemplateResponse(request, "search/search.html", context)
