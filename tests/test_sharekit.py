"""Share texts and cards (the pure parts of the share issue): limits hold for any input."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from datetime import datetime

from conftest import photo, run_warta, write_release
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from warta import cards, sharekit
from warta.config import load_site_config
from warta.load import load_content
from warta.model import VERDICT_LABELS, Claim, Release, Social, Tag
from warta.registry import Category, Unit

SITE = "https://mediacenter.lembahsari.go.id/"
URL = SITE + "rilis/2026/11/uji/"
ACRONYMS = ("RI", "HUT", "KTP", "RKPD", "UMKM", "SD", "SDN", "BPBD")
BRAND = ("LembahSari", "InfoLembahSari")
SUMMARY = ("Konsultasi publik digelar Kamis, 5 November 2026, di Aula Bappeda Sarimulya dan terbuka "
           "bagi warga, akademisi, dunia usaha serta organisasi masyarakat.")


def release(title: str, summary: str, tags: list[str], social: Social | None = None,
            verdict: str | None = None) -> Release:
    claim = Claim(text="Beredar video bendungan jebol di Lembah Sari.", source="Media sosial",
                  verdict=verdict) if verdict else None
    return Release(
        path="content/rilis/2026/11/uji/index.md", src_uri="rilis/2026/11/uji/index.md",
        url="rilis/2026/11/uji/", slug="uji", title=title,
        date=datetime.fromisoformat("2026-11-16T09:30:00+07:00"), summary=summary,
        category=Category(slug="pembangunan", name="Pembangunan"),
        unit=Unit(slug="dpupr", name="Dinas Pekerjaan Umum dan Penataan Ruang", short="DPUPR"),
        type="klarifikasi" if claim else "siaran-pers", tags=tuple(Tag(t, t) for t in tags), image=None,
        location="Sarimulya", contact=None, claim=claim, draft=False, updates=(), withdrawn=None, social=social,
        body="", body_line=8, photos=())


words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
                min_size=1, max_size=40)
titles = st.lists(words, min_size=1, max_size=30).map(" ".join).filter(lambda t: 10 <= len(t) <= 110)
summaries = st.lists(words, min_size=1, max_size=60).map(" ".join).filter(lambda s: 50 <= len(s) <= 200)
tag_lists = st.lists(st.text(min_size=2, max_size=40), max_size=15)


HOAX = re.compile("hoaks|hoax", re.I)
tag_lists = st.lists(st.one_of(st.text(min_size=2, max_size=40),
                               st.sampled_from(["hoaks", "Hoaks", "lawan hoaks", "hoax", "ktp-el", "hut ke-81 ri",
                                                "umkm naik kelas", "cek fakta", "LembahSari"])), max_size=15)
brands = st.lists(st.one_of(st.sampled_from(BRAND + ("Lawan Hoaks",)), st.text(min_size=1, max_size=30)),
                  max_size=3).map(tuple)
verdicts = st.one_of(st.none(), st.sampled_from(sorted(VERDICT_LABELS)))


def tag_line(text: str) -> list[str]:
    """The hashtags a generated text ends with (its last paragraph, when that is all hashtags)."""
    last = text.rsplit("\n\n", 1)[-1].split(" ")
    return last if all(re.fullmatch(r"#[0-9A-Za-z]+", t) for t in last) else []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(title=titles, summary=summaries, tags=tag_lists, brand=brands, verdict=verdicts)
def test_every_text_stays_within_its_limit(title, summary, tags, brand, verdict):
    """For any title, summary, tags, brand hashtags and verdict: every platform's limits hold
    (X weighed by twitter-text, Instagram's 5 hashtags, Threads' one topic tag and 5 links),
    the link is never cut, a klarifikasi states its verdict in every text, and no hoax
    hashtag is added unless the verdict is "hoaks"."""
    item = release(title, summary, tags, verdict=verdict)
    kit = sharekit.share_kit(item, SITE, "Media Center Lembah Sari", brand, ACRONYMS)
    texts = {k: v["text"] for k, v in kit["texts"].items()}
    for platform, entry in kit["texts"].items():
        assert entry["length"] == sharekit.measure(platform)(entry["text"]) <= sharekit.LIMITS[platform], platform
        assert URL in entry["text"] or platform == "instagram"  # the link is never cut
    head = sharekit.hashtags_in(f"{title} {summary}")  # hashtags the writer typed count too
    assert sharekit.hashtags_in(texts["instagram"]) <= max(5, head)
    assert "tautan di bio" in texts["instagram"] and URL not in texts["instagram"]
    assert sharekit.hashtags_in(texts["threads"]) <= max(1, head) and texts["threads"].count("https://") <= 5
    assert sharekit.x_length(texts["x"]) <= 280
    for tag in kit["hashtags"]:
        assert re.fullmatch(r"#[0-9A-Za-z]*[A-Za-z][0-9A-Za-z]*", tag), tag
    for platform, text in texts.items():
        assert set(tag_line(text)) <= set(kit["hashtags"]), platform
    if verdict:
        label = f"[{VERDICT_LABELS[verdict].upper()}]"
        for platform, text in texts.items():
            assert text.lstrip("*").startswith(label), platform
        assert "#CekFakta" in kit["hashtags"]
    if verdict and verdict != "hoaks":
        assert not [t for t in kit["hashtags"] if HOAX.search(t)]
        for text in texts.values():
            assert len(HOAX.findall(text)) <= len(HOAX.findall(f"{title} {summary}"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(title=titles, summary=summaries, tags=tag_lists, brand=brands, verdict=verdicts)
def test_brand_hashtags_go_on_every_platform_that_takes_hashtags(title, summary, tags, brand, verdict):
    """The site's first brand hashtag is on X, Facebook, Instagram, Threads (its one topic tag)
    and Telegram; X leaves it out only when title, link and brand tags alone do not fit."""
    item = release(title, summary, tags, verdict=verdict)
    kit = sharekit.share_kit(item, SITE, "Situs", brand, ACRONYMS)
    first = next((t for b in brand if (t := sharekit.hashtag(b, ACRONYMS))
                  and not (verdict and verdict != "hoaks" and HOAX.search(t))), None)
    if first is None:
        return
    for platform in ("facebook", "telegram"):
        assert first in tag_line(kit["texts"][platform]["text"]), platform
    typed = sharekit.hashtags_in(f"{item.title} {summary}")  # the writer's own count against the limits
    assert (first in tag_line(kit["texts"]["instagram"]["text"])) == (typed < 5)
    assert tag_line(kit["texts"]["threads"]["text"]) == ([first] if typed == 0 else [])
    x_brand = [t for t in kit["hashtags"] if t.lower() in {sharekit.hashtag(b).lower() for b in brand}][:3]
    if sharekit.x_length(f"{sharekit.headline(item)}\n\n{URL}\n\n{' '.join(x_brand)}") <= 280:
        assert first in tag_line(kit["texts"]["x"]["text"])


acronym_words = st.lists(st.sampled_from(ACRONYMS), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(words=acronym_words, cases=st.lists(st.sampled_from([str.lower, str.upper, str.title]), min_size=4),
       seps=st.lists(st.sampled_from([" ", "-", ".", "/", " 🎉 ", "_", "–", " & "]), min_size=4))
def test_acronyms_stay_upper_case_whatever_the_writing(words, cases, seps):
    """`hut-RI`, `Ktp el`, `sd/smp` …: each listed acronym comes out upper case, whatever its
    case and whatever separates the words (none of which is left in the hashtag). An
    apostrophe does not separate: it is dropped inside a word (`Jum'at` -> #Jumat)."""
    text = "".join(case(w) + sep for w, case, sep in zip(words, cases, seps, strict=False)).strip()
    assert sharekit.hashtag(text, ACRONYMS) == "#" + "".join(words)
    kit = sharekit.share_kit(release("Judul rilis yang cukup", SUMMARY, [text, "banjir"]), SITE, "Situs", (),
                             ACRONYMS)
    assert kit["hashtags"][0] == "#" + "".join(words)


def test_hashtags_keep_known_acronyms_and_drop_what_platforms_break_on():
    cases = {"hut ke-81 ri": "#HUTKe81RI", "ktp-el": "#KTPEl", "rkpd": "#RKPD", "HUT RI": "#HUTRI",
             "umkm naik kelas 🎉": "#UMKMNaikKelas", "sd negeri 1": "#SDNegeri1", "Jum'at berkah": "#JumatBerkah",
             "Jum’at Berkah": "#JumatBerkah", "ktp–el": "#KTPEl", "hari.jadi": "#HariJadi", "café desa": "#CafeDesa",
             "bpbd": "#Bpbd",  # not in this list: only listed acronyms
             "2026": "", "🎉": "", "東京": "", "81 tahun": "#81Tahun", "pri": "#Pri"}  # "ri" only as a word
    assert {text: sharekit.hashtag(text, {"RI", "HUT", "KTP", "RKPD", "UMKM", "SD"}) for text in cases} == cases
    assert sharekit.hashtag("hut ke-81 ri") == "#HutKe81Ri"  # no list: words capitalised only


def test_shorten_cuts_at_a_word_boundary():
    assert sharekit.shorten("satu dua tiga empat", 12) == "satu dua…"
    assert sharekit.shorten("satu dua", 12) == "satu dua"
    assert sharekit.shorten("satu, dua tiga", 9) == "satu…"


def test_x_carries_title_summary_link_and_hashtags():
    kit = sharekit.share_kit(release("Bappeda Undang Warga Ikuti Konsultasi Publik Rancangan Awal RKPD 2027", SUMMARY,
                                     ["perencanaan", "rkpd"]), SITE, "Situs", BRAND, ACRONYMS)
    title = "Bappeda Undang Warga Ikuti Konsultasi Publik Rancangan Awal RKPD 2027"
    # the whole summary fits once the topic hashtags give way; the brand ones stay
    assert kit["texts"]["x"]["text"] == f"{title}\n\n{SUMMARY}\n\n{URL}\n\n#LembahSari #InfoLembahSari"
    assert kit["texts"]["x"]["length"] == 276
    short = sharekit.share_kit(release("Jembatan Desa Talang Mulya Dibuka", SUMMARY, ["perencanaan", "rkpd"]),
                               SITE, "Situs", BRAND, ACRONYMS)
    assert short["texts"]["x"]["text"].endswith(f"{URL}\n\n#Perencanaan #LembahSari #InfoLembahSari")
    assert short["hashtags"] == ["#Perencanaan", "#RKPD", "#LembahSari", "#InfoLembahSari"]


def test_x_summary_is_shortened_at_a_word_boundary_before_the_link():
    summary = "Ringkasan yang cukup panjang untuk menguji pemotongan teks di X. " * 3
    title = "Bupati Resmikan Jembatan Gantung Desa Talang Mulya yang Menghubungkan Dua Kecamatan"
    kit = sharekit.share_kit(release(title, summary.strip(), ["jembatan"]), SITE, "Situs", BRAND, ACRONYMS)
    x = kit["texts"]["x"]["text"]
    head, body, link, tags = x.split("\n\n")
    assert head == title and link == URL and tags == "#Jembatan #LembahSari #InfoLembahSari"
    assert body.endswith("…") and summary.startswith(body.removesuffix("…"))
    assert re.match(r"[,.;:]? ", summary[len(body) - 1:])  # cut between words, the stop replaced by "…"
    assert 270 <= kit["texts"]["x"]["length"] <= 280


def test_x_title_too_long_drops_hashtags_then_is_shortened_never_through_the_link():
    tags = ["Pembangunan Infrastruktur Desa Terpencil", "Kabupaten Lembah Sari Membangun"]
    summary = "Ringkasan yang cukup panjang untuk uji. " * 3
    title = " ".join(["東京都庁舎"] * 18)  # weighs 2 a character: 18 words, 197 weighted
    x = sharekit.share_kit(release(title, summary, tags), SITE, "Situs", (), ())["texts"]["x"]["text"]
    # the title stays whole: the first hashtag gave way, the summary took what room was left
    assert x.startswith(title + "\n\nRingkasan") and x.endswith(f"{URL}\n\n#KabupatenLembahSariMembangun")
    title = " ".join(["東京都庁舎"] * 26)  # 285 weighted: too long even for the link alone
    x = sharekit.share_kit(release(title, summary, tags), SITE, "Situs", (), ())["texts"]["x"]["text"]
    assert sharekit.x_length(x) <= 280
    head, tail = x.split("\n\nhttps://")
    assert head.endswith("…") and all(w == "東京都庁舎" for w in head.rstrip("…").split())
    assert tail == "mediacenter.lembahsari.go.id/rilis/2026/11/uji/"


def test_x_counts_links_and_emoji_the_twitter_way():
    assert sharekit.x_length("a https://contoh.go.id/sangat/panjang/sekali/alamatnya") == 2 + 23
    assert sharekit.x_length("🎉") == 2


SAFE = "".join(chr(c) for c in range(0x250) if chr(c) not in "©®") + "".join(map(chr, range(0x2010, 0x2028)))
x_parts = st.one_of(st.text(alphabet=SAFE, max_size=30), st.text(max_size=10),
                    st.sampled_from(["https://mediacenter.lembahsari.go.id/rilis/2026/11/uji/", "contoh.go.id",
                                     "a.id/x", "\r\n", "\n\n", "e\u0301", "1\ufe0f\u20e3", "👩‍🌾", "…", "–", " "]))


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(x_parts, max_size=12))
def test_x_length_is_twitter_texts_count(parts):
    """The fast count (text that cannot hold an emoji skips the library's slow emoji scan)
    is the library's own, links and line breaks included."""
    from twitter_text import parse_tweet

    text = "".join(parts)
    assert sharekit.x_length(text) == parse_tweet(text).weightedLength


