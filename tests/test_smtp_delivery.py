"""Mail leaves through a real SMTP conversation with a local server (aiosmtpd)."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from registry import services
from tests.world import world  # noqa: F401


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
    }}
    yield inbox
    controller.stop()


@pytest.mark.django_db(transaction=True)
def test_transition_mail_is_delivered_over_smtp(world, smtp_server):  # noqa: F811
    services.transition_registration(registration=world.registration_a,
                                     transition="send_for_approval",
                                     acting_user=world.users["officer_a"])
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == world.users["head_a"].email
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Chờ thủ trưởng duyệt" in body
    assert "Sở Y tế Thử" in body
