from django.urls import path

from portal.pool.views import entry, members, review, years

app_name = "pool"
urlpatterns = [
    path("", members.member_list, name="list"),
    path("export.xlsx", members.member_export, name="export"),
    path("enterprise/<int:pk>/", members.enterprise_page, name="enterprise"),
    path("enterprise/<int:pk>/apply/", members.apply, name="apply"),
    path("member/<int:pk>/focus/", members.focus_override, name="focus_override"),
    path("requests/", entry.request_list, name="requests"),
    path("requests/<int:pk>/decide/", entry.request_decide, name="request_decide"),
    path("nominate/", entry.nominate, name="nominate"),
    path("candidates/", entry.candidates, name="candidates"),
    path("candidates/select/", entry.select, name="select"),
    path("screening/", entry.screening_refresh, name="screening_refresh"),
    path("screening/<int:pk>/progress/", entry.screening_progress, name="screening_progress"),
    path("reviews/", review.reviews, name="reviews"),
    path("reviews/start/", review.start, name="review_start"),
    path("reviews/<int:pk>/", review.detail, name="review"),
    path("reviews/<int:pk>/progress/", review.progress, name="review_progress"),
    path("reviews/<int:pk>/confirm/", review.confirm_bulk, name="review_confirm_bulk"),
    path("reviews/items/<int:pk>/decide/", review.decide, name="review_decide"),
    path("years/", years.years, name="years"),
    path("years/snapshot/", years.snapshot_take, name="snapshot_take"),
    path("years/<int:pk>/", years.snapshot, name="snapshot"),
    path("years/<int:pk>/export.xlsx", years.snapshot_export, name="snapshot_export"),
    path("years/diff/", years.diff, name="diff"),
    path("years/diff/export.xlsx", years.diff_export, name="diff_export"),
]
