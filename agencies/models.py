"""Agencies (departments, mass organisations, communes) that run an ASEAN column, here or embedded elsewhere.

An ``Agency`` row is configuration plus pointers to what provisioning made for it (``agencies.provisioning``):
its site or subtree, its column, collection, groups and workflow. ``AgencyPage`` is the agency's section of
the portal when it has no hostname of its own.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.cache import CachedPageMixin
from cms.language import bilingual
from cms.models.pages import ColumnHolderMixin

PORTAL_CODE = "portal"

code_validator = RegexValidator(
    r"^[a-z][a-z0-9-]{1,29}$",
    _("2 to 30 lower-case letters, digits or hyphens, starting with a letter."),
)
hostname_validator = RegexValidator(
    r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    _("A host name such as vhttdl.soctrang.gov.vn, without scheme or port."),
)


def normalize_origin(value: str) -> str:
    """``scheme://host[:port]`` in lower case, as browsers send it in ``Origin``; ValidationError otherwise."""
    text = value.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ValidationError(_("%(value)s is not an origin."), params={"value": text}) from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            _("%(value)s is not an origin: write scheme and host, e.g. https://example.gov.vn"), params={"value": text}
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ValidationError(
            _("%(value)s is not an origin: leave out the path, query and credentials."), params={"value": text}
        )
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    default_port = {"http": 80, "https": 443}[parts.scheme]
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default_port else "")


def parse_origins(text: str) -> list[str]:
    """The origins of a text with one per line (commas and spaces also separate); duplicates dropped."""
    origins: list[str] = []
    for token in text.replace(",", " ").split():
        origin = normalize_origin(token)
        if origin not in origins:
            origins.append(origin)
    return origins


def validate_origins(text: str) -> None:
    parse_origins(text)


class Agency(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("department or agency")
        MASS_ORGANISATION = "mass_organisation", _("mass organisation")
        LOCALITY = "locality", _("district or commune")
        OTHER = "other", _("other")

    class Moderation(models.TextChoices):
        AGENCY = "agency", _("the agency's own approvers")
        PORTAL = "portal", _("the portal's editorial board")

    code = models.CharField(
        _("short code"),
        max_length=30,
        unique=True,
        validators=[code_validator],
        help_text=_("Used in embed codes and addresses, e.g. sovhttdl. Cannot be changed later."),
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    website = models.URLField(_("website"), blank=True)
    hostname = models.CharField(
        _("own host name"),
        max_length=253,
        blank=True,
        validators=[hostname_validator],
        help_text=_(
            "Set it to host the agency's site here under its own name; leave empty for a section of the portal. "
            "Cannot be added or removed later."
        ),
    )
    moderation = models.CharField(
        _("articles approved by"), max_length=10, choices=Moderation.choices, default=Moderation.AGENCY
    )
    allowed_origins = models.TextField(
        _("sites allowed to embed the column"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "One origin per line, e.g. https://vhttdl.soctrang.gov.vn. Only these sites may show the iframe or "
            "read the list from a script; with none, the column cannot be embedded anywhere else."
        ),
    )
    is_portal = models.BooleanField(default=False, editable=False)

    # What provisioning made (agencies.provisioning.ensure_agency); not edited by hand.
    site = models.ForeignKey("wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, editable=False)
    root_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    column = models.ForeignKey(
        "cms.AseanColumnPage", null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    editors_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    approvers_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow", null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("code"), FieldPanel("kind")],
            heading=_("Agency"),
        ),
        MultiFieldPanel([FieldPanel("hostname"), FieldPanel("website")], heading=_("Where its column lives")),
        FieldPanel("moderation"),
        FieldPanel("allowed_origins"),
    ]

    class Meta:
        ordering = ["-is_portal", "name_vi"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["is_portal"], condition=models.Q(is_portal=True), name="one_portal_agency")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self.name_vi, self.name_en)

    @property
    def origins(self) -> list[str]:
        try:
            return parse_origins(self.allowed_origins)
        except ValidationError:
            return []

    def add_origin(self, origin: str) -> bool:
        """Adds an allowed origin (normalised); False when it was already there."""
        origin = normalize_origin(origin)
        origins = self.origins
        if origin in origins:
            return False
        self.allowed_origins = "\n".join([*origins, origin])
        return True

    def clean(self):
        super().clean()
        self.code = (self.code or "").strip().lower()
        self.hostname = (self.hostname or "").strip().lower()
        if self.code == PORTAL_CODE and not self.is_portal:
            raise ValidationError({"code": _("This code is reserved for the portal's own column.")})
        if self.allowed_origins:
            self.allowed_origins = "\n".join(parse_origins(self.allowed_origins))
        if self.pk:
            previous = Agency.objects.filter(pk=self.pk).values("code", "hostname").first()
            if previous and previous["code"] != self.code:
                raise ValidationError({"code": _("The short code cannot be changed: embed codes use it.")})
            if previous and self.root_page_id and bool(previous["hostname"]) != bool(self.hostname):
                raise ValidationError(
                    {"hostname": _("An agency cannot move between its own host name and a section of the portal.")}
                )

    def column_in(self, language: str):
        """The agency's column in ``language`` (vi or en), live, or None."""
        from cms.models import AseanColumnPage

        if self.column_id is None:
            return None
        column = AseanColumnPage.objects.filter(pk=self.column_id).first()
        if column is None:
            return None
        if column.locale.language_code == language:
            return column if column.live else None
        translation = column.get_translations().filter(locale__language_code=language).live().first()
        return translation.specific if translation is not None else None


class AgencyPage(ColumnHolderMixin, CachedPageMixin, Page):
    """An agency's section of the portal (agencies without their own host name): it holds the agency's column."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cms.AseanColumnPage"]

    class Meta:
        verbose_name = _("agency section")
        verbose_name_plural = _("agency sections")
