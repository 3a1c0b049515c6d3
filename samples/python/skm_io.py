#!/usr/bin/env python3
"""Read and write the SyntaxKnowledge split files from Python, with the standard library only.

`skm split` writes a split directory; a language model trained in any framework reads it and writes back
files that `skm score` and `skm score-probes` read. This module is the Python side of those formats:

  DIR/split.json       the manifest (corpus fingerprint, N, counts)                 read_manifest
  DIR/train.txt        training sentences, one a line, tokens joined by one space    read_train
  DIR/eval.jsonl       header line, then one record per evaluation sentence          read_eval
  DIR/probes.jsonl     header line, then one knowledge probe a line                  read_probes
  DIR/tokenizer.json   Hugging Face `tokenizers` JSON (WordLevel) or vocab.txt       load_vocab

  model-logprobs.jsonl {"i": sentence index, "token_logprobs": [ln P, ...]}          write_logprobs
  answers.jsonl        {"probe": id, "value_logprobs": [ln P(candidate), ...]}       write_answers

All log-probabilities are natural logarithms (nats), one per corpus token. A model whose tokenizer cuts corpus
tokens into sub-word pieces (BPE, unigram) sums its pieces' log-probabilities per corpus token: see align_pieces.

Writers write a temporary file beside the target and rename it over the target (os.replace), so a reader never
sees half a file. Python's json writes NaN, Infinity and -Infinity as bare words; the skm readers accept them where
the format allows them (model log-probs: all three, reported by skm score; probe answers: -Infinity only).

Command line (python3.9 or later):

  python3 skm_io.py check DIR [--corpus CORPUS.jsonl]
      validate a split directory (and, with --corpus, that it was cut from that corpus) and print its counts
  python3 skm_io.py oracle DIR OUT [--mode continuation|frozen|world]
      write OUT/model-logprobs.jsonl with the comparator's own log-probs and OUT/answers.jsonl from the probes'
      Bayes probabilities: a model that is the oracle (skm score reports an excess of exactly 0)

Errors are reported as one line "skm_io.py: FILE, line N: problem" and exit status 1.
"""

import json
import math
import os
import sys
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

__all__ = [
    "SPECIALS", "TAGS", "MODES", "SkmFormatError", "SplitManifest", "EvalHeader", "EvalRecord", "ProbesHeader", "Probe", "Split",
    "read_split", "read_manifest", "read_train", "read_eval", "read_probes", "load_vocab", "encode", "decode",
    "write_logprobs", "write_answers", "token_offsets", "align_pieces", "corpus_fingerprint", "main",
]

#: The special tokens every exported vocabulary has, in id order 0..3.
SPECIALS = ("<pad>", "<bos>", "<eos>", "<unk>")
#: The token tags of eval.jsonl.
TAGS = ("syntax", "name", "value")
#: The comparator columns of eval.jsonl ("world" is optional).
MODES = ("continuation", "frozen", "world")
#: The probe kinds of probes.jsonl.
KINDS = ("seen", "unseen-fact", "unseen-entity")

EVAL_FORMAT = 1
SPLIT_FORMAT = 1
PROBES_FORMAT = 1
LOGPROBS_FORMAT = 1
ANSWERS_FORMAT = 1


class SkmFormatError(ValueError):
    """A file is not in the format skm writes or reads. The message is one line: "file, line n: field: problem"."""

    def __init__(self, file, line, problem, field_name=None):
        self.file, self.line, self.field, self.problem = file, line, field_name, problem
        where = f"{file}, line {line}" if line else str(file)
        super().__init__(f"{where}: {field_name + ': ' if field_name else ''}{problem}")


# ----------------------------------------------------------------------------------------------------------------- records

@dataclass(frozen=True)
class SplitManifest:
    """split.json: which corpus the split was cut from, and its counts. Training is sentences 0..N-1 of the corpus,
    evaluation the next M sentences (eval_first = N)."""
    corpus_fingerprint: str
    corpus_sentences: int
    train_sentences: int
    eval_sentences: int
    train_tokens: int
    eval_tokens: int
    train_entities: int
    train_facts: int
    eval_unseen_entity_sentences: int
    eval_unseen_fact_sentences: int
    discount: str
    concentration: str
    format: int = SPLIT_FORMAT


@dataclass(frozen=True)
class EvalHeader:
    """The header line of eval.jsonl."""
    corpus_fingerprint: str
    train_sentences: int
    eval_sentences: int
    columns: Tuple[str, ...]
    format: int = EVAL_FORMAT


