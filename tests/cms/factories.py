"""Builders of column content for tests: real pages, published through Wagtail's revisions."""

from datetime import timedelta
from itertools import count

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from cms.models import AseanArticlePage, Country, Pillar, Topic

_sequence = count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))
        if create:
            self.save()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Ảnh {n}")
    file = factory.LazyFunction(get_test_image_file)


def make_article(
    column,
    title: str | None = None,
    *,
    pillar: str = "kinh-te",
    topics: tuple[str, ...] = (),
    countries: tuple[str, ...] = (),
    lead: str = "Tóm tắt bài viết.",
    body: str = "<p>Nội dung bài viết.</p>",
    days_ago: float = 0,
    publish: bool = True,
    image=None,
    **fields,
) -> AseanArticlePage:
    """An article under ``column``; published unless ``publish`` is False."""
    number = next(_sequence)
    page = AseanArticlePage(
        title=title or f"Bài viết số {number}",
        slug=f"bai-viet-{number}",
        lead=lead,
        body=[("paragraph", body)],
        date=timezone.now() - timedelta(days=days_ago),
        pillar=Pillar.objects.get(slug=pillar),
        featured_image=image,
        live=False,
        **fields,
    )
    page.topics.set(Topic.objects.filter(slug__in=topics))
    page.countries.set(Country.objects.filter(code__in=countries))
    column.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def translate_article(article: AseanArticlePage, language: str = "en", **fields) -> AseanArticlePage:
    translation = article.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation
