"""Exact and near-duplicate detection (pipelines.dedupe) on generated Vietnamese union news."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from pipelines import dedupe
from pipelines.dedupe import (
    ABBREVIATIONS,
    DedupeConfig,
    DedupeIndex,
    StateMismatchError,
    content_hash,
    evaluate_dedupe,
    normalize_for_hash,
    recheck_corpus,
)
from pipelines.evaluate import check_floors, load_floors
from pipelines.parquet import DatasetWriter
from pipelines.schema import record_id
from pipelines.state import STATE_FILE, SQLiteStateStore
from tests.helpers import run_congdoan, write_registry

PAIRS_DIR = Path(__file__).resolve().parent / "dedupe_pairs"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dedupe_pairs_generate", PAIRS_DIR / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def story(seed: int, topic: str = "tet") -> tuple[str, dict[str, str], object]:
    writer = gen.StoryWriter(random.Random(seed))
    ctx = writer.context()
    return writer.article(ctx, topic), ctx, writer


def keep(index: DedupeIndex, n: int, text: str, site: str = "a") -> str:
    url = f"http://{site}.example.vn/bai-{n}.html"
    index.add(id=record_id(url), url=url, site=site, text=text)
    return record_id(url)


def test_content_hash_folds_form_not_words() -> None:
    text = "Ngày 15/4, LĐLĐ tỉnh trao 120 suất quà Tết cho công nhân khó khăn."
    same = ["  ngày 15 4 lđlđ TỈNH trao 120 suất quà tết cho công nhân khó khăn ",
            unicodedata.normalize("NFD", text), text.replace(", ", " — ").replace(".", "…")]
    assert {content_hash(t) for t in same} == {content_hash(text)}
    assert normalize_for_hash(text).startswith("ngày 15 4 lđlđ tỉnh")
    assert content_hash(text.replace("120", "121")) != content_hash(text)


def test_config_comes_from_settings_and_is_checked() -> None:
    settings = {"DEDUPE_SHINGLE_SIZE": "4", "DEDUPE_THRESHOLD": "0.85", "DEDUPE_NUM_PERM": 96}
    config = DedupeConfig.from_settings(lambda name, default: settings.get(name, default))
    assert (config.shingle_size, config.threshold, config.num_perm) == (4, 0.85, 96)
    assert (config.bands, config.rows) == (32, 3)
    with pytest.raises(ValueError, match="DEDUPE_THRESHOLD"):
        DedupeConfig.from_settings(lambda name, default: "high" if name == "DEDUPE_THRESHOLD" else default)
    with pytest.raises(ValueError, match="threshold"):
        DedupeConfig(threshold=1.5)
    with pytest.raises(ValueError, match="bands"):
        DedupeConfig(num_perm=16, bands=32)


def test_an_nfd_copy_is_an_exact_duplicate() -> None:
    text, _, _ = story(1)
    index = DedupeIndex.in_memory()
    kept = keep(index, 1, text)
    verdict = index.find(url="http://b.example.vn/x", text=unicodedata.normalize("NFD", text))
    assert verdict is not None
    assert (verdict.duplicate_of, verdict.reason, verdict.similarity) == (kept, "exact", 1.0)


@pytest.mark.parametrize("variant", ["https://a.example.vn/bai-1.html", "http://www.a.example.vn/bai-1.html/",
                                     "http://m.a.example.vn/bai-1.html?utm_source=zalo#top"])
def test_another_address_of_a_kept_page_is_a_url_duplicate(variant: str) -> None:
    index = DedupeIndex.in_memory()
    kept = keep(index, 1, "Nội dung bất kỳ của bài viết.")
    assert index.stored_id(variant) == kept
    verdict = index.find(url=variant, text="Một nội dung khác hẳn.")
    assert verdict is not None and (verdict.duplicate_of, verdict.reason) == (kept, "url")
    assert index.stored_id("http://a.example.vn/bai-2.html") is None


def test_an_edited_republication_is_a_near_duplicate() -> None:
    text, ctx, writer = story(2, "bargain")
    rng = random.Random(5)
    copy = gen.with_source(gen.with_chrome(gen.swap_tones(gen.swap_abbreviations(text, rng)), rng, ctx), rng, ctx)
    assert content_hash(copy) != content_hash(text)
    index = DedupeIndex.in_memory()
    kept = keep(index, 1, text)
    verdict = index.find(url="http://b.example.vn/1", text=copy)
    assert verdict is not None and (verdict.duplicate_of, verdict.reason) == (kept, "near")
    assert index.config.threshold <= verdict.similarity <= 1


def test_a_truncated_copy_is_found_by_containment() -> None:
    text, _, _ = story(3, "conference")
    words = text.split(" ")
    copy = " ".join(words[: int(len(words) * 0.6)]) + "... (Còn nữa)"
    index = DedupeIndex.in_memory()
    kept = keep(index, 1, text)
    verdict = index.find(url="http://b.example.vn/1", text=copy)
    assert verdict is not None and (verdict.duplicate_of, verdict.reason) == (kept, "near")
    assert verdict.similarity >= index.config.containment
    # and the other way round: the short copy came first
    index = DedupeIndex.in_memory()
    kept = keep(index, 1, copy)
    verdict = index.find(url="http://b.example.vn/1", text=text)
    assert verdict is not None and verdict.duplicate_of == kept


def test_monthly_reports_on_one_template_stay_apart() -> None:
    writer = gen.StoryWriter(random.Random(11))
    base = writer.context("Lạng Sơn")
    template = writer.house_style(gen.MONTHLY[0])
    index = DedupeIndex.in_memory()
    for month in range(1, 13):
        ctx = writer.context("Lạng Sơn", 2024) | {"org": base["org"], "person1": base["person1"],
                                                  "title1": base["title1"], "month": str(month)}
        report = writer.monthly(template, ctx)
        assert index.find(url=f"http://a.example.vn/giao-ban-{month}", text=report) is None, month
        keep(index, month, report)
    assert len(index) == 12
    assert index.stats["candidates"] > 0 and (index._first == dedupe._NONE).all()  # its scratch table left clean


def test_other_numbers_in_the_same_words_are_another_story() -> None:
    paragraphs = ["Ngày 15/4/2021, Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết công tác chăm lo đoàn viên.",
                  "Trong năm qua, các cấp công đoàn đã trao 120 suất quà Tết cho công nhân có hoàn cảnh khó khăn.",
                  "Hội nghị biểu dương 25 tập thể và 40 cá nhân có thành tích xuất sắc trong phong trào thi đua."]
    first = "\n".join(f"{p} Mục 1." for p in paragraphs)
    index = DedupeIndex.in_memory()
    kept = keep(index, 1, first)
    assert index.find(url="http://a.example.vn/2", text=first.replace("Mục 1", "Mục 4")) is None
    assert index.find(url="http://a.example.vn/3", text=first.replace("120 suất", "150 suất")
                      .replace("25 tập", "31 tập").replace("40 cá", "44 cá")) is None
    reworded = first.replace("Ngày 15/4/2021", "Hôm 15 tháng 4 năm 2021") + "\nNguồn: Báo Lao Động."
    verdict = index.find(url="http://a.example.vn/4", text=reworded)
    assert verdict is not None and verdict.duplicate_of == kept


def test_the_first_copy_is_kept_and_adds_are_visible_before_the_commit(tmp_path: Path) -> None:
    text, _, _ = story(4, "house")
    copy = text + "\nTheo congdoanvietnam.vn"
    with DedupeIndex.open(tmp_path) as index:
        kept = keep(index, 1, text)
        keep(index, 2, story(5, "house")[0])
        verdict = index.find(url="http://b.example.vn/1", text=copy)
        assert verdict is not None and verdict.duplicate_of == kept and len(index) == 2
        keep(index, 3, text)  # kept again (by a caller that did not ask): the first of equals still wins
        index.commit(["site=a/part-1.parquet"])
        keep(index, 4, text)
        verdict = index.find(url="http://b.example.vn/1", text=copy)
        assert verdict is not None and verdict.duplicate_of == kept and len(index) == 4


def test_state_lasts_across_runs_and_only_commits_count(tmp_path: Path) -> None:
    text, _, _ = story(6, "worker_month")
    with DedupeIndex.open(tmp_path) as index:
        kept = keep(index, 1, text)
        index.commit(["site=a/part-1.parquet"])
        keep(index, 2, story(7)[0])  # never committed: the crawl dies here
    with DedupeIndex.open(tmp_path) as index:
        assert index.committed_files() == {"site=a/part-1.parquet"} and len(index) == 1
        assert index.stored_id("http://a.example.vn/bai-1.html") is not None
        assert index.stored_id("http://a.example.vn/bai-2.html") is None
        verdict = index.find(url="http://c.example.vn/9", text=text + "\nNguồn: LĐLĐ tỉnh")
        assert verdict is not None and (verdict.duplicate_of, verdict.reason) == (kept, "near")


def test_logged_copies_are_known_pages_on_the_next_run(tmp_path: Path) -> None:
    text, _, _ = story(13, "tet")
    copy_url = "http://b.example.vn/ban-sao.html"
    with DedupeIndex.open(tmp_path) as index:
        kept = keep(index, 1, text)
        verdict = index.find(url=copy_url, text=text + "\nTheo Báo Lao Động")
        assert verdict is not None and not index.url_seen(copy_url)
        index.note_copy(url=copy_url, duplicate_of=verdict.duplicate_of)
        assert index.url_seen(copy_url) and index.stored_id(copy_url) is None
        index.commit(["site=a/part-1.parquet", "_duplicates/part-2.parquet"])
        index.note_copy(url="http://b.example.vn/khac.html", duplicate_of=kept)  # never committed
    with DedupeIndex.open(tmp_path) as index:
        assert index.url_seen(copy_url) and index.url_seen("https://www.b.example.vn/ban-sao.html")
        assert index.url_seen("http://a.example.vn/bai-1.html")
        assert not index.url_seen("http://b.example.vn/khac.html") and index.stored_id(copy_url) is None


def test_a_state_built_with_other_settings_is_refused(tmp_path: Path) -> None:
    with DedupeIndex.open(tmp_path) as index:
        keep(index, 1, "Một bài viết.")
        index.commit()
    with pytest.raises(StateMismatchError, match="shingle_size=5 \\(now 4\\)"):
        DedupeIndex.open(tmp_path, DedupeConfig(shingle_size=4))
    with DedupeIndex.open(tmp_path, DedupeConfig(threshold=0.9, containment=0.95)) as index:  # not stored: fine
        assert len(index) == 1


def test_a_state_with_the_key_indexes_of_earlier_versions_opens_and_drops_them(tmp_path: Path) -> None:
    # versions before keys were looked up in memory kept url_key UNIQUE and an index on content_key
    with sqlite3.connect(tmp_path / STATE_FILE) as db:
        db.executescript("""CREATE TABLE docs (seq INTEGER PRIMARY KEY, id INTEGER NOT NULL,
            site INTEGER NOT NULL, url_key INTEGER NOT NULL UNIQUE, content_key INTEGER NOT NULL,
            bands BLOB NOT NULL, sketch BLOB NOT NULL);
            CREATE INDEX docs_content ON docs (content_key);""")
    db.close()
    text, _, _ = story(31, "house")
    with DedupeIndex.open(tmp_path) as index:
        first, second = keep(index, 1, text), keep(index, 2, text)  # the same text twice: the first one counts
        index.commit(["site=a/part-1.parquet"])
    with DedupeIndex.open(tmp_path) as index:
        assert (index.stored_id("http://a.example.vn/bai-1.html"), index.stored_id("https://a.example.vn/bai-2.html")
                ) == (first, second)
        verdict = index.find(url="http://b.example.vn/1", text=text)
        assert verdict is not None and (verdict.duplicate_of, verdict.reason) == (first, "exact")
        keep(index, 3, story(32)[0])
        index.commit(["site=a/part-2.parquet"])
        assert len(index) == 3
    with sqlite3.connect(tmp_path / STATE_FILE) as db:
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'docs_content'").fetchall() == []
    db.close()


def test_a_url_is_kept_once() -> None:
    index = DedupeIndex.in_memory()
    keep(index, 1, "Bài thứ nhất.")
    with pytest.raises(ValueError, match="already kept"):
        index.add(id="0" * 16, url="https://a.example.vn/bai-1.html", site="a", text="Bài khác.")


_TONE_MARKS = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}


def _plain_syllable_hash(word: str) -> tuple[int, bool]:
    """What the vectorised hashing must give for one syllable, from its definition: the polynomial hash of its
    letters with tone marks taken off, plus its tone numbers and digits times a constant."""
    letters, marks = 0, 0
    for place, char in enumerate(word):
        parts = unicodedata.normalize("NFD", char)
        tones = [_TONE_MARKS[c] for c in parts if c in _TONE_MARKS]
        bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        if tones and len(bare) == 1 and 0xC0 <= ord(char) < 0x2000:
            char, marks = bare, marks + tones[0]
        marks += dedupe._DIGIT * char.isdigit()
        letters += ord(char) * pow(dedupe._BASE, place, 1 << 64)
    return (letters + marks * int(dedupe._MARKS)) % (1 << 64), marks >= dedupe._DIGIT


def _plain_syllable_hashes(text: str) -> list[tuple[int, bool]]:
    """Syllables of normalize_for_hash, abbreviations spelled out, each hashed on its own."""
    out: list[tuple[int, bool]] = []
    for word in normalize_for_hash(text).split(" ") if normalize_for_hash(text) else []:  # not str.split: U+0085
        out += [_plain_syllable_hash(w) for w in ABBREVIATIONS.get(word, word).split(" ")]
    return out


TRICKY_TEXTS = [
    "“Trích dẫn” – gạch ngang — 3×4 ÷ 2 … • ★ 😀 ｆｕｌｌ！ ¿¡ ¼ ©® «LĐLĐ»",
    unicodedata.normalize("NFD", "Hòa bình, Thủy điện; LĐLĐ TP.HCM và NLĐ"),
    "a\tb\nc\rd\x0be\x0cf\x00g \u0085h\u00a0i\u3000k",
    "nghiễng internationalisation https://ldld.vn/tin-tuc?id=12345678901234 1.250.000 đồng",
    "ǅ ß ﬁ İstanbul ΣΑΣ", "𝐀𝐁 chữ ngoài bảng 𠀀 và ١٢٣", "  lđlđ  ", "x", "—", "", "Ὰ ǘ ʼn ﬀ Ꭓ",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_syllable_hashes_match_a_plain_reading(text: str) -> None:
    digest, hashes, numbers = dedupe._syllable_hashes(text)
    assert digest.hex() == content_hash(text)
    assert list(zip(hashes.tolist(), numbers.tolist(), strict=True)) == _plain_syllable_hashes(text)


def test_tone_mark_places_and_abbreviations_make_one_syllable_sequence() -> None:
    same = ["Hòa bình, thủy lợi, khỏe; LĐLĐ", "hoà BÌNH thuỷ lợi khoẻ liên đoàn lao động",
            unicodedata.normalize("NFD", "Hoà bình — thuỷ lợi — khoẻ — Liên đoàn Lao động")]
    assert len({dedupe._syllable_hashes(t)[1].tobytes() for t in same}) == 1
    assert dedupe._syllable_hashes("hòa")[1].tolist() != dedupe._syllable_hashes("hoa")[1].tolist()
    assert dedupe._syllable_hashes("hoá")[1].tolist() != dedupe._syllable_hashes("hoà")[1].tolist()


def test_fingerprints_are_the_same_in_every_process() -> None:
    text = TRICKY_TEXTS[1] + " " + story(3)[0]
    here = dedupe._fingerprint(text, DedupeConfig())
    code = ("import sys; from pipelines import dedupe;"
            "f = dedupe._fingerprint(sys.stdin.read(), dedupe.DedupeConfig());"
            "print(f.content_key, f.bands, f.shingles.hex(), f.fact_keys.hex(), f.fact_values.hex())")
    other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                           encoding="utf-8", env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout.strip()
    assert other == " ".join(str(v) for v in (here.content_key, here.bands, here.shingles.hex(),
                                              here.fact_keys.hex(), here.fact_values.hex()))
    # pinned: a change of the hashing must come with a new FEATURE_VERSION (and a state migration)
    assert (dedupe.FEATURE_VERSION, dedupe._syllable_hashes("Hòa bình 2024")[1].tolist()) == ("2", PINNED)


PINNED = [783188332496281819, 1177566689671234416, 3622554075198539840]


def test_a_long_text_hashes_past_the_power_table() -> None:
    words = [f"từ{i % 977}" for i in range(14000)]  # over 65,536 code points
    text = " ".join(words)
    _, hashes, numbers = dedupe._syllable_hashes(text)
    assert len(text) > dedupe._TABLE_SIZE and len(hashes) == len(words) and numbers.all()
    assert hashes[-1] == hashes[words.index(words[-1])]  # the same syllable, at the start or past the table


@pytest.mark.parametrize("text", ["", "   ", "Tin ngắn.", "2024", "••• — …"])
def test_empty_and_tiny_texts(text: str) -> None:
    index = DedupeIndex.in_memory()
    assert index.find(url="http://a.example.vn/x", text=text) is None
    keep(index, 1, text)
    verdict = index.find(url="http://b.example.vn/y", text=text)
    assert verdict is not None and verdict.reason == "exact"


def test_state_stays_under_one_kilobyte_per_record(tmp_path: Path) -> None:
    writer = gen.StoryWriter(random.Random(21))
    with DedupeIndex.open(tmp_path) as index:
        for n in range(1500):
            keep(index, n, writer.long_article(writer.context()), site=f"s{n % 7}")
            if n % 500 == 499:
                index.commit([f"part-{n}.parquet"])
    store = SQLiteStateStore.in_dir(tmp_path)
    store.checkpoint()
    store.close()
    size = sum(p.stat().st_size for p in tmp_path.iterdir() if p.name.startswith(STATE_FILE))
    with sqlite3.connect(tmp_path / STATE_FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM docs").fetchone()[0] == 1500
    assert size / 1500 <= 1024


def test_labelled_pairs_meet_the_targets() -> None:
    result = evaluate_dedupe(stream=None)
    floors = load_floors()
    assert floors["dedupe"] == {"precision_min": 0.99, "recall_min": 0.95}  # the targets
    assert check_floors({"dedupe": result}, floors) == [], result["errors"]
    assert result["pairs"] >= 150 and result["tp"] + result["fn"] >= 80
    kinds = result["by_kind"]
    assert {"template_monthly", "template_quarterly", "truncated", "edited", "nfd"} <= set(kinds)
    assert kinds["template_monthly"]["correct"] == kinds["template_monthly"]["pairs"]


def test_pairs_file_is_what_the_generator_writes() -> None:
    committed = [json.loads(line) for line in (PAIRS_DIR / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert committed == gen.generate()


def test_evaluation_counts_hits_and_misses(tmp_path: Path) -> None:
    text, _, _ = story(8)
    other, _, _ = story(9, "house")
    pairs = [{"id": "x1", "kind": "copy", "duplicate": True, "a": text, "b": text + "\nNguồn: Báo Lao Động"},
             {"id": "x2", "kind": "mislabelled", "duplicate": True, "a": text, "b": other},
             {"id": "x3", "kind": "distinct", "duplicate": False, "a": text, "b": other}]
    (tmp_path / "pairs.jsonl").write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in pairs), "utf-8")
    out = io.StringIO()
    result = evaluate_dedupe(tmp_path, stream=out)
    assert (result["tp"], result["fn"], result["fp"], result["tn"]) == (1, 1, 0, 1)
    assert result["precision"] == 1.0 and result["recall"] == 0.5
    assert "recall 0.5000" in out.getvalue() and "x2" in out.getvalue()


def _corpus_record(n: int, site: str, text: str, day: int) -> dict:
    url = f"http://{site}.example.vn/bai-{n}.html"
    return {"id": record_id(url), "url": url, "site": site, "province": "Lạng Sơn", "title": f"Bài {n}",
            "lead": None, "text": text, "author": None, "category": None, "published_at": None, "language": "vi",
            "language_score": 0.99, "content_hash": content_hash(text), "word_count": len(text.split()),
            "quality_flags": [], "fetched_at": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=day),
            "crawl_id": f"crawl-{day}", "source": "live"}


def test_recheck_finds_clusters_across_sites_oldest_first(tmp_path: Path) -> None:
    text, ctx, _ = story(10, "conference")
    rng = random.Random(2)
    records = [_corpus_record(3, "c", gen.with_chrome(gen.swap_abbreviations(text, rng), rng, ctx), day=3),
               _corpus_record(1, "a", text, day=1),
               _corpus_record(2, "b", unicodedata.normalize("NFD", text), day=2),
               _corpus_record(4, "a", story(12, "house")[0], day=2)]
    writer = DatasetWriter(tmp_path, "test")
    for record in records:
        writer.add_record(record)
    writer.flush()
    out = io.StringIO()
    clusters = recheck_corpus(tmp_path, stream=out)
    assert len(clusters) == 1
    assert [m["url"] for m in clusters[0]] == [records[1]["url"], records[2]["url"], records[0]["url"]]
    assert [m.get("reason") for m in clusters[0]] == [None, "exact", "near"]
    assert [m["site"] for m in clusters[0]] == ["a", "b", "c"]
    assert "1 duplicate clusters" in out.getvalue() and records[0]["url"] in out.getvalue()
    assert recheck_corpus(tmp_path, DedupeConfig(threshold=0.99, containment=0.99), stream=None)[0][1]["reason"] \
        == "exact"


def test_a_state_of_an_older_fingerprint_is_migrated_from_the_corpus(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture) -> None:
    from crawler.cli import main

    out, state = tmp_path / "out", tmp_path / "state"
    text, ctx, _ = story(14, "conference")
    rng = random.Random(4)
    records = [_corpus_record(1, "a", text, day=1), _corpus_record(2, "a", story(15, "house")[0], day=1)]
    later = {**_corpus_record(1, "a", story(16, "tet")[0], day=5), "version": 2,
             "updated_at": datetime(2026, 1, 6, tzinfo=UTC)}  # the state holds the first version's text
    writer = DatasetWriter(out, "test")
    for record in [later, *records]:
        writer.add_record(record)
    writer.flush()
    with DedupeIndex.open(state) as index:
        for record in [*records, _corpus_record(3, "b", "Một bài không còn trong kho.", day=2)]:
            index.add(id=record["id"], url=record["url"], site=record["site"], text=record["text"])
        index.note_copy(url="http://c.example.vn/ban-sao.html", duplicate_of=records[0]["id"])
        index.commit(["site=a/part-1.parquet"])
    with sqlite3.connect(state / STATE_FILE) as db:  # as an earlier version left it: other band keys, sketches
        db.execute("UPDATE meta SET value = '1' WHERE key = 'feature_version'")
        db.execute("UPDATE docs SET bands = zeroblob(128), sketch = zeroblob(368)")
    with pytest.raises(StateMismatchError, match="feature_version=1 \\(now 2\\).*--migrate-state"):
        DedupeIndex.open(state)
    registry = write_registry(tmp_path / "sites.yaml", [{"slug": "a", "name": "A", "province": "Bắc Kạn",
                                                          "start_urls": ["http://127.0.0.1:9/"]}])
    refused = run_congdoan("crawl", "--sites-file", str(registry), "--out", str(tmp_path / "crawl"), "--state",
                           str(state))  # refused before it starts: exit 2, one line naming the fix
    assert refused.returncode == 2 and "--migrate-state" in refused.stderr and "Traceback" not in refused.stderr
    assert main(["dedupe", "--out", str(out), "--migrate-state", str(tmp_path / "nothing")]) == 2
    assert not (tmp_path / "nothing").exists() and "no dedupe state" in capsys.readouterr().err
    assert main(["dedupe", "--out", str(out), "--migrate-state", str(state)]) == 0
    printed = capsys.readouterr().out
    assert "of 2 kept records recomputed" in printed and "1 not in the corpus" in printed
    with DedupeIndex.open(state) as index:
        copy = gen.with_chrome(gen.swap_abbreviations(text, rng), rng, ctx)
        verdict = index.find(url="http://d.example.vn/x.html", text=copy)
        assert verdict is not None and (verdict.reason, verdict.duplicate_of) == ("near", records[0]["id"])
        assert index.find(url="http://d.example.vn/z.html", text=later["text"]) is None
        assert index.find(url="http://d.example.vn/y.html", text="Một bài không còn trong kho.").reason == "exact"
        assert index.url_seen("http://c.example.vn/ban-sao.html") and index.committed_files() == {
            "site=a/part-1.parquet"}


def test_a_fingerprint_from_an_extraction_worker_is_used_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    text, ctx, _ = story(21, "bargain")
    copy = gen.with_chrome(text, random.Random(2), ctx)
    page = dedupe.attach_fingerprint({"page_type": "article", "text": copy, "url": "http://b.example.vn/2"},
                                     DedupeConfig())
    shipped = pickle.loads(pickle.dumps(page))  # as it comes back through the pool's pipe
    assert dedupe.attach_fingerprint({"page_type": "listing", "text": copy}, DedupeConfig()).keys() == {
        "page_type", "text"}
    # one made with other settings, or of a text changed since, is not to be trusted
    untrusted = [{**dedupe.attach_fingerprint({"page_type": "article", "text": copy}, config), "text": text_now}
                 for config, text_now in ((DedupeConfig(shingle_size=4), copy), (DedupeConfig(), copy + " Hết."))]
    index = DedupeIndex.in_memory()
    kept = keep(index, 1, text)
    computed: list[str] = []
    real = dedupe._fingerprint
    monkeypatch.setattr(dedupe, "_fingerprint", lambda t, c: computed.append(t) or real(t, c))
    hashed: list[str] = []
    real_hash = dedupe._url_hash
    monkeypatch.setattr(dedupe, "_url_hash", lambda u: hashed.append(u) or real_hash(u))
    index.take_fingerprint(shipped)
    assert dedupe.FINGERPRINT_KEY not in shipped  # taken out: it never reaches the Parquet writer
    verdict = index.find(url="http://b.example.vn/1", text=shipped["text"])
    index.add(id=record_id("http://b.example.vn/2"), url="http://b.example.vn/2", site="b", text=shipped["text"])
    assert verdict is not None and (verdict.duplicate_of, verdict.reason) == (kept, "near")
    assert computed == []  # the worker's fingerprint served find() and add()
    assert hashed == ["http://b.example.vn/1"]  # and the key of its page's URL, not of another
    assert index.store.id_for_url(real_hash("http://b.example.vn/2")) == record_id("http://b.example.vn/2")
    for record in untrusted:  # a fresh index computes its own
        index = DedupeIndex.in_memory()
        keep(index, 1, text)
        index.take_fingerprint(record)
        assert index.find(url="http://c.example.vn/1", text=record["text"]) is not None
    assert computed == [text, copy, text, copy + " Hết."]


def test_extraction_workers_fingerprint_articles_for_the_dedupe_step() -> None:
    import threading

    from pipelines.pool import ExtractPool

    text = story(22)[0]
    body = ("<html><head><title>Hội nghị tổng kết</title></head><body><article><h1>Hội nghị tổng kết</h1>"
            + "".join(f"<p>{p}</p>" for p in text.split("\n")) + "</article></body></html>").encode()
    outcomes: list = []
    finished = threading.Event()

    def done(outcome: object) -> None:
        outcomes.append(outcome)
        if len(outcomes) == 2:
            finished.set()

    config = DedupeConfig(shingle_size=4)
    with ExtractPool(1, timeout=60) as pool:
        pool.submit((body, "http://a.test/1"), {}, done, then=("pipelines.dedupe.attach_fingerprint", (config,)))
        pool.submit((body, "http://a.test/2"), {}, done, then=("pipelines.dedupe.no_such_function", ()))
        assert finished.wait(300), "the pool never answered"
    asked, failed = sorted(outcomes, key=lambda o: o.value["url"])
    assert asked.status == "ok" and asked.value["page_type"] == "article"
    shipped, here = asked.value[dedupe.FINGERPRINT_KEY], dedupe._fingerprint(asked.value["text"], config)
    assert shipped.settings == tuple(vars(config).values())
    assert (shipped.url, shipped.url_key) == (asked.value["url"], dedupe._url_hash(asked.value["url"]))
    assert (shipped.content_key, shipped.bands, shipped.sketch, shipped.shingles) == (
        here.content_key, here.bands, here.sketch, here.shingles)
    # a hook that fails costs the hook only: the page comes back as extracted
    assert failed.status == "ok" and failed.value["text"] == asked.value["text"]
    assert dedupe.FINGERPRINT_KEY not in failed.value
