#!/usr/bin/env python3
"""Reference trainer for SyntaxKnowledge experiments: a small GPT-style causal transformer in PyTorch.

It reads only the files `skm split` writes (tokenizer.json, train.txt, eval.jsonl, probes.jsonl) and writes
only the files skm reads:

  OUT/model-logprobs.jsonl   {"i": sentence index, "token_logprobs": [...]}   one per eval sentence (nats)
  OUT/answers.jsonl          {"probe": id, "value_logprobs": [...]}            one per probe
  OUT/run.json               parameters, tokens seen, steps, wall time, the options used

Every sentence is one training sequence: <bos> tokens <eos>. The model predicts each corpus token from the
tokens before it in the same sentence (it does not see earlier sentences), so its per-token log-probabilities
line up with the corpus tokens one to one. A token missing from the vocabulary maps to <unk>; its
log-probability is then the probability of <unk>, which is improper (skm score flags it).

Model: pre-LayerNorm transformer blocks, learned positions, tied input/output embeddings; AdamW with linear
warm-up and cosine decay; deterministic for a seed on CPU. Only the Python standard library, torch and
../python/skm_io.py (the split, vocabulary and output formats).
"""

import argparse
import json
import math
import os
import random
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:  # pragma: no cover - reported to the caller
    sys.stderr.write("trainer.py: PyTorch is not installed (Debian: apt-get install python3-torch libopenblas0-pthread)\n")
    sys.exit(4)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import skm_io  # noqa: E402  (samples/python/skm_io.py)


