"""An email backend that fails as scripted, standing in for a provider in tests."""

from types import SimpleNamespace

from django.core.mail.backends.base import BaseEmailBackend


class ScriptedBackend(BaseEmailBackend):
    """Raises the next scripted exception, or records the messages as sent."""

    script: list = []
    sent: list = []

    def send_messages(self, messages):
        if ScriptedBackend.script:
            outcome = ScriptedBackend.script.pop(0)
            if outcome is not None:
                raise outcome
        for message in messages:
            message.anymail_status = SimpleNamespace(message_id=f"msg-{len(self.sent)}")
            ScriptedBackend.sent.append(message)
        return len(messages)
