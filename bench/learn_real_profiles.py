"""Learn crawl-scale site profiles for the real-page evaluation from whole-site mirrors (issue 14).

``congdoan evaluate --real`` learns each site's profile ('+prof') from the few labelled pages of the site, 2 to
12, where a crawl learns it from hundreds. Many sites of the set come from whole-site mirrors committed to public
repositories (``congdoan_data/real_pages/README.md``, "Sources and licences"). This script does, for such a
mirror, what a crawl does: every HTML page of the mirror at the named commit (at most ``--cap``, spread over the
mirror) goes through the generic extractor (no profile) for its page type, and (body, URL, page type) go to
:class:`pipelines.profile.ProfileLearner`; the site's :class:`~pipelines.profile.SiteProfile` is written to
``congdoan_data/real_pages/profiles/<site>.json`` with its provenance (repository, commit, pages, date).

It reads fetched snapshots (bare git directories, ``git cat-file``) and is run by hand, never by tests or at run
time. For test-half sites it prints counts only: no page's text and no per-page output.

    python bench/learn_real_profiles.py --mirrors /work/.mirror [--half dev|test] [--site HOST ...]

A mirror file's address is the one a crawl fetched it at, derived as the gold pages' addresses were: HTTrack's
``Mirrored from <host>/<path>`` comment when the page has one (pages mirrored from another host are skipped), else
the host and the file's path, ``<dir>/index.html`` served as ``<dir>/`` (GitHub Pages, wget) and, on sites whose
addresses have no extension, ``.html`` dropped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from congdoan_data import DATA_ROOT  # noqa: E402
from pipelines.extract import extract_page  # noqa: E402
from pipelines.profile import ProfileLearner  # noqa: E402

PROFILES_DIR = DATA_ROOT / "real_pages" / "profiles"
CAP = 400  # pages per site (see page_files for which)


@dataclass(frozen=True)
class Mirror:
    """One site's mirror: where it is and how its files map to addresses."""

    site: str  # host without www. (what ``evaluate.site_of`` gives)
    half: str
    repository: str
    commit: str | None  # None: the branch head of the snapshot
    scheme: str = "http"
    prefix: str = ""  # the folder of the repository that holds the site
    drop_html: bool = False  # addresses have no extension (``slug.html`` is ``/slug``)


