"""Deploy the project to Scrapyd: build its egg and upload it with ``addversion.json``.

``scrapy.cfg`` names the targets, as ``scrapyd-deploy`` reads them (``[deploy]`` or ``[deploy:NAME]`` with
``url`` and ``project``). The egg holds the ``crawler`` and ``pipelines`` packages (with the registry) and the
``scrapy`` entry point naming ``crawler.settings``; it is built here, from the installed packages, with no
``setup.py``. The Python packages the project depends on must be installed where Scrapyd runs.
"""

from __future__ import annotations

import configparser
import io
import json
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import crawler
import pipelines

PACKAGES = (crawler, pipelines)
#: Package data shipped in the egg, besides Python modules.
DATA_SUFFIXES = (".py", ".yaml")
DEFAULT_URL = "http://localhost:6800/"
DEFAULT_PROJECT = "congdoan"


class DeployError(RuntimeError):
    """The egg could not be built or Scrapyd refused it."""


@dataclass(frozen=True)
class Target:
    """Where to deploy: Scrapyd's base URL and the project name there."""

    url: str
    project: str


def read_target(config_file: str | Path = "scrapy.cfg", name: str | None = None) -> Target:
    """The ``[deploy]`` (or ``[deploy:NAME]``) target of ``scrapy.cfg``; defaults when the file has none."""
    parser = configparser.ConfigParser()
    parser.read(config_file, encoding="utf-8")
    section = f"deploy:{name}" if name else "deploy"
    if name and not parser.has_section(section):
        raise DeployError(f"{config_file}: no [{section}] section")
    values = dict(parser.items(section)) if parser.has_section(section) else {}
    return Target(url=values.get("url", DEFAULT_URL), project=values.get("project", DEFAULT_PROJECT))


def build_egg(version: str) -> bytes:
    """The project's egg (a zip: packages, ``EGG-INFO`` metadata and the ``scrapy`` entry point)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as egg:
        for package in PACKAGES:
            root = Path(package.__file__).resolve().parent
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts:
                    egg.write(path, (Path(package.__name__) / path.relative_to(root)).as_posix())
        egg.writestr("EGG-INFO/PKG-INFO", f"Metadata-Version: 2.1\nName: congdoan-corpus\nVersion: {version}\n")
        egg.writestr("EGG-INFO/entry_points.txt", "[scrapy]\nsettings = crawler.settings\n")
        egg.writestr("EGG-INFO/top_level.txt", "".join(f"{p.__name__}\n" for p in PACKAGES))
        egg.writestr("EGG-INFO/zip-safe", "")
    return buffer.getvalue()


def _multipart(fields: dict[str, str], name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
             for key, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(target: Target, version: str, egg: bytes, timeout: float = 120) -> dict:
    """POST the egg to ``addversion.json``; return Scrapyd's answer (DeployError unless its status is ok)."""
    body, content_type = _multipart({"project": target.project, "version": version}, "egg",
                                    f"{target.project}-{version}.egg", egg)
    request = urllib.request.Request(target.url.rstrip("/") + "/addversion.json", data=body, method="POST",
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (a configured URL)
            answer = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DeployError(f"{target.url}: {exc}") from None
    if answer.get("status") != "ok":
        raise DeployError(f"{target.url} refused the egg: {answer.get('message', answer)}")
    return answer


def default_version() -> str:
    """A version that sorts by time, as ``scrapyd-deploy`` makes them."""
    return str(int(time.time()))
