"""Factories for form pages, their questions and routing rules, and submissions."""

import factory
import wagtail_factories

from forms_app.models import (
    ApplicationFormField,
    ApplicationFormPage,
    Delivery,
    EnquiryFormField,
    EnquiryFormPage,
    EnquiryRoutingRule,
    Submission,
)


class EnquiryFormPageFactory(wagtail_factories.PageFactory):
    title = "Bespoke workshop enquiry"
    slug = factory.Sequence(lambda n: f"enquiry-{n}")
    intro = "Tell us about your team."
    thank_you_text = "We reply within five working days."
    team_addresses = "bespoke@example.org"
    acknowledgement_intro = "Thank you for getting in touch."

    class Meta:
        model = EnquiryFormPage


class EnquiryFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EnquiryFormPageFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    field_type = "singleline"
    required = False

    class Meta:
        model = EnquiryFormField


class EnquiryRoutingRuleFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EnquiryFormPageFactory)
    field_name = "type_of_team"
    value = "Dementia care"
    address = "dementia-lead@example.org"

    class Meta:
        model = EnquiryRoutingRule


class SubmissionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EnquiryFormPageFactory)
    form_data = factory.LazyFunction(lambda: {"type_of_team": "Dementia care"})
    reference = factory.Sequence(lambda n: f"ENQ-{n:04d}")
    contact_name = "Asha Patel"
    contact_email = factory.Sequence(lambda n: f"person{n}@example.org")

    class Meta:
        model = Submission


class DeliveryFactory(factory.django.DjangoModelFactory):
    submission = factory.SubFactory(SubmissionFactory)
    kind = Delivery.Kind.NOTIFICATION
    recipient = "bespoke@example.org"
    audience = Delivery.Audience.TEAM
    rule = "team"

    class Meta:
        model = Delivery


class ApplicationFormPageFactory(wagtail_factories.PageFactory):
    title = "Apply for this course"
    slug = factory.Sequence(lambda n: f"apply-{n}")
    intro = "Tell us about your role."
    thank_you_text = "The facilitators read every application within a week."
    team_addresses = "courses@example.org"

    class Meta:
        model = ApplicationFormPage


class ApplicationFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ApplicationFormPageFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    field_type = "singleline"
    required = False

    class Meta:
        model = ApplicationFormField


PAGE_FACTORIES = {
    EnquiryFormPage: EnquiryFormPageFactory,
    ApplicationFormPage: ApplicationFormPageFactory,
}
