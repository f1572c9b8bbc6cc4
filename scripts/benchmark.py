"""Throughput and peak memory of `zhgov annotate`, side by side with spaCy
tokenization alone and with the jieba-plus-regex script a user would write
instead.

    python scripts/benchmark.py --reports ../shared/external/gov-reports-2026
    python scripts/benchmark.py --quick --json bench.json
    python scripts/benchmark.py --reports ../shared/external/gov-reports-2026 --profile

Cases: the real reports (when --reports is given), single generated documents
of 1 KB, 50 KB, 1 MB and 5 MB (UTF-8 bytes), and batches of 10, 1,000 and
10,000 short generated documents. Generated text combines the hand-written
fragments below with random numbers and work-item markers; it reads like a
report to the rules and the tokenizer, not to a person.

Modes, each case run in a fresh subprocess so that peak RSS (ru_maxrss of the
child) is per case and per mode:
  full      pipeline.load() + annotate_documents (nlp.pipe, doc_to_record) +
            the JSONL bytes, i.e. what `zhgov annotate` does; the bytes are
            hashed, so that runs can be compared for identical output
  tokenize  nlp.make_doc alone: zhgov's tokenizer with the shipped pkuseg
            model (batched pkuseg, pipeline/pkuseg_fast.py)
  spacy-tok spaCy's own ChineseTokenizer (segmenter "pkuseg") with the same
            pkuseg model: spaCy tokenization as spaCy ships it
  jieba     jieba.posseg + regexes for amounts, head counts and projects,
            dumped as JSON: the script a user writes without zhgov
  full-npN  (--n-process N) the full path on N worker processes
Throughput counts input characters per second of processing; loading the
pipeline (or jieba's dictionary) is timed apart.
"""
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple
import argparse
import hashlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parent.parent
SEED = 20260101

