"""Original, deterministic demo pictures drawn with Pillow only.

``demo_image_bytes`` paints an abstract composition (a gradient from the article's hue, Mekong waves,
circles and stripes) with the label on a semi-transparent band; ``demo_logo_bytes`` draws the column's
emblem. No font is downloaded: the text uses ``ImageFont.load_default(size=...)``. That bundled font only
covers basic Latin, so Vietnamese letters are drawn as their base letter plus hand-drawn diacritics
(acute, grave, hook, tilde, dot below, circumflex, breve, horn, the stroke of "đ"). If anything in that
path fails the label falls back to plain ASCII rather than breaking the demo.
"""

from __future__ import annotations

import colorsys
import functools
import hashlib
import io
import math
import random
import unicodedata

from PIL import Image, ImageDraw, ImageFont

_SCALE = 2  # draw at twice the size, then downsample: cheap anti-aliasing for the shapes

# Combining marks used by Vietnamese, after NFD decomposition.
_GRAVE, _ACUTE, _CIRCUMFLEX, _TILDE, _BREVE = "\u0300", "\u0301", "\u0302", "\u0303", "\u0306"
_HOOK, _HORN, _DOT_BELOW = "\u0309", "\u031b", "\u0323"
_MARKS = {_GRAVE, _ACUTE, _CIRCUMFLEX, _TILDE, _BREVE, _HOOK, _HORN, _DOT_BELOW}
_ABOVE_ORDER = (_BREVE, _CIRCUMFLEX, _ACUTE, _GRAVE, _HOOK, _TILDE)  # innermost first
_PUNCTUATION = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def _rgb(hue: float, saturation: float, value: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb((hue % 360) / 360, saturation, value)
    return round(r * 255), round(g * 255), round(b * 255)


def _seed(*parts: object) -> int:
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


@functools.lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _has_glyph(font, char: str) -> bool:
    """True when the font draws ``char`` with a real glyph rather than the missing-glyph box."""
    try:
        return bytes(font.getmask(char)) != bytes(font.getmask("\U0010fffd")) or char.isspace()
    except Exception:  # pragma: no cover - exotic font objects
        return False


def ascii_fold(text: str) -> str:
    """``Lễ hội Oóc Om Bóc`` -> ``Le hoi Ooc Om Boc``: the last-resort label."""
    text = "".join(_PUNCTUATION.get(c, c) for c in text).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


class _TextPainter:
    """Draws a line of text with the bundled font, adding Vietnamese diacritics by hand when needed."""

    def __init__(self, font) -> None:
        self.font = font
        self.size = getattr(font, "size", 10)
        self.native = all(_has_glyph(font, c) for c in "ếịữỗĐđ")
        self.x_top = font.getbbox("x")[1]
        self.stroke = max(1, round(self.size * 0.075))
        self._glyphs: dict[str, tuple[Image.Image, tuple[int, int, int, int]]] = {}

    def _glyph(self, char: str) -> tuple[Image.Image, tuple[int, int, int, int]]:
        """The glyph drawn on a mask with a left margin of ``size`` pixels, and its ink box on that mask."""
        if char not in self._glyphs:
            width = round(self.font.getlength(char)) + 2 * self.size
            mask = Image.new("L", (width, 2 * self.size), 0)
            ImageDraw.Draw(mask).text((self.size, 0), char, font=self.font, fill=255)
            self._glyphs[char] = (mask, mask.getbbox() or (self.size, 0, self.size, self.size))
        return self._glyphs[char]

    def _ink_box(self, x: float, y: float, char: str) -> tuple[float, float, float, float]:
        left, top, right, bottom = self._glyph(char)[1]
        return x + left - self.size, y + top, x + right - self.size, y + bottom

    def _clusters(self, text: str) -> list[tuple[str, set[str]]]:
        """Splits text into (base letter, combining marks) pairs."""
        clusters: list[tuple[str, set[str]]] = []
        for char in unicodedata.normalize("NFD", "".join(_PUNCTUATION.get(c, c) for c in text)):
            if char in _MARKS and clusters:
                clusters[-1][1].add(char)
            elif unicodedata.combining(char):
                continue
            else:
                clusters.append((char, set()))
        return clusters

    def _base(self, char: str) -> str:
        if char in "đĐ":
            return "d" if char == "đ" else "D"
        if _has_glyph(self.font, char):
            return char
        return ascii_fold(char) or "?"

    def _advance(self, char: str, marks: set[str]) -> float:
        width = self.font.getlength(self._base(char))
        if _HORN in marks:
            width += self.size * 0.07
        return width

    def width(self, text: str) -> float:
        if self.native:
            return self.font.getlength(text)
        return sum(self._advance(char, marks) for char, marks in self._clusters(text))

    def draw(self, draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill) -> None:
        if self.native:
            draw.text(xy, text, font=self.font, fill=fill)
            return
        x, y = xy
        for char, marks in self._clusters(text):
            base = self._base(char)
            dotless = base == "i" and marks - {_DOT_BELOW, _HORN}
            if dotless:
                self._draw_dotless_i(draw, x, y, fill)
            else:
                draw.text((x, y), base, font=self.font, fill=fill)
            box = self._ink_box(x, y, base)
            if char in "đĐ":
                self._draw_bar(draw, char, box, y, fill)
            self._draw_marks(draw, marks, box, y, base, fill)
            x += self._advance(char, marks)

    def _draw_dotless_i(self, draw, x: float, y: float, fill) -> None:
        """An "i" without its dot, so that a tone mark can sit in its place."""
        mask = self._glyph("i")[0].copy()
        mask.paste(0, (0, 0, mask.width, max(0, self.x_top - 1)))
        draw.bitmap((round(x) - self.size, round(y)), mask, fill=fill)

    def _draw_bar(self, draw, char: str, box, y: float, fill) -> None:
        x0, y0, x1, _ = box
        s = self.size
        if char == "Đ":
            mid = (y0 + box[3]) / 2
            draw.line((x0 - s * 0.04, mid, x0 + s * 0.26, mid), fill=fill, width=self.stroke)
        else:
            bar_y = y0 + (y + self.x_top - y0) * 0.45
            draw.line((x1 - s * 0.26, bar_y, x1 + s * 0.06, bar_y), fill=fill, width=self.stroke)

    def _draw_marks(self, draw, marks: set[str], box, y: float, base: str, fill) -> None:
        x0, y0, x1, y1 = box
        s, w = self.size, self.stroke
        cx = (x0 + x1) / 2
        top = y + self.x_top if base.islower() and base not in "bdhklt" else y0
        if _HORN in marks:
            # A quarter circle leaving the top right of the letter, bulging out and up to a round tip.
            r = s * 0.11
            hx, hy = x1 - w * 0.6, top + s * 0.07 - r
            draw.arc((hx - r, hy - r, hx + r, hy + r), 0, 90, fill=fill, width=w)
            draw.ellipse((hx + r - w * 1.1, hy - w * 0.9, hx + r + w * 0.1, hy + w * 0.4), fill=fill)
            cx -= s * 0.02
        if _DOT_BELOW in marks:
            r = s * 0.055
            cy = y1 + s * 0.12
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
        gap, mw, mh = s * 0.07, s * 0.13, s * 0.13
        level = top - gap
        for mark in _ABOVE_ORDER:
            if mark not in marks:
                continue
            if mark == _CIRCUMFLEX:
                draw.line((cx - mw, level, cx, level - mh, cx + mw, level), fill=fill, width=w, joint="curve")
            elif mark == _BREVE:
                draw.arc((cx - mw, level - mh * 1.6, cx + mw, level), 20, 160, fill=fill, width=w)
            elif mark == _ACUTE:
                draw.line((cx - mw * 0.35, level, cx + mw * 0.55, level - mh * 1.1), fill=fill, width=w)
            elif mark == _GRAVE:
                draw.line((cx + mw * 0.35, level, cx - mw * 0.55, level - mh * 1.1), fill=fill, width=w)
            elif mark == _HOOK:
                r = mh * 0.5
                draw.arc((cx - r, level - mh * 1.2, cx + r, level - mh * 1.2 + 2 * r), 180, 450, fill=fill, width=w)
                draw.line((cx, level - mh * 1.2 + 2 * r, cx, level), fill=fill, width=w)
            elif mark == _TILDE:
                points = []
                for i in range(13):
                    t = i / 12
                    points.append((cx - mw + 2 * mw * t, level - mh * 0.55 - math.sin(t * 2 * math.pi) * mh * 0.4))
                draw.line(points, fill=fill, width=w, joint="curve")
            level -= mh * 1.35 + gap


def _painter_for(font, text: str) -> tuple[_TextPainter | None, str]:
    """A painter and the text it will draw; ``None`` means plain ``draw.text`` of ASCII text."""
    try:
        painter = _TextPainter(font)
        painter.width(text)
        return painter, text
    except Exception:  # pragma: no cover - defensive: never break the demo over a label
        return None, ascii_fold(text)


def _gradient(size: tuple[int, int], start, end, angle: float) -> Image.Image:
    """A linear gradient from ``start`` to ``end`` along ``angle`` degrees (computed small, then enlarged)."""
    small = (max(2, size[0] // 8), max(2, size[1] // 8))
    side = int(math.hypot(*small)) + 2
    ramp = Image.linear_gradient("L").resize((side, side)).rotate(angle, resample=Image.Resampling.BICUBIC)
    left, top = (side - small[0]) // 2, (side - small[1]) // 2
    mask = ramp.crop((left, top, left + small[0], top + small[1])).resize(size, Image.Resampling.BICUBIC)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _wave_points(width: int, base_y: float, amplitude: float, wavelength: float, phase: float):
    steps = 96
    return [
        (width * i / steps, base_y + amplitude * math.sin(2 * math.pi * (width * i / steps) / wavelength + phase))
        for i in range(steps + 1)
    ]


def _composition(label: str, hue: int, size: tuple[int, int]) -> Image.Image:
    rng = random.Random(_seed("demo-image", label, hue, size))  # noqa: S311 - layout, not security
    width, height = size[0] * _SCALE, size[1] * _SCALE
    hue = hue % 360
    canvas = _gradient(
        (width, height), _rgb(hue, 0.55, 0.78), _rgb(hue + 28, 0.8, 0.28), angle=rng.uniform(-35, -10)
    ).convert("RGBA")

    layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)

    # A large "sun" with concentric rings, in the complementary colour.
    sun_r = height * rng.uniform(0.22, 0.3)
    sun_left = rng.random() < 0.35
    sun_x = width * (rng.uniform(0.2, 0.34) if sun_left else rng.uniform(0.58, 0.8))
    sun_y = height * rng.uniform(0.24, 0.36)
    draw.ellipse((sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r), fill=(*_rgb(hue + 180, 0.35, 1), 120))
    for k in range(1, 4):
        r = sun_r * (1 + 0.22 * k)
        draw.ellipse((sun_x - r, sun_y - r, sun_x + r, sun_y + r), outline=(255, 255, 255, 70 - 15 * k), width=4)

    # Small scattered circles, like lanterns or rice grains.
    for _ in range(rng.randint(9, 15)):
        r = height * rng.uniform(0.01, 0.045)
        cx, cy = width * rng.uniform(0.03, 0.97), height * rng.uniform(0.05, 0.55)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, rng.randint(40, 110)))

    # Diagonal stripes in the top-left corner, like paddy rows.
    stripe_gap = height * 0.035
    for k in range(rng.randint(6, 10)):
        offset = k * stripe_gap
        line = (0, height * 0.42 - offset, height * 0.42 - offset, 0)
        if sun_left:  # stripes go to the opposite corner
            line = (width, height * 0.42 - offset, width - height * 0.42 + offset, 0)
        draw.line(line, fill=(255, 255, 255, 45), width=6)
    canvas = Image.alpha_composite(canvas, layer)

    # Mekong waves: layered filled bands, darker towards the bottom.
    waves = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    wave_draw = ImageDraw.Draw(waves)
    bands = rng.randint(4, 6)
    for k in range(bands):
        base_y = height * (0.5 + 0.1 * k) + rng.uniform(-0.02, 0.02) * height
        points = _wave_points(
            width, base_y, height * rng.uniform(0.02, 0.05), width * rng.uniform(0.35, 0.75), rng.uniform(0, 6.3)
        )
        colour = _rgb(hue + 190 + 8 * k, 0.45 + 0.07 * k, 0.85 - 0.11 * k)
        wave_draw.polygon([*points, (width, height), (0, height)], fill=(*colour, 150 + 15 * min(k, 6)))
        wave_draw.line(points, fill=(255, 255, 255, 90), width=5)
    canvas = Image.alpha_composite(canvas, waves)
    return canvas.resize(size, Image.Resampling.LANCZOS)


