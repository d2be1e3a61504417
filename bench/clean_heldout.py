"""Held-out clean-text segmentation: the shared clean articles that are NOT in ``fixtures/corpus``.

    python -m bench.clean_heldout [--corpus DIR] [--json FILE]
    python -m bench.clean_heldout --tune [--half a|b] [--verbose]

The clean section of :mod:`bench.quality` runs on ``fixtures/corpus`` (tuned on). This runs the same
measure (each article alone, and five at a time concatenated into one page; counts of articles
split and merged) on the other articles of ``../shared/corpus``, which nobody tuned on: report only,
never tune on it (so it has no ``--verbose``).

``--tune`` measures the same on tuning material instead: the ``fixtures/corpus`` articles in many
random groupings and orders (fixed seeds), and the articles of the seed pages' gold and draft gold
(``fixtures/gold``, ``fixtures/gold-dev``) rendered as clean text (headline lines, byline lines,
body paragraphs, a blank line between each), each alone, in page order five at a time, and in random
groupings. ``--half a`` / ``--half b`` keeps one half of the tuning articles (split by a hash of
the article's name: the fixture file, or the gold page and article number) and groups only those:
tune a rule on one half, check it on the other, keep it only if it helps on both.
``--verbose`` (tuning material only) prints, for each wrong page, where the output's
articles begin and which gold articles were split or merged.

A line printed identically in two articles of a page (a credit line, common in the Apple Daily
stories) counts with the article it stands in (``metrics._align``; since 2026-11-23 17:50: before,
a right output counted one split and one merged for it).

Tag ``sections`` (since 2026-11-23 18:05: the tuning articles above had no article that is split
when alone, so that error could not be tuned): made from the same tuning sources
only (``fixtures/corpus`` and the headed ``article`` kind of the gold and draft gold with two or
more paragraphs, 70 articles; never the shared articles outside fixtures), each laid out the way
news features are (:func:`feature`, seeded by the article's name): its body cut into one to four
sections at paragraphs that are body text, each section after the first headed in one style per
article: a subhead made of a 5-14 character phrase of the section's first sentences (punctuation
left out), a numbered point (``二、…`` or ``（二）…`` as a line, or opening the paragraph), a
question line (``记者：…？``, or ``问：…？`` with ``答：`` opening the answer) or a quotation from
the section (``“…”``, ``「…」`` in traditional); and by chance an editor's note under the headline
(``编者按：…``, or the label line over it), a section that opens with a date (the story's own
day or the next, any day when it names none), a closing credit line (``（记者 …）``,
``（责任编辑：…）``, ``来源：…``); traditional articles get these words in traditional characters.
Each article alone, in order five at a time, and in 60 random groups of five (30 per half).
Written before any rule was tuned on it; changed once after a first look, only where the layout
was unreal (a subhead stacked on the article's own subhead, a number or date put before a
numbered paragraph, an editor's note naming the byline).

Since 2026-11-23 16:15 half of those shared articles are tuning material too (``promoted``: the
tuning articles had no article that is split when alone, the held-out ones had five): ``--tune``
adds them (tag ``share``), and the held-out measure runs on the other half only (``--all``: on
both halves, as before that day, for comparison).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import regex

from cleaner import layout

from . import metrics
from .quality import CONCAT, ROOT, _fmt, _run

SHARED = ROOT.parent / "shared" / "corpus"
TUNED = ROOT / "fixtures" / "corpus"
GOLDS = (ROOT / "fixtures" / "gold", ROOT / "fixtures" / "gold-dev")
SHUFFLED = 200  # random pages of CONCAT fixture articles (seeds 0..SHUFFLED-1)
GOLD_SHUFFLED = 60  # random pages of CONCAT gold articles
_GOLD_KINDS = ("article", "brief", "photo", "sidebar")  # the kinds that have a headline
_HEAD_LABELS = ("headline", "label", "byline")


def in_half(name: str, half: str | None) -> bool:
    """Whether the article ``name`` is in tuning half ``half`` (``a`` or ``b``; None: both).

    >>> [in_half("0001.txt", h) for h in ("a", "b", None)].count(True)
    2
    """
    return half is None or "ab"[zlib.crc32(name.encode("utf-8")) % 2] == half


def gold_articles() -> list[tuple[str, str]]:
    """(name, clean text) of each headed article of the seed pages' gold and draft gold."""
    out = []
    for folder in GOLDS:
        for f in sorted(folder.glob("*.json")):
            for k, a in enumerate(json.loads(f.read_text(encoding="utf-8"))["articles"]):
                if a["kind"] not in _GOLD_KINDS or not a["headline"]:
                    continue
                lines = [*a["headline"], *a["byline"], *a["body"]]
                out.append((f"{f.stem[:3]}#{k}", "\n\n".join(lines) + "\n"))
    return out


