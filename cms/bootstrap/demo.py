"""Demo users and original demo articles, so the first look at the site is a real one."""

import secrets
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Locale

from cms.bootstrap.editorial import ADMINS, EDITORS, MODERATORS
from cms.bootstrap.portal import Portal, publish
from cms.models import AseanArticlePage, Country, Pillar, Topic
from cms.settings.env import BASE_DIR, env_str

DEMO_USERS = [
    # username, first name, groups, superuser
    ("admin", "Quản trị", [ADMINS], True),
    ("bientap", "Biên tập viên", [EDITORS], False),
    ("banbientap", "Ban Biên tập", [MODERATORS], False),
]


def demo_password() -> str:
    """DEMO_PASSWORD, else one generated on the first run and kept in data/ (git-ignored)."""
    configured = env_str("DEMO_PASSWORD")
    if configured:
        return configured
    path = Path(BASE_DIR) / "data" / "demo-password.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(12))
    return path.read_text().strip()


def ensure_demo_users() -> list[tuple[str, str]]:
    """Creates the demo accounts once; returns (username, password) for those that use the demo password."""
    password = demo_password()
    logins = []
    for username, first_name, group_names, superuser in DEMO_USERS:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "is_staff": superuser, "is_superuser": superuser},
        )
        if created:
            user.set_password(password)
            user.save()
            user.groups.set(Group.objects.filter(name__in=group_names))
        if user.check_password(password):
            logins.append((username, password))
    return logins


def _rich_text(paragraphs) -> str:
    html = []
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            html.append(f"<h2>{escape(paragraph[3:])}</h2>")
        else:
            html.append(f"<p>{escape(paragraph)}</p>")
    return "".join(html)


def _body(paragraphs, quote) -> list:
    middle = max(1, len(paragraphs) // 2)
    body = [("paragraph", _rich_text(paragraphs[:middle]))]
    if quote:
        body.append(("quote", {"text": quote[0], "attribution": quote[1]}))
    body.append(("paragraph", _rich_text(paragraphs[middle:])))
    return body


def _demo_image(article):
    from cms.demo.images import demo_image_bytes

    Image = get_image_model()
    existing = Image.objects.filter(title=article.image_label).first()
    if existing:
        return existing
    data = demo_image_bytes(article.image_label, article.image_hue)
    return Image.objects.create(
        title=article.image_label, file=ImageFile(BytesIO(data), name=f"demo-{article.key}.jpg")
    )


@transaction.atomic
def ensure_demo_articles(portal: Portal) -> int:
    """Creates each demo article (Vietnamese, then its linked English translation) once; returns how many."""
    from cms.demo.articles import DEMO_ARTICLES

    english = Locale.objects.get(language_code="en")
    now = timezone.now()
    created = 0
    for article in DEMO_ARTICLES:
        if AseanArticlePage.objects.child_of(portal.column_vi).filter(slug=article.key).exists():
            continue
        image = _demo_image(article)
        page = AseanArticlePage(
            title=article.title_vi,
            slug=article.key,
            lead=article.lead_vi,
            body=_body(article.body_vi, article.quote_vi),
            featured_image=image,
            date=now - timedelta(days=article.days_ago, hours=article.days_ago % 7),
            pillar=Pillar.objects.get(slug=article.pillar),
            source_outlet=article.source_outlet or "",
            source_url=article.source_url or "",
            source_published_at=(now - timedelta(days=article.days_ago + 1)) if article.source_outlet else None,
        )
        page.topics.set(Topic.objects.filter(slug__in=article.topics))
        page.countries.set(Country.objects.filter(code__in=article.countries))
        portal.column_vi.add_child(instance=page)
        publish(page)

        translation = page.copy_for_translation(english)
        translation.title = article.title_en
        translation.slug = article.key
        translation.lead = article.lead_en
        translation.body = _body(article.body_en, article.quote_en)
        publish(translation)
        created += 1
    return created
