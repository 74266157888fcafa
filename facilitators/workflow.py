"""Put every draft a facilitator saves in front of the communications reviewers.

While a review is in progress Wagtail's workflow lock stops the facilitator saving
again, so the revision approved is always the one the reviewers were shown.
"""

from wagtail.models import Page, WorkflowState


def submit_latest_revision(page: Page, user) -> None:
    """Start the page's workflow, or resume it after changes were requested."""
    workflow = page.get_workflow()
    if workflow is None:
        return
    # Queried afresh: the edit view's page caches the state from before the save.
    state = page.workflow_states.active().select_related("current_task_state").first()
    if state is None:
        workflow.start(page, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
