"""What an agency's groups may do: pages of the agency only, media of its collection only, its own workflow.

Every function here makes the database match the desired state and returns a line per change, so a second
run with the same configuration returns nothing and writes nothing.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.bootstrap.editorial import ADMINS, EDITORS, MODERATORS, PAGE_PERMISSIONS, WORKFLOW_NAME, permission

# The portal's own editors and board get the same page rights, on the portal column.
EDITOR_PAGE_PERMISSIONS = PAGE_PERMISSIONS[EDITORS]
APPROVER_PAGE_PERMISSIONS = PAGE_PERMISSIONS[MODERATORS]
EDITOR_MEDIA_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
APPROVER_MEDIA_PERMISSIONS = EDITOR_MEDIA_PERMISSIONS + ["wagtailimages.delete_image", "wagtaildocs.delete_document"]
# No snippet permissions: pillars, topics and countries are shared by every site, so agencies only use them.
AGENCY_MODEL_PERMISSIONS = ["wagtailadmin.access_admin", "simple_translation.submit_translation"]
ADMIN_AGENCY_PERMISSIONS = ["agencies.add_agency", "agencies.change_agency", "agencies.view_agency"]


def ensure_group(name: str) -> tuple[Group, list[str]]:
    group, created = Group.objects.get_or_create(name=name)
    return group, [_("created group “%(name)s”") % {"name": name}] if created else []


def sync_model_permissions(group: Group, dotted_names: list[str]) -> list[str]:
    wanted = {permission(dotted) for dotted in dotted_names}
    missing = wanted - set(group.permissions.all())
    if not missing:
        return []
    group.permissions.add(*missing)
    return [
        _("group “%(group)s”: granted %(codenames)s")
        % {"group": group.name, "codenames": ", ".join(sorted(p.codename for p in missing))}
    ]


def sync_page_permissions(group: Group, pages: list[Page], codenames: list[str]) -> list[str]:
    """The group holds exactly ``codenames`` on ``pages`` and nothing on any other page."""
    wanted = {(page.pk, permission(f"wagtailcore.{codename}").pk) for page in pages for codename in codenames}
    existing = {(row.page_id, row.permission_id): row.pk for row in GroupPagePermission.objects.filter(group=group)}
    changes = []
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        GroupPagePermission.objects.filter(pk__in=stale).delete()
        changes.append(
            _("group “%(group)s”: removed %(count)d page permission(s)") % {"group": group.name, "count": len(stale)}
        )
    missing = [key for key in wanted if key not in existing]
    for page_id, permission_id in missing:
        GroupPagePermission.objects.create(group=group, page_id=page_id, permission_id=permission_id)
    if missing:
        titles = ", ".join(sorted({page.title for page in pages}))
        changes.append(
            _("group “%(group)s”: granted %(count)d page permission(s) on %(pages)s")
            % {"group": group.name, "count": len(missing), "pages": titles}
        )
    return changes


def sync_collection_permissions(group: Group, collection: Collection, dotted_names: list[str]) -> list[str]:
    """The group holds exactly ``dotted_names`` on ``collection`` and nothing on any other collection."""
    wanted = {(collection.pk, permission(dotted).pk) for dotted in dotted_names}
    existing = {
        (row.collection_id, row.permission_id): row.pk for row in GroupCollectionPermission.objects.filter(group=group)
    }
    changes = []
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        GroupCollectionPermission.objects.filter(pk__in=stale).delete()
        changes.append(
            _("group “%(group)s”: removed %(count)d media permission(s)") % {"group": group.name, "count": len(stale)}
        )
    missing = [key for key in wanted if key not in existing]
    for collection_id, permission_id in missing:
        GroupCollectionPermission.objects.create(group=group, collection_id=collection_id, permission_id=permission_id)
    if missing:
        changes.append(
            _("group “%(group)s”: granted %(count)d media permission(s) on “%(collection)s”")
            % {"group": group.name, "count": len(missing), "collection": collection.name}
        )
    return changes


def sync_board_permissions(columns: list[Page], board_moderates: bool) -> list[str]:
    """The portal's editorial board gets publishing rights on an agency's columns only when it moderates them."""
    board = Group.objects.filter(name=MODERATORS).first()
    if board is None:
        return []
    codenames = APPROVER_PAGE_PERMISSIONS if board_moderates else []
    wanted = {(column.pk, permission(f"wagtailcore.{codename}").pk) for column in columns for codename in codenames}
    rows = GroupPagePermission.objects.filter(group=board, page__in=columns)
    existing = {(row.page_id, row.permission_id): row.pk for row in rows}
    changes = []
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        GroupPagePermission.objects.filter(pk__in=stale).delete()
        changes.append(
            _("group “%(group)s”: removed %(count)d page permission(s) on the agency's column")
            % {"group": board.name, "count": len(stale)}
        )
    missing = [key for key in wanted if key not in existing]
    for page_id, permission_id in missing:
        GroupPagePermission.objects.create(group=board, page_id=page_id, permission_id=permission_id)
    if missing:
        changes.append(
            _("group “%(group)s”: granted %(count)d page permission(s) on the agency's column")
            % {"group": board.name, "count": len(missing)}
        )
    return changes


def ensure_agency_workflow(name: str, task_name: str, approvers: Group, current: Workflow | None) -> tuple:
    """The agency's own workflow with one group approval task for ``approvers``; returns (workflow, changes)."""
    changes = []
    workflow = current if current is not None and current.name != WORKFLOW_NAME else None
    if workflow is None:
        workflow = Workflow.objects.filter(name=name).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name)
        changes.append(_("created workflow “%(name)s”") % {"name": name})
    task = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
        # WorkflowTask hangs off a ParentalKey: create it directly, as cms.bootstrap.editorial does.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changes.append(_("created approval task “%(name)s”") % {"name": task_name})
    if set(task.groups.all()) != {approvers}:
        task.groups.set([approvers])
        changes.append(_("task “%(task)s”: approved by “%(group)s”") % {"task": task.name, "group": approvers.name})
    return workflow, changes


def portal_workflow() -> Workflow:
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        raise LookupError(f"The portal's workflow {WORKFLOW_NAME!r} is missing: run `manage.py bootstrap` first.")
    return workflow


def assign_workflow(workflow: Workflow, pages: list[Page]) -> list[str]:
    changes = []
    for page in pages:
        current = WorkflowPage.objects.filter(page=page).first()
        if current is not None and current.workflow_id == workflow.pk:
            continue
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        changes.append(
            _("“%(page)s” (%(language)s) moderated by workflow “%(workflow)s”")
            % {"page": page.title, "language": page.locale.language_code, "workflow": workflow.name}
        )
    return changes


def ensure_admin_permissions() -> list[str]:
    """The portal's admins ("Quản trị") manage agencies and see their embed codes."""
    admins = Group.objects.filter(name=ADMINS).first()
    return sync_model_permissions(admins, ADMIN_AGENCY_PERMISSIONS) if admins else []