# Hand-written fragments (not taken from any real report).
ORGS = (
    "市发展改革委", "县财政局", "区教育局", "市卫生健康委", "县农业农村局", "市住房城乡建设局",
    "区人力资源和社会保障局", "市生态环境局", "县交通运输局", "市科技局", "区民政局", "市商务局",
    "县水利局", "市文化和旅游局", "区应急管理局", "市市场监管局", "县自然资源局", "市审计局",
    "区司法局", "市统计局", "各乡镇人民政府", "各街道办事处", "县医疗保障局", "市退役军人事务局",
    "区城市管理局", "市工业和信息化局", "县林业局", "市体育局", "区税务局", "市公安局",
    "县供销合作社", "市地方金融监管局", "区数据资源局", "县乡村振兴局", "市机关事务管理局",
    "区妇联", "团县委", "市残联", "县总工会", "市住房公积金管理中心",
)
ACTIONS = (
    "深入推进", "扎实开展", "全面落实", "持续加强", "大力实施", "稳步推进", "认真组织", "加快推进",
    "不断完善", "积极争取", "统筹推进", "着力抓好", "切实做好", "有序推进", "全力保障", "巩固提升",
    "严格落实", "健全完善", "聚焦推进", "高质量完成", "常态化开展", "系统推进", "协同推进", "精准实施",
    "持续深化", "全面推开", "创新开展", "规范推进", "重点推进", "分类推进",
)
OBJECTS = (
    "乡村振兴战略", "城乡环境综合整治", "义务教育优质均衡发展", "基层医疗卫生服务体系建设",
    "高标准农田建设", "老旧小区改造", "农村人居环境整治", "稳就业保民生工作", "营商环境优化",
    "科技创新平台建设", "安全生产专项整治", "河湖长制工作", "数字政府建设", "社会救助兜底保障",
    "养老服务体系建设", "国有资产管理", "预算绩效管理改革", "政府采购监督", "耕地保护和粮食安全",
    "大气污染防治", "水污染防治攻坚", "城市更新行动", "重大项目建设", "招商引资工作",
    "民营经济发展", "中小企业纾困", "职业技能提升行动", "高校毕业生就业服务", "困难群众帮扶",
    "公共文化服务", "全民健身活动", "食品药品安全监管", "消防安全隐患排查", "防汛抗旱工作",
    "森林防火工作", "矛盾纠纷排查化解", "信访积案化解", "法治政府建设", "政务公开工作",
    "12345热线办理", "一网通办改革", "村级集体经济发展", "农村产权制度改革", "智慧农业示范",
    "新能源汽车推广", "充电设施建设", "垃圾分类工作", "公共租赁住房保障", "保障性住房建设",
    "校园安全管理",
)
PROJECTS = (
    "城南污水处理厂扩建工程", "中心城区道路提升改造项目", "第二人民医院新院区建设项目",
    "农村饮水安全巩固提升工程", "智慧城市一期项目", "产业园区标准化厂房项目", "滨河公园景观提升工程",
    "高铁站前广场综合开发项目", "县城供热管网改造工程", "乡镇卫生院标准化建设项目",
    "城乡客运一体化项目", "全域土地综合整治试点项目", "千亩良田示范工程", "数字乡村试点项目",
    "中小学校舍维修改造工程", "老年大学新校区项目", "应急物资储备库建设项目",
    "雨污分流改造工程", "冷链物流中心项目", "文化艺术中心建设项目", "农贸市场升级改造项目",
    "山洪灾害防治项目", "国道改线工程", "光伏发电示范项目", "5G基站建设工程",
    "职业教育实训基地项目", "妇女儿童活动中心项目", "体育公园建设项目", "生活垃圾焚烧发电项目",
    "湿地保护修复工程",
)
INTROS = (
    "在市委、市政府的坚强领导下，", "过去一年，", "今年以来，", "一年来，", "按照年初确定的目标任务，",
    "围绕中心工作，", "在上级部门的大力支持下，", "面对复杂严峻的形势，", "全年，", "截至目前，",
    "上半年，", "下一步，", "与此同时，", "总体来看，", "据统计，", "经过努力，", "对照考核要求，",
    "结合本地实际，", "坚持问题导向，", "以群众满意为标准，",
)
RESULTS = (
    "完成投资{money}", "下达资金{money}", "培训{count}", "新增就业{count}", "争取上级资金{money}",
    "同比增长{pct}%", "发放补贴{money}", "完成年度目标任务的{pct}%", "建成{n}个", "覆盖{n}个行政村",
    "惠及群众{count}", "累计投入{money}", "帮扶困难群众{count}", "减免税费{money}", "新增市场主体{n}户",
    "接待游客{count}", "救助{count}", "筹集资金{money}", "化解矛盾纠纷{n}件", "办理群众诉求{n}件",
    "组织招聘会{n}场，提供岗位{n}个", "实现营业收入{money}", "拨付专项资金{money}", "新建改建道路{n}公里",
    "整改问题{n}个", "检查企业{n}家次", "发放贷款{money}", "改造农户{count}", "建设标准化厂房{n}万平方米",
    "完成植树造林{n}亩", "吸纳就业{count}", "节约资金{money}", "审计资金{money}", "参与志愿服务{count}",
)
CLOSERS = (
    "取得明显成效。", "群众满意度持续提升。", "为全年工作打下坚实基础。", "得到上级充分肯定。",
    "各项指标位居全市前列。", "工作机制进一步健全。", "保持了良好发展态势。", "圆满完成目标任务。",
    "社会效益和经济效益同步提升。", "形成了一批可复制可推广的经验做法。",
)
HEADINGS = (
    "扎实做好稳就业工作", "持续改善民生福祉", "全力推进重点项目建设", "不断优化营商环境",
    "加强生态环境保护", "深化重点领域改革", "防范化解重大风险", "提升基层治理水平",
    "推动产业转型升级", "加强财政资金管理", "强化安全生产监管", "加强干部队伍建设",
    "存在的问题和不足", "下一步工作打算", "主要工作完成情况", "推进乡村全面振兴",
    "统筹城乡融合发展", "提升公共服务水平", "加强党的建设", "抓好巡视整改落实",
)
PROBLEMS = (
    "但也要清醒看到，", "同时也存在一些问题：", "对照群众期盼，", "从工作实际看，",
)
WEAKNESSES = (
    "部分项目推进较慢", "资金保障压力较大", "基层人员力量不足", "产业结构不够合理",
    "创新能力有待提升", "公共服务短板仍然存在", "风险防范能力需要加强",
)
BOILERPLATE = (
    "来源：{org}", "发布时间：2025-{m:02d}-{d:02d} {h}:{mi:02d}", "打印本页 关闭窗口", "第 {n} 页 共 {n2} 页",
    "【字号：大 中 小】", "浏览次数：{n}", "首页 > 政务公开 > 工作报告",
)
CN_NUMERALS = "一二三四五六七八九十"
PERSON_UNITS = ("人", "余人", "人次", "名", "多人", "余人次", "位")
MONEY_UNITS = ("万元", "亿元", "元", "余万元", "多万元", "万美元")


