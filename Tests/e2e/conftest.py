"""Shared helpers for the end-to-end Python suite: locate and run the built `mosaic` binary."""
import os
import pathlib
import subprocess

import pytest
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "MosaicCLITests" / "Fixtures"


def mosaic_binary() -> str:
    return os.environ.get("MOSAIC_BIN", str(ROOT / ".build" / "debug" / "mosaic"))


def build_site(source: pathlib.Path, output: pathlib.Path, *extra: str) -> subprocess.CompletedProcess:
    """A clean build of `source` into `output`. `--no-cache`, because the sources are the repository's
    own folders: a build cache there would be written into the checkout and make the next local run
    an incremental build instead of the clean one these tests mean."""
    result = subprocess.run(
        [mosaic_binary(), "build", "--source", str(source), "--output", str(output), "--quiet", "--no-cache", *extra],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> pathlib.Path:
    """The repository's own hub, built once for the whole session."""
    output = tmp_path_factory.mktemp("bundled") / "public"
    build_site(ROOT, output)
    return output


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session: Debian's, driven through `executable_path`."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield chromium
        chromium.close()
