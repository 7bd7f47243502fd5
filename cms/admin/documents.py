"""Upload rules for documents (WAGTAILDOCS_DOCUMENT_FORM_BASE points here)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    """Documents: the allowed extensions (WAGTAILDOCS_EXTENSIONS) and a maximum size."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        limit = settings.PORTAL_DOCUMENT_MAX_UPLOAD_SIZE
        if file and getattr(file, "size", 0) > limit:
            raise forms.ValidationError(
                f"The file is too big. Upload a file smaller than {filesizeformat(limit)}."
            )
        return file