def _cn(number: int) -> str:
    """A Chinese numeral of 1 … 99."""
    if number <= 10:
        return CN_NUMERALS[number - 1]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else CN_NUMERALS[tens - 1]) + "十" + (CN_NUMERALS[units - 1] if units else "")


def _money(rng: random.Random) -> str:
    form = rng.random()
    if form < 0.45:
        return f"{rng.randint(1, 99999)}{rng.choice(MONEY_UNITS)}"
    if form < 0.7:
        return f"{rng.randint(1, 999)}.{rng.randint(1, 99)}{rng.choice(('万元', '亿元'))}"
    if form < 0.8:
        return f"{rng.randint(1, 9)},{rng.randint(100, 999)}万元"
    if form < 0.9:
        return f"约{rng.randint(10, 5000)}万元"
    if form < 0.95:
        low = rng.randint(1, 50)
        return f"{low}万元至{low + rng.randint(1, 50)}万元"
    return f"{_cn(rng.randint(1, 99))}万元"


def _count(rng: random.Random) -> str:
    if rng.random() < 0.85:
        return f"{rng.randint(2, 99999)}{rng.choice(PERSON_UNITS)}"
    return f"{rng.randint(1, 99)}.{rng.randint(1, 9)}万人"


def _result(rng: random.Random) -> str:
    return rng.choice(RESULTS).format(
        money=_money(rng), count=_count(rng), pct=f"{rng.randint(1, 150)}.{rng.randint(0, 9)}",
        n=rng.randint(2, 3000),
    )


def sentence(rng: random.Random) -> str:
    """One report-like sentence."""
    parts = [rng.choice(INTROS) if rng.random() < 0.5 else ""]
    parts.append(rng.choice(ORGS) + rng.choice(ACTIONS) + rng.choice(OBJECTS))
    if rng.random() < 0.4:
        parts.append("，实施" + rng.choice(PROJECTS))
    for _ in range(rng.randint(1, 3)):
        parts.append("，" + _result(rng))
    parts.append("，" + rng.choice(CLOSERS))
    return "".join(parts)


def paragraph(rng: random.Random, n_sentences: int) -> str:
    if rng.random() < 0.3:
        inline = [f"{_cn(i)}是{sentence(rng)}" for i in range(1, n_sentences + 1)]
        return rng.choice(ACTIONS) + rng.choice(OBJECTS) + "。" + "".join(inline)
    if rng.random() < 0.1:
        return rng.choice(PROBLEMS) + "，".join(rng.sample(WEAKNESSES, 3)) + "。"
    return "".join(sentence(rng) for _ in range(n_sentences))


def _boilerplate_line(rng: random.Random) -> str:
    return rng.choice(BOILERPLATE).format(
        org=rng.choice(ORGS), m=rng.randint(1, 12), d=rng.randint(1, 28), h=rng.randint(8, 18),
        mi=rng.randint(0, 59), n=rng.randint(1, 9), n2=rng.randint(10, 30),
    )


