"""Spreadsheet cells safe from formula injection."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Prefix text a spreadsheet would run as a formula with a single quote."""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
