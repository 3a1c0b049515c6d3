"""Unit tests of skm_io (standard library only): python3 -m unittest samples/python/test_skm_io.py"""

import contextlib
import io
import json
import math
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import skm_io  # noqa: E402

FP = "sha256:" + "ab" * 32


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


class SplitFixture:
    """A two-sentence training prefix and two evaluation sentences, written as skm split writes them."""

    train = [["Ada", "Lov", "was", "born", "in", "Holm", "."], ["Ada", "Lov", "studied", "at", "Kel-Labs", "."]]
    eval_tokens = [["Bo", "Vik", "was", "born", "in", "Ford", "."], ["Ada", "Lov", "worked", "for", "Ul-Bank", "."]]

    def __init__(self, directory):
        self.dir = directory
        manifest = {"kind": "split", "format": 1, "corpus_fingerprint": FP, "corpus_sentences": 10, "train_sentences": 2,
                    "eval_first": 2, "eval_sentences": 2, "train_tokens": 13, "eval_tokens": 13, "train_entities": 1,
                    "train_facts": 2, "eval_unseen_entity_sentences": 1, "eval_unseen_fact_sentences": 2,
                    "discount": "1/2", "concentration": "1"}
        write(os.path.join(directory, "split.json"), json.dumps(manifest, indent=2) + "\n")
        write(os.path.join(directory, "train.txt"), "".join(" ".join(s) + "\n" for s in self.train))
        lines = [json.dumps({"kind": "header", "format": 1, "corpus_fingerprint": FP, "train_sentences": 2, "eval_sentences": 2,
                             "columns": ["continuation", "frozen", "world"]})]
        for k, tokens in enumerate(self.eval_tokens):
            tags = ["name", "name"] + ["syntax"] * (len(tokens) - 4) + ["value", "syntax"]
            lp = [-(k + 1) * 0.5 - j for j in range(len(tokens))]
            lines.append(json.dumps({"kind": "eval", "i": 2 + 3 * k, "entity": 1 - k, "attribute": 0, "tokens": tokens, "tags": tags,
                                     "train_count": 2 * k, "fact_seen": False,
                                     "logprobs": {"continuation": lp, "frozen": [v - 1 for v in lp], "world": [v - 2 for v in lp]}}))
        write(os.path.join(directory, "eval.jsonl"), "\n".join(lines) + "\n")
        probes = [json.dumps({"kind": "header", "content": "probes", "format": 1, "world_seed": 3, "train_sentences": 2,
                              "discount": "1/2", "concentration": "1", "probe_seed": 5, "train_entities": 1, "populations": []})]
        for pid, (answer, kind, p) in enumerate([("Holm", "seen", 1.0), ("Ford", "unseen-entity", 0.25)]):
            probes.append(json.dumps({"probe": pid, "entity": pid, "attribute": 0, "attribute_name": "birth_city", "template": 0,
                                      "prompt": ["Ada", "Lov", "was", "born", "in"], "answer": answer,
                                      "candidates": ["Holm", "Ford", "Mere", "Wick"], "train_count": 2 - 2 * pid,
                                      "fact_count": 1 - pid, "fact_seen": pid == 0, "kind": kind, "bucket": "2-3",
                                      "bayes": {"p_answer": p, "p_top": p, "p_answer_exact": "1", "p_top_exact": "1"},
                                      "base": {"top": 0.25, "collision": 0.25, "entropy_bits": 2.0}}))
        write(os.path.join(directory, "probes.jsonl"), "\n".join(probes) + "\n")
        vocab = {t: i for i, t in enumerate(list(skm_io.SPECIALS) + sorted({t for s in self.train + self.eval_tokens for t in s} | {"Mere", "Wick"}))}
        write(os.path.join(directory, "tokenizer.json"), json.dumps({
            "version": "1.0", "added_tokens": [{"id": i, "content": s, "special": True} for i, s in enumerate(skm_io.SPECIALS)],
            "pre_tokenizer": {"type": "WhitespaceSplit"}, "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<unk>"}}))


class ReadTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.fixture = SplitFixture(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_read_split_reads_every_file(self):
        split = skm_io.read_split(self.tmp.name)
        self.assertEqual(split.train, SplitFixture.train)
        self.assertEqual([r.i for r in split.eval], [2, 5])
        self.assertEqual(split.eval[1].tokens, tuple(SplitFixture.eval_tokens[1]))
        self.assertEqual(split.eval[0].logprobs["world"][0], -2.5)
        self.assertEqual(split.eval[1].train_count, 2)
        self.assertEqual(split.manifest.corpus_fingerprint, FP)
        self.assertEqual([p.kind for p in split.probes], ["seen", "unseen-entity"])
        self.assertEqual(split.probes[1].answer_index, 1)
        self.assertEqual(split.vocab["<unk>"], 3)

    def test_read_split_refuses_an_eval_file_of_another_corpus(self):
        path = os.path.join(self.tmp.name, "eval.jsonl")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        write(path, text.replace(FP, "sha256:" + "cd" * 32, 1))
        with self.assertRaisesRegex(skm_io.SkmFormatError, r"eval\.jsonl, line 1: corpus_fingerprint: .*different corpora"):
            skm_io.read_split(self.tmp.name)

    def test_read_eval_names_the_line_of_a_record_with_too_few_log_probabilities(self):
        path = os.path.join(self.tmp.name, "eval.jsonl")
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        record = json.loads(lines[2])
        record["logprobs"]["frozen"].pop()
        lines[2] = json.dumps(record)
        write(path, "\n".join(lines) + "\n")
        with self.assertRaisesRegex(skm_io.SkmFormatError, r"line 3: logprobs\.frozen: 5 log-probabilities for 6 tokens"):
            skm_io.read_eval(path)

    def test_read_train_refuses_double_spaces(self):
        path = os.path.join(self.tmp.name, "train.txt")
        write(path, "a b\nc  d\n")
        with self.assertRaisesRegex(skm_io.SkmFormatError, "line 2: tokens must be separated by single spaces"):
            skm_io.read_train(path)

    def test_load_vocab_reads_the_json_and_the_txt_format_alike(self):
        vocab = skm_io.load_vocab(os.path.join(self.tmp.name, "tokenizer.json"))
        txt = os.path.join(self.tmp.name, "vocab.txt")
        write(txt, "".join(t + "\n" for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])))
        self.assertEqual(skm_io.load_vocab(txt), vocab)

    def test_load_vocab_requires_the_specials(self):
        txt = os.path.join(self.tmp.name, "vocab.txt")
        write(txt, "<pad>\n<bos>\n<eos>\nword\n")
        with self.assertRaisesRegex(skm_io.SkmFormatError, "no special token <unk>"):
            skm_io.load_vocab(txt)

    def test_encode_and_decode_are_inverse_and_unknown_tokens_map_to_unk(self):
        vocab = skm_io.read_split(self.tmp.name).vocab
        tokens = SplitFixture.eval_tokens[0]
        ids = skm_io.encode(tokens, vocab, bos=True, eos=True)
        self.assertEqual(ids[0], vocab["<bos>"])
        self.assertEqual(ids[-1], vocab["<eos>"])
        self.assertEqual(skm_io.decode(ids, vocab, skip_special=True), tokens)
        self.assertEqual(skm_io.encode(["Zed"], vocab), [vocab["<unk>"]])
        with self.assertRaisesRegex(KeyError, "'Zed' is not in the vocabulary"):
            skm_io.encode(["Zed"], vocab, strict=True)


class WriteTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        SplitFixture(self.tmp.name)
        self.split = skm_io.read_split(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def lines(self, path):
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()

    def test_write_logprobs_writes_the_header_and_python_non_finite_words(self):
        path = os.path.join(self.tmp.name, "lm.jsonl")
        records = [(2, [-math.inf, math.nan, -1.5, 0.0, -2.0, -3.0, -0.25]), {"i": 5, "token_logprobs": [-1.0] * 6}]
        skm_io.write_logprobs(path, records, FP, self.split.eval)
        lines = self.lines(path)
        self.assertEqual(json.loads(lines[0]), {"kind": "header", "format": 1, "corpus_fingerprint": FP})
        self.assertTrue(lines[1].startswith('{"i":2,"token_logprobs":[-Infinity,NaN,-1.5,'), lines[1])
        self.assertEqual(json.loads(lines[2])["token_logprobs"], [-1.0] * 6)
        self.assertEqual(sorted(os.listdir(self.tmp.name)).count("lm.jsonl"), 1)
        self.assertFalse([n for n in os.listdir(self.tmp.name) if "partial" in n])

    def test_write_logprobs_checks_token_counts_before_writing(self):
        path = os.path.join(self.tmp.name, "lm.jsonl")
        with self.assertRaisesRegex(ValueError, "i = 5 has 6 tokens but 5 log-probabilities"):
            skm_io.write_logprobs(path, [(5, [-1.0] * 5)], FP, self.split.eval)
        with self.assertRaisesRegex(ValueError, "i = 3 is not an evaluation sentence"):
            skm_io.write_logprobs(path, [(3, [-1.0] * 6)], FP, self.split.eval)
        with self.assertRaisesRegex(ValueError, "appears twice"):
            skm_io.write_logprobs(path, [(5, [-1.0]), (5, [-1.0])])
        self.assertFalse(os.path.exists(path))

    def test_write_answers_writes_the_header_and_minus_infinity(self):
        path = os.path.join(self.tmp.name, "answers.jsonl")
        skm_io.write_answers(path, [(0, [0.0, -math.inf, -math.inf, -math.inf]), {"probe": 1, "value_logprobs": [-1.0] * 4}], self.split.probes)
        lines = self.lines(path)
        self.assertEqual(json.loads(lines[0]), {"kind": "header", "content": "answers", "format": 1})
        self.assertEqual(lines[1], '{"probe":0,"value_logprobs":[0.0,-Infinity,-Infinity,-Infinity]}')

    def test_write_answers_refuses_what_the_reader_refuses(self):
        path = os.path.join(self.tmp.name, "answers.jsonl")
        cases = [([(0, [math.nan, 0.0, 0.0, 0.0])], "value_logprobs\\[0\\] is nan"),
                 ([(0, [-math.inf] * 4)], "every candidate has log-probability -Infinity"),
                 ([(7, [0.0] * 4)], "unknown probe id 7"),
                 ([(0, [0.0] * 3)], "probe 0 has 4 candidates but 3"),
                 ([(0, [0.0] * 4)], "no answer for probe 1")]
        for answers, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(ValueError, message):
                skm_io.write_answers(path, answers, self.split.probes)
        self.assertFalse(os.path.exists(path))


class AlignPiecesTests(unittest.TestCase):
    tokens = ["Ka", "ralo", "was", "born", "in", "Holm", "."]

    def test_offsets_index_the_space_joined_sentence(self):
        text = " ".join(self.tokens)
        self.assertEqual([text[s:e] for s, e in skm_io.token_offsets(self.tokens)], self.tokens)

    def test_gpt2_style_pieces_with_the_leading_space_sum_per_token(self):
        # "Ka" | " ra" "lo" | " was" | " bo" "rn" | " in" | " Ho" "lm" | " ."
        text = " ".join(self.tokens)
        cuts = [(0, 2), (2, 5), (5, 7), (7, 11), (11, 14), (14, 16), (16, 19), (19, 22), (22, 24), (24, 26)]
        pieces = [(s, e, -0.5 * (n + 1)) for n, (s, e) in enumerate(cuts)]
        self.assertEqual("".join(text[s:e] for s, e in cuts), text)
        sums = skm_io.align_pieces(self.tokens, list(reversed(pieces)))
        self.assertEqual(sums, [-0.5, -1.0 - 1.5, -2.0, -2.5 - 3.0, -3.5, -4.0 - 4.5, -5.0])

    def test_trimmed_offsets_and_a_piece_of_spaces_belong_to_the_next_token(self):
        pieces = [(0, 2, -1.0), (2, 3, -0.25), (3, 7, -2.0)] + [(s, e, -1.0) for s, e in skm_io.token_offsets(self.tokens)[2:]]
        self.assertEqual(skm_io.align_pieces(self.tokens, pieces), [-1.0, -2.25, -1.0, -1.0, -1.0, -1.0, -1.0])

    def test_a_piece_across_a_token_boundary_is_an_error(self):
        spans = skm_io.token_offsets(self.tokens)
        pieces = [(0, 7, -1.0)] + [(s, e, -1.0) for s, e in spans[2:]]  # "Ka ralo" as one piece
        with self.assertRaisesRegex(ValueError, "piece 'Ka ralo' \\[0, 7\\) straddles the boundary between token 0 'Ka' and token 1 'ralo'"):
            skm_io.align_pieces(self.tokens, pieces)

    def test_a_token_without_pieces_and_overlapping_pieces_are_errors(self):
        spans = skm_io.token_offsets(self.tokens)
        with self.assertRaisesRegex(ValueError, "token 6 '.' is covered by no piece"):
            skm_io.align_pieces(self.tokens, [(s, e, -1.0) for s, e in spans[:-1]])
        with self.assertRaisesRegex(ValueError, "pieces overlap"):
            skm_io.align_pieces(self.tokens, [(s, e, -1.0) for s, e in spans] + [(1, 2, -1.0)])
        with self.assertRaisesRegex(ValueError, "empty or outside"):
            skm_io.align_pieces(self.tokens, [(0, 0, 0.0)] + [(s, e, -1.0) for s, e in spans])


class CommandLineTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        SplitFixture(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def run_main(self, *args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = skm_io.main(list(args))
        return code, out.getvalue(), err.getvalue()

    def test_check_prints_the_counts(self):
        code, out, err = self.run_main("check", self.tmp.name)
        self.assertEqual((code, err), (0, ""))
        self.assertIn("train: 2 sentences, 13 tokens, 1 entities, 2 facts", out)
        self.assertIn("eval: 2 sentences (i = 2 to 5), 13 tokens, 1 of unseen entities, 2 of unseen facts", out)
        self.assertIn("probes: 2 (seen 1, unseen-fact 0, unseen-entity 1)", out)
        self.assertIn("0 split tokens not in it", out)

    def test_check_reports_a_bad_split_in_one_line(self):
        write(os.path.join(self.tmp.name, "train.txt"), "a b\n")
        code, out, err = self.run_main("check", self.tmp.name)
        self.assertEqual(code, 1)
        self.assertEqual(err.count("\n"), 1, err)
        self.assertIn("train.txt: 1 sentences, but split.json says train_sentences = 2", err)

    def test_oracle_echoes_the_chosen_column(self):
        out_dir = os.path.join(self.tmp.name, "out")
        code, _, err = self.run_main("oracle", self.tmp.name, out_dir, "--mode", "world")
        self.assertEqual((code, err), (0, ""))
        with open(os.path.join(out_dir, "model-logprobs.jsonl"), encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
        self.assertEqual(rows[0]["corpus_fingerprint"], FP)
        self.assertEqual(rows[1]["token_logprobs"], [-2.5 - j for j in range(7)])
        with open(os.path.join(out_dir, "answers.jsonl"), encoding="utf-8") as f:
            answers = [json.loads(line) for line in f][1:]
        self.assertEqual(answers[0]["value_logprobs"], [0.0, -math.inf, -math.inf, -math.inf])
        self.assertEqual(answers[1]["value_logprobs"], [math.log(0.25)] * 4)


if __name__ == "__main__":
    unittest.main()
