"""``dqb-data``: check the shipped dataset and print the figures its card reports. Needs no torch.

dqb-data validate [--version 1.0] [--no-release]   every record and collection check, plus the release rules
dqb-data stats [--json]                            counts, label rates, combinations, decoys, lengths, agreement
dqb-data card                                      regenerate data/README.md from the statistics
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmark.data.manifest import DEFAULT_DATA_DIR, read_manifest, read_split, version_dir
from benchmark.io import InputError


def _splits(data_dir: Path, version: str | None) -> tuple[Path, dict[str, list[dict]]]:
    vdir = version_dir(data_dir, version)
    man = read_manifest(vdir)
    return vdir, {name: read_split(vdir, name) for name in man["splits"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="dqb-data", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--version", default=None, help="dataset version (default: the latest)")
    sub = ap.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every record, the collection and the release rules")
    v.add_argument("--no-release", action="store_true", help="skip the release rules (sizes, rates, decoys)")
    v.add_argument("--max-problems", type=int, default=200)
    s = sub.add_parser("stats", help="print the statistics the dataset card reports")
    s.add_argument("--json", action="store_true")
    sub.add_parser("card", help="regenerate the dataset card data/README.md")
    args = ap.parse_args(argv)
    try:
        if args.command == "validate":
            from benchmark.data.validate import summarise, validate_version

            vdir = version_dir(args.data_dir, args.version)
            problems = validate_version(vdir, release=not args.no_release)
            for p in problems[: args.max_problems]:
                print(p)
            if len(problems) > args.max_problems:
                print(f"... and {len(problems) - args.max_problems} more")
            print(f"{vdir}: {summarise(problems)}")
            return 1 if any(p.severity == "error" for p in problems) else 0
        if args.command == "stats":
            from benchmark.data.stats import compute_stats, format_stats

            _, splits = _splits(args.data_dir, args.version)
            stats = compute_stats(splits)
            print(json.dumps(stats, indent=2) if args.json else format_stats(stats))
            return 0
        if args.command == "card":
            from benchmark.data.card import write_card

            path = write_card(args.data_dir, args.version)
            print(f"wrote {path}")
            return 0
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
