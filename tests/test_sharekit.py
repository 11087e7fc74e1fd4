"""Share texts and cards (the pure parts of the share issue): limits hold for any input."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import datetime

from conftest import photo, write_release
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from warta import cards, sharekit
from warta.config import load_site_config
from warta.load import load_content
from warta.model import Release, Social, Tag
from warta.registry import Category, Unit

SITE = "https://mediacenter.lembahsari.go.id/"


def release(title: str, summary: str, tags: list[str], social: Social | None = None) -> Release:
    return Release(
        path="content/rilis/2026/11/uji/index.md", src_uri="rilis/2026/11/uji/index.md",
        url="rilis/2026/11/uji/", slug="uji", title=title,
        date=datetime.fromisoformat("2026-11-16T09:30:00+07:00"), summary=summary,
        category=Category(slug="pembangunan", name="Pembangunan"),
        unit=Unit(slug="dpupr", name="Dinas Pekerjaan Umum dan Penataan Ruang", short="DPUPR"),
        type="siaran-pers", tags=tuple(Tag(t, t) for t in tags), image=None, location="Sarimulya",
        contact=None, claim=None, draft=False, updates=(), withdrawn=None, social=social,
        body="", body_line=8, photos=())


words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
                min_size=1, max_size=40)
titles = st.lists(words, min_size=1, max_size=30).map(" ".join).filter(lambda t: 10 <= len(t) <= 110)
summaries = st.lists(words, min_size=1, max_size=60).map(" ".join).filter(lambda s: 50 <= len(s) <= 200)
tag_lists = st.lists(st.text(min_size=2, max_size=40), max_size=15)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(title=titles, summary=summaries, tags=tag_lists)
def test_every_text_stays_within_its_limit(title, summary, tags):
    kit = sharekit.share_kit(release(title, summary, tags), SITE, "Media Center Lembah Sari",
                             ("LembahSari",))
    url = SITE + "rilis/2026/11/uji/"
    for platform, entry in kit["texts"].items():
        assert entry["length"] <= sharekit.LIMITS[platform], platform
        assert url in entry["text"] or platform == "instagram"  # the link is never cut
    assert sharekit.x_length(kit["texts"]["x"]["text"]) <= 280
    instagram = kit["texts"]["instagram"]["text"]
    assert instagram.count("#") <= 5 + title.count("#") + summary.count("#")
    assert "tautan di bio" in instagram and url not in instagram
    threads = kit["texts"]["threads"]["text"]
    assert threads.count("https://") <= 5
    for tag in kit["hashtags"]:
        assert tag.startswith("#") and " " not in tag and len(tag) > 1


def test_shorten_cuts_at_a_word_boundary():
    assert sharekit.shorten("satu dua tiga empat", 12) == "satu dua…"
    assert sharekit.shorten("satu dua", 12) == "satu dua"
    assert sharekit.shorten("satu, dua tiga", 9) == "satu…"


def test_x_text_is_shortened_before_the_link_never_through_it():
    title = " ".join(["東京都庁舎"] * 18)  # weighs 2 a character: 18 words, 107 characters
    tags = ["Pembangunan Infrastruktur Desa Terpencil", "Kabupaten Lembah Sari Membangun"]
    kit = sharekit.share_kit(release(title, "Ringkasan yang cukup panjang untuk uji. " * 3, tags),
                             SITE, "Situs", ())
    x = kit["texts"]["x"]["text"]
    assert kit["texts"]["x"]["length"] <= 280 and sharekit.x_length(x) <= 280
    head, tail = x.split(" https://")
    assert head.endswith("…") and all(w == "東京都庁舎" for w in head.rstrip("…").split())
    assert tail.startswith("mediacenter.lembahsari.go.id/rilis/2026/11/uji/")


def test_x_counts_links_and_emoji_the_twitter_way():
    assert sharekit.x_length("a https://contoh.go.id/sangat/panjang/sekali/alamatnya") == 2 + 23
    assert sharekit.x_length("🎉") == 2


def test_hashtags_from_tags_and_site_default():
    kit = sharekit.share_kit(release("Judul rilis yang cukup", "x" * 60, ["hari jadi ke-68", "Hari Jadi Ke 68",
                                                                             "banjir!", "2026"]),
                             SITE, "Situs", ("LembahSari",))
    assert kit["hashtags"] == ["#HariJadiKe68", "#Banjir", "#LembahSari"]


def test_own_texts_get_the_link_when_they_lack_it():
    url = SITE + "rilis/2026/11/uji/"
    own = Social(x="Jembatan dibuka hari ini", whatsapp=f"*Jembatan dibuka*\n{url}",
                 instagram="Jembatan dibuka, tautan di bio")
    kit = sharekit.share_kit(release("Judul rilis yang cukup", "Ringkasan " * 6, [], own), SITE, "Situs", ())
    assert kit["texts"]["x"]["text"] == f"Jembatan dibuka hari ini {url}"
    assert kit["texts"]["x"]["length"] == len("Jembatan dibuka hari ini ") + 23
    assert kit["texts"]["whatsapp"]["text"] == own.whatsapp  # already has it
    assert kit["texts"]["instagram"]["text"] == own.instagram  # links are not clickable there
    assert kit["texts"]["telegram"]["text"].endswith(url)  # not overridden: the generated text


def test_whatsapp_has_bold_title_summary_and_link():
    kit = sharekit.share_kit(release("Judul rilis yang cukup", "Ringkasan " * 6, []), SITE, "Situs", ())
    assert kit["texts"]["whatsapp"]["text"].startswith("*Judul rilis yang cukup*\n\nRingkasan")
    assert kit["texts"]["whatsapp"]["text"].endswith(SITE + "rilis/2026/11/uji/")


def test_social_overrides_are_checked_against_the_limits(project):
    write_release(project, social={"x": "Kata " * 60, "threads": "#satu #dua teks", "instagram": "ok"})
    found = {p.field: p for p in load_content(load_site_config(project)).problems}
    # 299 weighted characters of text, plus the release's link (a space and 23) added to post it
    assert found["social.x"].message == ("terlalu panjang (323 karakter berbobot (tautan = 23, emoji = 2); "
                                         "maksimal 280, kelebihan 43)")
    assert found["social.threads"].message == "Threads hanya memakai satu tagar topik"
    assert "social.instagram" not in found


TEXTS = dict(title="Bupati Resmikan Jembatan Gantung Desa Talang Mulya", kicker="Pembangunan",
             meta="DPUPR · Senin, 16 November 2026 09.30 WIB", site="Media Center Lembah Sari")


def _jpeg_of(path) -> bytes:
    return path.read_bytes()


def test_cards_have_exact_sizes_and_the_link_card_is_small(tmp_path):
    cases = {
        "landscape": photo(tmp_path / "a.jpg", size=(1600, 1067)),
        "portrait": photo(tmp_path / "b.jpg", size=(600, 1200)),
        "tiny": photo(tmp_path / "c.jpg", size=(80, 60)),
        "transparent": photo(tmp_path / "d.png", size=(800, 800), mode="RGBA", exif=False),
    }
    text_cards = cards.draw_cards(None, {**TEXTS, "badge": "Hoaks"})
    for name, path in [*cases.items(), ("none", None)]:
        data = _jpeg_of(path) if path else None
        drawn = cards.draw_cards(data, {**TEXTS, "badge": "Hoaks"})
        # a photo too small to fill a card without blurring gives the designed text card
        assert (drawn == text_cards) == (name in {"tiny", "none"}), name
        for kind, size, limit in (("tautan", cards.LINK, cards.MAX_LINK_BYTES),
                                  ("instagram", cards.INSTAGRAM, 1024 * 1024)):
            with Image.open(io.BytesIO(drawn[kind])) as im:
                assert im.size == size and im.format == "JPEG", name
                assert not im.getexif(), name
            assert len(drawn[kind]) <= limit, (name, len(drawn[kind]))


def test_a_noisy_photo_still_gives_a_link_card_under_300_kb():
    """Random noise is the worst case for JPEG: the card lowers its quality to stay small."""
    noise = Image.merge("RGB", [Image.effect_noise((1200, 700), 200) for _ in range(3)])
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=95)
    out = cards.link_card(cards.open_photo(buffer.getvalue()), **TEXTS)
    assert len(out) <= cards.MAX_LINK_BYTES
    with Image.open(io.BytesIO(out)) as im:
        assert im.size == cards.LINK


@settings(max_examples=10, deadline=None)
@given(title=titles)
def test_cards_take_any_title(title):
    drawn = cards.draw_cards(None, {**TEXTS, "title": title + " 🎉 " + "x" * 80, "badge": "Menyesatkan"})
    for kind, size in (("tautan", cards.LINK), ("instagram", cards.INSTAGRAM)):
        with Image.open(io.BytesIO(drawn[kind])) as im:
            assert im.size == size


@settings(max_examples=60, deadline=None)
@given(title=titles, width=st.integers(min_value=200, max_value=1100))
def test_card_titles_wrap_at_word_boundaries_within_the_width(title, width):
    """Every line fits; nothing is lost or reordered (only cut at the end, with "…"); a word is
    split only when it is wider than a whole line."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = cards._font(48)
    text = cards._drawable(title)
    lines = cards._wrap(draw, text, font, width, 3)
    assert all(draw.textlength(line, font=font) <= width for line in lines)
    flat = "".join(lines).removesuffix("…").replace(" ", "").replace("-", "")
    assert text.replace(" ", "").replace("-", "").startswith(flat.rstrip(",.;:"))
    words = text.split()
    if all(draw.textlength(w, font=font) <= width for w in words):
        tokens = [t for line in lines for t in line.removesuffix("…").split()]
        assert all(t in words or (t.rstrip(",.;:") and w.startswith(t.rstrip(",.;:")))
                   for t, w in zip(tokens, words, strict=False))
        assert tokens[:-1] == words[:len(tokens) - 1]


