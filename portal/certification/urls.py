from django.urls import path

from portal.certification.views import applications, decisions, experts, revocations, rounds

app_name = "certification"
urlpatterns = [
    path("", rounds.home, name="home"),
    path("rounds/", rounds.rounds, name="rounds"),
    path("rounds/new/", rounds.round_new, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/apply/", rounds.apply, name="apply"),
    path("queue/", decisions.queue, name="queue"),
    path("queue/bulk-approve/", decisions.bulk_approve, name="bulk_approve"),
    path("applications/<int:pk>/", applications.detail, name="application"),
    path("applications/<int:pk>/print/", applications.print_form, name="print"),
    path("applications/<int:pk>/resubmit/", applications.resubmit, name="resubmit"),
    path("applications/<int:pk>/attach/", applications.attach, name="attach"),
    path("applications/<int:pk>/decide/", decisions.decide, name="decide"),
    path("applications/<int:pk>/experts/", decisions.assign, name="assign_experts"),
    path("applications/<int:pk>/score/", experts.score, name="score"),
    path("applications/<int:pk>/notice/", decisions.publish, name="publish"),
    path("applications/<int:pk>/objections/", decisions.objection, name="object"),
    path("applications/<int:pk>/certify/", decisions.certify, name="certify"),
    path("objections/<int:pk>/resolve/", decisions.resolve, name="resolve"),
    path("attachments/<int:pk>/", applications.attachment, name="attachment"),
    path("reviews/", experts.reviews, name="reviews"),
    path("revocations/", revocations.revocations, name="revocations"),
    path("titles/<int:pk>/revoke/", revocations.revoke, name="revoke"),
]