def report_lines(rng: random.Random) -> Iterator[str]:
    """The lines of an endless report: a title, some site boilerplate, then
    sections 一、 with subsections （一） and items 1. holding paragraphs."""
    yield f"{rng.choice(ORGS)}{rng.randint(2019, 2025)}年工作总结和下一年工作打算"
    yield _boilerplate_line(rng)
    yield ""
    yield paragraph(rng, 2)
    section = 0
    while True:
        section += 1
        yield f"{_cn(min(section, 99))}、{rng.choice(HEADINGS)}"
        for sub in range(1, rng.randint(2, 5)):
            yield f"（{_cn(sub)}）{rng.choice(HEADINGS)}"
            for item in range(1, rng.randint(2, 5)):
                yield f"{item}.{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}。{paragraph(rng, rng.randint(1, 4))}"
            if rng.random() < 0.05:
                yield _boilerplate_line(rng)


def generated_document(n_bytes: int, seed: int = SEED) -> str:
    """A generated report of about n_bytes bytes of UTF-8, ending at a line end."""
    rng = random.Random(seed)
    lines: List[str] = []
    size = 0
    for line in report_lines(rng):
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
        if size >= n_bytes:
            break
    return "\n".join(lines) + "\n"


def short_document(rng: random.Random) -> str:
    """A short document (a few hundred characters): a heading and a paragraph."""
    heading = f"{_cn(rng.randint(1, 9))}、{rng.choice(HEADINGS)}"
    return heading + "\n" + paragraph(rng, rng.randint(2, 4)) + "\n"


# Cases: (name, kind, size). kind: "reports", "doc" (size in bytes) or "batch"
# (size in documents).
FULL_LADDER = (
    ("doc 1 KB", "doc", 1_000), ("doc 50 KB", "doc", 50_000), ("doc 1 MB", "doc", 1_000_000),
    ("doc 5 MB", "doc", 5_000_000), ("10 docs", "batch", 10), ("1,000 docs", "batch", 1_000),
    ("10,000 docs", "batch", 10_000),
)
QUICK_LADDER = (
    ("doc 1 KB", "doc", 1_000), ("doc 50 KB", "doc", 50_000), ("doc 1 MB", "doc", 1_000_000),
    ("10 docs", "batch", 10), ("1,000 docs", "batch", 1_000),
)
MODES = ("full", "tokenize", "spacy-tok", "jieba")


def case_texts(kind: str, size: int, reports: Optional[str]) -> Iterator[Tuple[str, str]]:
    """The (doc_id, text) pairs of a case, produced lazily."""
    if kind == "reports":
        for path in sorted(Path(reports).rglob("*.txt")):
            yield path.stem, path.read_text(encoding="utf-8")
    elif kind == "doc":
        yield f"doc-{size}", generated_document(size)
    else:
        rng = random.Random(SEED + size)
        for i in range(size):
            yield f"short-{i}", short_document(rng)


# The child: one case, one mode


class _HashSink:
    """A binary file that keeps only a hash and a byte count of what it gets."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.n_bytes = 0

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.n_bytes += len(data)

    def flush(self) -> None:
        pass


def _peak_mb() -> float:
    """Peak RSS of this process and, where larger, of any waited-for child
    (the worker processes of full-npN), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) * 1024 / 1e6  # Linux reports KiB


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the workers
    of full-npN): on a busy machine, a steadier measure than the clock."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_child(spec: Dict) -> Dict:
    """Run one case in one mode in this process and measure it."""
    mode, kind, size = spec["mode"], spec["kind"], spec["size"]
    if spec.get("blas_threads"):
        from pipeline.cpu import limit_blas_threads

        limit_blas_threads(spec["blas_threads"])
    texts = case_texts(kind, size, spec.get("reports"))
    started = time.perf_counter()
    result: Dict = {}
    if mode == "jieba":
        run = _jieba_runner()
    elif mode == "tokenize":
        run = _tokenize_runner(spec["model"])
    elif mode == "spacy-tok":
        run = _tokenize_runner(spec["model"], stock=True)
    else:
        run = _full_runner(spec["model"], spec.get("n_process", 1), spec.get("batch_size", 64),
                           spec.get("numpy_gemm", False), spec.get("chunk_chars"))
    loaded = time.perf_counter()
    cpu_before = _cpu_seconds()
    n_chars, n_docs, extra = run(texts)
    done = time.perf_counter()
    result.update(extra)
    result.update(chars=n_chars, docs=n_docs, load_s=loaded - started, seconds=done - loaded,
                  cpu_s=_cpu_seconds() - cpu_before, peak_mb=_peak_mb())
    return result


