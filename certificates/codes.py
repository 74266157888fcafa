"""Verification codes: short, random, easy to read aloud and type from paper."""

import secrets

# Crockford's base32 without I, L, O and U, so no code is misread or spells a word.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_LENGTH = 4


def new_code() -> str:
    """A code such as 7K3M-Q9TX-4HWD: 60 random bits in three groups of four."""
    groups = (
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH))
        for _ in range(GROUPS)
    )
    return "-".join(groups)


def normalise(typed: str) -> str:
    """The code as stored, from what a person typed: case, spaces and look-alikes forgiven."""
    letters = "".join(ch for ch in typed.upper() if ch.isalnum())
    letters = letters.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(letters) != GROUPS * GROUP_LENGTH:
        return letters
    return "-".join(
        letters[i : i + GROUP_LENGTH] for i in range(0, len(letters), GROUP_LENGTH)
    )


def is_well_formed(code: str) -> bool:
    """Whether a normalised code has the shape of one this site issues."""
    groups = code.split("-")
    return len(groups) == GROUPS and all(
        len(group) == GROUP_LENGTH and all(ch in ALPHABET for ch in group)
        for group in groups
    )
