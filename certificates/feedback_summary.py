"""What staff see of a run's feedback: counts, ratings, comments, and a CSV."""

import csv
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import HttpResponse

from certificates.models import FeedbackRequest, FeedbackResponse
from forms_app.exports import local_moment_text, neutralise_formula

RATINGS = range(1, 6)
CSV_HEADER = [
    "submitted",
    "rating",
    "what helped",
    "what to change",
    "may we quote",
    "quote",
    "draft testimonial",
]


@dataclass
class RunFeedback:
    """One run's feedback: how many were asked and answered, and the answers."""

    requested: int
    responses: list[FeedbackResponse] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return len(self.responses)

    @property
    def average(self) -> float | None:
        if not self.responses:
            return None
        return round(sum(r.rating for r in self.responses) / self.answered, 1)

    @property
    def distribution(self) -> list[tuple[int, int]]:
        """(rating, how many gave it) from 1 to 5."""
        return [(n, sum(1 for r in self.responses if r.rating == n)) for n in RATINGS]


def runs_with_feedback(runs):
    """The runs (from certificates.reach) that asked for feedback, with counts."""
    return (
        runs.annotate(
            requested=Count("feedback_requests", distinct=True),
            answered=Count(
                "feedback_requests",
                filter=Q(feedback_requests__answered_at__isnull=False),
                distinct=True,
            ),
        )
        .filter(requested__gt=0)
        .select_related("course")
        .order_by("course__title", "sort_order", "pk")
    )


def run_feedback(run) -> RunFeedback:
    responses = (
        FeedbackResponse.objects.filter(request__run=run)
        .select_related("testimonial")
        .order_by("submitted_at", "pk")
    )
    return RunFeedback(
        requested=FeedbackRequest.objects.filter(run=run).count(),
        responses=list(responses),
    )


def feedback_csv(run, summary: RunFeedback) -> HttpResponse:
    """The run's answers as CSV, UTF-8 with a BOM, safe from formula injection."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="feedback-run-{run.pk}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for answer in summary.responses:
        row = [
            local_moment_text(answer.submitted_at),
            answer.rating,
            answer.helped,
            answer.to_change,
            answer.get_quote_choice_display(),
            answer.quote,
            "yes" if answer.testimonial_id else "",
        ]
        writer.writerow([neutralise_formula(value) for value in row])
    return response