# Commits: those of the gold pages (dev) and those the real pages' README names (test); None where it names none.
MIRRORS = (
    # dev
    Mirror("lequydoncamau.edu.vn", "dev", "21ts444/lequydoncamau",
           "3d1521a5864a9b309f8d208191245a287fe23cc3", "https"),
    Mirror("dakrlap.daknong.gov.vn", "dev", "ewh-support/tuandaknong-dakrlap.daknong",
           "eb90655f9b47123631fd0de8a177941887c92752"),
    Mirror("ldld.daknong.gov.vn", "dev", "ewh-support/ldld-1.daknong", "f8411fb333a97145ade08c918c33ab2afa066fa8"),
    Mirror("stp.daknong.gov.vn", "dev", "ewh-support/stp.daknong", "aaf1e7cabb91c84a041fea10acc2c4c152307cf2"),
    Mirror("truongchinhtri.daknong.gov.vn", "dev", "ewh-support/truongchinhtridaknong.daknong",
           "b37062c5c2005a76ca3f5f09d0d8504b1bc783fe"),
    Mirror("ptsaoviet.gialai.edu.vn", "dev", "21ts444/ptsaoviet",
           "eac4e19ee0b30ff67062798775b4631556ee75f7", "https"),
    Mirror("thcshoahongbach.pgddonghung.edu.vn", "dev", "21ts444/thcshoahongbach",
           "3126a1eab75b6cc77460e53777bda16ec562cf7a", "https"),
    Mirror("thquangtrung.tpcamau.edu.vn", "dev", "21ts444/thquangtrung",
           "82eb0580a2e458bb7db485b2a377aa5288a42c46",
           "https"),
    Mirror("hdnd.daknong.gov.vn", "dev", "ewh-support/hdnd.daknong", "bee26f1eb5b3501dd6ffe7c583a2266cf645e63d"),
    Mirror("thnguyentrai-tp.hagiang.edu.vn", "dev", "21ts444/thnguyentrai-tp",
           "f7bca07947611ef30f413f774bd109847f500841"),
    Mirror("dakglong.daknong.gov.vn", "dev", "ewh-support/dakglong_quy.daknong",
           "6873ef7f142b857c4bac7b04747af7cba1ba48be"),
    Mirror("stnmt.daknong.gov.vn", "dev", "ewh-support/stnmt.daknong", "68cfd22eebfbb2cc9bf46c3db49309e1749016d1"),
    Mirror("c3nhanchinh.edu.vn", "dev", "21ts444/hanoipok", "432f3438adddd5fc2d1462c179fe80fb8ac5d39e", "https"),
    Mirror("sotttt.hanoi.gov.vn", "dev", "fontaineha1281/capstone2", "c096a81417a91dc852df2d0092f1a6719caa77ec",
           "https", prefix="web/source/"),
    Mirror("theolympiaschools.edu.vn", "dev", "zakran3504vn/doan-thi-diem",
           "c7ef39cb228658e739d428d872ed1fafc8aaaca5",
           "https", drop_html=True),
    Mirror("viettelpost.com.vn", "dev", "npt1225/viettel-post",
           "8bd06ef8e64a05b23307d5cd15ee3b5e6538a40f", "https"),
    Mirror("thcs-minhtan.edu.vn", "dev", "lezandat/THCS", "b6491707337e29f8d4f754732b0f604b71621114"),
    Mirror("c2tanthanh.laivung.edu.vn", "dev", "HowRYouBoy/TanThanh2", "593758361b3dac75e4574b91e2cd56c8917cf505"),
    Mirror("thcshoangluong.pgdhiephoa.edu.vn", "dev", "21ts444/thcshoangluong",
           "37a94ab88351704ca0213d0dca02120310530c2f"),
    # test (commits as the README names them; the branch head where it names none)
    Mirror("krongno.daknong.gov.vn", "test", "ewh-support/krongno.daknong", None),
    Mirror("stc.daknong.gov.vn", "test", "ewh-support/stc.daknong", None),
    Mirror("thanhtra.daknong.gov.vn", "test", "ewh-support/thanhtra.daknong", None),
    Mirror("thcsanthanhnam.pgdculaodung.edu.vn", "test", "21ts444/thcsanthanhnam", None),
    Mirror("thcsthanhminh.phutho.edu.vn", "test", "21ts444/thcsthanhminh", None),
    Mirror("thtanhong.bacninh.edu.vn", "test", "21ts444/thtanhong", None),
    Mirror("sldtbxh.daknong.gov.vn", "test", "ewh-support/sldtbxh.daknong", "82d3db3"),
    Mirror("ubmttq.daknong.gov.vn", "test", "ewh-support/ubmttq.daknong", "d41d451"),
    Mirror("snv.daknong.gov.vn", "test", "ewh-support/snv-1.snvdaknong", "fb1c75f"),
    Mirror("svhttdl.daknong.gov.vn", "test", "ewh-support/svhttdl.daknong", "fdf67ad"),
    Mirror("sgtvt.daknong.gov.vn", "test", "ewh-support/sgtvt.daknong", "949fede"),
    Mirror("thpthongha.com", "test", "KusaMeowk/TrongTruongHop", "5799d5a", "https"),
    Mirror("c2tanthanh.vinhlong.edu.vn", "test", "HowRYouBoy/TanThanh1", "2979a7c"),
)

_PAGE_NAME = re.compile(r"\.html?$", re.IGNORECASE)
_MIRRORED = re.compile(rb"Mirrored from (\S+) by HTTrack")
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


def git_dir(mirrors: Path, repository: str) -> Path:
    """The bare git directory of a fetched snapshot (``<owner>+<name>/repo`` or its ``.git``)."""
    base = Path(mirrors) / repository.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def git_text(gitdir: Path, *args: str) -> str:
    """The output of a git command on the bare snapshot ``gitdir``, as text."""
    return subprocess.run(["git", f"--git-dir={gitdir}", *args], check=True, capture_output=True).stdout.decode()


def page_files(gitdir: Path, commit: str, prefix: str = "") -> list[tuple[str, str]]:
    """(path, blob) of every ``.html``/``.htm`` file under ``prefix`` at ``commit``, in the order pages are
    taken: by a hash of the path, a deterministic spread over the whole mirror (in plain path order the first
    hundreds of an HTTrack mirror's files are ``index????.html``, its print views and query variants)."""
    out = git_text(gitdir, "ls-tree", "-r", "-z", "--full-tree", commit)
    files = []
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        _, kind, blob = meta.split()
        if kind == "blob" and path.startswith(prefix) and _PAGE_NAME.search(path):
            files.append((path, blob))
    return sorted(files, key=lambda item: (hashlib.blake2b(item[0].encode("utf-8"), digest_size=8).digest(),
                                           item[0]))


