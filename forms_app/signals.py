"""What forms_app announces to the layers above it, which it never imports."""

from django.dispatch import Signal

# Sent inside the transaction that stores a submission (or releases it from
# quarantine), with `page` (the form page, in the visitor's language) and
# `submission`. A receiver's writes commit or roll back with the submission.
submission_stored = Signal()

# Sent inside the transaction that erases one person's submissions, with `email`
# (the address as staff typed it). Receivers erase or anonymise what they keep
# about that person and return how many records they changed.
person_erased = Signal()
