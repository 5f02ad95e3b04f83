"""The certification journey as small steps the tests compose."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from portal.certification.models import Application
from portal.certification.selectors import sheet_criteria
from portal.certification.services.applications import application_resubmit, application_submit
from portal.certification.services.decisions import Correction, application_decide
from portal.certification.services.experts import Sheet, experts_assign, review_submit
from portal.certification.services.publicity import application_certify, notice_publish
from portal.certification.tests.fixtures import World, days, fresh

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "审计报告.pdf", body: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def apply(world: World, **kwargs: Any) -> Application:
    return application_submit(round_=kwargs.pop("round_", world.round),
                              enterprise=world.enterprise, actor=world.user("enterprise"),
                              files=kwargs.pop("files", [("audit_report", pdf())]))


def decide(app: Application, actor: Any, decision: str = "approve", **kwargs: Any,
           ) -> Application:
    current = fresh(app)
    return application_decide(application_id=app.pk, actor=actor, decision=decision,
                              expected_version=kwargs.pop("version", current.version),
                              **kwargs)


def send_back(app: Application, actor: Any, missing: str = "请补充2025年度审计报告",
              due: dt.date | None = None) -> Application:
    return decide(app, actor, "return", correction=Correction(missing, due or days(10)))


def resubmit(world: World, app: Application) -> Application:
    return application_resubmit(application_id=app.pk, actor=world.user("enterprise"),
                                expected_version=fresh(app).version,
                                files=[("audit_report", pdf("审计报告（补正）.pdf"))],
                                note="已补充审计报告")


OFFICIALS = {"town": "town", "district": "wujiang", "city": "suzhou", "province": "province"}


def through_review(world: World, app: Application) -> Application:
    """The remaining levels below the province approve; the application reaches it."""
    while (current := fresh(app)).current_level != "province":
        decide(app, world.user(OFFICIALS[current.current_level]))
    return fresh(app)


def assign(world: World, app: Application, seed: int = 20260601) -> Any:
    return experts_assign(application_id=app.pk, actor=world.user("province"),
                          expected_version=fresh(app).version, seed=seed)


def full_sheet(app: Application, points: int = 8, recommend: bool = True) -> Sheet:
    return Sheet(scores={line["id"]: (points, "符合") for line in sheet_criteria(app)},
                 recommend=recommend, comment="材料齐全，同意认定。")


def score_all(app: Application, points: list[int]) -> None:
    reviews = list(fresh(app).reviews.select_related("expert").order_by("id"))
    for review, value in zip(reviews, points, strict=True):
        review_submit(application_id=app.pk, actor=review.expert,
                      sheet=full_sheet(app, value))


def publish(world: World, app: Application) -> Application:
    return notice_publish(application_id=app.pk, actor=world.user("province"),
                          expected_version=fresh(app).version)


def end_notice(app: Application) -> None:
    """Let the notice period pass (the tests cannot wait a week)."""
    Application.objects.filter(pk=app.pk).update(notice_start=days(-8), notice_end=days(-1))


def certify(world: World, app: Application) -> Any:
    return application_certify(application_id=app.pk, actor=world.user("province"),
                               expected_version=fresh(app).version)


def to_certificate(world: World, app: Application) -> Any:
    through_review(world, app)
    assign(world, app)
    score_all(app, [8] * world.round.panel_size)
    publish(world, app)
    end_notice(app)
    return certify(world, app)


def status(app: Application) -> str:
    return str(fresh(app).status)


