"""Contributions: a newsroom journalist puts an article, photos, a video, an audio or a document into the
shared database.

One form per kind validates a submission completely (files by type, content, size and pixels; see
``shared.validators``) before anything is written; ``create_contribution`` then stores it in one
transaction as an ``aggregator.Item`` of the newsroom's own source, with ``Attachment`` rows pointing at
Wagtail images and documents. Usable outside the admin views: ``shared.demo`` goes through the same forms.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ReferenceIndex
from wagtail.rich_text import expand_db_html

from aggregator.dedupe import title_signature
from aggregator.models import Item, ItemKind, ItemStatus
from aggregator.sanitize import clean_html, to_text
from shared import validators
from shared.models import Attachment, Newsroom

SHARED_COLLECTION_NAME = "Kho dùng chung"  # data, not UI: the Wagtail collection every newsroom shares
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


# --- Fields ---------------------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that takes several files; cleans to a list (empty when none was sent)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        files = [file for file in files if file]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


def _accept(extensions) -> dict[str, str]:
    """The file picker's filter; the server checks again, this only spares the journalist a wrong pick."""
    return {"accept": ",".join(f".{ext}" for ext in extensions)}


# --- Forms ----------------------------------------------------------------------------------------


class ContributionMetadataForm(forms.ModelForm):
    """What describes any contributed item; also the whole edit form of "My contributions"."""

    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The lead: two or three sentences saying what this is about."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="vi")

    field_order = ["newsroom", "title", "description"]

    class Meta:
        model = Item
        fields = ["title", "author", "language", "pillar", "topics", "countries", "rights_note"]
        widgets = {"topics": forms.CheckboxSelectMultiple, "countries": forms.CheckboxSelectMultiple}
        help_texts = {
            "author": _("Leave empty to sign with your own name."),
            "rights_note": _("Conditions for reuse, e.g. “Credit the photographer” or “Not for broadcast”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["description"].initial = to_text(self.instance.summary)

    def save(self, commit: bool = True) -> Item:
        item = super().save(commit=False)
        item.summary = clean_html(linebreaks(self.cleaned_data["description"].strip(), autoescape=True))
        item.title_signature = title_signature(item.title)
        item.content_hash = fingerprint(item, file_hashes(item) if item.pk else ())
        item.updated_at = timezone.now()
        if commit:
            item.save()
            self.save_m2m()
        return item


class ContributionForm(ContributionMetadataForm):
    """A new contribution of one kind, by a member of ``newsrooms`` (chosen when there are several)."""

    kind: ClassVar[str]

    newsroom = forms.ModelChoiceField(label=_("Newsroom"), queryset=Newsroom.objects.none(), empty_label=None)

    def __init__(self, *args, newsrooms: QuerySet[Newsroom], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["newsroom"]
        field.queryset = newsrooms
        if len(newsrooms) == 1:  # nothing to choose: the journalist's one newsroom
            field.initial, field.required, field.widget = newsrooms[0].pk, False, forms.HiddenInput()

    def clean_newsroom(self) -> Newsroom:
        return self.cleaned_data["newsroom"] or self.fields["newsroom"].queryset.get()

    def attachments(self) -> list[Attachment]:
        """Unsaved attachments built from the cleaned files; ``create_contribution`` stores their files."""
        return []


class PhotosMixin(forms.Form):
    photos = MultipleFileField(
        label=_("Photos"),
        widget=MultipleFileInput(attrs=_accept(validators.IMAGE_FORMATS)),
        help_text=_("JPEG, PNG, WebP or GIF; you may select several files."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)
    credit = forms.CharField(label=_("Photo credit"), max_length=200, required=False)

    def clean_photos(self) -> list:
        photos = self.cleaned_data["photos"]
        if len(photos) > settings.SHARED_MAX_PHOTOS:
            raise ValidationError(
                _("At most %(limit)s photos per item."), code="too_many", params={"limit": settings.SHARED_MAX_PHOTOS}
            )
        errors = []
        for photo in photos:
            try:
                validators.validate_image(photo)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return photos

    def attachments(self) -> list[Attachment]:
        caption, credit = self.cleaned_data["caption"], self.cleaned_data["credit"]
        return [
            Attachment(kind=ItemKind.PHOTO, image=_new_image(photo, caption), caption=caption, credit=credit)
            for photo in self.cleaned_data["photos"]
        ]


class ArticleForm(PhotosMixin, ContributionForm):
    kind = ItemKind.ARTICLE

    body = forms.CharField(label=_("Body"))
    field_order = ["newsroom", "title", "description", "body", "photos", "caption", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built here, not at import: the editor widget reads Wagtail's feature registry.
        self.fields["body"].widget = get_rich_text_editor_widget(features=BODY_FEATURES)
        self.fields["photos"].required = False

    def clean_body(self) -> str:
        body = clean_html(expand_db_html(self.cleaned_data["body"]))
        if not to_text(body):
            raise ValidationError(_("Write the article's text."), code="required")
        return body


class PhotoForm(PhotosMixin, ContributionForm):
    kind = ItemKind.PHOTO
    field_order = ["newsroom", "title", "photos", "caption", "credit", "description"]


class MediaForm(ContributionForm):
    """A video or an audio: an uploaded file or a link to where it plays, not both."""

    file = forms.FileField(label=_("File"), required=False)
    link = forms.URLField(
        label=_("Or a link"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where it can be played, e.g. the station's video page (http or https)."),
    )
    field_order = ["newsroom", "title", "file", "link", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extensions = validators.MEDIA_SIGNATURES[self.kind]
        self.fields["file"].widget.attrs.update(_accept(extensions))
        self.fields["file"].help_text = _("Accepted: %(types)s; at most %(limit)s MB.") % {
            "types": ", ".join(extensions),
            "limit": settings.SHARED_MAX_MEDIA_MB,
        }

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file:
            validators.validate_media(file, self.kind)
        return file

    def clean(self):
        cleaned = super().clean()
        has_file, has_link = bool(cleaned.get("file")), bool(cleaned.get("link"))
        if "file" in self.errors or "link" in self.errors:
            return cleaned
        if has_file and has_link:
            self.add_error("link", ValidationError(_("Upload a file or give a link, not both."), code="file_and_link"))
        elif not (has_file or has_link):
            self.add_error("file", ValidationError(_("Upload a file or give a link."), code="no_media"))
        return cleaned

    def attachments(self) -> list[Attachment]:
        file, link = self.cleaned_data["file"], self.cleaned_data["link"]
        if file:
            return [Attachment(kind=self.kind, document=_new_document(file))]
        return [Attachment(kind=self.kind, url=link)]


class VideoForm(MediaForm):
    kind = ItemKind.VIDEO


class AudioForm(MediaForm):
    kind = ItemKind.AUDIO


class DocumentForm(ContributionForm):
    kind = ItemKind.DOCUMENT

    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput(attrs=_accept(validators.DOCUMENT_EXTENSIONS)),
        help_text=_("PDF, Word/Excel/PowerPoint (docx, xlsx, pptx) or OpenDocument (odt, ods, odp)."),
    )
    field_order = ["newsroom", "title", "file", "description"]

    def clean_file(self):
        file = self.cleaned_data["file"]
        validators.validate_document(file)
        return file

    def attachments(self) -> list[Attachment]:
        return [Attachment(kind=ItemKind.DOCUMENT, document=_new_document(self.cleaned_data["file"]))]


FORMS: dict[str, type[ContributionForm]] = {
    form.kind: form for form in (ArticleForm, PhotoForm, VideoForm, AudioForm, DocumentForm)
}


# --- Storing --------------------------------------------------------------------------------------


def fingerprint(item: Item, hashes: tuple[str, ...] = ()) -> str:
    """The item's ``content_hash``: its text, link and the hashes of its files."""
    parts = (item.title, item.summary, item.content, item.media_url, *hashes)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def file_hashes(item: Item) -> tuple[str, ...]:
    attachments = item.attachments.select_related("image", "document")
    return tuple(media.file_hash for a in attachments if (media := a.image or a.document))


def shared_collection() -> Collection:
    """The Wagtail collection of contributed photos and files, created the first time it is needed."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=SHARED_COLLECTION_NAME).first() or root.add_child(
        name=SHARED_COLLECTION_NAME
    )


def _new_image(file, description: str = ""):
    return get_image_model()(file=file, description=description)


def _new_document(file):
    return get_document_model()(file=file)


def _store_file(obj, title: str, user, collection: Collection, stored: list) -> None:
    """Saves a new Wagtail image or document, remembering its file in case the transaction fails."""
    obj.title, obj.collection, obj.uploaded_by_user = title[:255], collection, user
    # What Wagtail's own upload forms do before saving: size and hash (used to spot duplicates).
    if hasattr(obj, "_set_image_file_metadata"):
        obj._set_image_file_metadata()
    else:
        obj._set_document_file_metadata()
    obj.file.save(obj.file.name, obj.file.file, save=False)  # written now, so its stored name is known
    stored.append(obj.file)
    obj.save()


def _signature(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def create_contribution(form: ContributionForm, user) -> Item:
    """Stores a valid contribution form as a visible shared item of the chosen newsroom.

    All or nothing: the item, its tags and attachments are written in one transaction, and the files
    already stored are deleted again if any step fails.
    """
    stored: list = []
    try:
        with transaction.atomic():
            return _create(form, user, stored)
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise


def _create(form: ContributionForm, user, stored: list) -> Item:
    now = timezone.now()
    newsroom: Newsroom = form.cleaned_data["newsroom"]
    item = form.save(commit=False)
    item.source = newsroom.source
    item.key = f"contribution-{uuid.uuid4().hex}"
    item.kind = form.kind
    item.content = form.cleaned_data.get("body", "")
    item.media_url = form.cleaned_data.get("link", "")
    item.author = item.author or _signature(user)
    item.contributed_by = user
    item.status = ItemStatus.VISIBLE
    item.classified_by_editor = True  # the journalist's pillar, topics and countries stand
    item.published_at = item.first_seen_at = item.updated_at = now
    item.save()
    form.save_m2m()

    attachments = form.attachments()
    collection = shared_collection() if attachments else None
    for position, attachment in enumerate(attachments, start=1):
        media = attachment.image or attachment.document
        if media is not None:
            label = attachment.caption or item.title
            title = f"{label} ({position}/{len(attachments)})" if len(attachments) > 1 else label
            _store_file(media, title, user, collection, stored)
        attachment.item, attachment.sort_order = item, position
        attachment.save()

    photos = [a for a in attachments if a.image]
    if photos:
        item.image, item.image_credit = photos[0].image, photos[0].credit
    item.content_hash = fingerprint(item, file_hashes(item))
    item.save(update_fields=["image", "image_credit", "content_hash"])
    return item


# --- Listing, editing, deleting -------------------------------------------------------------------


def member_newsrooms(user) -> QuerySet[Newsroom]:
    if not user.is_authenticated:
        return Newsroom.objects.none()
    return Newsroom.objects.filter(members=user).select_related("source")


def contributions_for(user) -> QuerySet[Item]:
    """Items contributed to the newsrooms ``user`` belongs to: theirs to edit and delete."""
    return Item.objects.filter(source__newsroom__members=user).select_related("source", "contributed_by")


@transaction.atomic
def delete_contribution(item: Item) -> None:
    """Deletes the item and those of its images and files that no page uses (a reuse may have copied one)."""
    media = [a.image or a.document for a in item.attachments.select_related("image", "document")]
    item.delete()  # a newsroom's source has no feed URL, so no tombstone is left
    for obj in media:
        if obj is not None and not ReferenceIndex.get_references_to(obj).exists():
            obj.delete()  # Wagtail removes the file once the transaction commits
