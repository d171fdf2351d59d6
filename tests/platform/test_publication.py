"""The files a public-sector open-source publication needs: licence, publiccode.yml, security policy."""

import re
from pathlib import Path

from django.test import Client

import yaml

BASE_DIR = Path(__file__).resolve().parents[2]
PUBLICCODE_KEYS = {
    "publiccodeYmlVersion",
    "name",
    "url",
    "platforms",
    "categories",
    "developmentStatus",
    "softwareType",
    "description",
    "legal",
    "maintenance",
    "localisation",
}


def test_publiccode_yml_has_the_required_keys() -> None:
    publiccode = yaml.safe_load((BASE_DIR / "publiccode.yml").read_text(encoding="utf-8"))

    assert set(publiccode) >= PUBLICCODE_KEYS
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    assert publiccode["legal"]["license"] == "EUPL-1.2"
    assert publiccode["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert publiccode["localisation"]["availableLanguages"] == ["nl"]
    for language in ("nl", "en"):
        description = publiccode["description"][language]
        assert len(description["shortDescription"]) <= 150
        assert len(description["longDescription"]) >= 150
        assert description["features"]


def test_the_licence_is_the_eupl_1_2() -> None:
    licence = (BASE_DIR / "LICENSE").read_text(encoding="utf-8")

    assert licence.split()[:6] == ["EUROPEAN", "UNION", "PUBLIC", "LICENCE", "v.", "1.2"]
    assert "‘Compatible Licences’ according to Article 5 EUPL are:" in licence


def test_security_md_names_the_contact_of_security_txt(client: Client) -> None:
    security_txt = client.get("/.well-known/security.txt").content.decode()
    contact = re.search(r"^Contact: (\S+)$", security_txt, re.MULTILINE)
    assert contact
    address = contact.group(1).removeprefix("mailto:")

    policy = (BASE_DIR / "SECURITY.md").read_text(encoding="utf-8")

    assert address in policy
    assert "/.well-known/security.txt" in policy