class Block(nn.Module):
    def __init__(self, width, heads, dropout):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.ln2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask):
        b, t, c = x.shape
        h = self.ln1(x)
        q, k, v = self.qkv(h).split(c, dim=2)
        q = q.view(b, t, self.heads, c // self.heads).transpose(1, 2)
        k = k.view(b, t, self.heads, c // self.heads).transpose(1, 2)
        v = v.view(b, t, self.heads, c // self.heads).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(c // self.heads)
        att = att.masked_fill(mask[:, :, :t, :t] == 0, float("-inf"))
        att = self.drop(F.softmax(att, dim=-1))
        y = (att @ v).transpose(1, 2).contiguous().view(b, t, c)
        x = x + self.drop(self.proj(y))
        return x + self.drop(self.mlp(self.ln2(x)))


class TinyGpt(nn.Module):
    def __init__(self, vocab_size, width, depth, heads, context, dropout):
        super().__init__()
        if width % heads != 0:
            raise SystemExit(f"trainer.py: --width {width} must be a multiple of --heads {heads}")
        self.tok = nn.Embedding(vocab_size, width)
        self.pos = nn.Embedding(context, width)
        self.blocks = nn.ModuleList(Block(width, heads, dropout) for _ in range(depth))
        self.ln = nn.LayerNorm(width)
        self.register_buffer("mask", torch.tril(torch.ones(context, context)).view(1, 1, context, context))
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, mean=0.0, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def forward(self, ids):
        t = ids.shape[1]
        x = self.tok(ids) + self.pos(torch.arange(t, device=ids.device))[None, :, :]
        for block in self.blocks:
            x = block(x, self.mask)
        return self.ln(x) @ self.tok.weight.T  # tied embeddings


def encode(tokens, vocab):
    """<bos> tokens <eos> as ids; a token missing from the vocabulary maps to <unk>."""
    return skm_io.encode(tokens, vocab, bos=True, eos=True)


def batches(seqs, batch, pad, rng):
    order = list(range(len(seqs)))
    while True:
        rng.shuffle(order)
        for s in range(0, len(order) - batch + 1, batch):
            chunk = [seqs[i] for i in order[s:s + batch]]
            width = max(len(c) for c in chunk)
            yield torch.tensor([c + [pad] * (width - len(c)) for c in chunk], dtype=torch.long)


def token_logprobs(model, seqs, device, batch=256):
    """Per sequence, the log-probability of every token after <bos> except <eos>: one per corpus token."""
    out = []
    model.eval()
    with torch.no_grad():
        for s in range(0, len(seqs), batch):
            chunk = seqs[s:s + batch]
            width = max(len(c) for c in chunk)
            ids = torch.tensor([c + [0] * (width - len(c)) for c in chunk], dtype=torch.long, device=device)
            logp = F.log_softmax(model(ids[:, :-1]).double(), dim=-1)
            picked = logp.gather(2, ids[:, 1:, None]).squeeze(2)
            for row, c in zip(picked.tolist(), chunk):
                out.append(row[: len(c) - 2])  # drop the <eos> prediction
    return out


def probe_answers(model, probes, vocab, device, batch=256):
    """For each probe, the log-probability of every candidate value after the prompt (sum over its pieces).

    Candidates of one piece are read off the next-token distribution at the end of the prompt, so all of them cost
    one forward pass of the prompt (prompts are batched, right-padded: causal attention keeps the padding from
    affecting them). A candidate of several pieces goes through the model as prompt + pieces, batched the same way.
    """
    model.eval()
    encoded = []
    for p in probes:
        prompt = skm_io.encode(p.prompt, vocab, bos=True)
        encoded.append((p, prompt, [skm_io.encode(c.split(" "), vocab) for c in p.candidates]))
    scores = {p.probe: [0.0] * len(p.candidates) for p in probes}
    with torch.no_grad():
        # one-piece candidates: the distribution after the prompt
        for s in range(0, len(encoded), batch):
            chunk = encoded[s:s + batch]
            width = max(len(e[1]) for e in chunk)
            ids = torch.tensor([e[1] + [0] * (width - len(e[1])) for e in chunk], dtype=torch.long, device=device)
            logp = F.log_softmax(model(ids).double(), dim=-1)
            for row, (p, prompt, cands) in enumerate(chunk):
                last = logp[row, len(prompt) - 1]
                for j, c in enumerate(cands):
                    if len(c) == 1:
                        scores[p.probe][j] = float(last[c[0]])
        # longer candidates: prompt + pieces
        multi = [(p.probe, j, prompt, c) for p, prompt, cands in encoded for j, c in enumerate(cands) if len(c) > 1]
        for s in range(0, len(multi), batch):
            chunk = multi[s:s + batch]
            width = max(len(e[2]) + len(e[3]) for e in chunk)
            ids = torch.tensor([e[2] + e[3] + [0] * (width - len(e[2]) - len(e[3])) for e in chunk], dtype=torch.long, device=device)
            logp = F.log_softmax(model(ids[:, :-1]).double(), dim=-1)
            picked = logp.gather(2, ids[:, 1:, None]).squeeze(2).tolist()
            for row, (probe, j, prompt, c) in zip(picked, chunk):
                scores[probe][j] = sum(row[len(prompt) - 1: len(prompt) - 1 + len(c)])
    return [{"probe": p.probe, "value_logprobs": scores[p.probe]} for p in probes]


def checkpoint_steps(steps, count):
    """Step 0 (the untrained model) and `count` steps spaced evenly in log(step) up to the last; distinct, ascending."""
    if count <= 0:
        return []
    marks = {0, steps}
    for i in range(1, count):
        marks.add(max(1, int(round(steps ** (i / count)))))
    return sorted(marks)


def write_outputs(model, directory, split, eval_rows, eval_seqs, vocab, device):
    """model-logprobs.jsonl (and answers.jsonl when the split has probes) of the model as it is now."""
    os.makedirs(directory, exist_ok=True)
    lps = token_logprobs(model, eval_seqs, device)
    skm_io.write_logprobs(os.path.join(directory, "model-logprobs.jsonl"), ((r.i, lp) for r, lp in zip(eval_rows, lps)),
                          split.manifest.corpus_fingerprint, eval_rows)
    if split.probes:
        skm_io.write_answers(os.path.join(directory, "answers.jsonl"), probe_answers(model, split.probes, vocab, device), split.probes)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", required=True, help="directory written by skm split")
    ap.add_argument("--out", required=True, help="directory for model-logprobs.jsonl, answers.jsonl, run.json")
    ap.add_argument("--train-sentences", type=int, default=None, help="use only the first N lines of train.txt")
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--context", type=int, default=64)
    ap.add_argument("--dropout", type=float, default=0.0)
    ap.add_argument("--epochs", type=float, default=3.0, help="passes over the training sentences")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--warmup", type=float, default=0.05, help="fraction of steps for linear warm-up")
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=max(1, (os.cpu_count() or 1)))
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--vocab", default=None, help="tokenizer.json or vocab.txt (default: SPLIT/tokenizer.json)")
    ap.add_argument("--checkpoints", type=int, default=0,
                    help="also write the outputs at step 0 and at this many log-spaced steps (OUT/checkpoints/step-NNNNNN/)")
    ap.add_argument("--no-probes", action="store_true", help="do not answer the probes (a data-size sweep does not need them)")
    a = ap.parse_args(argv)
    if a.checkpoints < 0 or a.checkpoints > 1000:
        raise SystemExit(f"trainer.py: --checkpoints {a.checkpoints} is out of range 0..1000")

    torch.manual_seed(a.seed)
    random.seed(a.seed)
    torch.set_num_threads(a.threads)
    device = torch.device(a.device)
    try:
        split = skm_io.read_split(a.split, a.vocab)
    except (skm_io.SkmFormatError, OSError) as e:
        raise SystemExit(f"trainer.py: {e}")
    if not split.vocab:
        raise SystemExit(f"trainer.py: {os.path.join(a.split, 'tokenizer.json')} is missing (or pass --vocab)")
    if a.no_probes:
        split.probes = []
    vocab = split.vocab
    train = split.train
    if a.train_sentences is not None:
        if not 1 <= a.train_sentences <= len(train):
            raise SystemExit(f"trainer.py: --train-sentences {a.train_sentences} is out of range 1..{len(train)}")
        if a.train_sentences < len(train):
            sys.stderr.write(
                f"trainer.py: warning: training on {a.train_sentences} of the split's {len(train)} sentences; probes.jsonl (training "
                f"counts) refers to all of them, so score answers.jsonl only against a split made with 'skm split --train "
                f"{a.train_sentences}'; model-logprobs.jsonl is scored right by 'skm score --train-sentences {a.train_sentences}'\n")
        train = train[: a.train_sentences]
    seqs = [encode(t, vocab) for t in train]
    longest = max(len(s) for s in seqs)
    eval_rows = split.eval
    eval_seqs = [encode(r.tokens, vocab) for r in eval_rows]
    longest = max(longest, max((len(s) for s in eval_seqs), default=0))
    if longest > a.context:
        raise SystemExit(f"trainer.py: --context {a.context} is shorter than the longest sentence ({longest} tokens with <bos>/<eos>)")

    model = TinyGpt(len(vocab), a.width, a.depth, a.heads, a.context, a.dropout).to(device)
    parameters = sum(p.numel() for p in model.parameters())
    batch = min(a.batch, len(seqs))
    steps = max(1, int(round(a.epochs * len(seqs) / batch)))
    warm = max(1, int(a.warmup * steps))
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=a.weight_decay, betas=(0.9, 0.95))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, steps - warm))))
    pad = vocab["<pad>"]
    gen = batches(seqs, batch, pad, random.Random(a.seed))
    marks = checkpoint_steps(steps, a.checkpoints)
    checkpoints = []
    started = time.time()
    eval_seconds = 0.0
    tokens_seen = 0

    def checkpoint(step):
        nonlocal eval_seconds
        t0 = time.time()
        d = os.path.join(a.out, "checkpoints", f"step-{step:06d}")
        write_outputs(model, d, split, eval_rows, eval_seqs, vocab, device)
        checkpoints.append({"step": step, "tokens_seen": tokens_seen, "dir": os.path.relpath(d, a.out)})
        eval_seconds += time.time() - t0
        model.train()

    if 0 in marks:
        checkpoint(0)
    model.train()
    for step in range(steps):
        ids = next(gen).to(device)
        logits = model(ids[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1), ignore_index=pad)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        tokens_seen += int((ids[:, 1:] != pad).sum())
        if step % max(1, steps // 10) == 0 or step == steps - 1:
            sys.stderr.write(f"step {step + 1}/{steps} loss {loss.item():.4f}\n")
        if step + 1 in marks and step + 1 != steps:
            checkpoint(step + 1)
    train_seconds = time.time() - started - eval_seconds

    os.makedirs(a.out, exist_ok=True)
    scored = time.time()
    write_outputs(model, a.out, split, eval_rows, eval_seqs, vocab, device)
    if steps in marks:
        checkpoints.append({"step": steps, "tokens_seen": tokens_seen, "dir": "."})
    score_seconds = time.time() - scored
    record = {"format": 1, "parameters": parameters, "train_sentences": len(train), "tokens_seen": tokens_seen,
              "steps": steps, "train_seconds": round(train_seconds, 3), "score_seconds": round(score_seconds, 3),
              "checkpoint_seconds": round(eval_seconds, 3), "final_loss": loss.item(), "checkpoints": checkpoints,
              "options": vars(a)}
    tmp = os.path.join(a.out, f"run.json.partial-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2)
    os.replace(tmp, os.path.join(a.out, "run.json"))
    sys.stderr.write(f"trained {parameters} parameters on {len(train)} sentences in {train_seconds:.1f} s\n")


if __name__ == "__main__":
    main()