def _counted(texts, counter: Dict) -> Iterator[Tuple[str, str]]:
    for doc_id, text in texts:
        counter["chars"] += len(text)
        counter["docs"] += 1
        yield doc_id, text


def _full_runner(model: Optional[str], n_process: int, batch_size: int, numpy_gemm: bool = False,
                 chunk_chars: Optional[int] = None):
    import pipeline
    from pipeline.annotate import annotate_documents, write_outcomes
    from pipeline.io import InputDocument

    from pipeline.distributed import get_pipeline

    # With n_process > 1, the workers are forked from this process and share
    # the pipeline loaded here, as they do under `zhgov annotate`.
    nlp = get_pipeline(model)
    if numpy_gemm:
        from pipeline.cpu import use_numpy_gemm

        use_numpy_gemm(nlp)

    def run(texts):
        counter = {"chars": 0, "docs": 0}
        documents = (InputDocument(source=f"{doc_id}.txt", doc_id=doc_id, text=text,
                                   meta={"source": f"{doc_id}.txt", "encoding": "utf-8"})
                     for doc_id, text in _counted(texts, counter))
        options = {"batch_size": batch_size}
        if chunk_chars:
            options["chunk_chars"] = chunk_chars
        if n_process == 1:
            outcomes = annotate_documents(nlp, documents, **options)
        else:
            from pipeline.distributed import annotate_documents_parallel

            outcomes = annotate_documents_parallel(documents, model=model, n_process=n_process,
                                                   mp_context="fork", **options)
        failed: List[str] = []
        sink = _HashSink()
        write_outcomes(outcomes, sink, lambda outcome: failed.append(outcome.error))
        return counter["chars"], counter["docs"], {
            "output_sha256": sink.digest.hexdigest(), "output_bytes": sink.n_bytes, "failed": len(failed),
        }

    return run


def _tokenize_runner(model: Optional[str], stock: bool = False):
    import pipeline

    # The tokenizer alone: no component is loaded.
    nlp = pipeline.load(model, exclude=["boilerplate", "work_items", "numbers", "entity_ruler", "tok2vec",
                                        "ner", "linker"])
    nlp.max_length = 10 ** 9
    tokenizer = nlp.tokenizer
    if stock:
        from spacy.lang.zh import ChineseTokenizer, Segmenter

        tokenizer = ChineseTokenizer(nlp.vocab, segmenter=Segmenter.pkuseg)
        tokenizer.pkuseg_seg = nlp.tokenizer.pkuseg_seg

    def run(texts):
        n_chars = n_docs = n_tokens = 0
        for _, text in texts:
            n_tokens += len(tokenizer(text))
            n_chars += len(text)
            n_docs += 1
        return n_chars, n_docs, {"tokens": n_tokens}

    return run


# What a user writes without zhgov: jieba for words, regexes for the rest.
_JIEBA_PATTERNS = {
    "MONEY": r"(?:约|近|超过)?\d+(?:[,，]\d{3})*(?:\.\d+)?(?:余|多)?(?:万|亿)?(?:元|美元)",
    "PERSON_COUNT": r"\d+(?:\.\d+)?(?:余|多)?万?(?:人次|人|名)",
    "PROJECT": r"[\u4e00-\u9fa5A-Za-z0-9]{2,20}?(?:工程|项目)",
}


