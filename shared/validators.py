"""Checks of the files journalists upload: type by extension AND by content, size, image pixels.

A file's name says what it claims to be; its first bytes (or, for images, Pillow reading its header) say
what it is. Both must agree, so a renamed file is refused. Nothing here decodes a whole image or unpacks
an archive: an image is judged from its header before Pillow's ``verify()``, an Office file from its zip
directory.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MEGABYTE = 1024 * 1024

# Extension → the format Pillow must find inside.
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}

# Office Open XML: a zip with a content-types list and the part that makes it a text, sheet or slides.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
# OpenDocument: a zip whose ``mimetype`` entry names the document type.
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
DOCUMENT_EXTENSIONS = ("pdf", *OOXML_PARTS, *ODF_MIMETYPES)


def _is_mp3(head: bytes) -> bool:
    # An ID3 tag, or straight into an MPEG audio frame (11 sync bits set).
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _is_iso_media(head: bytes) -> bool:
    return head[4:8] == b"ftyp"  # MP4, M4A, MOV: the first box is "ftyp"


def _is_ogg(head: bytes) -> bool:
    return head.startswith(b"OggS")


def _is_wav(head: bytes) -> bool:
    return head.startswith(b"RIFF") and head[8:12] == b"WAVE"


def _is_webm(head: bytes) -> bool:
    return head.startswith(b"\x1a\x45\xdf\xa3")  # EBML header


# Kind → extension → the signature test of the first bytes.
MEDIA_SIGNATURES = {
    "audio": {"mp3": _is_mp3, "m4a": _is_iso_media, "ogg": _is_ogg, "oga": _is_ogg, "opus": _is_ogg, "wav": _is_wav},
    "video": {"mp4": _is_iso_media, "m4v": _is_iso_media, "mov": _is_iso_media, "webm": _is_webm, "ogv": _is_ogg},
}


def extension(file: File) -> str:
    return PurePath(file.name or "").suffix.lower().lstrip(".")


def _head(file: File, size: int = 16) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _check_extension(file: File, accepted) -> str:
    ext = extension(file)
    if ext not in accepted:
        raise ValidationError(
            _("“%(name)s”: this type of file is not accepted here. Accepted: %(accepted)s."),
            code="file_type",
            params={"name": file.name, "accepted": ", ".join(accepted)},
        )
    return ext


def validate_size(file: File, limit_mb: int) -> None:
    if file.size > limit_mb * MEGABYTE:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; the limit for this kind of file is %(limit)s MB."),
            code="file_size",
            params={"name": file.name, "size": f"{file.size / MEGABYTE:.1f}", "limit": limit_mb},
        )


def _not_what_it_claims(file: File, ext: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” is not a real %(type)s file: its content does not match its name."),
        code="file_content",
        params={"name": file.name, "type": ext.upper()},
    )


def _too_many_pixels(file: File) -> ValidationError:
    return ValidationError(
        _("“%(name)s” is too large an image: at most %(limit)s megapixels."),
        code="image_pixels",
        params={"name": file.name, "limit": settings.SHARED_MAX_IMAGE_PIXELS // 1_000_000},
    )


def validate_image(file: File) -> None:
    """A JPEG, PNG, WebP or GIF image whose content matches its extension, within the size and pixel limits."""
    ext = _check_extension(file, IMAGE_FORMATS)
    validate_size(file, settings.SHARED_MAX_IMAGE_MB)
    file.seek(0)
    try:
        # Opening reads the header only; a bomb warning becomes an error instead of a decoded bomb.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format != IMAGE_FORMATS[ext]:
                    raise _not_what_it_claims(file, ext)
                width, height = image.size
                if width * height > settings.SHARED_MAX_IMAGE_PIXELS:
                    raise _too_many_pixels(file)
                image.verify()  # structure and checksums, without decoding the pixels
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(file) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _not_what_it_claims(file, ext) from None
    finally:
        file.seek(0)


def _zip_entries_match(file: File, ext: str) -> bool:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if ext in OOXML_PARTS:
                return "[Content_Types].xml" in names and OOXML_PARTS[ext] in names
            if "mimetype" not in names:
                return False
            with archive.open("mimetype") as entry:
                return entry.read(100).strip() == ODF_MIMETYPES[ext]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        return False
    finally:
        file.seek(0)


def validate_document(file: File) -> None:
    """A PDF, Office (docx, xlsx, pptx) or OpenDocument (odt, ods, odp) file that is what its name says."""
    ext = _check_extension(file, DOCUMENT_EXTENSIONS)
    validate_size(file, settings.SHARED_MAX_DOCUMENT_MB)
    genuine = _head(file).startswith(b"%PDF-") if ext == "pdf" else _zip_entries_match(file, ext)
    if not genuine:
        raise _not_what_it_claims(file, ext)


def validate_media(file: File, kind: str) -> None:
    """An audio (MP3, M4A, OGG, WAV) or video (MP4, MOV, WebM, OGV) file recognised by its first bytes."""
    signatures = MEDIA_SIGNATURES[kind]
    ext = _check_extension(file, signatures)
    validate_size(file, settings.SHARED_MAX_MEDIA_MB)
    if not signatures[ext](_head(file)):
        raise _not_what_it_claims(file, ext)
