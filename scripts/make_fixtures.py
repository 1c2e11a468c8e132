#!/usr/bin/env python3
"""Generate the input-shape fixtures in tests/golden/ from the seed reports.

Run from the repository root:  python3 scripts/make_fixtures.py
Standard library only. The output is deterministic: re-running reproduces the
same bytes (the .docx files use fixed zip timestamps and a fixed entry order).

Seeds (tests/corpus/seeds/):
  000_*.txt  "Word copy": every table cell on its own tab-indented line, rows
             separated by blank lines, some cells broken over two lines (the
             continuation line has no leading tab).
  004_*.txt  "PDF-viewer copy": one tab-separated line per table row, extra
             empty cells, blank lines at page breaks, spaces inside labels
             where the PDF wrapped them ("结果 维持", "总 计").
Both use the 2021 template (国办公开办函〔2021〕30号).

Fixtures (prose, i.e. every line outside the three tables of sections 二/三/四,
is byte-identical to the seed unless the shape itself changes it):
  shape_browser_004.txt     004 as a browser copies an HTML table: one row per
                            line, cells joined by single tabs, no blank lines
                            inside tables, labels whole (wrapped labels joined,
                            PDF spaces inside labels removed), a row-spanned
                            cell only on the first row of its group and no
                            placeholder tab on the following rows.
  shape_browser_000.txt     the same for 000.
  shape_markdown_004.md     004 with its three tables as Markdown pipe tables,
                            expanded to the full grid (merged/blank cells empty),
                            `|---|` separator after the first row.
  shape_crlf_000.txt        000 with every "\\n" replaced by "\\r\\n".
  shape_bom_004.txt         004 with a UTF-8 BOM and CRLF line ends.
  shape_spaces_004.txt      004 with, inside the section 三 table only, figures
                            padded with NBSP / U+3000 and NBSP / U+3000
                            inserted inside some labels.
  shape_fullwidth_004.txt   004 with every ASCII digit -> U+FF10..U+FF19 and
                            "(" ")" -> "（" "）" in the whole file.
  shape_brackets_000.txt    000 with every "（" "）" -> "(" ")" in the whole file.
  shape_numbering_000.txt   000 with the section 三 item numbering "N." turned
                            into "N、" for N = 1..4 and "N．" (U+FF0E) for N >= 5.
  shape_html_004.html       004 as the text/html a browser puts on the
                            clipboard: <p> per prose line, real <table>s with
                            rowspan/colspan as the official template merges
                            cells, some figures as <p><span>51</span></p>,
                            &ldquo;/&rdquo; around 三安全一稳定, &quot; in
                            attributes.
  shape_html_000.html       the same for 000, except that in the section 三
                            header 自然人/总计 are not row-spanned; the cells
                            under them are blank `&nbsp;` header cells (a
                            layout seen on real sites).
  shape_docx_000.docx       000 as a real .docx ([Content_Types].xml,
                            _rels/.rels, word/document.xml): prose as
                            <w:p>/<w:r>/<w:t> (some paragraphs in several runs,
                            xml:space="preserve" where a run has edge spaces),
                            tables as <w:tbl> with gridSpan and vMerge
                            (restart + empty continuation cells), official
                            template layout. Cells the seed broke over lines
                            ("商业"/"企业") are two paragraphs in the cell;
                            figure cells keep the seed's NBSP padding.
  shape_docx_004.docx       the same for 004.

Self-check (runs every time, exit status 1 on failure): for every fixture the
figures of the section 二, 三 and 四 tables are extracted back out of the
generated file (text: tab/newline/pipe-separated cells, NFKC, trimmed; HTML:
<td> text via html.parser; docx: <w:tc> text via xml.etree) and compared, in
order, with the figures of the seed's tables. Prose is compared with the seed
where the shape keeps it; HTML/docx table grids are checked for consistent
spans.
"""

import html
import io
import re
import sys
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape as xml_escape

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "corpus" / "seeds"
OUT = ROOT / "tests" / "golden"

HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
TABLE_SECTIONS = (1, 2, 3)  # indexes into HEADINGS: 二, 三, 四

NUM_RE = re.compile(r"\d+(?:\.\d+)?")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Whitespace between two Han characters inside a PDF-copied cell is a wrap.
HAN_GAP_RE = re.compile(rf"(?<=[{HAN}])\s+(?=[{HAN}])")

