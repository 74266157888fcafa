"""Who receives a submission: team addresses, answer rules and facilitators."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wagtail.contrib.forms.forms import _split_by_newline_or_comma

from forms_app.addresses import is_valid_address, split_addresses
from forms_app.models.submissions import Delivery, Submission

if TYPE_CHECKING:  # the form page models import this module
    from forms_app.models.pages import BaseFormPage


@dataclass(frozen=True)
class Recipient:
    """One address, whom it reaches and the rule that chose it (stored on its delivery).

    `audience` is what code decides on; `rule` is a label for people.
    """

    address: str
    rule: str
    audience: Delivery.Audience


# A source takes the form page and the submission and yields recipients.
RecipientSource = Callable[[object, object], Iterable[Recipient]]


def team_recipients(page: BaseFormPage, submission: Submission) -> list[Recipient]:
    """Every address in the form's team addresses."""
    return [
        Recipient(address, "team", Delivery.Audience.TEAM)
        for address in split_addresses(page.team_addresses)
    ]


def answer_matches(answer: object, expected: str) -> bool:
    """Whether an answer (text or list of choices) equals the rule's value."""
    wanted = expected.strip().casefold()
    values = answer if isinstance(answer, list | tuple) else [answer]
    return any(str(value).strip().casefold() == wanted for value in values)


def answer_rule_recipients(
    page: BaseFormPage, submission: Submission
) -> list[Recipient]:
    """The address of each answer-based rule whose answer matches."""
    answers = submission.form_data
    return [
        Recipient(rule.address, rule.describe(), Delivery.Audience.ANSWER_RULE)
        for rule in page.routing_rules.all()
        if rule.field_name in answers
        and answer_matches(answers[rule.field_name], rule.value)
    ]


def facilitator_recipients(facilitators: Iterable, rule: str) -> list[Recipient]:
    """The login email of each facilitator page that has a user with an address."""
    recipients = []
    for facilitator in facilitators:
        user = getattr(facilitator, "user", None)
        if user is not None and user.email:
            recipients.append(
                Recipient(
                    user.email,
                    f"{rule}:{facilitator.pk}",
                    Delivery.Audience.FACILITATOR,
                )
            )
    return recipients


def recipients_for(
    page: BaseFormPage,
    submission: Submission,
    sources: Iterable[RecipientSource] | None = None,
) -> list[Recipient]:
    """Valid, de-duplicated recipients from each source in order; the first rule wins."""
    chosen: dict[str, Recipient] = {}
    for source in sources if sources is not None else page.recipient_sources():
        for recipient in source(page, submission):
            key = recipient.address.strip().casefold()
            if key not in chosen and is_valid_address(recipient.address.strip()):
                chosen[key] = replace(
                    recipient,
                    address=recipient.address.strip(),
                    rule=recipient.rule[:255],
                )
    return list(chosen.values())


def canonical_answers(page: BaseFormPage, cleaned_data: dict) -> dict:
    """Answers with choices mapped to the source-language wording, so rules match."""
    source = page.source_page()
    if source.pk == page.pk:
        return dict(cleaned_data)
    source_choices = {f.clean_name: f for f in source.get_form_fields()}
    answers = dict(cleaned_data)
    for field in page.get_form_fields():
        original = source_choices.get(field.clean_name)
        if not field.choices or original is None:
            continue
        mapping = dict(
            zip(_choices(field.choices), _choices(original.choices), strict=False)
        )
        value = answers.get(field.clean_name)
        if isinstance(value, list):
            answers[field.clean_name] = [mapping.get(v, v) for v in value]
        elif isinstance(value, str):
            answers[field.clean_name] = mapping.get(value, value)
    return answers


def _choices(text: str) -> list[str]:
    return _split_by_newline_or_comma(text)
