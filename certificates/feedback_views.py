"""Admin views of feedback: runs that asked for it, and one run's summary and CSV.

Staff who keep registers see them; facilitators only for the courses they lead.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from certificates.feedback_summary import feedback_csv, run_feedback, runs_with_feedback
from certificates.reach import REGISTER_PERMISSION, runs_for_user
from courses.models import CourseRun


def _require_register_keeper(request: HttpRequest) -> None:
    if not request.user.has_perm(REGISTER_PERMISSION):
        raise PermissionDenied


def feedback_runs(request: HttpRequest) -> HttpResponse:
    """Every run of the user's courses that asked for feedback, with counts."""
    _require_register_keeper(request)
    runs = runs_with_feedback(runs_for_user(request.user))
    return TemplateResponse(
        request, "certificates/feedback/admin/runs.html", {"runs": runs}
    )


def feedback_run(request: HttpRequest, pk: int) -> HttpResponse:
    """One run's feedback: counts, ratings, comments and draft testimonials; CSV."""
    _require_register_keeper(request)
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=pk)
    if not runs_for_user(request.user).filter(pk=pk).exists():
        return TemplateResponse(
            request, "certificates/feedback/admin/forbidden.html", {}, status=403
        )
    summary = run_feedback(run)
    if request.GET.get("export") == "csv":
        return feedback_csv(run, summary)
    return TemplateResponse(
        request,
        "certificates/feedback/admin/run.html",
        {"run": run, "summary": summary},
    )
