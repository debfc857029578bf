"""The curator commands of the CLI: ingest, draft, promote."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.curation.draft import draft, render_yaml, seed_skips, with_skips
from bot.curation.drafts import proposed_in_drafts
from bot.curation.ingest import ingest
from bot.curation.journal import Busy, curating
from bot.curation.promote import PromoteError, left_behind, promote, restating
from bot.reading.loader import load_store
from bot.records.errors import BriefbotError, StoreInvalid
from bot.settings import Settings


def run_curation(command: str, args: argparse.Namespace, settings: Settings) -> int:
    try:
        if command == "ingest":
            return _ingest(args, settings)
        if command == "draft":
            return _draft(args, settings)
        return _promote(args, settings)
    except Busy as error:
        print(str(error), file=sys.stderr)
        return 1
    except PromoteError as error:
        print(error.message, file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except BriefbotError as error:
        hint = f" (did you mean: {', '.join(error.suggestions)}?)" if error.suggestions else ""
        print(f"{error.message}{hint}", file=sys.stderr)
        return 1
    except StoreInvalid as invalid:
        print(
            f"The store has {len(invalid.problems)} problem(s); fix them first "
            "(briefbot validate).",
            file=sys.stderr,
        )
        return 1


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    if args.file == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(args.file).read_bytes()
        except OSError as exc:
            print(f"Cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 1
    path = ingest(
        raw,
        settings.seeds_dir,
        title=args.title,
        title_assigned=args.title_assigned,
        outlet=args.outlet,
        url=args.url,
        published=args.published,
        estimated=args.estimated,
        reasoning=args.reasoning,
        source_id=args.source_id,
    )
    print(f"wrote {path}; next: briefbot draft {path.stem}")
    return 0


def _draft(args: argparse.Namespace, settings: Settings) -> int:
    store = load_store(settings.knowledge_dir, settings.seeds_dir)
    drafts_dir = settings.knowledge_dir / "drafts"
    others = proposed_in_drafts(drafts_dir, args.source, set(store.actors))
    result = draft(store, args.source, others)
    path = settings.knowledge_dir / "drafts" / f"{args.source}.yaml"
    if path.exists() and not args.force:
        print(
            f"{path} exists (it may hold your edits); use --force to overwrite it.", file=sys.stderr
        )
        return 1
    skips = seed_skips(result)
    with curating(settings.knowledge_dir) as journal:
        shift = 0
        if skips:
            seed = settings.seeds_dir.parent / result.source.file
            before = seed.read_text(encoding="utf-8")
            after = with_skips(before, skips)
            shift = after.count("\n") - before.count("\n")
            journal.write(seed, after)
            print(
                f"edited {seed.name}'s header: added {len(skips)} sentence(s) left out of the "
                "draft (headings, bylines, presenters' lines, notes on the text, too short) to "
                "its skip list, so coverage passes; the article text is unchanged"
            )
        journal.write(path, render_yaml(result, shift))
    print(
        f"wrote {path}: {len(result.candidates)} candidate facts, {len(result.proposed)} "
        f"proposed actors, {len(result.skipped)} sentences left out"
    )
    return 0


def _promote(args: argparse.Namespace, settings: Settings) -> int:
    reviewed_only = args.reviewed is not None  # `--reviewed` may be followed by ids
    ids = [*args.ids, *(args.reviewed or [])]
    if not ids and not args.all and not reviewed_only:
        print("Name the draft facts to promote, or give --all or --reviewed.", file=sys.stderr)
        return 2
    if args.all and (ids or reviewed_only):
        print(
            "--all promotes every draft fact: give it alone, not with --reviewed or fact ids "
            "(--reviewed alone promotes every entry marked reviewed).",
            file=sys.stderr,
        )
        return 2
    drafts = settings.knowledge_dir / "drafts" / f"{args.source}.yaml"
    before = drafts.read_text(encoding="utf-8") if drafts.is_file() else ""
    facts, actors = promote(
        settings.knowledge_dir,
        settings.seeds_dir,
        args.source,
        ids or None,
        reviewed_only=reviewed_only,
    )
    merged = restating(before, facts)
    added = [f for f in facts if f not in merged]
    cited = "".join(f" ({f} into {t})" for f, t in merged.items())
    print(
        f"promoted {len(added)} new fact(s), {len(merged)} restating fact(s) added as "
        f"citations to the facts they restate{cited}, and {len(actors)} actor(s); "
        "run /reload (or send SIGHUP) to serve them"
    )
    left = left_behind(drafts.read_text(encoding="utf-8")) if drafts.is_file() else []
    if left:
        print(
            "Proposed actors left in the draft: "
            + "; ".join(f"{actor} ({why})" for actor, why in left),
            file=sys.stderr,
        )
    return 0
