from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Signing in"

    def ready(self) -> None:
        # Registers the system check that refuses the development exemption.
        from accounts import checks  # noqa: F401