def test_no_emoji_is_made_of_the_fast_counts_characters():
    from twitter_text import extract_emojis_with_indices

    assert sharekit._NO_EMOJI.fullmatch(SAFE)
    assert extract_emojis_with_indices(SAFE) == [] and extract_emojis_with_indices(" ".join(SAFE)) == []
    assert extract_emojis_with_indices("©®") != []  # what the fast count leaves to the library


def test_hashtags_from_tags_and_site_default():
    kit = sharekit.share_kit(release("Judul rilis yang cukup", "x" * 60, ["hari jadi ke-68", "Hari Jadi Ke 68",
                                                                             "banjir!", "2026", "lembah sari"]),
                             SITE, "Situs", ("LembahSari",), ACRONYMS)
    assert kit["hashtags"] == ["#HariJadiKe68", "#Banjir", "#LembahSari"]  # a tag that is the brand: once


def test_klarifikasi_leads_with_its_verdict_and_tags_hoaks_only_for_a_hoax():
    title = "Klarifikasi: Video Bendungan Jebol yang Beredar Bukan Terjadi di Lembah Sari"
    summary = ("Video yang disebut memperlihatkan jebolnya Bendungan Air Dingin adalah rekaman lama dari luar "
               "daerah. Kondisi bendungan saat ini aman.")
    tags = ["hoaks", "banjir", "bendungan"]
    kit = sharekit.share_kit(release(title, summary, tags, verdict="menyesatkan"), SITE, "Situs",
                             BRAND + ("Lawan Hoaks",), ACRONYMS)
    lead = "[MENYESATKAN] Video Bendungan Jebol yang Beredar Bukan Terjadi di Lembah Sari"
    assert kit["hashtags"] == ["#CekFakta", "#Banjir", "#Bendungan", "#LembahSari", "#InfoLembahSari"]
    assert kit["texts"]["x"]["text"] == f"{lead}\n\n{summary}\n\n{URL}\n\n#CekFakta #LembahSari #InfoLembahSari"
    assert kit["texts"]["whatsapp"]["text"] == f"*{lead}*\n\n{summary}\n\n{URL}"
    assert kit["texts"]["threads"]["text"].endswith(f"{URL}\n\n#LembahSari")
    assert kit["title"] == title  # the release's own title, as the page has it
    for text in (v["text"] for v in kit["texts"].values()):
        assert text.lstrip("*").startswith(lead) and not HOAX.search(text)
    hoax = sharekit.share_kit(release(title, summary, tags, verdict="hoaks"), SITE, "Situs", BRAND, ACRONYMS)
    assert hoax["hashtags"] == ["#CekFakta", "#Hoaks", "#Banjir", "#Bendungan", "#LembahSari", "#InfoLembahSari"]
    assert hoax["texts"]["telegram"]["text"].startswith("[HOAKS] Video Bendungan")
    partly = sharekit.share_kit(release("Sebagian Benar, Jalan Lingkar Dibangun Tahun Depan", summary, [],
                                        verdict="sebagian-benar"), SITE, "Situs", (), ACRONYMS)
    assert partly["texts"]["facebook"]["text"].startswith("[SEBAGIAN BENAR] Sebagian Benar, Jalan")
    written = sharekit.share_kit(release("[Menyesatkan] Video bendungan jebol", summary, [], verdict="menyesatkan"),
                                 SITE, "Situs", (), ACRONYMS)
    assert written["texts"]["x"]["text"].startswith("[Menyesatkan] Video bendungan jebol\n\n")  # not twice


