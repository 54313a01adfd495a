"""Lead images: verify downloaded bytes with Pillow before they become a Wagtail image."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as PILImage

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MIN_SIDE = 100  # icons and tracking pixels are not lead images


class BadImage(Exception):
    pass


@dataclass(frozen=True)
class VerifiedImage:
    data: bytes
    extension: str
    width: int
    height: int


def verify(data: bytes) -> VerifiedImage:
    """The bytes as a real, reasonably sized JPEG/PNG/GIF/WebP image, or :class:`BadImage`."""
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
    try:
        with PILImage.open(io.BytesIO(data)) as probe:
            fmt, (width, height) = probe.format, probe.size
            if fmt not in FORMATS:
                raise BadImage(f"not an accepted image format: {fmt}")
            if width * height > max_pixels:
                raise BadImage(f"too many pixels: {width}x{height}")
            if min(width, height) < MIN_SIDE:
                raise BadImage(f"too small: {width}x{height}")
            probe.verify()
    except BadImage:
        raise
    except (PILImage.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        raise BadImage(f"not a valid image: {exc}") from exc
    return VerifiedImage(data, FORMATS[fmt], width, height)


def store(image: VerifiedImage, title: str, credit: str):
    """A Wagtail image for the bytes (the same bytes are stored once), with the credit as description."""
    from wagtail.images import get_image_model

    model = get_image_model()
    digest = hashlib.sha1(image.data).hexdigest()  # noqa: S324 (Wagtail's own file_hash is SHA-1)
    existing = model.objects.filter(file_hash=digest).first()
    if existing:
        return existing
    obj = model(title=title[:255], description=credit[:255])
    obj.file = ImageFile(io.BytesIO(image.data), name=f"aggregator-{digest[:16]}.{image.extension}")
    obj._set_image_file_metadata()
    obj.save()
    return obj