def mirror_url(mirror: Mirror, path: str, body: bytes) -> str | None:
    """The address a crawl fetched the file at (None: a page HTTrack took from another host)."""
    found = _MIRRORED.search(body[:8192]) or _MIRRORED.search(body)
    if found:
        where = found.group(1).decode("utf-8", "replace")
        host = where.split("/", 1)[0].split(":", 1)[0].lower()
        if host.removeprefix("www.") != mirror.site:
            return None
        rest = where.split("/", 1)[1] if "/" in where else ""
        return f"{mirror.scheme}://{where.split('/', 1)[0].split(':', 1)[0]}/{rest}"
    local = path[len(mirror.prefix):]
    if local == "index.html" or local.endswith("/index.html"):
        local = local[: -len("index.html")]
    elif mirror.drop_html:
        local = _PAGE_NAME.sub("", local)
    return f"{mirror.scheme}://{mirror.site}/{local}"


def read_blobs(gitdir: Path, blobs: list[str]) -> list[bytes]:
    """The blobs' bytes (one ``git cat-file --batch``)."""
    process = subprocess.run(["git", f"--git-dir={gitdir}", "cat-file", "--batch"], check=True,
                             input="".join(f"{b}\n" for b in blobs).encode(), capture_output=True)
    data, out, at = process.stdout, [], 0
    for _ in blobs:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        if len(header) < 3:  # "<blob> missing": a large file the snapshot lists but does not hold
            out.append(b"")
            at = end + 1
            continue
        size = int(header[2])
        out.append(data[end + 1:end + 1 + size])
        at = end + 1 + size + 1
    return out


def learn(mirror: Mirror, mirrors: Path, cap: int = CAP) -> tuple[ProfileLearner, dict]:
    """Run the mirror's pages through the generic extractor and the learner; returns it and the provenance."""
    gitdir = git_dir(mirrors, mirror.repository)
    commit = git_text(gitdir, "rev-parse", f"{mirror.commit or 'HEAD'}^{{commit}}").strip()
    files = page_files(gitdir, commit, mirror.prefix)
    learner = ProfileLearner(mirror.site)
    types: dict[str, int] = {}
    skipped = {"not_html": 0, "other_host": 0}
    start = time.perf_counter()
    for at in range(0, len(files), 100):
        if learner.fed >= cap:
            break
        chunk = files[at:at + 100]
        for (path, _), body in zip(chunk, read_blobs(gitdir, [b for _, b in chunk]), strict=True):
            if learner.fed >= cap:
                break
            if not _HTML_START.search(body[:4096]):
                skipped["not_html"] += 1
                continue
            url = mirror_url(mirror, path, body)
            if url is None:
                skipped["other_host"] += 1
                continue
            try:
                page_type = extract_page(body, url)["page_type"]
            except Exception:  # noqa: BLE001 - a page the extractor cannot read: a crawl skips it too
                skipped["unreadable"] = skipped.get("unreadable", 0) + 1
                continue
            types[page_type] = types.get(page_type, 0) + 1
            learner.observe_bytes(body, url, page_type)
    provenance = {"repository": mirror.repository, "commit": commit, "half": mirror.half,
                  "html_files": len(files), "pages_used": learner.fed, "distinct_pages": learner.pages,
                  "duplicate_pages": learner.duplicates, "cap": cap,
                  "order": "HTML files ordered by blake2b-64 of the path",
                  "page_types": dict(sorted(types.items())),
                  "skipped": skipped, "learnt_on": date.today().isoformat(),
                  "seconds": round(time.perf_counter() - start, 1)}
    return learner, provenance


def write_profile(learner: ProfileLearner, provenance: dict, out_dir: Path = PROFILES_DIR) -> Path:
    """``<out_dir>/<site>.json``: the profile and its provenance."""
    data = json.loads(learner.profile().to_json())
    data["provenance"] = provenance
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{learner.site}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, required=True,
                        help="folder of fetched snapshots (owner+name/repo)")
    parser.add_argument("--half", choices=("dev", "test"))
    parser.add_argument("--site", action="append", help="only these hosts")
    parser.add_argument("--cap", type=int, default=CAP)
    parser.add_argument("--out", type=Path, default=PROFILES_DIR)
    args = parser.parse_args(argv)
    for mirror in MIRRORS:
        if (args.half and mirror.half != args.half) or (args.site and mirror.site not in args.site):
            continue
        learner, provenance = learn(mirror, args.mirrors, args.cap)
        path = write_profile(learner, provenance, args.out)
        profile = learner.profile()
        # counts only (test-half sites: nothing of a page's text is printed)
        print(f"{mirror.half} {mirror.site}: {provenance['pages_used']} pages ({learner.pages} distinct) of "
              f"{provenance['html_files']} files, "
              f"{len(profile.chrome)} chrome keys, {len(profile.article_shapes)} article and "
              f"{len(profile.listing_shapes)} listing shapes, {path.stat().st_size} bytes, "
              f"{provenance['seconds']} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