def test_a_release_without_a_verdict_gets_no_label_and_keeps_its_hoaks_tag():
    kit = sharekit.share_kit(release("Klarifikasi: Diskominfo Ajak Warga Lawan Hoaks", SUMMARY, ["hoaks"]),
                             SITE, "Situs", BRAND, ACRONYMS)
    assert kit["hashtags"][0] == "#Hoaks" and "#CekFakta" not in kit["hashtags"]
    assert kit["texts"]["x"]["text"].startswith("Klarifikasi: Diskominfo")


def test_own_hashtags_replace_tags_and_brand_but_never_call_a_non_hoax_a_hoax():
    own = Social(hashtags=["Hoaks", "cek fakta bendungan", "ktp-el"])
    kit = sharekit.share_kit(release("Judul rilis yang cukup", SUMMARY, ["banjir"], own, verdict="salah"), SITE,
                             "Situs", BRAND, ACRONYMS)
    assert kit["hashtags"] == ["#CekFaktaBendungan", "#KTPEl"]
    assert tag_line(kit["texts"]["threads"]["text"]) == ["#CekFaktaBendungan"]


def test_own_texts_get_the_link_when_they_lack_it():
    url = SITE + "rilis/2026/11/uji/"
    own = Social(x="Jembatan dibuka hari ini", whatsapp=f"*Jembatan dibuka*\n{url}",
                 instagram="Jembatan dibuka, tautan di bio")
    kit = sharekit.share_kit(release("Judul rilis yang cukup", "Ringkasan " * 6, [], own), SITE, "Situs", (), ())
    assert kit["texts"]["x"]["text"] == f"Jembatan dibuka hari ini {url}"
    assert kit["texts"]["x"]["length"] == len("Jembatan dibuka hari ini ") + 23
    assert kit["texts"]["whatsapp"]["text"] == own.whatsapp  # already has it
    assert kit["texts"]["instagram"]["text"] == own.instagram  # links are not clickable there
    assert kit["texts"]["telegram"]["text"].endswith(url)  # not overridden: the generated text


