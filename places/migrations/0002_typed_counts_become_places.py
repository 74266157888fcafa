"""Each run's typed "places booked" becomes that many places, before the field goes."""

from django.conf import settings
from django.db import migrations

NOTE = "Counted in the run's former “places booked” number."


def typed_counts_to_places(apps, schema_editor):
    CourseRun = apps.get_model("courses", "CourseRun")
    Locale = apps.get_model("wagtailcore", "Locale")
    Place = apps.get_model("places", "Place")
    PlaceChange = apps.get_model("places", "PlaceChange")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    runs = CourseRun.objects.filter(places_booked__gt=0)
    if default is not None:
        # Translations synchronised the same number: count it once, on the source.
        runs = runs.filter(locale=default)
    for run in runs:
        for _ in range(run.places_booked):
            place = Place.objects.create(
                run=run, way="imported", status="accepted", holds_seat=True
            )
            PlaceChange.objects.create(
                place=place, status_to="accepted", actor="system", note=NOTE
            )


def places_to_typed_counts(apps, schema_editor):
    CourseRun = apps.get_model("courses", "CourseRun")
    Place = apps.get_model("places", "Place")
    for run in CourseRun.objects.all():
        taken = Place.objects.filter(
            run__translation_key=run.translation_key, holds_seat=True
        ).count()
        CourseRun.objects.filter(pk=run.pk).update(places_booked=taken)
    Place.objects.filter(way="imported").delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    run_before = [("courses", "0004_places_counted_not_typed")]

    operations = [migrations.RunPython(typed_counts_to_places, places_to_typed_counts)]
