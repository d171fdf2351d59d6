"""The preparation pack and its PDF: object URLs of a beraad, so 404 for anyone outside its scope."""

from tests.matrix.expect import Expect
from tests.matrix.expectations.moreelberaad import beraad_url, foreign

EXPECTATIONS: dict[str, Expect] = {
    "moreelberaad:pack": foreign(beraad_url("moreelberaad:pack")),
    "moreelberaad:pack_pdf_request": foreign(beraad_url("moreelberaad:pack_pdf_request"), method="POST"),
    "moreelberaad:pack_pdf_status": foreign(beraad_url("moreelberaad:pack_pdf_status")),
    "moreelberaad:pack_pdf_download": foreign(beraad_url("moreelberaad:pack_pdf_download")),
}
