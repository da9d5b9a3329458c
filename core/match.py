"""Finding names (titles, people, franchises) from what a person types, typos included.

A small search engine over normalised tokens (see `moviebot.core.text`):

1. exact: the normalised query equals a normalised name -> score 1.0;
2. typo-tolerant tokens: a query word of 4+ letters may carry 1 typo (2 from 9 letters; a
   transposition is one typo), the first letter included (a little less sure); a word
   that sounds like a name word ("titanik", "stefen") counts as one typo (see
   `moviebot.core.phonetic`); shorter words must be exact. The last word may also be a
   prefix ("fellowsh"), and a word may join two name words ("spiderman" ~ "spider man");
3. candidates come from a word index (numpy, idf-weighted), then each is scored by how much
   of the query it explains and how much of the name the query covers, so a partial title
   ("lord of the rings fellowship") scores well while one shared word ("titanic 2") does
   not give a false 100 the way `token_set_ratio` would.

>>> m = Matcher(["Titanic", "Titanic", "The Lord of the Rings"], [0, 1, 2], [10.0, 9000.0, 50.0])
>>> [(h.owner, round(h.score, 2)) for h in m.search("titanc")][:2]
[(1, 0.8), (0, 0.8)]
"""

from __future__ import annotations

import bisect
import itertools
import math
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from moviebot.core.phonetic import sound_many
from moviebot.core.text import NUMBER_WORDS, OPTIONAL_WORDS, normalize, tokens, tokens_many

PREFIX_WEIGHT = 0.8  # "fellowsh" is less certain than "fellowship"
CONCAT_WEIGHT = 0.95  # "spiderman" for "spider man"
TYPO_WEIGHT = (1.0, 0.9, 0.8)  # by number of typos
FIRST_LETTER_WEIGHT = 0.95  # a slip on the first letter is rarer than one further on
SHORT_TYPO_WEIGHT = 0.9  # a slip in a four-letter word ("prak") is less sure
SOUND_WEIGHT = 0.88  # "titanik" for "titanic": about one typo
LEADING_COVER = 0.5  # a title shortened to its first words ("E.T.") covers at least this
SHORT3_WEIGHT = 0.75  # a slip in a three-letter word ("jsm" for "jam"), beside other words
# Little words a slip turns into a non-word ("teh", "fo", "nad"): read as the word meant.
FUNCTION_WORDS = ("the", "of", "and", "a", "an", "in", "to", "at", "on", "for", "el", "la",
                  "de", "los", "las", "en", "del", "le", "les", "du", "des", "il", "and")
ARTICLES = ("the", "el", "la", "los", "las", "le", "les", "il")
CANDIDATES = 50  # entries re-scored in Python after the numpy pre-selection
POPULARITY_BONUS = 0.04  # among near-equal matches the best-known wins
VARIANTS_CACHE = 1024  # query words remembered per index (bounded: a bot runs for weeks)


def allowed_typos(word: str) -> int:
    """Typos a word may carry: 0 under 4 letters, 1 from 4, 2 from 9 (digits: none)."""
    if word.isdigit():
        return 0
    return 0 if len(word) < 4 else 1 if len(word) < 9 else 2


@dataclass(frozen=True, slots=True)
class Match:
    """One owner's best entry: `owner` is the caller's id, `score` in 0..1."""

    owner: int
    score: float
    entry: int


