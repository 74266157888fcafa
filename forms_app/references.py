"""Short human references such as ENQ-7K3Q, from an alphabet without look-alikes."""

import secrets

# No 0/O, 1/I/L: easy to read aloud over the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference(prefix: str, length: int = 4) -> str:
    """A random reference with the form's prefix, e.g. APP-7K3Q."""
    return f"{prefix}-" + "".join(secrets.choice(ALPHABET) for _ in range(length))
