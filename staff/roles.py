"""The four staff roles and what each may do in the admin, as one table.

`apply_roles` takes an app registry so the data migration (historical models) and
the tests (live models) apply the same table. It only adds: rights granted by hand
stay, and running it again changes nothing. docs/permissions.md is this table in words.
"""

from dataclasses import dataclass, field

ADMINISTRATORS = "Administrators"
COMMUNICATIONS = "Communications"  # the same name facilitators.permissions uses
FACILITATORS = "Facilitators"
TRANSLATORS = "Translators"
# Wagtail's own starter groups: outside the matrix, removed while nobody is in them.
WAGTAIL_STARTER_GROUPS = ("Editors", "Moderators")

EDIT_FILES = ("add", "change", "delete", "choose")


@dataclass(frozen=True)
class Role:
    """A group's model permissions, page permissions at the tree root, and file rights."""

    group: str
    permissions: tuple[str, ...]
    root_page_permissions: tuple[str, ...] = ()
    file_permissions: tuple[str, ...] = field(default=())


STAFF_BASICS = ("wagtailadmin.access_admin",)
# Deciding places (offer, waiting list, decline); facilitators only on courses they
# lead (places/reach.py). Added by 0003.
PLACES = ("places.decide_place", "places.view_place", "places.change_place")
# Keeping registers; facilitators only on courses they lead (certificates.reach).
# Issuing, re-issuing and revoking certificates is for communications staff.
# Added by 0005.
REGISTERS = ("certificates.keep_register", "certificates.view_attendance")
CERTIFICATES = ("certificates.issue_certificate", "certificates.view_certificate")
# Promoted results of the site search (Settings → Promoted search results); added by 0007.
SEARCH_PROMOTIONS = (
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
)
CONTENT = (
    "courses.add_testimonial",
    "courses.change_testimonial",
    "courses.delete_testimonial",
    # Testimonials have drafts: publishing and locking them; added by 0006.
    "courses.publish_testimonial",
    "courses.lock_testimonial",
    "courses.unlock_testimonial",
    "home.change_sitesettings",
    "facilitators.invite_facilitator",
    "facilitators.choose_facilitator_photo",
    "wagtail_localize.submit_translation",
    "forms_app.view_submission",
    "forms_app.change_routing",
    *PLACES,
    *REGISTERS,
    *CERTIFICATES,
    *SEARCH_PROMOTIONS,
)
# Bookings, their payers, invoices and payments (places.booking_views); added by 0004.
INVOICES = ("places.view_booking", "places.change_booking")
ROLES = (
    Role(
        ADMINISTRATORS,
        permissions=(
            *STAFF_BASICS,
            *CONTENT,
            *INVOICES,
            "forms_app.delete_submission",
            "forms_app.view_accessrecord",
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
            "auth.add_group",
            "auth.change_group",
            "auth.delete_group",
            # Unlock a locked-out sign-in (accounts.unlock); added by 0002.
            "axes.delete_accessattempt",
        ),
        root_page_permissions=(
            "add_page",
            "change_page",
            "publish_page",
            "bulk_delete_page",
            "lock_page",
            "unlock_page",
        ),
        file_permissions=EDIT_FILES,
    ),
    Role(
        COMMUNICATIONS,
        permissions=(*STAFF_BASICS, *CONTENT, *INVOICES),
        root_page_permissions=(
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
        ),
        file_permissions=EDIT_FILES,
    ),
    # Their rights on the facilitator index come from facilitators.permissions.
    Role(FACILITATORS, permissions=(*STAFF_BASICS, *PLACES, *REGISTERS)),
    # Drafts only: a translation reaches visitors when communications staff publish.
    Role(
        TRANSLATORS,
        permissions=(*STAFF_BASICS, "wagtail_localize.submit_translation"),
        root_page_permissions=("change_page",),
    ),
)


# Models a roles migration may run before: their rights are skipped until the
# migration that depends on them (0002 for axes, 0004 for bookings, 0005 for
# certificates, 0007 for search promotions) applies the table again.
LATER_MODELS = {
    "axes": None,
    "places": "booking",
    "certificates": None,
    "wagtailsearchpromotions": "searchpromotion",
}

# Custom permissions Django adds after migrating, and the model each belongs to.
CUSTOM_PERMISSION_MODELS = {
    "forms_app.change_routing": "submission",
    "places.decide_place": "place",
    "certificates.keep_register": "attendance",
    "certificates.issue_certificate": "certificate",
}


def _permission(apps, dotted: str):
    """The permission row; on a fresh database Django adds model permissions only
    after all migrations, so this creates the row the way it would."""
    app_label, codename = dotted.split(".")
    permission_model = apps.get_model("auth", "Permission")
    found = permission_model.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if found is not None:
        return found
    action, model_name = codename.split("_", 1)
    if dotted in CUSTOM_PERMISSION_MODELS:
        action, model_name = codename, CUSTOM_PERMISSION_MODELS[dotted]
    # A LookupError here means a misspelt permission in ROLES.
    model = apps.get_model(app_label, model_name)
    content_type, _ = apps.get_model(
        "contenttypes", "ContentType"
    ).objects.get_or_create(app_label=app_label, model=model._meta.model_name)
    name = (
        f"Can {action} {model._meta.verbose_name}"
        if dotted not in CUSTOM_PERMISSION_MODELS
        else dict(model._meta.permissions)[codename]
    )
    return permission_model.objects.create(
        content_type=content_type, codename=codename, name=name
    )


def _app_ready(apps, app_label: str) -> bool:
    """False only for a LATER_MODELS app whose model this registry does not hold yet."""
    if app_label not in LATER_MODELS:
        return True
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return False
    wanted = LATER_MODELS[app_label]
    return any(
        wanted in (None, model._meta.model_name) for model in config.get_models()
    )


def apply_roles(apps) -> None:
    """Create or complete the four groups from ROLES; never removes a right."""
    group_model = apps.get_model("auth", "Group")
    page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    root_collection = (
        apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    )
    for role in ROLES:
        group, _ = group_model.objects.get_or_create(name=role.group)
        group.permissions.add(
            *(
                _permission(apps, p)
                for p in role.permissions
                if _app_ready(apps, p.split(".")[0])
            )
        )
        for codename in role.root_page_permissions if root_page else ():
            page_permission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=_permission(apps, f"wagtailcore.{codename}"),
            )
        for app_label, model in (
            ("wagtailimages", "image"),
            ("wagtaildocs", "document"),
        ):
            for action in role.file_permissions if root_collection else ():
                collection_permission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, f"{app_label}.{action}_{model}"),
                )
    group_model.objects.filter(
        name__in=WAGTAIL_STARTER_GROUPS, user__isnull=True
    ).delete()