def tune_pages(half: str | None = None) -> list[tuple[str, list[str]]]:
    """(name, articles' texts) of the tuning material (see the module's docstring), of one half
    of its articles only if ``half`` is given."""
    pages: list[tuple[str, list[str]]] = []
    share = 1 if half is None else 2  # (a half: half as many random pages, same cost each)
    for folder in sorted(p for p in TUNED.iterdir() if p.is_dir()):
        files = [f for f in sorted(folder.glob("*.txt")) if in_half(f.name, half)]
        texts = [f.read_text(encoding="utf-8") for f in files]
        tag = folder.name[:5]
        for k in range(0, len(texts), CONCAT):  # as bench.quality groups them
            pages.append((f"{tag}/cat{k // CONCAT}", texts[k : k + CONCAT]))
        for seed in range((SHUFFLED if tag == "clean" else SHUFFLED // 5) // share):
            picks = random.Random(seed).sample(range(len(texts)), CONCAT)
            pages.append(
                (
                    f"{tag}/r{seed}:" + ",".join(files[p].stem for p in picks),
                    [texts[p] for p in picks],
                )
            )
    if SHARED.is_dir():  # the promoted shared articles: alone, in order and in random groups
        for folder, found in shared_articles(SHARED, True):
            files = [f for f in found if in_half(f.name, half)]
            texts = [f.read_text(encoding="utf-8") for f in files]
            tag = "share" if folder.name.startswith("clean") else f"share-{folder.name[:5]}"
            pages += [(f"{tag}/{f.stem}", [t]) for f, t in zip(files, texts, strict=True)]
            for k in range(0, len(texts) - 1, CONCAT):
                pages.append((f"{tag}/cat{k // CONCAT}", texts[k : k + CONCAT]))
            for seed in range(40 // share if len(texts) >= CONCAT else 0):
                picks = random.Random(500 + seed).sample(range(len(texts)), CONCAT)
                name = f"{tag}/r{seed}:" + ",".join(files[p].stem for p in picks)
                pages.append((name, [texts[p] for p in picks]))
    pages += section_pages(half)
    golds = [(n, t) for n, t in gold_articles() if in_half(n, half)]
    pages += [(f"gold/{n}", [t]) for n, t in golds]
    for k in range(0, len(golds), CONCAT):
        group = golds[k : k + CONCAT]
        pages.append((f"gold/cat{k // CONCAT}", [t for _, t in group]))
    for seed in range(GOLD_SHUFFLED // share):
        picks = random.Random(1000 + seed).sample(range(len(golds)), CONCAT)
        name = f"gold/r{seed}:" + ",".join(golds[p][0] for p in picks)
        pages.append((name, [golds[p][1] for p in picks]))
    return pages


# ---- the ``sections`` tuning material: clean articles laid out as news features ------------

SECTIONS_GROUPS = 60  # random pages of CONCAT feature articles (seeds 3000..)
_SENTENCE_END = regex.compile(r"[。！？!?]")
_CLAUSE_CUT = regex.compile(r"[，,、；;：:（）()“”‘’「」『』《》〈〉—…\s]+")
_NOT_PHRASE = regex.compile(r"[^\p{Han}\p{L}\p{N}]")
_QUOTED = regex.compile(r"[“「]([^“”「」]+)[”」]")
_HAN_FIRST = regex.compile(r"^\p{Han}")
_HAN = regex.compile(r"\p{Han}")
_DAY = regex.compile(r"(\d{1,2})月(\d{1,2})日")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_HALF = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_NUM = "一二三四五六七八九十"
_NAMES = ("王伟", "李静", "张晓明", "刘洋", "陈思远", "赵磊", "周敏", "黄海涛")
_SOURCES = ("广州日报", "南方都市报", "新京报", "人民网", "工人日报")
_NOTES = (
    "编者按：{h}。本报记者近日深入一线采访，现将有关情况整理如下，以飨读者。",
    "编者按：围绕“{h}”，本报今起推出系列报道，敬请关注。",
    "编者按：{h}，引起社会广泛关注。本报记者就此进行了调查。",
)
_QUESTIONS = ("{p}？", "{p}，您怎么看？", "{p}，具体情况如何？", "为什么说{p}？")
_TRADITIONAL = str.maketrans(
    "记编责辑问来讯员报闻览关们这为么况体广请读导线现将飨围绕会调进说怎样该刘张陈赵黄网伟静晓涛远采访",
    "記編責輯問來訊員報聞覽關們這為麼況體廣請讀導線現將饗圍繞會調進說怎樣該劉張陳趙黃網偉靜曉濤遠採訪",
)


def _phrase(paragraph: str, rng: random.Random, quoted: bool = False) -> str:
    """A short phrase (5 to 14 characters, punctuation left out) from a paragraph's first two
    sentences, as an editor makes a section's subhead of its opening words (``quoted``: a
    quotation in them first, as a pull quote is); "" if they have none (none is cut short)."""
    first = "。".join(_SENTENCE_END.split(paragraph.strip(), maxsplit=2)[:2])
    if quoted:
        said = [_NOT_PHRASE.sub("", q) for q in _QUOTED.findall(first)]
        fit = [q for q in said if 5 <= len(q) <= 14 and len(_HAN.findall(q)) >= 4]
        return fit[0] if fit else ""
    clauses = [_NOT_PHRASE.sub("", c) for c in _CLAUSE_CUT.split(first)]
    fit = [c for c in clauses if 5 <= len(c) <= 14 and len(_HAN.findall(c)) >= 4]
    return rng.choice(fit[:3]) if fit else ""


def _cuttable(paras: Sequence[str], k: int) -> bool:
    """Whether a section may start at paragraph ``k``: it and the one above it are body text (not
    a subhead, list item or credit the article already has), and it is no short line."""
    return (
        layout.classify(paras[k - 1]) == "body"
        and layout.classify(paras[k]) == "body"
        and layout.visible_len(paras[k]) >= 30
    )


def _story_day(text: str) -> tuple[int, int] | None:
    m = _DAY.search(text.translate(_HALF))
    return (int(m.group(1)), int(m.group(2))) if m and 1 <= int(m.group(1)) <= 12 else None


def feature(name: str, head: Sequence[str], body: Sequence[str], traditional: bool) -> str:
    """One clean article (headline and byline lines ``head``, paragraphs ``body``) laid out as a
    news feature, deterministically (seeded by ``name``): its body cut into sections, each after
    the first headed alike (a subhead made of a phrase of the section's first sentence; a
    numbered point ``二、…`` / ``（二）…`` as a line or opening the paragraph; a question
    ``记者：…？`` / ``问：…？`` with ``答：`` opening the answer; a quotation line ``“…”``); and
    maybe an editor's note under the headline (``编者按：…`` or the label line over it), a
    section opening with a date (the story's own day, the next day, or any day when it tells
    none), a closing credit line (``（责任编辑：…）``, ``（记者 …）``, ``来源：…``)."""
    rng = random.Random(f"sections:{name}")
    paras = [p for p in body if p.strip()]
    full = any("０" <= ch <= "９" for p in paras for ch in p)
    style = rng.choice(("subhead", "subhead", "numbered", "qa", "quoted"))
    if style == "numbered" and any(layout.NUMBERED.match(p.strip()) for p in paras):
        style = "subhead"  # (an article that numbers its own points keeps its numbering)
    wanted = max(1, min(4, len(paras) // 3 + rng.randint(-1, 1)))
    places = [k for k in range(1, len(paras)) if _cuttable(paras, k)]
    cuts = sorted(rng.sample(places, min(wanted, len(places))))
    out: list[str] = list(head)
    if rng.random() < 0.25 and head:
        titles = [h for h in head if layout.classify(h) == "headline"] or list(head)
        topic = max(_CLAUSE_CUT.split(titles[-1].strip()), key=len)
        note = rng.choice(_NOTES).format(h=_NOT_PHRASE.sub("", topic))
        out += ["编者按", note[4:]] if rng.random() < 0.4 else [note]
    sections = [paras[a:b] for a, b in zip([0, *cuts], [*cuts, len(paras)], strict=True)]
    dated = rng.randrange(1, len(sections)) if len(sections) > 1 and rng.random() < 0.4 else 0
    if dated and (
        not _HAN_FIRST.match(sections[dated][0]) or layout.NUMBERED.match(sections[dated][0])
    ):
        dated = 0  # (a paragraph that opens with a number or a quotation keeps its opening)
    day = _story_day("\n".join(paras))
    numbering = rng.choice(("line", "paren", "inline"))
    asker = rng.choice(("记者", "问"))
    for n, section in enumerate(sections):
        section = list(section)
        phrase = _phrase(section[0], rng) if n else ""
        said = _phrase(section[0], rng, quoted=True) if n and style == "quoted" else ""
        if n == dated and n:
            month, date = day or (rng.randint(1, 12), rng.randint(1, 28))
            date += rng.choice((0, 0, 1)) if day else 0
            when = f"{month}月{date}日" + rng.choice(("，", "上午，", "下午，", "晚，"))
            section[0] = (when.translate(_FULL) if full else when) + section[0]
        if said:  # a pull quote, in the script's quotation marks
            out.append(f"「{said}」" if traditional else f"“{said}”")
        elif phrase and style in ("subhead", "quoted"):
            out.append(phrase)
        elif phrase and style == "qa":
            out.append(f"{asker}：" + rng.choice(_QUESTIONS).format(p=phrase))
            if asker == "问":
                section[0] = "答：" + section[0]
        elif style == "numbered" and n:
            number = _CN_NUM[n - 1] if n <= len(_CN_NUM) else str(n)
            if numbering == "inline":
                section[0] = f"{number}、{section[0]}"
            elif phrase:
                out.append(
                    f"{number}、{phrase}" if numbering == "line" else f"（{number}）{phrase}"
                )
        out += section
    if rng.random() < 0.35 and layout.classify(paras[-1]) == "body" and "来源" not in paras[-1]:
        who = rng.choice(_NAMES)
        out.append(
            rng.choice(
                (
                    f"（责任编辑：{who}）",
                    f"（记者 {who}）",
                    f"来源：{rng.choice(_SOURCES)}",
                    f"（编辑：{who}）",
                )
            )
        )
    if traditional:
        out = [
            line if k < len(head) else line.translate(_TRADITIONAL) for k, line in enumerate(out)
        ]
    return "\n\n".join(out) + "\n"


def feature_articles(half: str | None = None) -> list[tuple[str, str]]:
    """(name, text) of the ``sections`` material: each fixture corpus article and each gold
    article of two or more body paragraphs, laid out by :func:`feature` (see the module's
    docstring); of one tuning half only if ``half`` is given (by the source article's name)."""
    out = []
    for folder in sorted(p for p in TUNED.iterdir() if p.is_dir()):
        for f in sorted(folder.glob("*.txt")):
            if not in_half(f.name, half):
                continue
            blocks = [
                b for b in regex.split(r"\n\s*\n", f.read_text(encoding="utf-8")) if b.strip()
            ]
            k = 0
            while k < min(3, len(blocks) - 1) and layout.classify(blocks[k]) in _HEAD_LABELS:
                k += 1
            if len(blocks) - k >= 2:
                name = f"{folder.name[:5]}-{f.stem}"
                trad = folder.name.startswith("tradi")
                out.append((name, feature(name, blocks[:k], blocks[k:], trad)))
    for folder in GOLDS:
        for f in sorted(folder.glob("*.json")):
            for k, a in enumerate(json.loads(f.read_text(encoding="utf-8"))["articles"]):
                name = f"{f.stem[:3]}#{k}"
                if a["kind"] != "article" or not a["headline"] or not in_half(name, half):
                    continue
                if len(a["body"]) >= 2:
                    head = [*a["headline"], *a["byline"]]
                    out.append((f"gold-{name}", feature(f"gold-{name}", head, a["body"], False)))
    return out


def section_pages(half: str | None = None) -> list[tuple[str, list[str]]]:
    """The ``sections`` tag's pages: each feature article alone, in order five at a time, and
    in random groups of five (fixed seeds)."""
    arts = feature_articles(half)
    pages = [(f"sections/{n}", [t]) for n, t in arts]
    for k in range(0, len(arts) - 1, CONCAT):
        pages.append((f"sections/cat{k // CONCAT}", [t for _, t in arts[k : k + CONCAT]]))
    for seed in range(SECTIONS_GROUPS // (1 if half is None else 2)):
        picks = random.Random(3000 + seed).sample(range(len(arts)), CONCAT)
        name = f"sections/r{seed}:" + ",".join(arts[p][0] for p in picks)
        pages.append((name, [arts[p][1] for p in picks]))
    return pages


def promoted(name: str) -> bool:
    """Whether the shared article ``name`` (not in fixtures) is tuning material (half of them).

    >>> sum(promoted(f"{k:04d}.txt") for k in range(100)) in range(35, 66)
    True
    """
    return zlib.crc32(b"promoted:" + name.encode("utf-8")) % 2 == 0


def shared_articles(corpus: Path, tuning: bool | None) -> list[tuple[Path, list[Path]]]:
    """Each corpus folder's articles that are not in fixtures: the promoted half (``tuning``
    True), the held-out half (False) or both (None)."""
    out = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        tuned = {f.name for f in (TUNED / folder.name).glob("*.txt")}
        files = [f for f in sorted(folder.glob("*.txt")) if f.name not in tuned]
        out.append((folder, [f for f in files if tuning is None or promoted(f.name) == tuning]))
    return out


def heldout_pages(corpus: Path = SHARED, everything: bool = False) -> list[tuple[str, list[str]]]:
    """(name, articles' texts) for each held-out article alone and each run of ``CONCAT``
    (``everything``: the promoted articles too)."""
    pages: list[tuple[str, list[str]]] = []
    for folder, files in shared_articles(corpus, None if everything else False):
        texts = [f.read_text(encoding="utf-8") for f in files]
        pages += [(f"{folder.name[:5]}/{f.stem}", [t]) for f, t in zip(files, texts, strict=True)]
        for k in range(0, len(texts), CONCAT):
            group = texts[k : k + CONCAT]
            if len(group) > 1:
                pages.append((f"{folder.name[:5]}/cat{k // CONCAT}", group))
    return pages


def measure(pages: Sequence[tuple[str, list[str]]], verbose: bool = False) -> list[dict[str, Any]]:
    rows = []
    for name, texts in pages:
        gold = [metrics.raw_page(t)[0] for t in texts]
        out, changes = _run("\n\n".join(t.strip("\n") for t in texts) + "\n", f"{name}.txt")
        pairs = metrics._align(gold, out)
        acts = Counter(c.action for c in changes)
        split = sum(len({o for g2, o in pairs if g2 == g}) - 1 for g in {g for g, _ in pairs})
        merged = sum(len({g for g, o2 in pairs if o2 == o}) - 1 for o in {o for _, o in pairs})
        rows.append(
            {
                "page": name,
                "articles": len(texts),
                "paras": sum(map(len, gold)),
                "group_f1": metrics.group_f1(gold, out, by_article=True),
                "split": split,
                "merged": merged,
                "removed": acts["remove"],
                "joined": acts["join"],
            }
        )
        if verbose and (split or merged):
            _explain(name, gold, out, pairs, split, merged)
    return rows


def _explain(
    name: str,
    gold: metrics.Page,
    out: metrics.Page,
    pairs: Sequence[tuple[int, int]],
    split: int,
    merged: int,
) -> None:
    print(f"-- {name}: split {split} merged {merged}")
    for g in sorted({g for g, _ in pairs}):
        outs = sorted({o for g2, o in pairs if g2 == g})
        if len(outs) > 1:  # where each further piece starts
            for o in outs[1:]:
                print(f"   SPLIT gold {g} at {out[o][0][:50]!r}")
    for o in sorted({o for _, o in pairs}):
        golds = sorted({g for g, o2 in pairs if o2 == o})
        if len(golds) > 1:
            heads = ", ".join(repr(gold[g][0][:30]) for g in golds[1:])
            print(f"   MERGED into {out[o][0][:30]!r}: {heads}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.clean_heldout", description=__doc__)
    ap.add_argument("--corpus", type=Path, default=SHARED)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--tune", action="store_true", help="measure the tuning material instead")
    ap.add_argument("--half", choices=("a", "b"), help="one half of the tuning articles only")
    ap.add_argument("--verbose", action="store_true", help="list the errors (with --tune only)")
    ap.add_argument("--all", action="store_true", help="held-out and promoted articles together")
    args = ap.parse_args(argv)
    if (args.verbose or args.half) and not args.tune:
        ap.error("--verbose/--half: tuning material only (--tune); held-out is report-only")
    pages = tune_pages(args.half) if args.tune else heldout_pages(args.corpus, args.all)
    rows = measure(pages, args.verbose)
    cat = [r for r in rows if r["articles"] > 1]
    alone = [r for r in rows if r["articles"] == 1]
    tot = {
        "pages": len(rows),
        "articles_alone": len(alone),
        "split_alone": sum(r["split"] for r in alone),
        "articles_cat": sum(r["articles"] for r in cat),
        "split_cat": sum(r["split"] for r in cat),
        "merged_cat": sum(r["merged"] for r in cat),
        "removed": sum(r["removed"] for r in rows),
        "joined": sum(r["joined"] for r in rows),
        "group_f1": sum(r["group_f1"] for r in rows) / max(len(rows), 1),
    }
    wrong = tot["split_cat"] + tot["merged_cat"]
    tot["wrong_share_cat"] = wrong / max(tot["articles_cat"], 1)
    if not args.tune:
        for r in cat:
            print(f"{r['page']:<14} split {r['split']} merged {r['merged']} f1 {r['group_f1']:.4f}")
    else:
        _by_source(rows)
    print("  ".join(f"{k} {_fmt(v)}" for k, v in tot.items()))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "totals": tot}, indent=1) + "\n", "utf-8")
    return 0


def _by_source(rows: Sequence[dict[str, Any]]) -> None:
    """Totals per source of the tuning material (fixture corpus folder, gold)."""
    for tag in sorted({r["page"].split("/")[0] for r in rows}):
        mine = [r for r in rows if r["page"].startswith(tag + "/")]
        cat = [r for r in mine if r["articles"] > 1]
        alone = [r for r in mine if r["articles"] == 1]
        n = sum(r["articles"] for r in cat)
        wrong = sum(r["split"] + r["merged"] for r in cat)
        print(
            f"{tag:<6} alone {len(alone)} split {sum(r['split'] for r in alone)} | "
            f"cat pages {len(cat)} articles {n} split {sum(r['split'] for r in cat)} "
            f"merged {sum(r['merged'] for r in cat)} wrong {wrong / max(n, 1):.3f}"
        )


if __name__ == "__main__":
    sys.exit(main())
