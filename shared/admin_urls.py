"""Admin URLs of the shared database, under /admin/shared/ (names in the ``shared`` namespace)."""

from django.urls import path, re_path

from shared.views import browse, contribute, downloads, ledger, reuse, saved_searches, tokens

app_name = "shared"
urlpatterns: list = []

# API tokens (admins) and saved searches (journalists).
urlpatterns += [
    path("tokens/", tokens.TokenIndexView.as_view(), name="tokens"),
    path("tokens/issue/", tokens.TokenIssueView.as_view(), name="token_issue"),
    path("tokens/<int:pk>/revoke/", tokens.TokenRevokeView.as_view(), name="token_revoke"),
    path("saved/", saved_searches.index, name="saved_searches"),
    path("saved/add/", saved_searches.save_search, name="saved_search_add"),
    path("saved/<int:pk>/digest/", saved_searches.toggle_digest, name="saved_search_digest"),
    path("saved/<int:pk>/delete/", saved_searches.delete, name="saved_search_delete"),
]

# Contributions (journalists of a newsroom).
urlpatterns += [
    path("contribute/", contribute.ContributeIndexView.as_view(), name="contribute"),
    path("contribute/<slug:kind>/", contribute.ContributeFormView.as_view(), name="contribute_kind"),
    path("contributions/", contribute.ContributionsView.as_view(), name="contributions"),
    path("contributions/<int:pk>/", contribute.ContributionEditView.as_view(), name="contribution_edit"),
    path("contributions/<int:pk>/delete/", contribute.ContributionDeleteView.as_view(), name="contribution_delete"),
]

# Finding material: the list of shared items and the item page (everyone with shared.access_shared).
urlpatterns += [
    path("", browse.BrowseView.as_view(), name="browse"),
    path("results/", browse.BrowseView.as_view(results_only=True), name="browse_results"),
    path("items/<int:pk>/", browse.ItemView.as_view(), name="item"),
]

# Reuse: column drafts, the one-click newspaper and radio-TV records, the ledger, plain text and media.
urlpatterns += [
    path("items/<int:item_id>/reuse/", reuse.ReuseInColumnView.as_view(), name="reuse"),
    re_path(
        r"^items/(?P<item_id>\d+)/used/(?P<channel>newspaper|broadcast)/$",
        reuse.RecordReuseView.as_view(),
        name="record_reuse",
    ),
    path("items/<int:item_id>/script.txt", downloads.broadcast_script_view, name="broadcast_script"),
    path("items/<int:item_id>/text.txt", downloads.copy_text_view, name="copy_text"),
    path("items/<int:item_id>/image/", downloads.item_image_view, name="download_image"),
    path("attachments/<int:attachment_id>/", downloads.attachment_view, name="download_attachment"),
    path("ledger/", ledger.ReuseLedgerView.as_view(), name="ledger"),
    path("ledger/results/", ledger.ReuseLedgerView.as_view(results_only=True), name="ledger_results"),
]
