"""Feed documents for the tests (original text)."""


def rss(items: str, *, encoding: str = "utf-8", declare: bool = True, title: str = "Báo thử") -> bytes:
    head = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declare else ""
    doc = f"""{head}<rss version="2.0"><channel><title>{title}</title><link>https://bao-thu.example/</link>
<description>test</description>{items}</channel></rss>"""
    return doc.encode(encoding)


def item(
    n: int, title: str | None = None, *, guid: str | None = "auto", date: str | None = "auto", body: str = ""
) -> str:
    title = title if title is not None else f"Hội nghị ASEAN lần thứ {n} bàn về kinh tế số"
    parts = [
        f"<title>{title}</title>",
        f"<link>https://bao-thu.example/tin-{n}.html?utm_source=rss#top</link>",
    ]
    if guid == "auto":
        parts.append(f'<guid isPermaLink="false">tin-{n}</guid>')
    elif guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if date == "auto":
        parts.append(f"<pubDate>Mon, {n % 28 + 1:02d} Sep 2025 08:00:00 +0700</pubDate>")
    elif date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    parts.append(f"<description><![CDATA[{body or 'Các nước Đông Nam Á thảo luận hợp tác.'}]]></description>")
    return "<item>" + "".join(parts) + "</item>"


def items(count: int, start: int = 1) -> str:
    return "".join(item(n) for n in range(start, start + count))
