"""Chart labels people can read (issue 14 item 7): never cut off, never outside the chart, and the
same in the PDF as on the page."""

import base64
import re
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from django.core.files.storage import FileSystemStorage
from django.template.loader import render_to_string
from django.utils import timezone, translation

import pytest

from monitor.constants import ReportScope
from monitor.models import Report
from monitor.publications import charts
from monitor.publications.charts import Bar, bar_chart
from monitor.publications.reporting_dates import latest_reporting_date
from monitor.services import reports as services
from monitor.statistics.definitions import CORE_COUNTS, DEFINITIONS
from monitor.statistics.tables import PublishedCell
from monitor.tasks import generate_report
from tests.cases.factories import CaseFactory
from tests.factories import OrganisationFactory, RegionFactory, user_with_role
from tests.pdftools import pdf_text
from wio.accounts.constants import Role
from wio.audit import services as audit

SVG = "{http://www.w3.org/2000/svg}"
LONG_LABEL = "Jeugdigen bij wie na een Moreel Beraad binnen drie maanden een passend aanbod is afgesproken"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - the SVG the chart module drew itself


def _labels(root: ElementTree.Element) -> list[ElementTree.Element]:
    return [text for text in root.iter(f"{SVG}text") if text.get("class") == "wio-chart-label"]


def _joined(text: ElementTree.Element) -> str:
    return " ".join(span.text or "" for span in text.iter(f"{SVG}tspan"))


def _lines(text: ElementTree.Element) -> list[str]:
    return [span.text or "" for span in text.iter(f"{SVG}tspan")]


def test_a_long_label_is_wrapped_whole_inside_the_label_column() -> None:
    # given a label of more than 60 characters
    assert len(LONG_LABEL) > 60

    # when it is drawn
    chart = bar_chart(chart_id="long", title="Lang", bars=[Bar(LONG_LABEL, PublishedCell("12"))])

    # then every word is there, over several lines, without an ellipsis
    root = _parse(chart.svg)
    [label] = _labels(root)
    assert _joined(label) == LONG_LABEL
    assert len(_lines(label)) >= 2
    assert "…" not in chart.svg
    # and no text starts left of the chart, no line is longer than the column holds
    for element in [*root.iter(f"{SVG}text"), *root.iter(f"{SVG}tspan")]:
        assert float(element.get("x", "0")) >= 0
    assert all(len(line) <= charts.LABEL_CHARS for line in _lines(label))


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs DejaVu Sans, the widest font the chart names")
def test_every_line_fits_the_label_column_in_the_widest_font() -> None:
    from PIL import ImageFont

    font = ImageFont.truetype(str(DEJAVU), charts.FONT_SIZE)
    with translation.override("nl"):
        labels = [str(definition.name) for definition in DEFINITIONS] + [LONG_LABEL]
        chart = bar_chart(
            chart_id="all", title="Alle", bars=[Bar(label, PublishedCell("3")) for label in labels]
        )
    for label in _labels(_parse(chart.svg)):
        for line in _lines(label):
            right = charts.LABEL_X + font.getlength(line)
            assert right <= charts.LABEL_WIDTH - 4, (line, right)


def test_rows_grow_with_their_lines_and_never_overlap() -> None:
    bars = [
        Bar(LONG_LABEL, PublishedCell("12")),
        Bar("Kort", PublishedCell("4")),
        Bar(LONG_LABEL, PublishedCell("7")),
    ]
    root = _parse(bar_chart(chart_id="rows", title="Rijen", bars=bars).svg)

    baselines = [float(span.get("y", "0")) for label in _labels(root) for span in label.iter(f"{SVG}tspan")]

    assert baselines == sorted(baselines)
    assert all(later - earlier >= charts.LINE_HEIGHT - 0.01 for earlier, later in pairwise(baselines))
    assert max(baselines) < float(root.get("height", "0"))


def test_a_withheld_cell_is_still_a_hatched_stub_with_its_mark_and_the_text_alternative_is_whole() -> None:
    bars = [Bar(LONG_LABEL, PublishedCell("x", suppressed=True)), Bar("Ouders", PublishedCell("40"))]

    chart = bar_chart(chart_id="stub", title="Met een weggelaten getal", bars=bars)

    root = _parse(chart.svg)
    stubs = [rect for rect in root.iter(f"{SVG}rect") if rect.get("fill") == "url(#stub-hatch)"]
    assert [float(stub.get("width", "0")) for stub in stubs] == [charts.STUB_WIDTH]
    values = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "wio-chart-value"]
    assert values == ["x", "40"]
    assert f"{LONG_LABEL}: x" in chart.description


def test_the_pdf_chart_image_carries_the_core_counts_whole() -> None:
    # given the three core counts under their Dutch names, as the report draws them
    with translation.override("nl"):
        names = [str(definition.name) for definition in CORE_COUNTS]
        chart = bar_chart(
            chart_id="chart-core", title="Kerngetallen", bars=[Bar(n, PublishedCell("9")) for n in names]
        )

        # when the PDF's chart template puts it in
        html = render_to_string("monitor/report/chart.html", {"chart": chart})

    # then the image it embeds names each count in full
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert encoded is not None
    embedded = _parse(base64.b64decode(encoded.group(1)).decode())
    assert [_joined(label) for label in _labels(embedded)] == names
    assert "Jeugdigen bij wie nieuwe beweging is ontstaan" in names


@pytest.fixture
def storage(tmp_path: Path, settings: Any) -> FileSystemStorage:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


@pytest.fixture
def no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    from wio.outbox.tasks import run_job

    monkeypatch.setattr(run_job, "apply_async", lambda *args, **kwargs: None)


def _national_report() -> Report:
    region = RegionFactory()
    for _ in range(2):
        CaseFactory(
            gemeente=OrganisationFactory(region=region), swv=OrganisationFactory(swv=True, region=region)
        )
    staff = user_with_role(Role.PROJECT_STAFF)
    return services.report_request(
        scope=ReportScope.NATIONAL,
        region=None,
        period_start=date(2021, 7, 1),
        period_end=timezone.localdate(),
        peildatum=latest_reporting_date(),
        actor=audit.actor_from(user=staff),
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("no_worker")
def test_the_national_pdf_prints_the_chart_labels_whole(storage: FileSystemStorage, tmp_path: Path) -> None:
    # given a national report
    report = _national_report()

    # when the worker renders it
    assert generate_report(report.pk) is True

    # then the chart's labels are in the PDF as wrapped lines, whole, none cut off with an ellipsis
    report.refresh_from_db()
    with storage.open(report.file_name, "rb") as handle:
        text = pdf_text(handle.read(), tmp_path)
    lines = [line.strip() for line in text.splitlines()]
    with translation.override("nl"):
        wrapped = charts.label_lines(str(CORE_COUNTS[2].name))
    assert len(wrapped) >= 2
    assert any(lines[index : index + len(wrapped)] == wrapped for index in range(len(lines))), wrapped
    assert " ".join(wrapped) == "Jeugdigen bij wie nieuwe beweging is ontstaan"
    assert "bewegi…" not in text
