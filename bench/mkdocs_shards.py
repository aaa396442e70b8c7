"""The site built by several MkDocs processes, for bench/run.py: now `python -m generator mkdocs` (generator/site.py).

    .venv/bin/python bench/mkdocs_shards.py mkdocs.yml --shards 4 --jobs 2 [--site-dir DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.site import build_site  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("config")
    ap.add_argument("--shards", type=int, default=None, help="parts the pages are cut in (default: as make site)")
    ap.add_argument("--jobs", type=int, default=None, help="parts built at a time (default: the cores)")
    ap.add_argument("--site-dir", type=Path)
    args = ap.parse_args()
    return build_site(args.config, parts=args.shards, jobs=args.jobs, site_dir=args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