@dataclass(frozen=True)
class EvalRecord:
    """One evaluation sentence: corpus index i (>= N), its entity and attribute, tokens and their tags, the entity's
    count in training (0 = unseen entity), whether training revealed the fact, and the comparators' per-token
    log-probabilities in nats: logprobs["continuation"], logprobs["frozen"] and, when the split has it, logprobs["world"]."""
    i: int
    entity: int
    attribute: int
    tokens: Tuple[str, ...]
    tags: Tuple[str, ...]
    train_count: int
    fact_seen: bool
    logprobs: Dict[str, List[float]]

    @property
    def text(self):
        """The sentence as the tokens joined by single spaces (the string align_pieces' offsets index)."""
        return " ".join(self.tokens)


@dataclass(frozen=True)
class ProbesHeader:
    """The header line of probes.jsonl: the world seed, N, the entity process and the training-count populations."""
    world_seed: int
    train_sentences: int
    discount: str
    concentration: str
    probe_seed: int
    train_entities: int
    populations: Tuple[dict, ...]
    format: int = PROBES_FORMAT


@dataclass(frozen=True)
class Probe:
    """One knowledge probe. The model answers with ln P(candidate | prompt) for every candidate, in this order
    (a candidate of several model tokens: the sum over its pieces, each given the prompt and the pieces before it).
    bayes holds the exact Bayes-optimal p_answer and p_top (floats, and "p/q" strings *_exact)."""
    probe: int
    entity: int
    attribute: int
    attribute_name: str
    template: int
    prompt: Tuple[str, ...]
    answer: str
    candidates: Tuple[str, ...]
    train_count: int
    fact_count: int
    fact_seen: bool
    kind: str
    bucket: str
    bayes: dict
    base: dict

    @property
    def answer_index(self):
        """The position of the answer among the candidates."""
        return self.candidates.index(self.answer)


@dataclass
class Split:
    """A split directory as read by read_split. probes and vocab are empty when the files are absent."""
    directory: str
    manifest: SplitManifest
    train: List[List[str]]
    eval_header: EvalHeader
    eval: List[EvalRecord]
    probes_header: Optional[ProbesHeader] = None
    probes: List[Probe] = field(default_factory=list)
    vocab: Dict[str, int] = field(default_factory=dict)


# ----------------------------------------------------------------------------------------------------------------- helpers

def _reject_constant(word):
    raise ValueError(f"{word} is not a number here")


def _loads(text, file, line, allow_nonfinite=True):
    try:
        if allow_nonfinite:
            return json.loads(text)
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError as e:
        raise SkmFormatError(file, line, f"not valid JSON: {e}") from None


def _jsonl(path):
    """(line number, object) for every non-blank line of a JSONL file."""
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            if text.strip():
                yield number, _loads(text, path, number)


def _get(obj, name, kind, file, line):
    if not isinstance(obj, dict):
        raise SkmFormatError(file, line, f"expected a JSON object, found {type(obj).__name__}")
    if name not in obj:
        raise SkmFormatError(file, line, "is missing", name)
    value = obj[name]
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "str": isinstance(value, str),
        "bool": isinstance(value, bool),
        "list": isinstance(value, list),
        "dict": isinstance(value, dict),
    }[kind]
    if not ok:
        raise SkmFormatError(file, line, f"expected {kind}, found {json.dumps(value)[:40]}", name)
    return value


def _strings(obj, name, file, line):
    values = _get(obj, name, "list", file, line)
    for k, v in enumerate(values):
        if not isinstance(v, str):
            raise SkmFormatError(file, line, "expected a string", f"{name}[{k}]")
    return tuple(values)


def _floats(values, name, file, line):
    out = []
    for k, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise SkmFormatError(file, line, f"expected a number, found {json.dumps(v)[:40]}", f"{name}[{k}]")
        out.append(float(v))
    return out


def _format(obj, current, kind, file, line):
    version = _get(obj, "format", "int", file, line)
    if not 1 <= version <= current:
        raise SkmFormatError(file, line, f"unsupported {kind} format {version}; this version reads formats 1 to {current}", "format")
    return version


def _is_fingerprint(text):
    return isinstance(text, str) and len(text) == 71 and text.startswith("sha256:") and all(c in "0123456789abcdef" for c in text[7:])


