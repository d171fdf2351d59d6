"""Issue 14 item 8: a correct file with nobody new offers no "0 casussen importeren" button."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from cases.permissions import gemeente_ids
from tests.cases.factories import CaseFactory, CaseImportFactory
from tests.factories import OrganisationFactory, user_with_role
from tests.forms.page_language import visible_text
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db

HEADER = "voornaam;achternaam;geboortedatum;swv_code;categorie;projectcasus;registratiedatum"


@pytest.fixture
def officer() -> User:
    return user_with_role(Role.LPA)


def _preview(client: Client, officer: User, *lines: str) -> Any:
    gemeente = Organisation.objects.get(pk=next(iter(gemeente_ids(officer))))
    content = "\r\n".join((HEADER, *lines)) + "\r\n"
    case_import = CaseImportFactory(uploaded_by=officer, gemeente=gemeente, content=content)
    response = client.get(reverse("cases:import_preview", args=[case_import.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").find("main")


def test_a_file_of_youths_already_registered_explains_and_links_back(
    signed_in: Callable[[User], Client], officer: User
) -> None:
    gemeente = Organisation.objects.get(pk=next(iter(gemeente_ids(officer))))
    swv = OrganisationFactory(swv=True, code="PO 22-02", region=gemeente.region)
    CaseFactory(
        gemeente=gemeente, swv=swv, first_name="Sam", last_name="Jansen", date_of_birth=date(2013, 3, 4)
    )

    page = _preview(signed_in(officer), officer, "Sam;Jansen;2013-03-04;PO 22-02;absoluut_verzuim;ja;")

    assert page.find("button", attrs={"type": "submit"}) is None
    assert page.find("form", attrs={"method": "post"}) is None
    assert "0 casussen importeren" not in visible_text(str(page))
    explanation = page.find(id="nothing-to-import")
    assert "Er valt niets te importeren en er is niets geregistreerd." in visible_text(str(explanation))
    assert f"al geregistreerd in {gemeente.name}" in visible_text(str(explanation))
    assert explanation.find("a", href=reverse("cases:import_upload")).get_text(strip=True) == (
        "Terug naar importeren"
    )


def test_a_file_with_someone_new_still_offers_the_import(
    signed_in: Callable[[User], Client], officer: User
) -> None:
    gemeente = Organisation.objects.get(pk=next(iter(gemeente_ids(officer))))
    OrganisationFactory(swv=True, code="PO 22-02", region=gemeente.region)

    page = _preview(signed_in(officer), officer, "Noor;de Vries;2012-06-01;PO 22-02;absoluut_verzuim;ja;")

    assert page.find(id="nothing-to-import") is None
    assert page.find("button", attrs={"type": "submit"}).get_text(strip=True) == "1 casus importeren"