def test_cards_are_cached_by_content(tmp_path):
    source = photo(tmp_path / "a.jpg")
    cache, out = tmp_path / "cache", tmp_path / "out"
    cards.render_cards(source.read_bytes(), TEXTS, str(out), str(cache))
    first = (out / "kartu-tautan.jpg").read_bytes()
    assert len(list(cache.rglob("kartu-*.jpg"))) == 2
    cards.render_cards(source.read_bytes(), TEXTS, str(out), str(cache))  # from the cache
    assert (out / "kartu-tautan.jpg").read_bytes() == first and len(list(cache.rglob("kartu-*.jpg"))) == 2
    cards.render_cards(source.read_bytes(), {**TEXTS, "title": "Judul lain yang berbeda"}, str(out),
                       str(cache))
    assert len(list(cache.rglob("kartu-*.jpg"))) == 4


def test_share_files_come_from_the_cache_until_the_release_changes(tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = release("Judul rilis yang cukup panjang", "Ringkasan pertama. " * 4, ["jembatan"])
    sharekit.share_files(first, SITE, "Situs", ("LembahSari",), str(out), str(cache))
    kit = json.loads((out / "share.json").read_text(encoding="utf-8"))
    assert kit["title"] == first.title and kit["cards"]["tautan"]["bytes"] == (out / "kartu-tautan.jpg").stat().st_size
    assert len(list(cache.rglob("*.json"))) == 1 and len(list(cache.rglob("kartu-*.jpg"))) == 2
    sharekit.share_files(first, SITE, "Situs", ("LembahSari",), str(tmp_path / "o2"), str(cache))
    again = json.loads((tmp_path / "o2" / "share.json").read_text(encoding="utf-8"))
    assert again == kit and (tmp_path / "o2" / "share.json").stat().st_nlink >= 2  # a link, not a copy
    assert len(list(cache.rglob("*.json"))) == 1
    # A new body alone: the same kit (the kit never reads the body).
    sharekit.share_files(replace(first, body="Teks yang diperbaiki.\n"), SITE, "Situs", ("LembahSari",),
                         str(tmp_path / "o3"), str(cache))
    assert len(list(cache.rglob("*.json"))) == 1
    # A new summary: a new share.json, and the cards (which do not show it) stay as they were.
    edited = replace(first, summary="Ringkasan yang sudah dikoreksi. " * 3)
    sharekit.share_files(edited, SITE, "Situs", ("LembahSari",), str(out), str(cache))
    kit = json.loads((out / "share.json").read_text(encoding="utf-8"))
    assert "dikoreksi" in kit["texts"]["facebook"]["text"]
    assert len(list(cache.rglob("*.json"))) == 2 and len(list(cache.rglob("kartu-*.jpg"))) == 2
    # A new title: new cards too.
    sharekit.share_files(replace(first, title="Judul yang lain sama sekali"), SITE, "Situs", (), str(out),
                         str(cache))
    assert len(list(cache.rglob("kartu-*.jpg"))) == 4


def test_a_batch_reports_the_release_that_failed_and_finishes_the_others(tmp_path):
    from warta.model import Photo

    good = release("Rilis yang baik dan benar", "Ringkasan yang cukup panjang. " * 3, [])
    lost = replace(good, src_uri="rilis/2026/11/hilang/index.md", url="rilis/2026/11/hilang/",
                   image=Photo(src="x.jpg", source=str(tmp_path / "tidak-ada.jpg"), alt="a", credit="b",
                               caption="", width=800, height=600, renditions=()))
    failed = sharekit.share_batch([lost, good], SITE, "Situs", (), str(tmp_path / "site"), None)
    assert [src for src, _ in failed] == ["rilis/2026/11/hilang/index.md"]
    assert "tidak-ada.jpg" in failed[0][1]
    assert (tmp_path / "site" / good.url / "share.json").is_file()


own_texts = st.text(min_size=1, max_size=700).filter(lambda t: t.strip())


@settings(max_examples=40, deadline=None)
@given(x=own_texts, threads=own_texts, whatsapp=own_texts)
def test_an_own_text_is_either_refused_by_check_or_posted_within_the_limit(x, threads, whatsapp):
    social = Social(x=x, threads=threads, whatsapp=whatsapp)
    url = SITE + "rilis/2026/11/uji/"
    refused = {field for field, _ in sharekit.override_problems(social, url)}
    kit = sharekit.share_kit(release("Judul rilis yang cukup", "Ringkasan " * 6, [], social), SITE, "Situs", ())
    for platform in ("x", "threads", "whatsapp"):
        entry = kit["texts"][platform]
        assert url in entry["text"]  # the link is always there
        if f"social.{platform}" not in refused:
            assert entry["length"] <= sharekit.LIMITS[platform]
        else:
            assert entry["length"] > sharekit.LIMITS[platform] or platform == "threads"
