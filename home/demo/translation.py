"""Translate demo objects into Welsh the way wagtail-localize's editor does."""

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object


@transaction.atomic
def translate(instance, language_code: str, strings: dict[str, str], user=None):
    """Create the synced translation once, fill the given strings and publish it."""
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.filter(
        source=source, target_locale=locale
    ).first()
    if translation is not None:
        # Already translated: leave it as editors may since have changed it.
        return translation.get_target_instance()
    translate_object(instance, [locale], user=user)
    translation = Translation.objects.get(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    translation.import_po(po, user=user)
    translation.save_target(user=user, publish=True)
    return translation.get_target_instance()


@transaction.atomic
def resync(instance, user=None) -> None:
    """Carry a published change of the source (e.g. a chosen form) into its translations."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    for translation in Translation.objects.filter(source=source):
        translation.save_target(user=user, publish=True)