class Matcher:
    """Index of names; several names may share an owner (a film's title and original title).

    `popularity` (one value per owner, any scale >= 0) breaks near-ties: best-known first.
    """

    def __init__(
        self,
        names: Sequence[str],
        owners: Sequence[int],
        popularity: Sequence[float],
        *,
        articles: bool = True,
        joins: bool = True,
    ) -> None:
        self.articles = articles
        self.joins = joins  # index adjacent words joined ("spiderman"); titles only
        pop = np.asarray(popularity, dtype=np.float64)
        top = math.log1p(float(pop.max())) if len(pop) else 1.0
        self._pop = np.log1p(np.maximum(pop, 0)) / (top or 1.0)
        # Everything per entry lives in flat numpy arrays (CSR), not in per-entry tuples and
        # strings: a few flat arrays instead of one Python object per person (docs/core.md).
        word_id: dict[str, int] = {}  # build-time only; ids are renumbered alphabetically
        add_word = word_id.setdefault
        tok = array("i")  # entry tokens, concatenated
        tok_off = array("q", [0])
        entry_owner = array("q")
        exact_hash = array("q")
        post_tok = array("i")  # (word, entry) pairs of the inverted index
        post_ent = array("i")
        # A name equal to another of the same owner (title = original title once
        # normalised) is indexed once; owners' names come together (titles) or once each.
        run_owner, run_names = None, set()
        part: list[str] = []
        chunk = 16_384  # tokenised in slices: the temporary tuples stay few
        owner_iter = iter(owners)
        for start in range(0, len(names), chunk):
            part = [n or "" for n in names[start : start + chunk]]
            for toks in tokens_many(part, articles=articles):
                owner = next(owner_iter)
                if owner != run_owner:
                    run_owner, run_names = owner, set()
                if not toks or toks in run_names:
                    continue
                run_names.add(toks)
                e = len(entry_owner)
                ids = [add_word(w, len(word_id)) for w in toks]
                tok.extend(ids)
                tok_off.append(len(tok))
                entry_owner.append(owner)
                exact_hash.append(hash(" ".join(toks)))
                words = set(ids)
                if joins:
                    # Adjacent words joined ("spider man" -> "spiderman"): people type both.
                    words.update(
                        add_word(sys.intern(a + b), len(word_id))
                        for a, b in itertools.pairwise(toks)
                    )
                for w in words:
                    post_tok.append(w)
                    post_ent.append(e)
        del run_names, part
        # Word ids = positions in the sorted vocabulary (prefix search bisects it).
        words_sorted = sorted(word_id)
        rank = np.empty(len(word_id), dtype=np.int32)
        old = np.fromiter(map(word_id.__getitem__, words_sorted), np.int64, len(word_id))
        rank[old] = np.arange(len(word_id), dtype=np.int32)
        del word_id
        self._words = words_sorted
        self._tok = rank[np.frombuffer(tok, dtype=np.int32)] if len(tok) else rank[:0]
        self._tok_off = np.frombuffer(tok_off, dtype=np.int64).astype(np.int32)
        self._entry_owner = np.frombuffer(entry_owner, dtype=np.int64).astype(np.int32)
        self._entry_len = np.diff(self._tok_off).astype(np.float32)
        n = len(self._entry_owner)
        # Exact names: sorted hashes of the normalised names; several films may share a
        # name, so within a hash the best-known entry comes first (then entry order).
        hashes = np.frombuffer(exact_hash, dtype=np.int64)
        order = np.lexsort((np.arange(n), -self._pop[self._entry_owner], hashes))
        self._exact_hash = hashes[order]
        self._exact_entry = order.astype(np.int32)
        pt = rank[np.frombuffer(post_tok, dtype=np.int32)] if len(post_tok) else rank[:0]
        pe = np.frombuffer(post_ent, dtype=np.int32)
        order = np.argsort(pt, kind="stable")
        self._post_entries = pe[order]
        counts = np.bincount(pt, minlength=len(words_sorted))
        self._post_offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        n = max(n, 1)
        self._idf = np.log1p(n / np.maximum(counts, 1))
        self._unknown_idf = float(np.log1p(n)) * 0.7
        # Typo candidates are looked up among words of the same first letter and length,
        # and (a slip on the first letter) of the same second letter and length.
        buckets: dict[tuple[str, int], list[str]] = {}
        second: dict[tuple[str, int], list[str]] = {}
        for w in words_sorted:
            buckets.setdefault((w[0], len(w)), []).append(w)
            if len(w) >= 3:
                second.setdefault((w[1], len(w)), []).append(w)
        self._buckets = buckets
        self._second = second
        # Sound keys of the words of 4+ letters, as sorted hashes beside word ids (compact).
        long_ids = np.fromiter((i for i, w in enumerate(words_sorted) if len(w) >= 4), np.int32)
        keys = sound_many([words_sorted[i] for i in long_ids.tolist()])
        sound_hash = np.fromiter(map(hash, keys), np.int64, len(keys))
        order = np.argsort(sound_hash, kind="stable")
        self._sound_hash = sound_hash[order]
        self._sound_word = long_ids[order]
        self._variants = lru_cache(maxsize=VARIANTS_CACHE)(self._variants_uncached)

    def _word(self, word: str) -> int | None:
        """The id of an index word (its position in the sorted vocabulary), or None."""
        words = self._words
        i = bisect.bisect_left(words, word)
        return i if i < len(words) and words[i] == word else None

    def knows(self, word: str) -> bool:
        """Whether `word` (normalised) is a word of some indexed name, as typed."""
        return self._word(word) is not None

    def _entry_words(self, e: int) -> list[str]:
        words = self._words
        return [words[t] for t in self._tok[self._tok_off[e] : self._tok_off[e + 1]].tolist()]

    def _exact_entries(self, norm: str) -> list[int]:
        """Entries whose normalised name is `norm`, best-known first."""
        h = hash(norm)
        lo = int(np.searchsorted(self._exact_hash, h, "left"))
        hi = int(np.searchsorted(self._exact_hash, h, "right"))
        return [e for e in self._exact_entry[lo:hi].tolist() if self.entry_text(e) == norm]

    def fame(self, owner: int) -> float:
        """How well known `owner` is, 0..1 (log scale of the popularity given)."""
        return float(self._pop[owner])

    def __len__(self) -> int:
        return len(self._entry_owner)

    # -- words ----------------------------------------------------------------------
    def _little_words(self, q: tuple[str, ...], *, keep_last: bool) -> tuple[str, ...]:
        """Query words of 2-4 letters that are no index word but one slip from a little word
        ("teh", "fo", "tne", "thee") read as that word; `keep_last`: the last word may be the
        start of a longer one ("toy sto")."""
        out = []
        for i, w in enumerate(q):
            if keep_last and i == len(q) - 1:
                out.append(w)
                continue
            # A real word first may still be a slip for an article ("them x files").
            first = i == 0 and len(q) >= 3 and w not in FUNCTION_WORDS
            if 2 <= len(w) <= 4 and w.isalpha() and (first or self._word(w) is None):
                pool = FUNCTION_WORDS if self._word(w) is None else ARTICLES
                near = [f for f in pool if len(f) >= 2 and OSA.distance(w, f) <= 1
                        and abs(len(f) - len(w)) <= 1 and (len(w) > 2 or f[0] == w[0])]
                if near:
                    w = near[0]
            out.append(w)
        return tuple(out)

    def _variants_uncached(self, word: str, prefix: bool, context: bool = False
                           ) -> dict[str, float]:
        """Index words that `word` may stand for, with the weight of each reading.

        `context`: the query has other words, so a three-letter word may carry a slip."""
        out: dict[str, float] = {}
        k = allowed_typos(word)
        if k:
            # A word of the index was most likely typed as meant: slips on its first letter
            # are not looked for (the larger pools below cost the most).
            first_slip = self._word(word) is None
            for n in range(len(word) - k, len(word) + k + 1):
                self._near(word, self._buckets.get((word[0], n)), k, 1.0, out)
                if first_slip:
                    # First letter wrong ("kurassic"), or swapped with the second ("ujrassic").
                    self._near(word, self._second.get((word[1], n)), 1, FIRST_LETTER_WEIGHT,
                               out)
                    self._near(word, self._buckets.get((word[1], n)), 1, FIRST_LETTER_WEIGHT,
                               out)
            if first_slip:  # the first letter dropped ("oxing" for "boxing")
                self._near(word, self._second.get((word[0], len(word) + 1)), 1,
                           FIRST_LETTER_WEIGHT, out)
            h = hash(sound_many([word])[0])
            lo = int(np.searchsorted(self._sound_hash, h, "left"))
            hi = int(np.searchsorted(self._sound_hash, h, "right"))
            for t in self._sound_word[lo:hi].tolist():
                cand = self._words[t]
                out[cand] = max(out.get(cand, 0.0), SOUND_WEIGHT)
        if not k and self._word(word) is not None:
            out[word] = 1.0
        if len(word) == 3 and word.isalpha():
            # Three letters: a swap ("nad"); beside other words any slip ("space jsm",
            # "lew" for "flew"), even one that spells a word ("jim" for "jam"); alone it
            # would read as another word.
            pools = [self._buckets.get((f, n), ()) for f in {word[0], word[1]}
                     for n in ((2, 3, 4) if context else (3,))]
            if context:  # the first letter dropped ("lew") or wrong ("koy" for "joy")
                pools.append(self._second.get((word[0], 4), ()))
                pools.append(self._second.get((word[1], 3), ()))
            for pool in pools:
                for cand in pool:
                    if cand == word or OSA.distance(word, cand) != 1:
                        continue
                    if sorted(cand) == sorted(word):
                        out[cand] = max(out.get(cand, 0.0), TYPO_WEIGHT[1])
                    elif context:
                        out[cand] = max(out.get(cand, 0.0), SHORT3_WEIGHT)
        if k:
            # Number words became digits when normalised ("three" -> "3"); a misspelt one
            # ("trhee") still means the digit.
            for name, digit in NUMBER_WORDS.items():
                d = OSA.distance(word, name, score_cutoff=k)
                if d <= k and self._word(digit) is not None:
                    out[digit] = max(out.get(digit, 0.0), TYPO_WEIGHT[d])
        if prefix and len(word) >= 3:
            i = bisect.bisect_left(self._words, word)
            for cand in self._words[i : i + 50]:
                if not cand.startswith(word):
                    break
                out.setdefault(cand, PREFIX_WEIGHT)
        return out

    @staticmethod
    def _near(word: str, bucket: list[str] | None, k: int, weight: float,
              out: dict[str, float]) -> None:
        """Add the words of `bucket` within `k` edits of `word` to `out`."""
        if not bucket:
            return
        for cand, dist, _ in process.extract(
            word, bucket, scorer=OSA.distance, score_cutoff=k, limit=None
        ):
            w = TYPO_WEIGHT[int(dist)] * (1.0 if cand[0] == word[0] else weight)
            if dist and len(word) < 5:
                w *= SHORT_TYPO_WEIGHT
            if w > out.get(cand, 0.0):
                out[cand] = w

    def _word_idf(self, word: str, variants: dict[str, float]) -> float:
        t = self._word(word)
        if t is not None:
            return float(self._idf[t])
        if variants:
            return max(float(self._idf[self._word(v)]) for v in variants)
        return self._unknown_idf

    # -- search ---------------------------------------------------------------------
    def normalize(self, text: str) -> str:
        return normalize(text, articles=self.articles)

    def exact(self, text: str) -> list[int]:
        """Owners whose normalised name equals the normalised `text`, best-known first."""
        entries = self._exact_entries(self.normalize(text))
        owners = dict.fromkeys(int(self._entry_owner[e]) for e in entries)
        return sorted(owners, key=lambda o: -self._pop[o])

    def search(
        self, text: str, *, limit: int = 10, prefix: bool = True, min_score: float = 0.2
    ) -> list[Match]:
        """Best entries for `text`, one per owner, best first (score, then popularity).

        Entries scoring `min_score` or less are dropped (and never scored: faster)."""
        q = tokens(text, articles=self.articles)
        if not q or not len(self):
            return []
        q = q[:12]  # a title has at most a dozen words worth matching; bound the work
        q = self._little_words(q, keep_last=prefix)
        q_norm = " ".join(q)
        best: dict[int, Match] = {}
        for e in self._exact_entries(q_norm)[: limit + 20]:
            o = int(self._entry_owner[e])
            best[o] = Match(o, 1.0, e)
        context = sum(len(w) >= 3 and w not in OPTIONAL_WORDS for w in q) >= 2
        variants = [
            self._variants(w, prefix and i == len(q) - 1, context) for i, w in enumerate(q)
        ]
        weights = [self._word_idf(w, v) for w, v in zip(q, variants, strict=True)]
        # Words that must be explained (filler words may stay unmatched).
        need = sum(w for t, w in zip(q, weights, strict=True) if t not in OPTIONAL_WORDS) or 1.0
        entries, covered = self._candidates(variants, weights)
        kth: list[float] = []  # best scores so far, to stop once no candidate can enter
        for e, cov in zip(entries.tolist(), covered.tolist(), strict=True):
            bound = min(cov / need, 1.0) ** 2  # score <= q_cov**2 and q_cov <= cov / need
            if bound <= min_score or (len(kth) >= limit and bound < kth[-1]):
                break
            o = int(self._entry_owner[e])
            if o in best and best[o].score >= 1.0:
                continue
            s = self._score(q, q_norm, variants, weights, e)
            if s > min_score and (o not in best or s > best[o].score):
                best[o] = Match(o, s, e)
                bisect.insort(kth, s, key=lambda x: -x)
                del kth[limit:]
        ranked = sorted(
            best.values(), key=lambda m: -(m.score + POPULARITY_BONUS * self._pop[m.owner])
        )
        return [m for m in ranked if m.score > min_score][:limit]

    def _candidates(
        self, variants: list[dict[str, float]], weights: list[float]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Entries sharing a word with the query, most of the query covered first, and that
        idf-weighted coverage (an upper bound of what `_score` can find)."""
        n = len(self)
        total = np.zeros(n, dtype=np.float32)
        hit = False
        for var, w in zip(variants, weights, strict=True):
            if not var:
                continue
            per_word = np.zeros(n, dtype=np.float32)
            for cand, cw in sorted(var.items(), key=lambda kv: kv[1]):
                t = self._word(cand)
                lo, hi = self._post_offsets[t], self._post_offsets[t + 1]
                per_word[self._post_entries[lo:hi]] = cw
            total += w * per_word
            hit = True
        if not hit:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        nz = np.flatnonzero(total)
        cov = total[nz]
        # Among equal coverage prefer short names (better covered) and best-known owners;
        # `_score` decides, this only orders and trims the work.
        key = cov - 0.02 * self._entry_len[nz] + 0.05 * self._pop[self._entry_owner[nz]]
        if len(nz) > CANDIDATES:
            keep = np.argpartition(-key, CANDIDATES)[:CANDIDATES]
            nz, cov, key = nz[keep], cov[keep], key[keep]
        order = np.lexsort((-key, -cov))
        return nz[order], cov[order]

    def _score(
        self,
        q: tuple[str, ...],
        q_norm: str,
        variants: list[dict[str, float]],
        weights: list[float],
        e: int,
    ) -> float:
        """How well entry `e` explains the query (0..1); 1.0 only for an exact name."""
        tt = self._entry_words(e)
        used = [False] * len(tt)
        got = need = 0.0
        for w, var, wt in zip(q, variants, weights, strict=True):
            best, pos = 0.0, ()
            for j, t in enumerate(tt):
                s = var.get(t, 0.0)
                if s > best and not used[j]:
                    best, pos = s, (j,)
                    if s == 1.0:
                        break
            if best < 1.0:
                for j in range(len(tt) - 1):
                    if not used[j] and not used[j + 1] and (tt[j] + tt[j + 1]) == w:
                        best, pos = CONCAT_WEIGHT, (j, j + 1)
                        break
            if best == 0.0 and w in OPTIONAL_WORDS:
                continue  # "the movie titanic": fillers and articles are optional
            for j in pos:
                used[j] = True
            got += wt * best
            need += wt
        if need == 0.0:
            return 0.0
        q_cov = got / need
        t_idf, t_total = self._token_idf(e)
        t_cov = sum(i for i, u in zip(t_idf, used, strict=True) if u) / t_total
        n_used = sum(used)
        if self.joins and n_used >= 2 and all(used[:n_used]):
            # The query is the title's first words: people shorten titles that way
            # ("E.T." for "E.T. the Extra-Terrestrial", "dr strangelove").
            t_cov = max(t_cov, LEADING_COVER + (1 - LEADING_COVER) * t_cov)
        order = fuzz.ratio(q_norm, " ".join(tt)) / 100.0
        score = q_cov * q_cov * (0.6 + 0.4 * t_cov) * (0.9 + 0.1 * order)
        return min(score, 0.99)

    def _token_idf(self, e: int) -> tuple[list[float], float]:
        """Idf of each word of entry `e` and their sum."""
        idf = self._idf[self._tok[self._tok_off[e] : self._tok_off[e + 1]]].tolist()
        return idf, sum(idf) or 1.0

    def entry_text(self, entry: int) -> str:
        return " ".join(self._entry_words(entry))
