"""Every orderable row has a position among its siblings.

Wagtail's `Orderable.sort_order` may be left empty, and an empty value orders
nothing: PostgreSQL then returns a form's questions, a course's facilitators or
the home page's pinned courses in any order. The editor's inline panels always
number their rows; rows made in code (the demo content, a revision published
without the editor's form, as scheduled publishing does) may not. `give_position`
numbers such a row after its siblings, in the order rows are saved, which is the
order a page's cluster keeps them in. A row that has a position keeps it, so the
editor's own saves cost nothing more.
"""

from django.db.models import Max, Model
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable


def parent_key(model: type[Model]) -> ParentalKey | None:
    """The one key that makes a row its parent's child, if there is exactly one."""
    keys = [f for f in model._meta.concrete_fields if isinstance(f, ParentalKey)]
    return keys[0] if len(keys) == 1 else None


def next_position(model: type[Model], key: ParentalKey, parent) -> int:
    """The position after the last of the parent's numbered rows."""
    siblings = model._default_manager.filter(**{key.attname: parent})
    last = siblings.aggregate(last=Max("sort_order"))["last"]
    return 0 if last is None else last + 1


def give_position(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or not isinstance(instance, Orderable):
        return
    if (
        "sort_order" in instance.get_deferred_fields()
        or instance.sort_order is not None
    ):
        return
    key = parent_key(sender)
    parent = getattr(instance, key.attname) if key is not None else None
    if parent is None:
        return
    instance.sort_order = next_position(sender, key, parent)


def number_unnumbered(model: type[Model]) -> None:
    """For data migrations (`model` is the migration's own): give each row left
    without a position one after its numbered siblings, in the order the rows
    were stored."""
    key = parent_key(model)
    unnumbered = model._default_manager.filter(sort_order__isnull=True)
    parents = unnumbered.values_list(key.attname, flat=True).distinct()
    for parent in list(parents):
        start = next_position(model, key, parent)
        rows = unnumbered.filter(**{key.attname: parent}).order_by("pk")
        for offset, row in enumerate(rows):
            row.sort_order = start + offset
            row.save(update_fields=["sort_order"])
