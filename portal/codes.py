"""Short codes people read, type or scan: one place for their alphabets, how
they are made and how what someone typed becomes a stored code.

Two kinds exist. Pupil codes are six characters a child reads off a screen, so
the alphabet leaves out every pair that looks alike (0/O, 1/I/L, 2/Z, 5/S, 8/B)
and nothing needs mending. Certificate codes are 20 characters of Crockford's
base32 (100 random bits, no I, L, O or U), and the letters people type for its
digits by mistake are read as the digits.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ShortCode:
    alphabet: str
    length: int
    typo_fixes: dict[str, str] = field(default_factory=dict)

    def generate(self) -> str:
        return "".join(secrets.choice(self.alphabet) for _ in range(self.length))

    def normalise(self, text: str | None) -> str:
        """What someone typed (spaces, dashes, lower case, look-alikes) as a stored code."""
        cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
        return cleaned.translate(str.maketrans(self.typo_fixes)) if self.typo_fixes else cleaned

    def is_well_formed(self, code: str) -> bool:
        return len(code) == self.length and set(code) <= set(self.alphabet)


PUPIL_CODE = ShortCode(alphabet="ACDEFGHJKMNPQRTUVWXY34679", length=6)
CERTIFICATE_CODE = ShortCode(
    alphabet="0123456789ABCDEFGHJKMNPQRSTVWXYZ",
    length=20,
    typo_fixes={"O": "0", "I": "1", "L": "1", "U": "V"},
)


def new_certificate_code() -> str:
    """The default of ``Certificate.code`` (a plain function, so migrations can name it)."""
    return CERTIFICATE_CODE.generate()
