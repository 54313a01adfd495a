"""Groups, their permissions and the moderation workflow of the column.

Editors write and submit; the editorial board approves (publishes) or asks for changes with a comment;
admins run the site. Wagtail's own default groups and workflow are removed while nobody uses them, so
editors see only ours.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
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

EDITORS = "Biên tập viên"
MODERATORS = "Ban Biên tập"
ADMINS = "Quản trị"
WORKFLOW_NAME = "Duyệt bài Chuyên mục ASEAN"
TASK_NAME = "Ban Biên tập duyệt bài"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ADMINS: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}
MEDIA_PERMISSIONS = {
    EDITORS: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
}
MEDIA_PERMISSIONS[MODERATORS] = MEDIA_PERMISSIONS[EDITORS] + ["delete_image", "delete_document"]
MEDIA_PERMISSIONS[ADMINS] = MEDIA_PERMISSIONS[MODERATORS]
MODEL_PERMISSIONS = {
    EDITORS: [
        "wagtailadmin.access_admin",
        "simple_translation.submit_translation",
        "cms.add_topic",
        "cms.change_topic",
        "cms.view_pillar",
        "cms.view_country",
    ],
    MODERATORS: [
        "wagtailadmin.access_admin",
        "simple_translation.submit_translation",
        "cms.add_topic",
        "cms.change_topic",
        "cms.change_pillar",
        "cms.view_pillar",
        "cms.change_country",
        "cms.view_country",
    ],
    ADMINS: [
        "wagtailadmin.access_admin",
        "simple_translation.submit_translation",
        *(
            f"cms.{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in ("topic", "pillar", "country")
        ),
        "home.change_portalsettings",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
    ],
}
WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]


def permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_editorial(column_pages: list[Page], site_root_pages: list[Page]) -> dict[str, Group]:
    _remove_unused_wagtail_defaults()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS, ADMINS)}
    root_collection = Collection.get_first_root_node()
    for name, group in groups.items():
        group.permissions.add(*(permission(dotted) for dotted in MODEL_PERMISSIONS[name]))
        pages = site_root_pages if name == ADMINS else column_pages
        for page in pages:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission(f"wagtailcore.{codename}")
                )
        for dotted in MEDIA_PERMISSIONS[name]:
            app_label = "wagtailimages" if dotted.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(f"{app_label}.{dotted}")
            )
    _ensure_workflow(groups[MODERATORS], column_pages)
    return groups


def _ensure_workflow(moderators: Group, column_pages: list[Page]) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([moderators])
    # WorkflowTask hangs off a ParentalKey: create it directly, the cluster manager would only hold it in memory.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in column_pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def _remove_unused_wagtail_defaults() -> None:
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    default_workflow = Workflow.objects.filter(name="Moderators approval").first()
    if default_workflow and not default_workflow.workflow_states.exists():
        WorkflowPage.objects.filter(workflow=default_workflow).delete()
        for workflow_task in default_workflow.workflow_tasks.all():
            task = workflow_task.task
            workflow_task.delete()
            if not task.workflow_tasks.exists() and not task.task_states.exists():
                task.delete()
        default_workflow.delete()