def _draw_label(image: Image.Image, label: str) -> Image.Image:
    """The label at the bottom left, on a semi-transparent band (drawn at twice the size, then reduced)."""
    width, height = image.width * _SCALE, image.height * _SCALE
    label = " ".join(label.split())
    if not label:
        return image
    min_size = 12 * _SCALE
    size = max(min_size, round(height * 0.065))
    max_text_width = width * 0.8
    while True:
        font = _font(size)
        painter, text = _painter_for(font, label)
        text_width = painter.width(text) if painter else font.getlength(text)
        if text_width <= max_text_width or size <= min_size:
            break
        size = max(min_size, round(size * 0.9))

    pad_x, pad_y = round(size * 0.9), round(size * 0.75)
    band_h = round(size * 1.35 + 2 * pad_y)
    band_w = min(width, round(text_width + 2 * pad_x + size * 0.3))
    margin = round(height * 0.06)
    top = height - margin - band_h

    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle((0, top, band_w, top + band_h), fill=(10, 14, 22, 178))
    draw.rectangle((0, top, round(size * 0.22), top + band_h), fill=(255, 205, 60, 235))
    text_xy = (pad_x + size * 0.3, top + pad_y + size * 0.2)
    if painter:
        painter.draw(draw, text_xy, text, fill=(255, 255, 255, 255))
    else:
        draw.text(text_xy, text, font=font, fill=(255, 255, 255, 255))
    overlay = overlay.resize(image.size, Image.Resampling.LANCZOS)
    return Image.alpha_composite(image.convert("RGBA"), overlay)