def _write_atomic(path, lines):
    """Writes lines (each without its newline) to path through a temporary file and os.replace."""
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.partial-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            for text in lines:
                f.write(text)
                f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _dumps(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


# ----------------------------------------------------------------------------------------------------------------- readers

def read_manifest(path):
    """Reads split.json into a SplitManifest (raises SkmFormatError when it is not a format-1 split manifest)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.strip():
        raise SkmFormatError(path, 0, "the file is empty; expected the split.json written by 'skm split'")
    e = _loads(text, path, 1)
    if not isinstance(e, dict) or e.get("kind") != "split":
        raise SkmFormatError(path, 1, 'expected {"kind": "split", ...}', "kind")
    version = _format(e, SPLIT_FORMAT, "split manifest", path, 1)
    fingerprint = _get(e, "corpus_fingerprint", "str", path, 1)
    if not _is_fingerprint(fingerprint):
        raise SkmFormatError(path, 1, f"'{fingerprint}' is not a fingerprint (sha256: and 64 hex digits)", "corpus_fingerprint")
    ints = {name: _get(e, name, "int", path, 1) for name in (
        "corpus_sentences", "train_sentences", "eval_sentences", "train_tokens", "eval_tokens", "train_entities",
        "train_facts", "eval_unseen_entity_sentences", "eval_unseen_fact_sentences")}
    n, m, total = ints["train_sentences"], ints["eval_sentences"], ints["corpus_sentences"]
    if not 1 <= n < total:
        raise SkmFormatError(path, 1, f"{n} is out of range; valid range: 1 to {total - 1}", "train_sentences")
    if not 1 <= m <= total - n:
        raise SkmFormatError(path, 1, f"{m} is out of range; valid range: 1 to {total - n}", "eval_sentences")
    return SplitManifest(corpus_fingerprint=fingerprint, discount=_get(e, "discount", "str", path, 1),
                         concentration=_get(e, "concentration", "str", path, 1), format=version, **ints)


def read_train(path, limit=None):
    """Reads train.txt: one sentence a line, tokens separated by single spaces; blank lines are skipped.
    limit: read at most this many sentences."""
    out = []
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            text = text.rstrip("\r\n")
            if not text.strip():
                continue
            tokens = text.split(" ")
            if "" in tokens:
                raise SkmFormatError(path, number, "tokens must be separated by single spaces (found an empty token)")
            out.append(tokens)
            if limit is not None and len(out) >= limit:
                break
    return out


def read_eval(path):
    """Reads eval.jsonl: returns (EvalHeader, [EvalRecord]). Checks what the C# reader checks: the header line first,
    tags and every log-probability column one per token, indices increasing and after the training prefix."""
    lines = _jsonl(path)
    try:
        number, e = next(lines)
    except StopIteration:
        raise SkmFormatError(path, 0, "the file is empty; expected the eval.jsonl written by 'skm split'") from None
    if not isinstance(e, dict) or e.get("kind") != "header":
        raise SkmFormatError(path, number, "the first line must be the header {\"kind\": \"header\", ...} written by 'skm split'", "kind")
    version = _format(e, EVAL_FORMAT, "evaluation", path, number)
    columns = _strings(e, "columns", path, number)
    header = EvalHeader(_get(e, "corpus_fingerprint", "str", path, number), _get(e, "train_sentences", "int", path, number),
                        _get(e, "eval_sentences", "int", path, number), columns, version)
    wanted = [c for c in MODES if c in columns or c != "world"]
    records, previous = [], header.train_sentences - 1
    for number, e in lines:
        if not isinstance(e, dict) or e.get("kind") != "eval":
            raise SkmFormatError(path, number, 'expected "eval"', "kind")
        tokens = _strings(e, "tokens", path, number)
        tags = _strings(e, "tags", path, number)
        if len(tags) != len(tokens):
            raise SkmFormatError(path, number, f"{len(tags)} tags for {len(tokens)} tokens", "tags")
        for k, t in enumerate(tags):
            if t not in TAGS:
                raise SkmFormatError(path, number, f"unknown tag '{t}'; valid tags: syntax, name, value", f"tags[{k}]")
        lp = _get(e, "logprobs", "dict", path, number)
        logprobs = {}
        for c in wanted:
            values = _floats(_get(lp, c, "list", path, number), "logprobs." + c, path, number)
            if len(values) != len(tokens):
                raise SkmFormatError(path, number, f"{len(values)} log-probabilities for {len(tokens)} tokens", "logprobs." + c)
            logprobs[c] = values
        i = _get(e, "i", "int", path, number)
        if i <= previous:
            raise SkmFormatError(path, number, f"{i} where an index above {previous} was expected (records are in corpus order after the training prefix)", "i")
        previous = i
        records.append(EvalRecord(i, _get(e, "entity", "int", path, number), _get(e, "attribute", "int", path, number), tokens, tags,
                                  _get(e, "train_count", "int", path, number), _get(e, "fact_seen", "bool", path, number), logprobs))
    return header, records


def read_probes(path):
    """Reads probes.jsonl: returns (ProbesHeader, [Probe]). Checks the header, unique probe ids, and that the
    candidates are distinct, non-empty and contain the answer."""
    lines = _jsonl(path)
    try:
        number, e = next(lines)
    except StopIteration:
        raise SkmFormatError(path, 0, "the file is empty; expected a probes file written by 'skm split'") from None
    if not isinstance(e, dict) or e.get("kind") != "header" or e.get("content") != "probes":
        raise SkmFormatError(path, number, 'the first line must be the header {"kind":"header","content":"probes",...}')
    version = _get(e, "format", "int", path, number)
    if version != PROBES_FORMAT:
        raise SkmFormatError(path, number, f"unsupported probes format {version}; this version reads format {PROBES_FORMAT}", "format")
    header = ProbesHeader(_get(e, "world_seed", "int", path, number), _get(e, "train_sentences", "int", path, number),
                          _get(e, "discount", "str", path, number), _get(e, "concentration", "str", path, number),
                          _get(e, "probe_seed", "int", path, number), _get(e, "train_entities", "int", path, number),
                          tuple(_get(e, "populations", "list", path, number)), version)
    probes, ids = [], set()
    for number, e in lines:
        candidates = _strings(e, "candidates", path, number)
        answer = _get(e, "answer", "str", path, number)
        if not candidates or len(set(candidates)) != len(candidates) or answer not in candidates:
            raise SkmFormatError(path, number, "'candidates' must be distinct, non-empty and contain the answer", "candidates")
        kind = _get(e, "kind", "str", path, number)
        if kind not in KINDS:
            raise SkmFormatError(path, number, f"unknown kind '{kind}'; valid kinds: seen, unseen-fact, unseen-entity", "kind")
        pid = _get(e, "probe", "int", path, number)
        if pid in ids:
            raise SkmFormatError(path, number, f"probe id {pid} occurs twice", "probe")
        ids.add(pid)
        probes.append(Probe(pid, _get(e, "entity", "int", path, number), _get(e, "attribute", "int", path, number),
                            e.get("attribute_name", ""), _get(e, "template", "int", path, number), _strings(e, "prompt", path, number),
                            answer, candidates, _get(e, "train_count", "int", path, number), _get(e, "fact_count", "int", path, number),
                            _get(e, "fact_seen", "bool", path, number), kind, e.get("bucket", ""), _get(e, "bayes", "dict", path, number),
                            e.get("base", {})))
    return header, probes


def load_vocab(path):
    """Returns the token -> id map of a vocabulary: a Hugging Face `tokenizers` JSON file (its model.vocab, WordLevel
    or any model with a vocab map; its added_tokens are included) or a text file with one token a line (id = line
    number from 0, blank lines skipped). Raises SkmFormatError when ids repeat or a special token is missing."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        doc = _loads(text, path, 1)
        model = _get(doc, "model", "dict", path, 1)
        raw = _get(model, "vocab", "dict", path, 1)
        vocab = {}
        for token, i in raw.items():
            if isinstance(i, bool) or not isinstance(i, int) or i < 0:
                raise SkmFormatError(path, 1, f"the id of '{token}' is {json.dumps(i)}, not a non-negative integer", "model.vocab")
            vocab[token] = i
        for added in doc.get("added_tokens") or []:
            if isinstance(added, dict) and isinstance(added.get("content"), str) and isinstance(added.get("id"), int):
                if vocab.setdefault(added["content"], added["id"]) != added["id"]:
                    raise SkmFormatError(path, 1, f"added token '{added['content']}' has id {added['id']} but model.vocab gives {vocab[added['content']]}", "added_tokens")
    else:
        vocab = {}
        for number, line in enumerate(text.splitlines(), 1):
            token = line.strip()
            if not token:
                continue
            if token in vocab:
                raise SkmFormatError(path, number, f"token '{token}' occurs twice")
            vocab[token] = len(vocab)
    if len(set(vocab.values())) != len(vocab):
        raise SkmFormatError(path, 1, "two tokens share an id", "model.vocab")
    for s in SPECIALS:
        if s not in vocab:
            raise SkmFormatError(path, 1, f"the vocabulary has no special token {s}")
    return vocab


def encode(tokens, vocab, bos=False, eos=False, strict=False):
    """Maps corpus tokens to ids. A token missing from the vocabulary maps to <unk> (strict=False) or raises KeyError
    naming it (strict=True); mapping names to <unk> makes the model's probabilities improper, which skm score flags.
    bos/eos: put <bos> before and <eos> after."""
    unk = vocab["<unk>"]
    ids = [vocab["<bos>"]] if bos else []
    for t in tokens:
        i = vocab.get(t)
        if i is None:
            if strict:
                raise KeyError(f"token '{t}' is not in the vocabulary ({len(vocab)} tokens)")
            i = unk
        ids.append(i)
    if eos:
        ids.append(vocab["<eos>"])
    return ids


def decode(ids, vocab, skip_special=False):
    """Maps ids back to tokens (the inverse of encode); skip_special drops <pad> <bos> <eos>. Raises KeyError for an
    id the vocabulary does not have."""
    inverse = {i: t for t, i in vocab.items()}
    out = []
    for i in ids:
        if i not in inverse:
            raise KeyError(f"id {i} is not in the vocabulary (ids 0 to {max(inverse)})")
        t = inverse[i]
        if not (skip_special and t in SPECIALS[:3]):
            out.append(t)
    return out


def read_split(directory, vocab_path=None):
    """Reads a split directory written by `skm split`: split.json, train.txt, eval.jsonl and, when present,
    probes.jsonl and tokenizer.json (or vocab_path). Checks that the files agree with the manifest (fingerprint,
    N, M, token counts) and raises SkmFormatError naming the first disagreement."""
    path = lambda name: os.path.join(directory, name)  # noqa: E731
    manifest = read_manifest(path("split.json"))
    train = read_train(path("train.txt"))
    header, records = read_eval(path("eval.jsonl"))
    split = Split(directory, manifest, train, header, records)
    if os.path.exists(path("probes.jsonl")):
        split.probes_header, split.probes = read_probes(path("probes.jsonl"))
    vocab_file = vocab_path or path("tokenizer.json")
    if os.path.exists(vocab_file):
        split.vocab = load_vocab(vocab_file)
    _check_consistent(split)
    return split


def _check_consistent(split):
    m, d = split.manifest, split.directory
    eval_file, train_file = os.path.join(d, "eval.jsonl"), os.path.join(d, "train.txt")
    if split.eval_header.corpus_fingerprint != m.corpus_fingerprint:
        raise SkmFormatError(eval_file, 1, f"{split.eval_header.corpus_fingerprint} differs from split.json's {m.corpus_fingerprint}: the files come from different corpora", "corpus_fingerprint")
    if split.eval_header.train_sentences != m.train_sentences:
        raise SkmFormatError(eval_file, 1, f"{split.eval_header.train_sentences}, but split.json says {m.train_sentences}", "train_sentences")
    if len(split.train) != m.train_sentences:
        raise SkmFormatError(train_file, 0, f"{len(split.train)} sentences, but split.json says train_sentences = {m.train_sentences}")
    train_tokens = sum(len(s) for s in split.train)
    if train_tokens != m.train_tokens:
        raise SkmFormatError(train_file, 0, f"{train_tokens} tokens, but split.json says train_tokens = {m.train_tokens}")
    if len(split.eval) != split.eval_header.eval_sentences or len(split.eval) != m.eval_sentences:
        raise SkmFormatError(eval_file, 0, f"{len(split.eval)} records, but the header says {split.eval_header.eval_sentences} and split.json {m.eval_sentences}")
    eval_tokens = sum(len(r.tokens) for r in split.eval)
    if eval_tokens != m.eval_tokens:
        raise SkmFormatError(eval_file, 0, f"{eval_tokens} tokens, but split.json says eval_tokens = {m.eval_tokens}")
    if split.probes_header is not None and split.probes_header.train_sentences != m.train_sentences:
        raise SkmFormatError(os.path.join(d, "probes.jsonl"), 1, f"{split.probes_header.train_sentences}, but split.json says {m.train_sentences}", "train_sentences")


# ----------------------------------------------------------------------------------------------------------------- writers

def _pairs(records, key, values_key):
    """(int, list) pairs from (id, values) tuples, dicts with the format's keys, or objects with those attributes."""
    for r in records:
        if isinstance(r, dict):
            yield r[key], r[values_key]
        elif isinstance(r, (tuple, list)) and len(r) == 2:
            yield r[0], r[1]
        else:
            yield getattr(r, key), getattr(r, values_key)


def write_logprobs(path, records, corpus_fingerprint=None, eval_records=None):
    """Writes a model log-probability file (format 1) that `skm score` reads.

    records: (i, token_logprobs) pairs, or dicts {"i": ..., "token_logprobs": [...]}: for sentence i of the corpus,
    ln P(token | everything before it) in nats for every corpus token (sum sub-word pieces with align_pieces).
    corpus_fingerprint: written as the header line, so skm refuses the file for another corpus (use
    split.manifest.corpus_fingerprint). eval_records: when given (split.eval), every record must be a sentence of it
    with one value per token. NaN, Infinity and -Infinity are written as Python's json writes them; skm score reads
    them and reports them. Raises ValueError before anything is written."""
    if corpus_fingerprint is not None and not _is_fingerprint(corpus_fingerprint):
        raise ValueError(f"corpus_fingerprint = '{corpus_fingerprint}' is not a fingerprint; valid: sha256: and 64 lower-case hex digits")
    lengths = {r.i: len(r.tokens) for r in eval_records} if eval_records is not None else None
    lines, seen = [], set()
    if corpus_fingerprint is not None:
        lines.append(_dumps({"kind": "header", "format": LOGPROBS_FORMAT, "corpus_fingerprint": corpus_fingerprint}))
    for i, values in _pairs(records, "i", "token_logprobs"):
        if isinstance(i, bool) or not isinstance(i, int) or i < 0:
            raise ValueError(f"sentence index {i!r} is not a non-negative integer")
        if i in seen:
            raise ValueError(f"sentence i = {i} appears twice")
        seen.add(i)
        values = [float(v) for v in values]
        if lengths is not None:
            if i not in lengths:
                raise ValueError(f"sentence i = {i} is not an evaluation sentence of the split")
            if len(values) != lengths[i]:
                raise ValueError(f"sentence i = {i} has {lengths[i]} tokens but {len(values)} log-probabilities")
        lines.append(_dumps({"i": i, "token_logprobs": values}))
    if not seen:
        raise ValueError("no sentences to write")
    _write_atomic(path, lines)


def write_answers(path, answers, probes=None):
    """Writes probe answers (answers.jsonl, format 1) that `skm score-probes` reads: a header line, then one line
    {"probe": id, "value_logprobs": [ln P(candidate) for each candidate]} per answer.

    answers: (probe id, values) pairs or dicts with those keys. Values are natural logs in the probe's candidate order
    (unnormalised is fine: the scorer renormalises); -Infinity (probability 0) is allowed, NaN and +Infinity are not,
    nor an answer whose every value is -Infinity. probes: when given (split.probes), every id must be a probe, with
    one value per candidate, and every probe answered. Raises ValueError before anything is written."""
    by_id = {p.probe: p for p in probes} if probes is not None else None
    lines, seen = [_dumps({"kind": "header", "content": "answers", "format": ANSWERS_FORMAT})], set()
    for pid, values in _pairs(answers, "probe", "value_logprobs"):
        if isinstance(pid, bool) or not isinstance(pid, int):
            raise ValueError(f"probe id {pid!r} is not an integer")
        if pid in seen:
            raise ValueError(f"probe {pid} is answered twice")
        seen.add(pid)
        values = [float(v) for v in values]
        for k, v in enumerate(values):
            if math.isnan(v) or v == math.inf:
                raise ValueError(f"probe {pid}: value_logprobs[{k}] is {v}; log-probabilities must be finite or -Infinity")
        if values and all(v == -math.inf for v in values):
            raise ValueError(f"probe {pid}: every candidate has log-probability -Infinity (no mass on any candidate)")
        if by_id is not None:
            if pid not in by_id:
                raise ValueError(f"unknown probe id {pid}; the probe set has {len(by_id)} probes")
            if len(values) != len(by_id[pid].candidates):
                raise ValueError(f"probe {pid} has {len(by_id[pid].candidates)} candidates but {len(values)} value_logprobs")
        lines.append(_dumps({"probe": pid, "value_logprobs": values}))
    if by_id is not None and len(seen) != len(by_id):
        missing = min(set(by_id) - seen)
        raise ValueError(f"no answer for probe {missing} ({len(by_id) - len(seen)} of {len(by_id)} probes unanswered)")
    _write_atomic(path, lines)


# ----------------------------------------------------------------------------------------------------------------- sub-word pieces

def token_offsets(tokens):
    """The [start, end) character offsets of every token in " ".join(tokens)."""
    out, at = [], 0
    for t in tokens:
        out.append((at, at + len(t)))
        at += len(t) + 1
    return out


def align_pieces(corpus_tokens, pieces_with_char_offsets):
    """Sums sub-word pieces' log-probabilities per corpus token, matching them by character offsets.

    corpus_tokens: the sentence's tokens; the text the offsets index is " ".join(corpus_tokens) (Python string
    indices, i.e. code points, which is what Hugging Face fast tokenizers return as offset_mapping for str input).
    pieces_with_char_offsets: (start, end, logprob) for every piece the model scored, end exclusive, in any order.
    A piece may carry the space before its token (GPT-2 style " word"): spaces at a piece's edges are ignored when
    placing it, and a piece of spaces only belongs to the token after it. Returns one float per corpus token: the sum
    of its pieces' log-probabilities (ln P of the whole token, by the chain rule).

    Raises ValueError when a piece straddles a token boundary (its characters belong to two tokens: the model's
    tokenization cannot be scored per corpus token), when pieces overlap, when a piece lies outside the text or is
    empty (special tokens such as <bos> have no corpus token: leave them out), or when a token gets no piece."""
    text = " ".join(corpus_tokens)
    spans = token_offsets(corpus_tokens)
    owner = [-1] * len(text)  # token index of every character (-1: a separating space)
    for k, (s, e) in enumerate(spans):
        for c in range(s, e):
            owner[c] = k
    covered = [False] * len(text)
    sums = [[] for _ in corpus_tokens]
    for n, piece in enumerate(sorted(pieces_with_char_offsets, key=lambda p: (p[0], p[1]))):
        start, end, logprob = piece
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
            raise ValueError(f"piece [{start}, {end}) is empty or outside the sentence of {len(text)} characters: {text[:60]!r}")
        for c in range(start, end):
            if covered[c]:
                raise ValueError(f"pieces overlap at character {c} of {text[:60]!r}")
            covered[c] = True
        owners = {owner[c] for c in range(start, end)} - {-1}
        if len(owners) > 1:
            first, last = min(owners), max(owners)
            raise ValueError(f"piece {text[start:end]!r} [{start}, {end}) straddles the boundary between token {first} "
                             f"{corpus_tokens[first]!r} and token {last} {corpus_tokens[last]!r}")
        if owners:
            k = owners.pop()
        else:  # spaces only: the token that follows
            k = owner[end] if end < len(text) else -1
            if k < 0:
                raise ValueError(f"piece of spaces [{start}, {end}) has no token after it in {text[:60]!r}")
        sums[k].append(float(logprob))
    for c, k in enumerate(owner):
        if k >= 0 and not covered[c]:
            raise ValueError(f"character {c} of token {k} {corpus_tokens[k]!r} is covered by no piece")
    return [math.fsum(v) for v in sums]


# ----------------------------------------------------------------------------------------------------------------- fingerprint

def corpus_fingerprint(path):
    """The corpus fingerprint skm records: "sha256:" and the hex SHA-256 of the corpus's non-blank lines, each
    as UTF-8 with trailing CR removed, followed by one line feed."""
    import hashlib
    h = hashlib.sha256()
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if line.strip():
                h.update(line.encode("utf-8"))
                h.update(b"\n")
    return "sha256:" + h.hexdigest()


# ----------------------------------------------------------------------------------------------------------------- command line

def _check(args):
    import argparse
    ap = argparse.ArgumentParser(prog="skm_io.py check", description="Validate a split directory and print its counts.")
    ap.add_argument("dir", help="the directory written by skm split")
    ap.add_argument("--corpus", help="the corpus the split was cut from: its fingerprint must match split.json's")
    ap.add_argument("--vocab", help="tokenizer.json or vocab.txt (default: DIR/tokenizer.json when present)")
    a = ap.parse_args(args)
    split = read_split(a.dir, a.vocab)
    m = split.manifest
    if a.corpus is not None:
        fp = corpus_fingerprint(a.corpus)
        if fp != m.corpus_fingerprint:
            raise SkmFormatError(os.path.join(a.dir, "split.json"), 1, f"{m.corpus_fingerprint} is not the fingerprint of {a.corpus} ({fp}): the split was cut from another corpus", "corpus_fingerprint")
    print(f"split {a.dir}: corpus {m.corpus_fingerprint}, {m.corpus_sentences} sentences, discount {m.discount}, concentration {m.concentration}")
    print(f"train: {len(split.train)} sentences, {m.train_tokens} tokens, {m.train_entities} entities, {m.train_facts} facts")
    unseen_entity = sum(1 for r in split.eval if r.train_count == 0)
    unseen_fact = sum(1 for r in split.eval if not r.fact_seen)
    print(f"eval: {len(split.eval)} sentences (i = {split.eval[0].i} to {split.eval[-1].i}), {m.eval_tokens} tokens, "
          f"{unseen_entity} of unseen entities, {unseen_fact} of unseen facts, columns {', '.join(split.eval_header.columns)}")
    if split.probes_header is not None:
        kinds = {k: sum(1 for p in split.probes if p.kind == k) for k in KINDS}
        print(f"probes: {len(split.probes)} ({', '.join(f'{k} {n}' for k, n in kinds.items())})")
    else:
        print("probes: none (no probes.jsonl)")
    if split.vocab:
        tokens = [t for s in split.train for t in s] + [t for r in split.eval for t in r.tokens]
        tokens += [t for p in split.probes for t in p.prompt + p.candidates]
        missing = sorted({t for t in tokens if t not in split.vocab})
        line = f"vocab: {len(split.vocab)} tokens, {len(missing)} split tokens not in it"
        print(line + (f" (e.g. {', '.join(missing[:5])}; they map to <unk>)" if missing else ""))
    else:
        print("vocab: none (no tokenizer.json)")
    return 0


def _oracle(args):
    import argparse
    ap = argparse.ArgumentParser(prog="skm_io.py oracle", description="Write the oracle's own log-probs and probe answers as a model's.")
    ap.add_argument("dir", help="the directory written by skm split")
    ap.add_argument("out", help="the directory for model-logprobs.jsonl and answers.jsonl")
    ap.add_argument("--mode", choices=MODES, default="frozen", help="the comparator column to echo (default: frozen)")
    a = ap.parse_args(args)
    split = read_split(a.dir)
    if a.mode not in split.eval_header.columns:
        raise SkmFormatError(os.path.join(a.dir, "eval.jsonl"), 1, f"the split has no '{a.mode}' column (columns: {', '.join(split.eval_header.columns)})", "columns")
    os.makedirs(a.out, exist_ok=True)
    write_logprobs(os.path.join(a.out, "model-logprobs.jsonl"), ((r.i, r.logprobs[a.mode]) for r in split.eval),
                   split.manifest.corpus_fingerprint, split.eval)
    if split.probes:
        write_answers(os.path.join(a.out, "answers.jsonl"), ((p.probe, _bayes_answer(p)) for p in split.probes), split.probes)
    print(f"wrote {len(split.eval)} sentences ({a.mode}) and {len(split.probes)} probe answers to {a.out}")
    return 0


def _bayes_answer(p):
    """ln of the Bayes probability of the answer, the rest spread evenly over the other candidates: exact when the
    posterior is a point mass (a seen fact) or uniform (an unseen fact under a uniform value prior)."""
    pa, rest = float(p.bayes["p_answer"]), len(p.candidates) - 1
    other = (1.0 - pa) / rest if rest else 0.0
    return [math.log(pa) if c == p.answer else (math.log(other) if other > 0 else -math.inf) for c in p.candidates]


def main(argv=None):
    """The command line: `check DIR` or `oracle DIR OUT` (see the module docstring). Returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    commands = {"check": _check, "oracle": _oracle}
    if not argv or argv[0] not in commands:
        sys.stderr.write(__doc__[__doc__.index("Command line"):])
        return 2
    try:
        return commands[argv[0]](argv[1:])
    except (SkmFormatError, ValueError, KeyError, OSError) as e:
        sys.stderr.write(f"skm_io.py: {e.args[0] if isinstance(e, KeyError) else e}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
