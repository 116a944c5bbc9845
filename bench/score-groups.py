#!/usr/bin/env python3
"""A faster equivalent of ../shared/alignment/score.py.

usage: score-groups.py ITEMS.tsv GOLD.tsv PRED.tsv

Same metric and output line as score.py: pairwise precision, recall and F1
over pairs of items from different documents that share at least one group.
When every item is in at most one group of GOLD and of PRED (partitions),
pairs are counted, not listed: the cross-document pairs of a set of items
are C(n,2) minus the sum over documents of C(n_d,2), and true positives are
counted over the cells (gold group, predicted group). Otherwise it lists
pairs as score.py does (as integer codes, to save memory).
"""
import collections
import sys


def read_groups(path, idx):
    groups = collections.defaultdict(set)
    with open(path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        gi, ii = head.index('group_id'), head.index('item_id')
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) > max(gi, ii) and c[ii] in idx:
                groups[c[gi]].add(idx[c[ii]])
    return groups


def cross(counter):
    n = sum(counter.values())
    return n * (n - 1) // 2 - sum(k * (k - 1) // 2 for k in counter.values())


def membership(groups):
    of = {}
    for g, items in groups.items():
        for i in items:
            if i in of:
                return None
            of[i] = g
    return of


def pair_set(groups, doc, n):
    out = set()
    for items in groups.values():
        s = sorted(items)
        for a in range(len(s)):
            da = doc[s[a]]
            for b in range(a + 1, len(s)):
                if doc[s[b]] != da:
                    out.add(s[a] * n + s[b])
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    idx, doc = {}, []
    docs = {}
    with open(sys.argv[1], encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        di, ii = head.index('doc_id'), head.index('item_id')
        for line in f:
            c = line.rstrip('\n').split('\t')
            if c[ii] not in idx:
                idx[c[ii]] = len(doc)
                doc.append(docs.setdefault(c[di], len(docs)))
            else:   # score.py: the last row of an id wins
                doc[idx[c[ii]]] = docs.setdefault(c[di], len(docs))
    gold = read_groups(sys.argv[2], idx)
    pred = read_groups(sys.argv[3], idx)
    gof, pof = membership(gold), membership(pred)
    if gof is not None and pof is not None:
        ng = sum(cross(collections.Counter(doc[i] for i in s))
                 for s in gold.values())
        npred = sum(cross(collections.Counter(doc[i] for i in s))
                    for s in pred.values())
        cells = collections.defaultdict(collections.Counter)
        for i, g in gof.items():
            if i in pof:
                cells[(g, pof[i])][doc[i]] += 1
        tp = sum(cross(c) for c in cells.values())
    else:
        n = len(doc)
        gp, pp = pair_set(gold, doc, n), pair_set(pred, doc, n)
        ng, npred, tp = len(gp), len(pp), len(gp & pp)
    p = tp / npred if npred else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f'precision={p:.3f} recall={r:.3f} f1={f:.3f} gold_pairs={ng} '
          f'predicted_pairs={npred}')


if __name__ == '__main__':
    main()