def _jieba_runner():
    import logging
    import re

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    patterns = {label: re.compile(pattern) for label, pattern in _JIEBA_PATTERNS.items()}

    def run(texts):
        n_chars = n_docs = 0
        digest = hashlib.sha256()
        for doc_id, text in texts:
            tokens = []
            pos = 0
            for word, flag in pseg.cut(text):
                tokens.append({"text": word, "start": pos, "end": pos + len(word), "pos": flag})
                pos += len(word)
            spans = [{"start": m.start(), "end": m.end(), "label": label, "text": m.group()}
                     for label, pattern in patterns.items() for m in pattern.finditer(text)]
            line = json.dumps({"id": doc_id, "text": text, "tokens": tokens, "spans": spans}, ensure_ascii=False)
            digest.update(line.encode("utf-8"))
            n_chars += len(text)
            n_docs += 1
        return n_chars, n_docs, {}

    return run


# The parent: every case in fresh subprocesses, and the table


def measure(spec: Dict, timeout: Optional[float] = None) -> Dict:
    """Run one case in one mode in a fresh Python process."""
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
                          capture_output=True, text=True, timeout=timeout, cwd=str(ROOT))
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_benchmark(cases, model: Optional[str], reports: Optional[str], n_process: int = 1,
                  batch_size: int = 64, chunk_chars: Optional[int] = None, numpy_gemm: bool = False,
                  blas_threads: int = 0, repeat: int = 1,
                  modes: Sequence[str] = MODES, log=print) -> List[Dict]:
    rows = []
    for name, kind, size in cases:
        row: Dict = {"case": name, "kind": kind, "size": size}
        case_modes = list(modes)
        if kind == "doc" and size > 1_000_000 and "spacy-tok" in case_modes:
            # spaCy's tokenizer re-finds every word in the rest of the text:
            # quadratic, hours on a 5 MB document
            case_modes.remove("spacy-tok")
        if n_process > 1 and kind in ("reports", "batch") and (kind == "reports" or size >= 1000):
            case_modes.append(f"full-np{n_process}")
        # With repeat > 1, the modes take turns (full, tokenize, …, full, …),
        # so that a slow spell of a shared machine does not fall on one mode
        for _ in range(repeat):
            for mode in case_modes:
                spec = {"mode": "full" if mode.startswith("full-np") else mode, "kind": kind, "size": size,
                        "model": model, "reports": reports, "batch_size": batch_size,
                        "n_process": n_process if mode.startswith("full-np") else 1, "chunk_chars": chunk_chars,
                        "numpy_gemm": numpy_gemm, "blas_threads": blas_threads}
                result = measure(spec)
                if "error" in result:
                    log(f"  {name:<12} {mode:<9} ERROR {result['error']}")
                else:
                    log(f"  {name:<12} {mode:<9} {result['chars'] / result['seconds']:>11,.0f} chars/s"
                        f" {result['chars'] / result['cpu_s']:>9,.0f} chars/cpu-s  {result['peak_mb']:>7,.0f} MB"
                        f"  ({result['seconds']:.2f} s, load {result['load_s']:.2f} s)")
                row[mode] = _best(row.get(mode), result)
        rows.append(row)
    return rows


def _best(kept: Optional[Dict], result: Dict) -> Dict:
    """Of the runs of one mode, the fastest (as timeit takes the minimum: the
    run least slowed by the rest of the machine), with every run's seconds and
    the largest peak RSS of them all."""
    if kept is None or "error" in kept:
        best = dict(result)
        best["runs_s"] = [result["seconds"]] if "seconds" in result else []
        return best
    if "error" in result:
        return kept
    best = dict(result if result["seconds"] < kept["seconds"] else kept)
    best["runs_s"] = kept["runs_s"] + [result["seconds"]]
    best["peak_mb"] = max(kept["peak_mb"], result["peak_mb"])
    return best


# "seconds" (the clock) or "cpu_s" (CPU time: steadier on a busy machine).
_CLOCK = {"key": "seconds"}


def _rate(result: Optional[Dict]) -> Optional[float]:
    if not result or "error" in result or not result.get(_CLOCK["key"]):
        return None
    return result["chars"] / result[_CLOCK["key"]]


