"""The command line: ``python -m unscspeech validate|build|import-unsc-debates|figures|vega-bundle``.

Bad input is the user's to fix, not a crash: every problem is printed on a line
of its own naming the file (and line), nothing is written, and the exit code is 2.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from unscspeech.input.problems import CorpusError, CorpusWarning, Problem, display_path

EXIT_BAD_INPUT = 2


def _report(err: CorpusError) -> int:
    for problem in err.problems:
        print(f"error: {problem}", file=sys.stderr)
    n = len(err.problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was written.", file=sys.stderr)
    return EXIT_BAD_INPUT


def cmd_validate(args: argparse.Namespace) -> int:
    """Run every check that ``build`` runs, and write nothing."""
    from unscspeech.input.corpus import load_corpus

    # Reading the folder needs only the standard library: a corpus that cannot be read is reported
    # before the pipeline (pandas, NLTK, scikit-learn: seconds) is imported.
    corpus = load_corpus(args.corpus)
    from unscspeech.processed.build import build_tables

    tables = build_tables(corpus)
    print(f"{args.corpus}: {len(tables['documents.csv'])} documents, {len(tables['paragraphs.csv'])} "
          "paragraphs; no problems found.")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    # The refusal and the up-to-date check import nothing heavy, so that a `make data` with
    # nothing to do is quick; `build` checks both again under the output's lock.
    from unscspeech.processed.cache import inputs_digest, is_up_to_date
    from unscspeech.processed.output_folder import check_output

    check_output(args.corpus, args.out)
    if not args.force and Path(args.corpus).is_dir() and is_up_to_date(args.corpus, args.out):
        print(f"{args.out} is up to date (inputs {inputs_digest(args.corpus)[:12]} unchanged); "
              "nothing to do (--force rebuilds)")
        return 0
    from unscspeech.processed.build import build

    rows = build(args.corpus, args.out, force=args.force)
    if rows is None:
        print(f"{args.out} is up to date (another build has just written it); nothing to do")
        return 0
    for name, n in rows.items():
        print(f"wrote {Path(args.out) / name} ({n} row{'' if n == 1 else 's'})")
    return 0


def cmd_vega_bundle(args: argparse.Namespace) -> int:
    from unscspeech.book.offline import write_vega_bundle

    path = write_vega_bundle(Path(args.path))
    print(f"wrote {path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from unscspeech.input.importer import import_unsc_debates

    from unscspeech.input.corpus import EDITION_CORPUS

    template = args.template or EDITION_CORPUS
    rows = import_unsc_debates(args.src, args.country, args.into, template=template,
                               year_from=args.year_from, year_to=args.year_to)
    print(f"wrote {args.into}: {len(rows)} speech{'es' if len(rows) != 1 else ''} of {args.country}, "
          f"{rows[0]['date']} to {rows[-1]['date']}; word lists, codebook, gazetteer and stance markers from "
          f"{'the edition, ' if args.template is None else ''}{template}; "
          f"next: python -m unscspeech build --corpus {args.into}")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    from unscspeech.book.figures import export_from

    written = export_from(Path(args.processed), Path(args.out))
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m unscspeech",
                                description="Build and check a corpus of UN Security Council speeches.")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a corpus folder (metadata.csv and raw/)")
    v.add_argument("corpus", nargs="?", default="data", help="corpus folder (default: data)")
    v.set_defaults(func=cmd_validate)
    b = sub.add_parser("build", help="write the processed tables")
    b.add_argument("--corpus", default="data", help="corpus folder (default: data)")
    b.add_argument("--out", default="data/processed", help="output folder (default: data/processed)")
    b.add_argument("--force", action="store_true", help="rebuild even if the inputs have not changed")
    b.set_defaults(func=cmd_build)
    i = sub.add_parser("import-unsc-debates",
                       help="make a corpus folder of one country's speeches from the UN Security Council Debates")
    i.add_argument("src", help="the corpus folder (speeches/, speaker.tsv, meta.tsv)")
    i.add_argument("--country", required=True, help="the country as speaker.tsv names it, e.g. Kazakhstan")
    i.add_argument("--from", dest="year_from", type=int, help="first year to include")
    i.add_argument("--to", dest="year_to", type=int, help="last year to include")
    i.add_argument("--into", required=True, help="the new corpus folder to write (must not exist or be empty)")
    i.add_argument("--template",
                   help="corpus folder whose word lists, codebook, gazetteer and stance markers are copied "
                        "(default: the edition's, data/ of the checkout this package runs from)")
    i.set_defaults(func=cmd_import)
    f = sub.add_parser("figures", help="export every figure of the book as PNG and SVG")
    f.add_argument("--processed", default="data/processed", help="processed tables (default: data/processed)")
    f.add_argument("--out", default="figures", help="output folder (default: figures)")
    f.set_defaults(func=cmd_figures)
    j = sub.add_parser("vega-bundle", help="write Vega, Vega-Lite and Vega-Embed as one offline script")
    j.add_argument("path", nargs="?", default="_static/vega-bundle.js")
    j.set_defaults(func=cmd_vega_bundle)
    return p


def _warn(message, category, filename, lineno, file=None, line=None) -> None:
    """Show a :class:`CorpusWarning` as one line, like the errors; others as Python would."""
    if issubclass(category, CorpusWarning):
        print(f"warning: {message}", file=sys.stderr)
    else:
        _show_warning(message, category, filename, lineno, file, line)


_show_warning = warnings.showwarning


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    warnings.simplefilter("always", CorpusWarning)
    warnings.showwarning = _warn
    try:
        return args.func(args)
    except CorpusError as err:
        return _report(err)
    except OSError as err:
        # A path of the user's that cannot be read or written (permissions, a full disk, a folder
        # where a file was expected): the one line promised, not a traceback.
        shown = display_path(Path(err.filename)) if err.filename is not None else "a file or folder"
        return _report(CorpusError([Problem(shown, err.strerror or str(err))]))