NBSP = "\u00a0"
IDSP = "\u3000"


class Fail(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


# ---------------------------------------------------------------------------
# Seeds


def seed_path(prefix):
    found = sorted(SEEDS.glob(prefix + "_*.txt"))
    check(len(found) == 1, f"expected one seed {prefix}_*.txt, found {found}")
    return found[0]


def heading_lines(lines):
    """Line index of each section heading (exact line match, must be unique)."""
    idx = []
    for h in HEADINGS:
        hits = [i for i, l in enumerate(lines) if l == h]
        check(len(hits) == 1, f"heading {h!r} found {len(hits)} times")
        idx.append(hits[0])
    check(idx == sorted(idx), "headings out of order")
    return idx


def table_spans(lines):
    """(first, last) line index of the table in sections 二, 三, 四: the first
    and last non-blank line between the section heading and the next one."""
    hidx = heading_lines(lines)
    spans = []
    for k in TABLE_SECTIONS:
        body = range(hidx[k] + 1, hidx[k + 1])
        nonblank = [i for i in body if lines[i].strip() != ""]
        check(nonblank, f"no table under {HEADINGS[k]}")
        spans.append((nonblank[0], nonblank[-1]))
    return spans


class SeedCell:
    def __init__(self, parts):
        self.parts = parts  # the pieces the seed broke the cell into

    @property
    def text(self):
        return "".join(self.parts).strip()

    @property
    def is_num(self):
        return NUM_RE.fullmatch(self.text) is not None

    @property
    def empty(self):
        return self.text == ""


def parse_word_rows(tlines):
    """Word copy: rows separated by blank lines; a line starting with a tab
    opens a cell, a line without one continues the previous cell."""
    rows, cur = [], None
    for line in tlines + [""]:
        if line == "":
            if cur:
                rows.append(cur)
            cur = None
            continue
        if cur is None:
            cur = []
        if line.startswith("\t"):
            cur.append(SeedCell([line[1:]]))
        else:
            check(cur, f"continuation line without a cell: {line!r}")
            cur[-1].parts.append(line)
    return rows


def parse_pdf_rows(tlines):
    """PDF-viewer copy: one tab-separated line per row; blank lines are page
    breaks. Whitespace between two Han characters is a wrap inside the cell."""
    rows = []
    for line in tlines:
        if line.strip() == "":
            continue
        rows.append([SeedCell(HAN_GAP_RE.split(c)) for c in line.split("\t")])
    return rows


class Seed:
    def __init__(self, prefix, shape):
        self.prefix = prefix
        self.path = seed_path(prefix)
        self.raw = self.path.read_bytes()
        self.text = self.raw.decode("utf-8")
        check("\r" not in self.text and not self.text.startswith("\ufeff"),
              f"{self.path.name}: unexpected CR or BOM")
        self.lines = self.text.split("\n")
        self.spans = table_spans(self.lines)
        parse = {"word": parse_word_rows, "pdf": parse_pdf_rows}[shape]
        self.rows = [parse(self.lines[a:b + 1]) for a, b in self.spans]
        self.tables = [build_t2(self.rows[0]), build_t3(self.rows[1]),
                       build_t4(self.rows[2])]


# ---------------------------------------------------------------------------
# Table model (origin cells per row, HTML style)


class Cell:
    def __init__(self, parts, role, rowspan=1, colspan=1):
        self.parts = list(parts)
        self.role = role  # 'title' | 'header' | 'label' | 'value' | 'blank'
        self.rowspan = rowspan
        self.colspan = colspan

    @property
    def text(self):
        return "".join(self.parts).strip()


def from_seed(sc, role, **span):
    return Cell(sc.parts, role, **span)


class Table:
    def __init__(self, ncols, rows):
        self.ncols = ncols
        self.rows = rows

    def grid(self):
        """grid[r][c] = (cell, origin_row, origin_col)."""
        grid = [[None] * self.ncols for _ in self.rows]
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while c < self.ncols and grid[r][c] is not None:
                    c += 1
                check(c + cell.colspan <= self.ncols, f"row {r} too wide")
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        check(r + dr < len(self.rows), f"rowspan overflow at {r}")
                        check(grid[r + dr][c + dc] is None, f"overlap at {r},{c}")
                        grid[r + dr][c + dc] = (cell, r, c)
                c += cell.colspan
        for r, row in enumerate(grid):
            check(all(x is not None for x in row), f"row {r} has holes")
        return grid


def nonempty(row):
    return [c for c in row if not c.empty]


def squash(s):
    return re.sub(r"\s+", "", s)


def build_t2(rows):
    """Section 二: 4 grid columns; a one-cell row is a title (colspan 4), a
    two-cell row is label + one value/header spanning 3 columns."""
    out = []
    for row in rows:
        cells = nonempty(row)
        role = lambda sc, first: ("value" if sc.is_num else
                                  ("label" if first else "header"))
        if len(cells) == 1:
            out.append([from_seed(cells[0], "title", colspan=4)])
        elif len(cells) == 2:
            out.append([from_seed(cells[0], role(cells[0], True)),
                        from_seed(cells[1], role(cells[1], False), colspan=3)])
        elif len(cells) == 4:
            out.append([from_seed(c, role(c, i == 0)) for i, c in enumerate(cells)])
        else:
            raise Fail(f"section 二 row with {len(cells)} cells")
    return Table(4, out)


T3_HEADER_KEYS = ["申请人情况", "自然人", "法人或其他组织", "总计",
                  "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

# One entry per data row of the 2021 template: the labels that start in that
# row (a fragment the seed's label must contain) with their spans.
T3_SKELETON = [
    [("本年新收", dict(colspan=3))],
    [("上年结转", dict(colspan=3))],
    [("本年度办理结果", dict(rowspan=22)), ("予以公开", dict(colspan=2))],
    [("部分公开", dict(colspan=2))],
    [("不予公开", dict(rowspan=8)), ("属于国家秘密", {})],
    [("其他法律行政法规禁止公开", {})],
    [("三安全一稳定", {})],
    [("保护第三方合法权益", {})],
    [("属于三类内部事务信息", {})],
    [("属于四类过程性信息", {})],
    [("属于行政执法案卷", {})],
    [("属于行政查询事项", {})],
    [("无法提供", dict(rowspan=3)), ("本机关不掌握相关政府信息", {})],
    [("没有现成信息需要另行制作", {})],
    [("补正后申请内容仍不明确", {})],
    [("不予处理", dict(rowspan=5)), ("信访举报投诉类申请", {})],
    [("重复申请", {})],
    [("要求提供公开出版物", {})],
    [("无正当理由大量反复申请", {})],
    [("要求行政机关确认或重新出具已获取信息", {})],
    [("其他处理", dict(rowspan=3)), ("逾期不补正", {})],
    [("逾期未按收费通知要求缴纳费用", {})],
    [("其他", {})],
    [("总计", dict(colspan=2))],
    [("结转下年度继续办理", dict(colspan=3))],
]


def split_labels_values(row, where):
    cells = nonempty(row)
    labels = [c for c in cells if not c.is_num]
    values = [c for c in cells if c.is_num]
    check(cells == labels + values, f"{where}: labels after figures")
    return labels, values


def build_t3(rows):
    first = next(i for i, row in enumerate(rows)
                 if any(c.text.startswith("一、") for c in row))
    header = [c for row in rows[:first] for c in nonempty(row)]
    corner = [c for c in header if squash(c.text).lstrip("（(").startswith("本列")]
    check(len(corner) == 1, "section 三: corner cell")
    byname = {}
    for c in header:
        if c is not corner[0]:
            k = squash(c.text)
            check(k in T3_HEADER_KEYS and k not in byname, f"section 三 header {k!r}")
            byname[k] = c
    check(len(byname) == len(T3_HEADER_KEYS), "section 三: header incomplete")
    h = lambda k, **span: from_seed(byname[k], "header", **span)
    out = [
        [from_seed(corner[0], "header", rowspan=3, colspan=3),
         h("申请人情况", colspan=7)],
        [h("自然人", rowspan=2), h("法人或其他组织", colspan=5), h("总计", rowspan=2)],
        [h(k) for k in T3_HEADER_KEYS[4:]],
    ]
    data = rows[first:]
    check(len(data) == len(T3_SKELETON),
          f"section 三: {len(data)} data rows, expected {len(T3_SKELETON)}")
    for i, (row, skel) in enumerate(zip(data, T3_SKELETON)):
        labels, values = split_labels_values(row, f"section 三 row {i}")
        check(len(values) == 7, f"section 三 row {i}: {len(values)} figures")
        check(len(labels) == len(skel), f"section 三 row {i}: labels {len(labels)}")
        cells = []
        for lab, (frag, span) in zip(labels, skel):
            check(frag in squash(lab.text), f"section 三 row {i}: {lab.text!r} !~ {frag}")
            cells.append(from_seed(lab, "label", **span))
        cells += [from_seed(v, "value") for v in values]
        out.append(cells)
    return Table(10, out)


T4_HEADERS = (["行政复议", "行政诉讼"]
              + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
              + ["未经复议直接起诉", "复议后起诉"]
              + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)


def build_t4(rows):
    check(len(rows) == 4, f"section 四: {len(rows)} rows")
    header = [c for row in rows[:3] for c in nonempty(row)]
    check([squash(c.text) for c in header] == T4_HEADERS, "section 四 header")
    labels, values = split_labels_values(rows[3], "section 四 figures")
    check(not labels and len(values) == 15, "section 四: 15 figures")
    h = [from_seed(c, "header") for c in header]
    h[0].colspan, h[1].colspan = 5, 10
    for c in h[2:7]:
        c.rowspan = 2
    h[7].colspan = h[8].colspan = 5
    return Table(15, [h[0:2], h[2:9], h[9:19],
                      [from_seed(v, "value") for v in values]])


# ---------------------------------------------------------------------------
# Renderers for the table model


def cell_text(cell):
    """Display text: the parts joined; figures trimmed of any padding."""
    return cell.text


def render_browser(table):
    return ["\t".join(cell_text(c) for c in row) for row in table.rows]


def render_markdown(table):
    grid = table.grid()
    lines = []
    for r, row in enumerate(grid):
        texts = [cell_text(cell) if (orow, ocol) == (r, c) else ""
                 for c, (cell, orow, ocol) in enumerate(row)]
        lines.append("| " + " | ".join(t.replace("|", "\\|") for t in texts) + " |")
        if r == 0:
            lines.append("|" + "---|" * table.ncols)
    return lines


def html_blank_header_variant(table):
    """Section 三 header with 自然人/总计 not row-spanned and blank cells
    under them (copy the table; the data rows are shared, not modified)."""
    rows = [list(r) for r in table.rows]
    r1 = [Cell(c.parts, c.role, c.rowspan, c.colspan) for c in rows[1]]
    r1[0].rowspan = r1[2].rowspan = 1
    rows[1] = r1
    rows[2] = [Cell([], "blank")] + rows[2] + [Cell([], "blank")]
    return Table(table.ncols, rows)


def render_html_table(table, wrap_rows):
    out = ['<table border="1" cellspacing="0" cellpadding="0" '
           'style="border-collapse:collapse;font-family:&quot;仿宋_GB2312&quot;">',
           "<tbody>"]
    for r, row in enumerate(table.rows):
        tds = []
        for c in row:
            attrs = ""
            if c.rowspan > 1:
                attrs += f' rowspan="{c.rowspan}"'
            if c.colspan > 1:
                attrs += f' colspan="{c.colspan}"'
            text = cell_text(c)
            inner = html.escape(text, quote=True) if text else "&nbsp;"
            if "“三安全一稳定”" in inner:
                inner = inner.replace("“三安全一稳定”", "&ldquo;三安全一稳定&rdquo;")
            if c.role == "value" and r in wrap_rows:
                inner = f"<p><span>{inner}</span></p>"
            elif c.role in ("header", "title"):
                inner = ('<p style="text-align:center;font-family:&quot;黑体&quot;">'
                         f"{inner}</p>")
            tds.append(f"<td{attrs}>{inner}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w_run(text, rpr=False):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    props = '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>' if rpr else ""
    return f"<w:r>{props}<w:t{space}>{xml_escape(text)}</w:t></w:r>"


def w_para(runs):
    return "<w:p>" + "".join(runs) + "</w:p>" if runs else "<w:p/>"


RUN_SPLIT_RE = re.compile(r"(?<=，)|(?<=\d)(?=\D)|(?<=\D)(?=\d)|(?<= )(?=\S)")


def w_prose_para(line, split):
    if line == "":
        return "<w:p/>"
    if not split:
        return w_para([w_run(line)])
    pieces = [p for p in RUN_SPLIT_RE.split(line) if p]
    return w_para([w_run(p, rpr=True) for p in pieces])


def render_docx_table(table, widths):
    grid = table.grid()
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
           "<w:tblBorders>"
           + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
           + "</w:tblBorders></w:tblPr>",
           "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
           + "</w:tblGrid>"]
    for r, row in enumerate(grid):
        tcs = []
        c = 0
        while c < table.ncols:
            cell, orow, ocol = row[c]
            check(ocol == c, f"docx: grid walk misaligned at {r},{c}")
            width = sum(widths[c:c + cell.colspan])
            pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if cell.colspan > 1:
                pr += f'<w:gridSpan w:val="{cell.colspan}"/>'
            if orow == r:
                if cell.rowspan > 1:
                    pr += '<w:vMerge w:val="restart"/>'
                parts = cell.parts if cell.parts else [""]
                paras = [w_para([w_run(p)]) if p else "<w:p/>" for p in parts]
            else:
                pr += "<w:vMerge/>"
                paras = ["<w:p/>"]
            tcs.append(f"<w:tc><w:tcPr>{pr}<w:vAlign w:val=\"center\"/></w:tcPr>"
                       + "".join(paras) + "</w:tc>")
            c += cell.colspan
        out.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


DOCX_WIDTHS = [
    [2600, 2000, 2000, 2000],
    [600, 1200, 2200] + [700] * 7,
    [600] * 15,
]


# ---------------------------------------------------------------------------
# Fixture builders


def replace_tables(seed, rendered):
    """Seed lines with each table span replaced by the rendered lines."""
    lines = list(seed.lines)
    for (a, b), new in reversed(list(zip(seed.spans, rendered))):
        lines[a:b + 1] = new
    return "\n".join(lines)


def make_browser(seed):
    return replace_tables(seed, [render_browser(t) for t in seed.tables])


def make_markdown(seed):
    return replace_tables(seed, [render_markdown(t) for t in seed.tables])


def make_spaces(seed):
    a, b = seed.spans[1]
    label_edits = [
        ("本年新收政府信息公开申请数量", f"本年新收政府信息{IDSP}公开申请数量"),
        ("上年结转政府信息公开申请数量", f"上年结转{NBSP}政府信息公开申请数量"),
        ("不予公开", f"不予{IDSP}公开"),
        ("本机关不掌握相关政府信息", f"本机关不掌握{NBSP}相关政府信息"),
        ("信访举报投诉类申请", f"信访举报{IDSP}投诉类申请"),
        ("商业企业", f"商业{NBSP}企业"),
        ("结转下年度继续办理", f"结转下年度{NBSP}继续办理"),
    ]
    used = {old: 0 for old, _ in label_edits}
    pads = [None, NBSP + "{}", "{}" + IDSP, IDSP + "{}" + NBSP, None,
            NBSP + NBSP + "{}", None, "{}" + NBSP, IDSP + "{}"]
    k = 0
    lines = list(seed.lines)
    for i in range(a, b + 1):
        cells = lines[i].split("\t")
        for j, cell in enumerate(cells):
            if NUM_RE.fullmatch(cell.strip()):
                pad = pads[k % len(pads)]
                if pad:
                    cells[j] = pad.format(cell.strip())
                k += 1
                continue
            for old, new in label_edits:
                if old in cell:
                    check(cell.count(old) == 1, f"spaces: {old} twice in a cell")
                    cells[j] = cell = cell.replace(old, new)
                    used[old] += 1
        lines[i] = "\t".join(cells)
    check(all(n == 1 for n in used.values()), f"spaces: label edits {used}")
    return "\n".join(lines)


FULLWIDTH = {ord(str(d)): chr(0xFF10 + d) for d in range(10)}
FULLWIDTH.update({ord("("): "（", ord(")"): "）"})


def make_fullwidth(seed):
    return seed.text.translate(FULLWIDTH)


def make_brackets(seed):
    return seed.text.translate({ord("（"): "(", ord("）"): ")"})


def make_numbering(seed):
    a, b = seed.spans[1]
    lines = list(seed.lines)
    n = 0
    for i in range(a, b + 1):
        m = re.match(r"\t(\d+)\.(?=\D)", lines[i])
        if m:
            num = int(m.group(1))
            mark = "、" if num <= 4 else "．"
            lines[i] = f"\t{num}{mark}" + lines[i][m.end():]
            n += 1
    check(n == 19, f"numbering: {n} item labels rewritten, expected 19")
    return "\n".join(lines)


def prose_lines(seed):
    """Seed lines with table spans replaced by None markers; trailing ''
    produced by a final newline dropped."""
    lines = list(seed.lines)
    for a, b in reversed(seed.spans):
        lines[a:b + 1] = [None]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def make_html(seed, blank_header_variant):
    tables = list(seed.tables)
    if blank_header_variant:
        tables[1] = html_blank_header_variant(tables[1])
    # figures in <p><span>: section 三 rows 一、二 (3, 4) and the last two rows
    # ((七)总计, 四、结转), every figure of section 四; plain elsewhere.
    wraps = [set(), {3, 4, len(tables[1].rows) - 2, len(tables[1].rows) - 1}, {3}]
    out = ["<html>", "<head>", '<meta http-equiv="Content-Type" '
           'content="text/html; charset=utf-8">', "</head>", "<body>",
           "<!--StartFragment-->"]
    t = 0
    for line in prose_lines(seed):
        if line is None:
            out += render_html_table(tables[t], wraps[t])
            t += 1
        elif line != "":
            out.append(f"<p>{html.escape(line, quote=True)}</p>")
    out += ["<!--EndFragment-->", "</body>", "</html>", ""]
    doc = "\n".join(out)
    check(doc.count("&ldquo;三安全一稳定&rdquo;") == 1, "html: entity quotes")
    return doc


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>")
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>")


def make_docx_xml(seed):
    body = []
    t = 0
    for k, line in enumerate(prose_lines(seed)):
        if line is None:
            body.append(render_docx_table(seed.tables[t], DOCX_WIDTHS[t]))
            t += 1
        else:
            body.append(w_prose_para(line, split=(k % 2 == 0 or " " in line)))
    body.append('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" '
                'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}"><w:body>' + "\n".join(body)
            + "</w:body></w:document>")


def zip_bytes(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o100644 << 16
            z.writestr(zi, data.encode("utf-8"))
    return buf.getvalue()


def make_docx(seed):
    return zip_bytes([("[Content_Types].xml", CONTENT_TYPES),
                      ("_rels/.rels", RELS),
                      ("word/document.xml", make_docx_xml(seed))])


# ---------------------------------------------------------------------------
# Self-check: extract figures back out of each fixture


def figure(token):
    t = unicodedata.normalize("NFKC", token).strip()
    return t if NUM_RE.fullmatch(t) else None


def text_figures(text):
    """Figures of the 二/三/四 tables of a text fixture, per section."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    check("\r" not in text, "stray CR")
    lines = text.split("\n")
    hidx = heading_lines(lines)
    out = []
    for k in TABLE_SECTIONS:
        region = "\n".join(lines[hidx[k] + 1:hidx[k + 1]])
        toks = re.split(r"[\t\n|]", region)
        out.append([f for f in map(figure, toks) if f is not None])
    return out


def text_prose(text):
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    spans = table_spans(lines)
    for a, b in reversed(spans):
        lines[a:b + 1] = [None]
    return lines


class HTMLTables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.paras = [], []
        self.cell = self.para = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
            self.paras.append(None)
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = [int(a.get("rowspan", 1)), int(a.get("colspan", 1)), ""]
            self.tables[-1][-1].append(self.cell)
        elif tag == "p" and self.cell is None:
            self.para = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None
        elif tag == "p" and self.para is not None:
            self.paras.append(self.para)
            self.para = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data
        elif self.para is not None:
            self.para += data


def as_table(rows, ncols):
    return Table(ncols, [[Cell([t], "x", rs, cs) for rs, cs, t in row] for row in rows])


def html_check(doc, seed):
    p = HTMLTables()
    p.feed(doc)
    p.close()
    check(len(p.tables) == 3, "html: table count")
    figs = []
    for rows, model in zip(p.tables, seed.tables):
        as_table(rows, model.ncols).grid()  # spans consistent
        figs.append([f for row in rows for _, _, t in row
                     for f in [figure(t)] if f is not None])
    want = [l for l in prose_lines(seed) if l != ""]
    check(p.paras == want, "html: prose differs from seed")
    return figs


def docx_check(data, seed):
    z = zipfile.ZipFile(io.BytesIO(data))
    check(z.testzip() is None, "docx: zip CRC")
    check(z.namelist() == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"],
          "docx: entries")
    for n in z.namelist():
        ET.fromstring(z.read(n))  # well-formed
    root = ET.fromstring(z.read("word/document.xml"))
    w = lambda t: f"{{{W_NS}}}{t}"
    body = root.find(w("body"))
    tables, paras = [], []
    for el in body:
        if el.tag == w("p"):
            paras.append("".join(t.text or "" for t in el.iter(w("t"))))
        elif el.tag == w("tbl"):
            tables.append(el)
            paras.append(None)
    check(paras == prose_lines(seed), "docx: prose differs from seed")
    check(len(tables) == 3, "docx: table count")
    figs = []
    for tbl, model in zip(tables, seed.tables):
        ncols = len(tbl.find(w("tblGrid")).findall(w("gridCol")))
        check(ncols == model.ncols, "docx: grid width")
        above = [None] * ncols  # vMerge state per grid column
        f = []
        for tr in tbl.findall(w("tr")):
            c = 0
            for tc in tr.findall(w("tc")):
                pr = tc.find(w("tcPr"))
                gs = pr.find(w("gridSpan"))
                span = int(gs.get(w("val"))) if gs is not None else 1
                vm = pr.find(w("vMerge"))
                text = "".join(t.text or "" for t in tc.iter(w("t")))
                if vm is not None and vm.get(w("val")) != "restart":
                    check(above[c] == span and text == "", "docx: bad vMerge continuation")
                else:
                    for cc in range(c, c + span):
                        above[cc] = None
                    if vm is not None:
                        above[c] = span
                    x = figure(text)
                    if x is not None:
                        f.append(x)
                c += span
            check(c == ncols, "docx: row width")
        figs.append(f)
    return figs


# ---------------------------------------------------------------------------


def main():
    seeds = {"000": Seed("000", "word"), "004": Seed("004", "pdf")}
    want = {k: text_figures(s.text) for k, s in seeds.items()}
    # The seed parsers must agree with the plain token extraction.
    for k, s in seeds.items():
        model = [[figure(c.text) for row in t.rows for c in row if c.role == "value"]
                 for t in s.tables]
        check(model == want[k], f"seed {k}: table model figures != seed figures")
    s0, s4 = seeds["000"], seeds["004"]

    fixtures = [
        ("shape_browser_004.txt", "004", "text", make_browser(s4)),
        ("shape_browser_000.txt", "000", "text", make_browser(s0)),
        ("shape_markdown_004.md", "004", "text", make_markdown(s4)),
        ("shape_crlf_000.txt", "000", "text", s0.text.replace("\n", "\r\n")),
        ("shape_bom_004.txt", "004", "text", "\ufeff" + s4.text.replace("\n", "\r\n")),
        ("shape_spaces_004.txt", "004", "text", make_spaces(s4)),
        ("shape_fullwidth_004.txt", "004", "text", make_fullwidth(s4)),
        ("shape_brackets_000.txt", "000", "text", make_brackets(s0)),
        ("shape_numbering_000.txt", "000", "text", make_numbering(s0)),
        ("shape_html_004.html", "004", "html", make_html(s4, False)),
        ("shape_html_000.html", "000", "html", make_html(s0, True)),
        ("shape_docx_000.docx", "000", "docx", make_docx(s0)),
        ("shape_docx_004.docx", "004", "docx", make_docx(s4)),
    ]
    # Shapes that keep the seed's prose lines verbatim (tables aside).
    same_prose = {"shape_browser_004.txt", "shape_browser_000.txt",
                  "shape_markdown_004.md", "shape_crlf_000.txt", "shape_bom_004.txt",
                  "shape_spaces_004.txt", "shape_numbering_000.txt"}

    OUT.mkdir(parents=True, exist_ok=True)
    failed = False
    for name, key, kind, content in fixtures:
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (OUT / name).write_bytes(data)
        seed = seeds[key]
        try:
            if kind == "text":
                got = text_figures(data.decode("utf-8"))
                if name in same_prose:
                    check(text_prose(data.decode("utf-8")) == text_prose(seed.text),
                          "prose differs from seed")
            elif kind == "html":
                got = html_check(data.decode("utf-8"), seed)
            else:
                got = docx_check(data, seed)
            for sec, g, w_ in zip("二三四", got, want[key]):
                check(g == w_, f"section {sec} figures differ:\n  got  {g}\n  want {w_}")
            print(f"ok   {name}  ({' / '.join(str(len(g)) for g in got)} figures)")
        except Fail as e:
            failed = True
            print(f"FAIL {name}: {e}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    try:
        main()
    except Fail as e:
        print(f"FAIL: {e}")
        sys.exit(1)
