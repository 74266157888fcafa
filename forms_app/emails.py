"""Build each delivery's email from templates, with only cleaned values in headers."""

from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.contrib.forms.forms import _split_by_newline_or_comma

from forms_app.addresses import (
    InvalidRecipientError,
    clean_header_text,
    is_valid_address,
)
from forms_app.models import BaseFormPage, Delivery, Submission


def page_in_locale(submission: Submission) -> BaseFormPage:
    """The form page in the language the submission was made in, else the source page."""
    page = submission.page.specific
    if submission.locale_id and submission.locale_id != page.locale_id:
        translated = page.get_translation_or_none(submission.locale)
        if translated is not None:
            return translated.specific
    return page


def labelled_answers(
    page: BaseFormPage, submission: Submission
) -> list[tuple[str, str]]:
    """(label, answer) pairs in the form's order, lists joined with commas."""
    rows = []
    for field in page.get_form_fields():
        value = submission.form_data.get(field.clean_name)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        rows.append((field.label, str(value)))
    return rows


# Question types whose answer is one of the editor's choices, never typed text.
CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect"}


def chosen_options(page: BaseFormPage, submission: Submission) -> list[tuple[str, str]]:
    """(question, chosen labels) for choice questions only, in the page's language.

    Anyone can type any address into a form, so the acknowledgement never repeats
    typed text: only answers that are one of the form's own choices are shown.
    """
    source_fields = {
        f.clean_name: f for f in submission.page.specific.get_form_fields()
    }
    rows = []
    for field in page.get_form_fields():
        source = source_fields.get(field.clean_name)
        value = submission.form_data.get(field.clean_name)
        if source is None or value in (None, "", []):
            continue
        if source.field_type == "checkbox" and isinstance(value, bool):
            rows.append((field.label, _("Yes") if value else _("No")))
        elif source.field_type in CHOICE_TYPES:
            labels = _choice_labels(source, field, value)
            if labels:
                rows.append((field.label, ", ".join(labels)))
    return rows


def _choice_labels(source, field, value) -> list[str]:
    """Stored (source-language) choices shown with this field's wording, by position."""
    originals = _split_by_newline_or_comma(source.choices)
    wording = _split_by_newline_or_comma(field.choices)
    labels = []
    for chosen in value if isinstance(value, list) else [value]:
        if chosen in originals:
            index = originals.index(chosen)
            labels.append(wording[index] if index < len(wording) else chosen)
    return labels