def test_every_platform_has_title_summary_and_its_own_way_to_the_release():
    kit = sharekit.share_kit(release("Judul rilis yang cukup", SUMMARY, ["banjir", "bpbd"]), SITE,
                             "Media Center Lembah Sari", BRAND, ACRONYMS)
    texts = {k: v["text"] for k, v in kit["texts"].items()}
    tags = "#Banjir #BPBD #LembahSari #InfoLembahSari"
    assert texts["whatsapp"] == f"*Judul rilis yang cukup*\n\n{SUMMARY}\n\n{URL}"  # no hashtags there
    assert texts["telegram"] == f"Judul rilis yang cukup\n\n{SUMMARY}\n\n{URL}\n\n{tags}"
    assert texts["facebook"] == f"Judul rilis yang cukup\n\n{SUMMARY}\n\nSelengkapnya: {URL}\n\n{tags}"
    assert texts["instagram"] == (f"Judul rilis yang cukup\n\n{SUMMARY}\n\nBaca selengkapnya di Media Center "
                                  f"Lembah Sari: tautan di bio.\n\n{tags}")
    assert texts["threads"] == f"Judul rilis yang cukup\n\n{SUMMARY}\n\n{URL}\n\n#LembahSari"
    many = sharekit.share_kit(release("Judul rilis yang cukup", SUMMARY, ["a1", "b2", "c3", "d4", "e5"]), SITE,
                              "Situs", BRAND, ACRONYMS)
    assert tag_line(many["texts"]["instagram"]["text"]) == ["#A1", "#B2", "#C3", "#LembahSari", "#InfoLembahSari"]
    no_brand = sharekit.share_kit(release("Judul rilis yang cukup", SUMMARY, ["banjir", "bpbd"]), SITE, "Situs",
                                  (), ACRONYMS)
    assert tag_line(no_brand["texts"]["threads"]["text"]) == ["#Banjir"]  # no brand: the first topic


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
    names = cards.render_cards(source.read_bytes(), TEXTS, str(out), str(cache))
    assert re.fullmatch(r"kartu-tautan\.[0-9a-f]{10}\.jpg", names["tautan"])
    first = (out / names["tautan"]).read_bytes()
    assert len(list(cache.rglob("kartu-*.jpg"))) == 2
    assert cards.render_cards(source.read_bytes(), TEXTS, str(out), str(cache)) == names  # from the cache
    assert (out / names["tautan"]).read_bytes() == first and len(list(cache.rglob("kartu-*.jpg"))) == 2
    other = cards.render_cards(source.read_bytes(), {**TEXTS, "title": "Judul lain yang berbeda"}, str(out),
                               str(cache))
    assert len(list(cache.rglob("kartu-*.jpg"))) == 4 and not set(other.values()) & set(names.values())


