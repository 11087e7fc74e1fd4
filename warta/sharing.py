"""Share links for a release page: plain links to each platform's own share address, so the
page loads no third-party script and nothing is requested until a reader taps one."""

from __future__ import annotations

from urllib.parse import quote


def share_links(url: str, title: str) -> list[tuple[str, str, str]]:
    """(key, label, href) for WhatsApp, Facebook, X and Telegram."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ("whatsapp", "WhatsApp", f"https://wa.me/?text={quote(f'*{title}*', safe='')}%0A{u}"),
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("x", "X", f"https://x.com/intent/post?text={t}&url={u}"),
        ("telegram", "Telegram", f"https://t.me/share/url?url={u}&text={t}"),
    ]
