"""The cookies this site sets, read from the settings that name and shape them.

The cookies page renders `site_cookies()`, so a changed name, lifetime or flag
shows there at once; tests/discovery/statements/test_cookies.py crawls the site
and fails when a cookie is set that this list does not describe.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# The admin's sidebar script remembers whether staff collapsed the menu
# (wagtail/admin/static/wagtailadmin/js/sidebar.js); no server response sets it.
WAGTAIL_SIDEBAR_COOKIE = "wagtail_sidebar_collapsed"


@dataclass(frozen=True)
class Cookie:
    """One cookie as the cookies page lists it."""

    name: str
    purpose: str
    who: str
    duration: str
    secure: bool
    http_only: bool
    same_site: str
    # False for a cookie written by a script in the browser, not a response.
    set_by_server: bool = True
    strictly_necessary: bool = True

    @property
    def attributes(self) -> list[str]:
        """The cookie's protections in words, as the table shows them."""
        words = []
        if self.secure:
            words.append(str(_("sent only over HTTPS")))
        if self.http_only:
            words.append(str(_("hidden from scripts")))
        if self.same_site:
            words.append(f"SameSite={self.same_site}")
        return words


def lifetime(seconds: int | None) -> str:
    """A cookie's lifetime in words: weeks, days or hours, else the browser session."""
    if not seconds:
        return str(_("Until you close your browser"))
    for unit, label in (
        (7 * 86400, lambda n: ngettext("%(n)d week", "%(n)d weeks", n)),
        (86400, lambda n: ngettext("%(n)d day", "%(n)d days", n)),
        (3600, lambda n: ngettext("%(n)d hour", "%(n)d hours", n)),
    ):
        if seconds % unit == 0:
            return label(seconds // unit) % {"n": seconds // unit}
    minutes = max(1, seconds // 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def messages_use_cookies() -> bool:
    storage = import_string(settings.MESSAGE_STORAGE)
    return issubclass(storage, CookieStorage) or CookieStorage in getattr(
        storage, "storage_classes", ()
    )


def language_cookie_is_set() -> bool:
    """Django's language cookie is only written by its set_language view."""
    try:
        reverse("set_language")
    except NoReverseMatch:
        return False
    return True


def site_cookies() -> list[Cookie]:
    """Every cookie the site sets, with its purpose, who gets it and how long it lasts."""
    cookies = []
    if not settings.CSRF_USE_SESSIONS:
        cookies.append(
            Cookie(
                name=settings.CSRF_COOKIE_NAME,
                purpose=str(
                    _(
                        "Protects forms from being sent by another website "
                        "pretending to be you."
                    )
                ),
                who=str(_("Anyone who opens a form, and staff signing in")),
                duration=lifetime(settings.CSRF_COOKIE_AGE),
                secure=settings.CSRF_COOKIE_SECURE,
                http_only=settings.CSRF_COOKIE_HTTPONLY,
                same_site=str(settings.CSRF_COOKIE_SAMESITE or ""),
            )
        )
    cookies.append(
        Cookie(
            name=settings.SESSION_COOKIE_NAME,
            purpose=str(
                _("Keeps staff signed in to the editing area, with their second step.")
            ),
            who=str(_("Staff signing in")),
            duration=(
                lifetime(None)
                if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
                else lifetime(settings.SESSION_COOKIE_AGE)
            ),
            secure=settings.SESSION_COOKIE_SECURE,
            http_only=settings.SESSION_COOKIE_HTTPONLY,
            same_site=str(settings.SESSION_COOKIE_SAMESITE or ""),
        )
    )
    if messages_use_cookies():
        cookies.append(
            Cookie(
                name=CookieStorage.cookie_name,
                purpose=str(
                    _(
                        "Carries a short confirmation, such as “Page published”, "
                        "to the next page staff see."
                    )
                ),
                who=str(_("Staff using the editing area")),
                duration=lifetime(None),
                secure=settings.SESSION_COOKIE_SECURE,
                http_only=settings.SESSION_COOKIE_HTTPONLY,
                same_site=str(settings.SESSION_COOKIE_SAMESITE or ""),
            )
        )
    if language_cookie_is_set():
        cookies.append(
            Cookie(
                name=settings.LANGUAGE_COOKIE_NAME,
                purpose=str(_("Remembers the language you chose.")),
                who=str(_("Anyone who chooses a language")),
                duration=lifetime(settings.LANGUAGE_COOKIE_AGE),
                secure=settings.LANGUAGE_COOKIE_SECURE,
                http_only=settings.LANGUAGE_COOKIE_HTTPONLY,
                same_site=str(settings.LANGUAGE_COOKIE_SAMESITE or ""),
            )
        )
    cookies.append(
        Cookie(
            name=WAGTAIL_SIDEBAR_COOKIE,
            purpose=str(_("Remembers whether staff folded away the editing menu.")),
            who=str(_("Staff using the editing area")),
            duration=lifetime(None),
            secure=False,
            http_only=False,
            same_site="Lax",
            set_by_server=False,
        )
    )
    return cookies
