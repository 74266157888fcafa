"""The admin's document form: Wagtail's, with a size limit Wagtail lacks for documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    """Refuses a file larger than DOCUMENTS_MAX_UPLOAD_SIZE, naming the limit."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        limit = settings.DOCUMENTS_MAX_UPLOAD_SIZE
        if file and "file" in self.changed_data and file.size > limit:
            raise ValidationError(
                _("This file is %(size)s. Documents can be at most %(limit)s.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
                code="file_too_large",
            )
        return file
