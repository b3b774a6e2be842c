"""The project deploys to a real scrapyd on 127.0.0.1 (scrapy.cfg [deploy]) and a scheduled
job fills the archive."""

from __future__ import annotations

import configparser
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from importlib import resources
from pathlib import Path

import pytest

from crawler.demo.render import demo_articles
from crawler.demo.server import DemoServer
from tests.conftest import ROOT, stop, wait_until_serving


def deploy_port() -> int:
    config = configparser.ConfigParser()
    config.read(ROOT / "scrapy.cfg")
    return urllib.parse.urlsplit(config["deploy"]["url"]).port


def call(port: int, endpoint: str, data: dict | list | None = None) -> dict:
    url = f"http://127.0.0.1:{port}/{endpoint}"
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path):
    port = deploy_port()
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            pytest.skip(f"port {port} of scrapy.cfg's [deploy] is taken on this machine")
    (tmp_path / "scrapyd.conf").write_text(f"""[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {tmp_path}/eggs
logs_dir = {tmp_path}/logs
dbs_dir = {tmp_path}/dbs
items_dir =
max_proc = 2
""")
    env = {**os.environ, "NEWSARCHIVE_SITES_FILE": str(resources.files("crawler.demo") / "sites.toml")}
    daemon = subprocess.Popen([str(Path(sys.executable).with_name("scrapyd"))], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/daemonstatus.json", daemon)
        assert call(port, "daemonstatus.json")["status"] == "ok"
        yield port
    finally:
        stop(daemon)


def test_deploy_and_schedule_through_scrapyd(scrapyd, tmp_path):
    port = scrapyd
    bin_dir = Path(sys.executable).parent
    deployed = subprocess.run([str(bin_dir / "scrapyd-deploy"), "-p", "newsarchive"], cwd=ROOT,
                              env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
                              capture_output=True, text=True, timeout=300)
    assert deployed.returncode == 0 and '"status": "ok"' in deployed.stdout, deployed.stderr[-2000:]
    assert "demo-news" in call(port, "listspiders.json?project=newsarchive")["spiders"]
    db = tmp_path / "archive.db"
    with DemoServer() as server:
        job = call(port, "schedule.json", [
            ("project", "newsarchive"), ("spider", "demo-news"),
            ("setting", f"SITE_PROXY={server.proxy_url}"), ("setting", f"ARCHIVE_PATH={db}"),
            ("setting", "AUTOTHROTTLE_START_DELAY=0.01"),
        ])
        assert job["status"] == "ok"
        deadline = time.time() + 120
        while not any(j["id"] == job["jobid"]
                      for j in call(port, "listjobs.json?project=newsarchive")["finished"]):
            assert time.time() < deadline, "the scrapyd job did not finish"
            time.sleep(0.5)
    conn = sqlite3.connect(db)
    archived = dict(conn.execute("select url, text from articles").fetchall())
    status = conn.execute("select status from crawls").fetchone()[0]
    conn.close()
    expected = {a.url: a.text for a in demo_articles() if a.site == "news"}
    assert archived == expected and status == "finished"