def test_share_files_come_from_the_cache_until_the_release_changes(tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = release("Judul rilis yang cukup panjang", "Ringkasan pertama. " * 4, ["jembatan"])
    sharekit.share_files(first, SITE, "Situs", ("LembahSari",), ACRONYMS, str(out), str(cache))
    kit = json.loads((out / "share.json").read_text(encoding="utf-8"))
    card = out / kit["cards"]["tautan"]["path"].rsplit("/", 1)[1]
    assert kit["title"] == first.title and kit["cards"]["tautan"]["bytes"] == card.stat().st_size
    assert len(list(cache.rglob("*.json"))) == 1 and len(list(cache.rglob("kartu-*.jpg"))) == 2
    sharekit.share_files(first, SITE, "Situs", ("LembahSari",), ACRONYMS, str(tmp_path / "o2"), str(cache))
    again = json.loads((tmp_path / "o2" / "share.json").read_text(encoding="utf-8"))
    assert again == kit and (tmp_path / "o2" / "share.json").stat().st_nlink >= 2  # a link, not a copy
    assert len(list(cache.rglob("*.json"))) == 1
    # A new body alone: the same kit (the kit never reads the body).
    sharekit.share_files(replace(first, body="Teks yang diperbaiki.\n"), SITE, "Situs", ("LembahSari",), ACRONYMS,
                         str(tmp_path / "o3"), str(cache))
    assert len(list(cache.rglob("*.json"))) == 1
    # A new summary: a new share.json, and the cards (which do not show it) stay as they were.
    edited = replace(first, summary="Ringkasan yang sudah dikoreksi. " * 3)
    sharekit.share_files(edited, SITE, "Situs", ("LembahSari",), ACRONYMS, str(out), str(cache))
    kit = json.loads((out / "share.json").read_text(encoding="utf-8"))
    assert "dikoreksi" in kit["texts"]["facebook"]["text"]
    assert len(list(cache.rglob("*.json"))) == 2 and len(list(cache.rglob("kartu-*.jpg"))) == 2
    # A new title: new cards too.
    sharekit.share_files(replace(first, title="Judul yang lain sama sekali"), SITE, "Situs", (), ACRONYMS, str(out),
                         str(cache))
    assert len(list(cache.rglob("kartu-*.jpg"))) == 4


def test_a_new_acronym_list_makes_a_new_share_file(tmp_path):
    """The kit's cache key holds the registries' acronyms: adding one re-makes share.json
    (the cards, which show no hashtag, stay cached)."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    item = release("Rapat Koordinasi Penanganan Banjir", SUMMARY, ["bpbd", "banjir"])
    sharekit.share_files(item, SITE, "Situs", (), ("RI",), str(out), str(cache))
    assert json.loads((out / "share.json").read_text(encoding="utf-8"))["hashtags"] == ["#Bpbd", "#Banjir"]
    sharekit.share_files(item, SITE, "Situs", (), ("BPBD", "RI"), str(out), str(cache))
    assert json.loads((out / "share.json").read_text(encoding="utf-8"))["hashtags"] == ["#BPBD", "#Banjir"]
    assert len(list(cache.rglob("*.json"))) == 2 and len(list(cache.rglob("kartu-*.jpg"))) == 2
    sharekit.share_files(item, SITE, "Situs", (), ("RI", "BPBD"), str(tmp_path / "o2"), str(cache))
    assert len(list(cache.rglob("*.json"))) == 2  # the same list in another order: the same kit


def test_registry_acronyms_are_validated_and_reach_the_share_kit(project):
    reg = project / "data/registries.yml"
    text = reg.read_text(encoding="utf-8")
    assert "\nacronyms:\n" in text
    write_release(project, tags=["ktp-el", "hut ke-81 ri", "rkpd"])
    kit = json.loads(run_warta(project, "share", "jembatan-talang-mulya", "--json", check=True).stdout)
    assert kit["hashtags"][:3] == ["#KTPEl", "#HUTKe81RI", "#RKPD"]
    reg.write_text(text.replace("  - RKPD\n", "  - Rkpd\n  - RI\n  - KTP-el\n"), encoding="utf-8")
    lines = reg.read_text(encoding="utf-8").splitlines()
    found = [(p.line, p.field, p.message) for p in load_content(load_site_config(project)).problems]
    assert (lines.index("  - Rkpd") + 1, "acronyms", "singkatan 'Rkpd' harus huruf kapital dan angka saja, "
            "2–12 karakter, dengan sedikitnya satu huruf") in found
    assert (lines.index("  - RI", lines.index("  - Rkpd")) + 1, "acronyms",
            "singkatan 'RI' terdaftar dua kali") in found
    assert any(p[0] == lines.index("  - KTP-el") + 1 and "'KTP-el'" in p[2] for p in found)
    done = run_warta(project, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "tulis seperti di tagar, mis. `HUT` atau `KTP`; untuk KTP-el cukup daftarkan `KTP`." in done.stdout + done.stderr
    reg.write_text(text.replace("  - RKPD\n", "  - 112\n"), encoding="utf-8")  # a number, not text
    (problem,) = load_content(load_site_config(project)).problems
    assert problem.line == reg.read_text().splitlines().index("  - 112") + 1 and problem.field.startswith("acronyms[")


def test_a_batch_reports_the_release_that_failed_and_finishes_the_others(tmp_path):
    from warta.model import Photo

    good = release("Rilis yang baik dan benar", "Ringkasan yang cukup panjang. " * 3, [])
    lost = replace(good, src_uri="rilis/2026/11/hilang/index.md", url="rilis/2026/11/hilang/",
                   image=Photo(src="x.jpg", source=str(tmp_path / "tidak-ada.jpg"), alt="a", credit="b",
                               caption="", width=800, height=600, renditions=(), fallback=(0, 0, ""),
                               digest="0" * 64))
    failed = sharekit.share_batch([lost, good], SITE, "Situs", (), (), str(tmp_path / "site"), None)
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
    kit = sharekit.share_kit(release("Judul rilis yang cukup", "Ringkasan " * 6, [], social), SITE, "Situs", (), ())
    for platform in ("x", "threads", "whatsapp"):
        entry = kit["texts"][platform]
        assert url in entry["text"]  # the link is always there
        if f"social.{platform}" not in refused:
            assert entry["length"] <= sharekit.LIMITS[platform]
        else:
            assert entry["length"] > sharekit.LIMITS[platform] or platform == "threads"
