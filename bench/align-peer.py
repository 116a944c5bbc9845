#!/usr/bin/python3
"""The peer that konkordat's alignment engine is measured against.

usage: /usr/bin/python3 bench/align-peer.py ITEMS.tsv GOLD.tsv [OUTDIR]

scikit-learn's TF-IDF over title + text (Debian's python3-sklearn, which is
installed for /usr/bin/python3), two variants: words (sublinear tf) and
character 3-5-grams within word bounds (char_wb); cosine similarity; a pair
of items from different documents wherever the similarity is at least t,
with the best t chosen on the gold file itself (an optimistic baseline).
Pairs are scored as ../shared/alignment/score.py scores them: pairwise
precision, recall and F1 over pairs of items from different documents.

Prints one line per variant:
  peer VARIANT t=T precision=P recall=R f1=F predicted_pairs=N
and, with OUTDIR, writes OUTDIR/peer-VARIANT.tsv (each pair a group) so
that score.py can check the figures.
"""
import csv
import collections
import itertools
import sys

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity


def read(path):
    with open(path, encoding='utf-8') as f:
        return list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))


def gold_pairs(gold, doc_of):
    groups = collections.defaultdict(set)
    for r in gold:
        groups[r['group_id']].add(r['item_id'])
    out = set()
    for items in groups.values():
        for a, b in itertools.combinations(sorted(items), 2):
            if a in doc_of and b in doc_of and doc_of[a] != doc_of[b]:
                out.add((a, b))
    return out


def score(pred, gold):
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    items = read(sys.argv[1])
    outdir = sys.argv[3] if len(sys.argv) == 4 else None
    ids = [r['item_id'] for r in items]
    doc_of = {r['item_id']: r['doc_id'] for r in items}
    texts = [(r['title'] or '') + ' ' + (r.get('text') or '') for r in items]
    gold = gold_pairs(read(sys.argv[2]), doc_of)
    variants = {
        'word': TfidfVectorizer(analyzer='word', sublinear_tf=True),
        'char_wb-3-5': TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5),
                                       sublinear_tf=True),
    }
    for name, vec in variants.items():
        sim = cosine_similarity(vec.fit_transform(texts))
        cand = []
        for i, j in itertools.combinations(range(len(ids)), 2):
            if doc_of[ids[i]] != doc_of[ids[j]]:
                cand.append((sim[i, j], tuple(sorted((ids[i], ids[j])))))
        best = None
        for t100 in range(1, 100):
            t = t100 / 100
            pred = {p for s, p in cand if s >= t}
            p, r, f = score(pred, gold)
            if best is None or f > best[3]:
                best = (t, p, r, f, pred)
        t, p, r, f, pred = best
        print(f'peer {name} t={t:.2f} precision={p:.3f} recall={r:.3f} '
              f'f1={f:.3f} predicted_pairs={len(pred)}')
        if outdir:
            with open(f'{outdir}/peer-{name}.tsv', 'w', encoding='utf-8') as fp:
                fp.write('group_id\tgroup_label\titem_id\n')
                for k, (a, b) in enumerate(sorted(pred)):
                    fp.write(f'P{k}\t\t{a}\nP{k}\t\t{b}\n')


if __name__ == '__main__':
    main()