def admin_url(submission: Submission) -> str:
    path = reverse("forms_app_admin:submission", args=[submission.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _render(name: str, context: dict) -> tuple[str, str]:
    text = render_to_string(f"forms_app/emails/{name}.txt", context)
    html = render_to_string(f"forms_app/emails/{name}.html", context)
    return text, html


def build_message(delivery: Delivery) -> EmailMultiAlternatives:
    """The email for this delivery, rendered in the right language."""
    submission = delivery.submission
    if not is_valid_address(delivery.recipient):
        raise InvalidRecipientError("The recipient is not a single valid address.")
    if delivery.kind == Delivery.Kind.MESSAGE:
        return _stored_message(delivery)
    if submission is None:
        return _message_alert(delivery)
    language = submission.locale.language_code if submission.locale_id else None
    with translation.override(language or settings.LANGUAGE_CODE):
        page = page_in_locale(submission)
        context = {
            "page": page,
            "submission": submission,
            "summary_rows": page.summary_rows(submission),
            "admin_url": admin_url(submission),
            "delivery": delivery,
            "LANGUAGE_CODE": translation.get_language(),
        }
        builder = BUILDERS[delivery.kind]
        return builder(delivery, page, submission, context)


def _notification(
    delivery: Delivery, page: BaseFormPage, submission: Submission, context: dict
) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        source = submission.page.specific
        # Staff read the source page's questions in English: the summary is built
        # again unless the context already holds exactly that. Only staff get answers.
        if source is not page or context["LANGUAGE_CODE"] != settings.LANGUAGE_CODE:
            context |= {
                "page": source,
                "summary_rows": source.summary_rows(submission),
                "LANGUAGE_CODE": settings.LANGUAGE_CODE,
            }
        context["answers"] = labelled_answers(source, submission)
        subject = _("%(reference)s: new submission to %(form)s") % {
            "reference": submission.reference,
            "form": source.title,
        }
        text, html = _render("notification", context)
    reply_to = (
        [submission.contact_email] if is_valid_address(submission.contact_email) else []
    )
    return _message(delivery, subject, text, html, delivery.recipient, reply_to)


def _acknowledgement(
    delivery: Delivery, page: BaseFormPage, submission: Submission, context: dict
) -> EmailMultiAlternatives:
    subject = _("We have received your message (reference %(reference)s)") % {
        "reference": submission.reference
    }
    context["choices"] = chosen_options(page, submission)
    text, html = _render("acknowledgement", context)
    # No typed name either, not even in the To header: it may be a stranger's text.
    return _message(delivery, subject, text, html, delivery.recipient, [])


def _failure_alert(
    delivery: Delivery, page: BaseFormPage, submission: Submission, context: dict
) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context["failed"] = list(
            submission.deliveries.filter(status=Delivery.Status.FAILED).exclude(
                kind=Delivery.Kind.FAILURE_ALERT
            )
        )
        subject = _("%(reference)s: an email could not be delivered") % {
            "reference": submission.reference
        }
        text, html = _render("failure_alert", context)
    return _message(delivery, subject, text, html, delivery.recipient, [])


def _stored_message(delivery: Delivery) -> EmailMultiAlternatives:
    """A message written in full when it was queued, with its attachments."""
    message = EmailMultiAlternatives(
        subject=clean_header_text(delivery.subject, 200),
        body=delivery.body,
        to=[delivery.recipient],
    )
    for attachment in delivery.attachments:
        message.attach(
            attachment["filename"], attachment["content"], attachment["mimetype"]
        )
    return _identified(message, delivery)


def _message_alert(delivery: Delivery) -> EmailMultiAlternatives:
    """Operations hear that a message failed: which one and why, never its content."""
    failed = Delivery.objects.filter(pk=_alerted_pk(delivery)).first()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("An email to a person could not be delivered")
        text = render_to_string(
            "forms_app/emails/message_failure_alert.txt",
            {"failed": failed, "delivery": delivery},
        )
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[delivery.recipient]
    )
    return _identified(message, delivery)


def _alerted_pk(alert: Delivery) -> int | None:
    """The message an alert without a submission is about, from its key."""
    prefix, _sep, pk = (alert.key or "").partition(":")
    return int(pk) if prefix == "alert" and pk.isdigit() else None


def _identified(
    message: EmailMultiAlternatives, delivery: Delivery
) -> EmailMultiAlternatives:
    message.extra_headers["Message-ID"] = stable_message_id(delivery)
    message.metadata = {"delivery_id": str(delivery.pk)}
    message.tags = [delivery.kind]
    return message


def _message(
    delivery: Delivery,
    subject: str,
    text: str,
    html: str,
    to: str,
    reply_to: list[str],
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=clean_header_text(subject, 200),
        body=text,
        to=[to],
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    # The same Message-ID on every attempt, so a resent duplicate can be recognised,
    # and (through anymail) metadata so tracking events find the delivery.
    return _identified(message, delivery)


def stable_message_id(delivery: Delivery) -> str:
    """A Message-ID that names the delivery, identical on each attempt to send it."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    reference = delivery.submission.reference if delivery.submission_id else "message"
    return f"<delivery-{delivery.pk}.{reference}@{domain}>"


BUILDERS = {
    Delivery.Kind.NOTIFICATION: _notification,
    Delivery.Kind.ACKNOWLEDGEMENT: _acknowledgement,
    Delivery.Kind.FAILURE_ALERT: _failure_alert,
}
