from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


def private_storage() -> Storage:
    """Files outside any public URL; served only by authorised, audited views.

    A callable, so that migrations refer to it instead of freezing a path.
    """
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
