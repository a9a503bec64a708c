"""``dqb-contrib``: the contributor workflow.

    dqb-contrib validate FILE...                     report every problem (exit 1 on errors)
    dqb-contrib merge FILE... --bump minor|major     after a clean validation, publish a new dataset version
    dqb-contrib agreement FILE...                    kappa/alpha per label and the disagreements to adjudicate
    dqb-contrib review FILE --run RUN_DIR            likely label errors first, by a trained model's confidence

``validate``, ``merge`` and ``agreement`` need no torch; ``review`` loads a model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmark.data.manifest import DEFAULT_DATA_DIR
from benchmark.io import InputError


def _defaults(args) -> dict:
    return {
        k: v
        for k, v in {
            "license": args.license,
            "contributor": args.contributor,
            "topic": args.topic,
            "genre": args.genre,
        }.items()
        if v
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="dqb-contrib", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--version", default=None, help="dataset version to check against (default: latest)")
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("validate", "merge"):
        p = sub.add_parser(name)
        p.add_argument("files", nargs="+", type=Path)
        p.add_argument("--license", help="licence for records that do not name one (e.g. CC-BY-4.0)")
        p.add_argument("--contributor", help="contributor for records that do not name one")
        p.add_argument("--topic", help="topic for records that do not name one")
        p.add_argument("--genre", help="genre for records that do not name one")
        if name == "validate":
            p.add_argument("--json", action="store_true", help="print the problems as JSON")
        else:
            p.add_argument("--bump", choices=("minor", "major"), required=True)
            p.add_argument("--note", default="", help="a line for the changelog")
    a = sub.add_parser("agreement")
    a.add_argument("files", nargs="+", type=Path)
    a.add_argument("--max-items", type=int, default=50)
    r = sub.add_parser("review")
    r.add_argument("files", nargs="+", type=Path)
    r.add_argument("--run", required=True, type=Path, help="a run folder written by benchmark.train")
    r.add_argument("--top", type=int, default=20)
    args = ap.parse_args(argv)
    try:
        if args.command == "validate":
            from benchmark.contrib.validate import validate_files

            report = validate_files(args.files, args.data_dir, args.version, _defaults(args))
            if args.json:
                print(
                    json.dumps(
                        {
                            "ok": report.ok,
                            "records": len(report.records),
                            "problems": [p.to_dict() for p in report.problems],
                        },
                        indent=2,
                    )
                )
            else:
                print(report.format())
            return 0 if report.ok else 1
        if args.command == "merge":
            from benchmark.contrib.merge import MergeError, merge

            try:
                target = merge(args.files, args.bump, args.data_dir, args.version, _defaults(args), args.note)
            except MergeError as e:
                print(f"error: {e}", file=sys.stderr)
                return 1
            print(f"merged into {target}; changelog and card updated. Commit data/ and open a pull request.")
            return 0
        if args.command == "agreement":
            from benchmark.contrib.agreement import agreement

            try:
                result = agreement(args.files)
            except ValueError as e:
                print(f"error: {e}", file=sys.stderr)
                return 1
            print(result.format(args.max_items))
            return 0
        if args.command == "review":
            from benchmark.contrib.review import format_review, review

            print(format_review(review(args.files, args.run, args.top)))
            return 0
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
