"""What a browser would send for a form on a page, as HTML defines it."""

from bs4 import BeautifulSoup

TEXT_TYPES = {"", "text", "email", "hidden", "number", "date", "url", "search", "tel"}


def browser_submission(
    html: str, answers: dict[str, str | list[str]], selector: str = "form.site-form"
) -> dict[str, list[str]]:
    """The form's data as a browser posts it when the visitor gives only these answers.

    Unanswered drop-downs send their selected option, or the first one when none is
    marked selected; unanswered radio buttons and checkboxes send nothing unless
    checked in the HTML.
    """
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    assert form is not None, f"no {selector} on the page"
    data: dict[str, list[str]] = {}

    def send(name: str, value: str) -> None:
        data.setdefault(name, []).append(value)

    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        wanted = answers.get(name)
        wanted_values = wanted if isinstance(wanted, list) else [wanted]
        if element.name == "textarea":
            send(name, wanted if wanted is not None else element.get_text())
        elif element.name == "select":
            options = element.find_all("option")
            if wanted is not None:
                for value in wanted_values:
                    send(name, value)
                continue
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            for option in chosen:
                send(name, option.get("value", option.get_text()))
        elif element.get("type", "") in {"radio", "checkbox"}:
            value = element.get("value", "on")
            if wanted is not None:
                if value in wanted_values:
                    send(name, value)
            elif element.has_attr("checked"):
                send(name, value)
        elif element.get("type", "") in TEXT_TYPES:
            send(name, wanted if wanted is not None else element.get("value", ""))
    return data