def demo_image_bytes(label: str, hue: int, size: tuple[int, int] = (1600, 900)) -> bytes:
    """A JPEG picture for a demo article: same label, hue and size give the same bytes."""
    image = _draw_label(_composition(label, hue, tuple(size)), label).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=86, optimize=True, progressive=True)
    return buffer.getvalue()


def demo_logo_bytes() -> bytes:
    """A 256x256 PNG emblem: eleven dots (one per member) over a river wave and the word "ASEAN"."""
    side, scale = 256, 4
    big = side * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre = big / 2
    navy, teal, gold, white = (18, 52, 110, 255), (0, 150, 160, 255), (250, 196, 40, 255), (255, 255, 255, 255)
    draw.ellipse((6, 6, big - 6, big - 6), fill=navy)
    draw.ellipse((big * 0.06, big * 0.06, big * 0.94, big * 0.94), outline=gold, width=big // 64)
    # Eleven dots on an arc: the member states.
    for k in range(11):
        angle = math.radians(-160 + k * 14)
        radius = big * 0.32
        x, y = centre + radius * math.cos(angle), centre * 0.92 + radius * math.sin(angle)
        r = big * 0.027
        draw.ellipse((x - r, y - r, x + r, y + r), fill=gold)
    # A river wave under the word.
    for k, colour in enumerate((teal, white)):
        base_y = big * (0.72 + 0.06 * k)
        points = [
            (big * (0.18 + 0.64 * i / 40), base_y + big * 0.025 * math.sin(i / 40 * 3 * math.pi)) for i in range(41)
        ]
        draw.line(points, fill=colour, width=big // 40, joint="curve")
    font = _font(round(big * 0.17))
    text = "ASEAN"
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text((centre - (right - left) / 2 - left, big * 0.53 - (bottom - top) / 2 - top), text, font=font, fill=white)
    logo = image.resize((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    logo.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
