"""Django's own Dutch for the messages Django REST framework translates differently.

DRF's catalogue comes before Django's, so without these the API and even the pages' forms would say
"Dit veld is vereist." where WIO has always said "Dit veld is verplicht.". The project's catalogue
wins over both; marking the messages here keeps them in it.
"""

from django.utils.translation import gettext_noop

SAME_WORDS_AS_DJANGO = (
    gettext_noop("No file was submitted."),
    gettext_noop("This field is required."),
    gettext_noop("Value must be valid JSON."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
)
