"""A destroyed case takes its beraden along: participants, minutes, evaluations and pack PDFs.

Registered with `cases.destroyers` from MoreelberaadConfig.ready(): `cases` never imports this app.
"""

from cases.destroyers import Destruction

from ..models import Beraad
from ..pack_files import meta_name, pdf_name


def destroy_beraden(work: Destruction) -> None:
    beraden = Beraad.objects.filter(case=work.case)
    for beraad_id in beraden.values_list("pk", flat=True):
        work.files.extend((pdf_name(beraad_id), meta_name(beraad_id)))
    _count, per_model = beraden.delete()
    work.deleted(per_model)
