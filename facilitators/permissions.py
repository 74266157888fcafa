"""Who may do what with facilitator pages: self-service editors edit, never restructure.

Facilitators hold only Wagtail's "add" permission on the facilitator index, which
lets them edit the pages they own. "add" would also let them create, copy, move and
delete pages there, so this tester withholds those actions from anyone whose page
permissions here stop at "add". Every admin page view asks this tester.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

FACILITATORS_GROUP = "Facilitators"
COMMUNICATIONS_GROUP = "Communications"
APPROVAL_WORKFLOW = "Facilitator profile approval"
APPROVAL_TASK = "Communications approval"
INVITE_PERMISSION = "facilitators.invite_facilitator"
PHOTO_PERMISSION = "facilitators.choose_facilitator_photo"
COMMUNICATIONS_IMAGE_PERMISSIONS = ("add_image", "choose_image")


def edits_owned_pages_only(user, permissions: set[str]) -> bool:
    """True when the user's rights here come only from owning pages (no "change")."""
    return not user.is_superuser and "change" not in permissions


class FacilitatorPagePermissionTester(PagePermissionTester):
    """Page permissions for facilitator pages, closed to structural changes by owners."""

    @property
    def owner_only(self) -> bool:
        return edits_owned_pages_only(self.user, getattr(self, "permissions", set()))

    def can_add_subpage(self) -> bool:
        return not self.owner_only and super().can_add_subpage()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return not self.owner_only and super().can_delete(ignore_bulk=ignore_bulk)

    def can_copy(self) -> bool:
        return not self.owner_only and super().can_copy()

    def can_move(self) -> bool:
        return not self.owner_only and super().can_move()


def may_invite(user, page: Page) -> bool:
    """True when the user may create a login for this facilitator profile."""
    if not user.has_perm(INVITE_PERMISSION):
        return False
    tester = page.permissions_for_user(user)
    return user.is_superuser or "change" in getattr(tester, "permissions", set())


def page_permission(codename: str) -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=codename
    )


def ensure_groups() -> tuple[Group, Group]:
    """The Facilitators and Communications groups with their model permissions.

    Migration 0003 creates them; this restores them after a test flush or a deletion.
    """
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    own = Permission.objects.filter(
        content_type__app_label="facilitators",
        codename__in=["invite_facilitator", "choose_facilitator_photo"],
    )
    facilitators, _ = Group.objects.get_or_create(name=FACILITATORS_GROUP)
    facilitators.permissions.add(access_admin)
    communications, _ = Group.objects.get_or_create(name=COMMUNICATIONS_GROUP)
    communications.permissions.add(access_admin, *own)
    root = Collection.get_first_root_node()
    for codename in COMMUNICATIONS_IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=communications,
            collection=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )
    return facilitators, communications


def ensure_approval_workflow(communications: Group) -> Workflow:
    """The one-step workflow in which communications staff approve profiles."""
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
    task.groups.add(communications)
    workflow, _ = Workflow.objects.get_or_create(name=APPROVAL_WORKFLOW)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    return workflow


def grant_index_access(index: Page) -> None:
    """Give both groups their rights on a facilitator index and route it through approval."""
    facilitators, communications = ensure_groups()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=communications, page=index, permission=page_permission(codename)
        )
    # Facilitators edit the source profiles; Welsh ones come through translation.
    if index.locale_id == Locale.get_default().pk:
        GroupPagePermission.objects.get_or_create(
            group=facilitators, page=index, permission=page_permission("add_page")
        )
    workflow = ensure_approval_workflow(communications)
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
