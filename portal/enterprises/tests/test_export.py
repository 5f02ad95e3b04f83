"""Export: the template, a round trip through Excel, the export and import commands, and
read scoping."""

from __future__ import annotations

from io import BytesIO

import pytest
from click.testing import CliRunner

from portal.accounts.models import Role, User
from portal.enterprises import selectors, services
from portal.enterprises.models import Enterprise, ImportRecord, ImportStatus
from portal.enterprises.tests.test_import import A, B, good_file, run
from portal.enterprises.xlsx import sheets
from portal.enterprises.xlsx.export import export_workbook
from portal.enterprises.xlsx.reading import read_workbook
from portal.enterprises.xlsx.template import template_bytes
from zjtx.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(regions, industries, clusters) -> ImportRecord:
    record = run(good_file())
    assert record.status == ImportStatus.SUCCEEDED, record.errors
    return record


def test_the_template_has_every_sheet_and_header():
    data, problems = read_workbook(template_bytes())
    assert problems == []
    assert set(data) == set(sheets.DATA_SHEETS)
    assert set(data[sheets.ANNUAL_SHEET].headers) == {c.key for c in sheets.ANNUAL_COLUMNS}
    assert "营业收入（万元）" in data[sheets.ANNUAL_SHEET].headers.values()


def test_an_export_imports_back_unchanged(imported):
    before = selectors.current_facts_frame()
    buffer = BytesIO()
    written = export_workbook(enterprises=Enterprise.objects.all(), target=buffer)
    assert written == {sheets.ENTERPRISES: 2, sheets.ANNUAL_SHEET: 3, sheets.STATIC_SHEET: 2}
    again = run(buffer.getvalue())
    assert again.status == ImportStatus.SUCCEEDED, again.errors
    assert again.counts["facts_written"] == 0 and again.counts["enterprises_updated"] == 0
    assert again.counts["titles_created"] == 0 and again.counts["titles_updated"] == 0
    Enterprise.objects.all().delete()  # and into an empty registry: the same facts
    fresh = run(buffer.getvalue())
    assert fresh.status == ImportStatus.SUCCEEDED, fresh.errors
    assert selectors.current_facts_frame().equals(before)


def test_the_export_command_filters_by_region_and_years(imported, tmp_path):
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, ["export", "--region", "320500", "--years", "2024",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    data, _ = read_workbook(out.read_bytes())
    assert data[sheets.ENTERPRISES].frame["uscc"].to_list() == [A]
    annual = data[sheets.ANNUAL_SHEET].frame
    assert annual.select("uscc", "year", "revenue").rows() == [(A, "2024", "12345.6789")]


def test_the_import_command_dry_run_writes_nothing(regions, industries, clusters, tmp_path):
    bad = tmp_path / "bad.xlsx"
    content = good_file()
    bad.write_bytes(content)
    User.objects.create_user(username="clerk", password="x" * 12, role=Role.ADMIN)
    dry = CliRunner().invoke(main, ["import", str(bad), "--dry-run", "--user", "clerk"])
    assert dry.exit_code == 0, dry.output
    assert "校验通过" in dry.output and not Enterprise.objects.exists()
    assert ImportRecord.objects.get().actor.username == "clerk"


def test_the_import_command_exits_non_zero_on_problems(regions, industries, tmp_path):
    from portal.enterprises.tests.test_import import enterprise_rows
    from portal.enterprises.tests.workbooks import workbook

    rows = enterprise_rows()
    rows[1]["region_code"] = "999999"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook({sheets.ENTERPRISES: rows}))
    result = CliRunner().invoke(main, ["import", str(bad)])
    assert result.exit_code == 1
    assert "「企业信息」 第 3 行 「所属区域代码*」：区域代码不存在" in result.output
    assert not Enterprise.objects.exists()


def test_reads_are_scoped_to_the_users_region(imported, regions, official):
    assert [e.uscc for e in selectors.enterprises_visible_to(official)] == [A]
    province = User.objects.create_user(username="p", password="x" * 12, role=Role.PROVINCE,
                                        region=regions["province"])
    assert selectors.enterprises_visible_to(province).count() == 2
    bank = User.objects.create_user(username="b", password="x" * 12, role=Role.BANK)
    assert not selectors.enterprises_visible_to(bank).exists()
    owner = User.objects.create_user(username="e", password="x" * 12, role=Role.ENTERPRISE)
    services.enterprise_member_add(user=owner, enterprise=Enterprise.objects.get(uscc=B),
                                   actor=None)
    assert [e.uscc for e in selectors.enterprises_visible_to(owner)] == [B]
