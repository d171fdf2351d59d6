"""What a page says in words a Dutch user should not meet: library English and ISO dates (issue 14)."""

import re

from bs4 import BeautifulSoup

# Default strings of Django, its admin and allauth that show when a template or message is not ours.
LIBRARY_ENGLISH = (
    "---------",
    "This field is required",
    "Enter a valid",
    "Select a valid choice",
    "Ensure this value",
    "After you've created a user",
    "Forgot your password",
    "Sign In",
    "Sign Out",
    "Remember Me",
    "Incorrect code",
    "Authenticator App",
    "Recovery Codes",
    "Please correct the error",
    "Are you sure",
    "Django administration",
    "Page not found",
    "Server Error",
)
ISO_DATE = re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b")


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    # <code> and <pre> show formats (the CSV import's columns), where ISO dates are meant.
    for hidden in soup(["script", "style", "template", "head", "code", "pre"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


def language_findings(html: str) -> tuple[str, ...]:
    text = visible_text(html)
    english = [phrase for phrase in LIBRARY_ENGLISH if phrase in text]
    dates = sorted(set(ISO_DATE.findall(text)))
    return (*english, *(f"ISO date {date}" for date in dates[:3]))
