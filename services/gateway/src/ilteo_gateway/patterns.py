"""Pieces of regular expressions that read the same in Python, Rust and ECMAScript.

Patterns in the OpenAPI document are read by clients as ECMAScript regular
expressions, while pydantic checks them with Rust's ``regex``. ``\\s`` differs
between the two (NEL, U+0085, is a space to Rust and Python, not to ECMAScript;
U+FEFF the other way round), so patterns spell out what they mean instead.
"""

SPACE_OR_CONTROL = (
    r"\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""Control characters and every character any of the three calls a space."""
