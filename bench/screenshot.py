"""Take the README screenshot: the answer feedback at 1280 px wide, to docs/screenshot.png.

    uv run python bench/screenshot.py [--keep DIR]

Runs the screenshot tests in tests/browser/test_screenshots.py (headless Chromium against a
live test server holding the shipped articles and their starter quizzes). They also shoot the
other learner pages on a desktop and a 375 px phone; --keep DIR keeps those for review.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="keep every screenshot in DIR")
    parser.add_argument(
        "--output", default=str(ROOT / "docs" / "screenshot.png"), help="the README screenshot"
    )
    args = parser.parse_args()
    directory = Path(args.keep or tempfile.mkdtemp(prefix="quizsite-shots-"))
    env = {**os.environ, "SCREENSHOT_DIR": str(directory), "DEBUG": os.environ.get("DEBUG", "1")}
    status = subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "tests/browser/test_screenshots.py"],
        cwd=ROOT,
        env=env,
    )
    if status:
        sys.exit(f"The screenshot tests failed (exit status {status}).")
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(directory / "feedback-desktop.png", output)
    print(f"Wrote {output}" + (f"; all screenshots are in {directory}" if args.keep else ""))
    if not args.keep:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
