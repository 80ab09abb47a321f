"""Synthetic corpora in the UN Security Council Debates layout, resampled from a real one.

Two jobs need a corpus that is not the book's own five documents and that anyone can
make offline: the throughput benchmark (thousands of speeches) and the test that builds
the whole book on another corpus. Both get it here, by drawing the real corpus's
sentences at random (with a fixed seed, so the result is the same on every machine) into
speeches written in the layout of Schoenfeld et al. (2019): ``speeches/``, ``speaker.tsv``
and ``meta.tsv``. :func:`unscspeech.input.importer.import_unsc_debates` then turns them into a
corpus folder exactly as it would the real thing.

The speeches are nonsense as discourse (their sentences come from different documents)
and their speakers are labelled as synthetic ("Delegate A"), so that they cannot be
mistaken for records. Only their statistics are realistic: vocabulary, sentence lengths
and the mix of terms.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from unscspeech.input.importer import META_COLUMNS, SPEAKER_COLUMNS

#: Invented speakers, named so that no one could take them for real delegates.
SPEAKERS = tuple(f"Delegate {letter}" for letter in "ABCDEFGH")
SENTENCES_PER_PARAGRAPH = 3


def _write_tsv(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_debates(sentences: pd.DataFrame, documents: pd.DataFrame, out: Path | str, n_speeches: int,
                  tokens_per_speech: int = 1200, country: str = "Kazakhstan", seed: int = 0,
                  first_year: int = 1995, interpreted_every: int = 0) -> Path:
    """Write ``n_speeches`` resampled speeches by ``country`` in the UNSC Debates layout under ``out``.

    ``sentences`` and ``documents`` are the processed tables of a real corpus. Each speech
    has one meeting of its own (two meetings a day, so that no speaker speaks twice on one
    day and every ``doc_id`` is unique), an agenda drawn from the real documents' agendas and
    about ``tokens_per_speech`` word tokens. With ``interpreted_every`` = n, every n-th speech
    carries the record's "(spoke in Russian)" note, as an interpreted statement does.
    """
    out = Path(out)
    (out / "speeches").mkdir(parents=True, exist_ok=False)
    rng = np.random.default_rng(seed)
    texts = sentences["text"].astype(str).to_numpy()
    lengths = np.array([len(t.split()) for t in texts])
    per_speech = max(1, round(tokens_per_speech / max(float(lengths.mean()), 1.0)))
    agendas = sorted({a for a in documents.get("agenda", pd.Series(dtype=str)).fillna("") if a}) or [
        "Maintenance of international peace and security"]
    speaker_rows, meta_rows = [], []
    start = dt.date(first_year, 1, 15)
    for i in range(n_speeches):
        day = start + dt.timedelta(days=i // 2)
        spv = 3000 + i
        speaker = SPEAKERS[i % len(SPEAKERS)]
        agenda = agendas[int(rng.integers(len(agendas)))]
        drawn = texts[rng.integers(len(texts), size=per_speech)]
        paragraphs = [" ".join(drawn[j:j + SENTENCES_PER_PARAGRAPH])
                      for j in range(0, len(drawn), SENTENCES_PER_PARAGRAPH)]
        name = f"UNSC_{day.year}_SPV.{spv}_spch{(i % 40) + 1:03d}.txt"
        note = " (spoke in Russian)" if interpreted_every and (i + 1) % interpreted_every == 0 else ""
        body = f"Mr. {speaker} ({country}){note}:\n" + "\n\n".join(paragraphs) + "\n"
        (out / "speeches" / name).write_text(body, encoding="utf-8")
        n_tokens = sum(len(p.split()) for p in paragraphs)
        speaker_rows.append([name, str((i % 40) + 1), f"Mr. {speaker}", "Mentioned participant",
                             "Council member", country, day.isoformat(), str(spv), agenda,
                             "", str(n_tokens), str(len(drawn))])
        meta_rows.append([name.rsplit("_spch", 1)[0], day.isoformat(), str(spv), agenda, "None"])
    _write_tsv(out / "speaker.tsv", SPEAKER_COLUMNS, speaker_rows)
    _write_tsv(out / "meta.tsv", META_COLUMNS, meta_rows)
    return out