def format_table(rows: List[Dict], n_process: int = 1) -> str:
    """A Markdown table: chars/s per mode, ratios, peak MB per mode."""
    np_mode = f"full-np{n_process}"
    header = ["case", "chars", "full c/s", "tokenize c/s", "spaCy tok c/s", "jieba c/s", "full/tok",
              "full/spaCy tok", "full/jieba", "full MB", "tok MB", "spaCy tok MB", "jieba MB"]
    if n_process > 1:
        header += [f"np{n_process} c/s", f"np{n_process}/full", "same bytes"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def num(value, fmt="{:,.0f}"):
        return "-" if value is None else fmt.format(value)

    for row in rows:
        full, tok, stock, jb = (_rate(row.get(mode)) for mode in MODES)
        chars = next((row[m]["chars"] for m in MODES if row.get(m) and "chars" in row[m]), None)
        cells = [row["case"], num(chars), num(full), num(tok), num(stock), num(jb),
                 num(full / tok if full and tok else None, "{:.2f}"),
                 num(full / stock if full and stock else None, "{:.2f}"),
                 num(full / jb if full and jb else None, "{:.2f}")]
        cells += [num(row[m].get("peak_mb") if row.get(m) else None) for m in MODES]
        if n_process > 1:
            parallel = _rate(row.get(np_mode))
            same = None
            if row.get(np_mode) and "output_sha256" in row[np_mode]:
                same = "yes" if row[np_mode]["output_sha256"] == row["full"].get("output_sha256") else "NO"
            cells += [num(parallel), num(parallel / full if parallel and full else None, "{:.2f}"), same or "-"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def checks(rows: List[Dict]) -> List[str]:
    """The issue's acceptance figures that this run measured."""
    by_case = {row["case"]: row for row in rows}
    out = []
    reports = by_case.get("reports")
    if reports:
        full, tok, stock = (_rate(reports.get(mode)) for mode in ("full", "tokenize", "spacy-tok"))
        if full:
            out.append(f"reports: full {full:,.0f} chars/s (target >= 40,000)")
        for name, rate in (("zhgov's tokenizer", tok), ("spaCy's pkuseg tokenizer", stock)):
            if full and rate:
                out.append(f"reports: full / {name} alone {full / rate:.2f} (target >= 0.50)")
    peaks = [row[m]["peak_mb"] for row in rows for m in ("full",) if row.get(m) and "peak_mb" in row[m]]
    if peaks:
        out.append(f"full path peak RSS, largest case: {max(peaks):,.0f} MB (target <= 500)")
    small, large = by_case.get("doc 50 KB"), by_case.get("doc 5 MB")
    if small and large and _rate(small.get("full")) and _rate(large.get("full")):
        out.append(f"per-char time 5 MB / 50 KB: {_rate(small['full']) / _rate(large['full']):.2f} "
                   f"(target <= 1.2)")
    few, many = by_case.get("1,000 docs"), by_case.get("10,000 docs")
    if few and many and "peak_mb" in few.get("full", {}) and "peak_mb" in many.get("full", {}):
        out.append(f"peak RSS 1,000 -> 10,000 docs: {few['full']['peak_mb']:,.0f} -> "
                   f"{many['full']['peak_mb']:,.0f} MB (target: flat)")
    for row in rows:
        for mode, result in row.items():
            if mode.startswith("full-np") and isinstance(result, dict) and _rate(result) and _rate(row.get("full")):
                out.append(f"{row['case']}: {mode} {_rate(result) / _rate(row['full']):.2f}x one process "
                           f"(target >= 1.7), same output bytes: "
                           f"{result.get('output_sha256') == row['full'].get('output_sha256')}")
    return out


def profile(model: Optional[str], reports: str, top: int = 25, numpy_gemm: bool = False) -> str:
    """cProfile the full path over the reports; the top functions by
    cumulative and by own time."""
    import cProfile
    import io
    import pstats

    run = _full_runner(model, 1, 64, numpy_gemm)
    profiler = cProfile.Profile()
    profiler.enable()
    n_chars, _, _ = run(case_texts("reports", 0, reports))
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    out.write(f"{n_chars:,} characters\n")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", help="Directory of real reports (.txt), e.g. ../shared/external/gov-reports-2026")
    parser.add_argument("--model", help="Pipeline directory (default: the shipped one)")
    parser.add_argument("--quick", action="store_true", help="A smaller ladder: up to 1 MB and 1,000 documents")
    parser.add_argument("--only", help="Comma-separated case names to run (e.g. 'reports,doc 5 MB,1,000 docs')")
    parser.add_argument("--n-process", type=int, default=1, help="Also time the full path on N processes")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--chunk-chars", type=int, help="chunk_chars for annotate (default: annotate's own)")
    parser.add_argument("--modes", default=",".join(MODES), help="Modes to run (default: all of full,tokenize,spacy-tok,jieba)")
    parser.add_argument("--numpy-gemm", action="store_true",
                        help="Apply pipeline.cpu.use_numpy_gemm after loading (what [nlp] after_pipeline_creation = "
                             "zhgov.numpy_gemm.v1 does), for pipelines whose config lacks it")
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS threads per process (default 1: one process is one core); 0 leaves the default")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Run every case and mode N times, in turns, and keep the fastest run (peak RSS: the "
                             "largest); 3 steadies the ratios on a shared machine")
    parser.add_argument("--json", dest="json_out", help="Write all measurements to this JSON file")
    parser.add_argument("--profile", action="store_true", help="cProfile the full path on --reports instead")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="Rates in the table per second of the clock, or of CPU time")
    parser.add_argument("--table", help="Print the table of a --json file instead of measuring")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(json.loads(args.child))))
        return 0
    _CLOCK["key"] = "cpu_s" if args.clock == "cpu" else "seconds"
    if args.table:
        saved = json.loads(Path(args.table).read_text(encoding="utf-8"))
        print(format_table(saved["rows"], saved.get("n_process", args.n_process)))
        print()
        print("\n".join(checks(saved["rows"])))
        return 0
    model = str(Path(args.model).resolve()) if args.model else None
    reports = str(Path(args.reports).resolve()) if args.reports else None
    if args.profile:
        if reports is None:
            parser.error("--profile needs --reports")
        if args.blas_threads:
            from pipeline.cpu import limit_blas_threads

            limit_blas_threads(args.blas_threads)
        print(profile(model, reports, numpy_gemm=args.numpy_gemm))
        return 0
    cases = list(QUICK_LADDER if args.quick else FULL_LADDER)
    if reports:
        cases.insert(0, ("reports", "reports", 0))
    if args.only:
        # A comma before a digit belongs to a name (1,000 docs).
        wanted = {name.strip() for name in re.split(r",(?![0-9])", args.only)}
        unknown = wanted - {case[0] for case in cases}
        if unknown:
            print(f"benchmark.py: unknown case(s) {', '.join(sorted(unknown))}; the cases are: "
                  f"{'; '.join(case[0] for case in cases)}", file=sys.stderr)
            return 2
        cases = [case for case in cases if case[0] in wanted]
    print(f"zhgov benchmark: model {model or 'shipped default'}, {os.cpu_count()} CPUs, "
          f"Python {sys.version.split()[0]}", flush=True)
    modes = [mode.strip() for mode in args.modes.split(",") if mode.strip() in MODES]
    rows = run_benchmark(cases, model, reports, n_process=args.n_process, batch_size=args.batch_size,
                         chunk_chars=args.chunk_chars, numpy_gemm=args.numpy_gemm,
                         blas_threads=args.blas_threads, repeat=args.repeat, modes=modes,
                         log=lambda line: print(line, flush=True))
    print()
    print(format_table(rows, args.n_process))
    print()
    for line in checks(rows):
        print(line)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"model": model, "reports": reports, "cpus": os.cpu_count(),
                                                   "n_process": args.n_process, "repeat": args.repeat, "rows": rows},
                                                  ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
