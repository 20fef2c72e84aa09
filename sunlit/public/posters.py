"""The QR code of a village's public page and its printable A4 poster (PNG or PDF). The code holds
the page's absolute address, ``SUNLIT_PUBLIC_BASE_URL`` + ``/v/<village_code>/``. The poster is
drawn with Pillow in a CJK font (Noto Sans CJK from Debian's fonts-noto-cjk, found with fc-match or
at its usual paths); without one it is drawn in English with Pillow's own font, never as empty boxes."""

import functools
import io
import shutil
import subprocess
from pathlib import Path

import segno
from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
A4_PIXELS = (1240, 1754)          # 210 × 297 mm at 150 dpi
DPI = 150
_KNOWN_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
)


def village_url(code: str) -> str:
    """The absolute address of the village's public page: what its QR code encodes."""
    base = str(getattr(settings, "SUNLIT_PUBLIC_BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL).rstrip("/")
    return base + reverse("public:village", kwargs={"village_code": code})


def qr_svg(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=8, border=2, xmldecl=False,
                                                 title="QR")
    return out.getvalue()


def qr_png(url: str, *, scale: int = 10) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


@functools.cache
def cjk_font_path() -> str | None:
    """A font file with Chinese glyphs, or None."""
    configured = getattr(settings, "SUNLIT_POSTER_FONT", "")
    candidates = [configured] if configured else []
    fc_match = shutil.which("fc-match")
    if fc_match:
        try:
            found = subprocess.run([fc_match, "-f", "%{file}", "Noto Sans CJK SC:lang=zh-cn"],  # noqa: S603 — fixed arguments
                                   capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if "CJK" in found or "cjk" in found:
            candidates.append(found)
    candidates.extend(_KNOWN_FONTS)
    for path in candidates:
        if path and Path(path).is_file():
            return path
    return None


def _font(path: str | None, size: int):
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(path, size=size)


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, font, fill="#111111") -> int:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((A4_PIXELS[0] - (right - left)) // 2, y), text, font=font, fill=fill)
    return y + (bottom - top)


def poster_image(*, village_name: str, township: str, code: str, font_path: str | None = None,
                 use_cjk: bool = True) -> Image.Image:
    """The A4 poster: title, the village, the QR code, what the page shows, the address."""
    url = village_url(code)
    path = font_path if font_path is not None else (cjk_font_path() if use_cjk else None)
    chinese = path is not None
    page = Image.new("RGB", A4_PIXELS, "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((40, 40, A4_PIXELS[0] - 40, A4_PIXELS[1] - 40), outline="#b45309", width=6)
    y = 120
    if chinese:
        y = _centred(draw, y, "村务清 · 阳光公开", _font(path, 84), "#b45309") + 50
        y = _centred(draw, y, f"{township} {village_name}".strip(), _font(path, 64)) + 60
    else:
        y = _centred(draw, y, "Village affairs in the open", _font(path, 64), "#b45309") + 50
        y = _centred(draw, y, f"Village {code}", _font(path, 56)) + 60
    qr = Image.open(io.BytesIO(qr_png(url, scale=20))).convert("RGB")
    side = 760
    qr = qr.resize((side, side), Image.NEAREST)
    page.paste(qr, ((A4_PIXELS[0] - side) // 2, y))
    y += side + 60
    lines = (["扫码查看本村三务公开、劳务用工、", "村级工程、资产出租、采购和救助公示", "有问题？扫码后点“我要反映”"]
             if chinese else ["Scan to see this village's disclosures, labour,", "projects, leases, purchases and relief.",
                              "Something wrong? Scan and tap 'Make a report'."])
    body = _font(path, 44)
    for line in lines:
        y = _centred(draw, y, line, body) + 24
    _centred(draw, max(y + 30, A4_PIXELS[1] - 160), url, _font(path, 32), "#444444")
    return page


def poster_bytes(*, village_name: str, township: str, code: str, fmt: str) -> bytes:
    """The poster as ``png`` or ``pdf`` bytes."""
    image = poster_image(village_name=village_name, township=township, code=code)
    out = io.BytesIO()
    if fmt == "pdf":
        image.save(out, "PDF", resolution=DPI)
    else:
        image.save(out, "PNG", optimize=True, dpi=(DPI, DPI))
    return out.getvalue()
