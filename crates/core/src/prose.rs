//! Stage 5': what the prose states. Sentences outside the tables are read
//! for the facts they restate ("收到政府信息公开申请55宗", "予以公开及部分公开
//! 10宗，占18.5%", "行政复议2起，为结果维持"), for claims ("未收到政府信息公开
//! 申请"), and for enumerations ("共 X 条，其中 A 条、B 条、C 条").
//!
//! A figure is tied to a fact by the nearest phrase before it in its clause
//! (or, failing that, right after it: "4宗结转到2024年"). Figures introduced
//! by 约/近/超过 are not exact and are not compared.
//!
//! Each line is scanned once (`scan_line`): one forward pass splits it
//! into sentences and finds in each its figures, its clause breaks, where a
//! year may start and the classes of its characters (a table lookup per
//! character, most passed over undecoded). A sentence is then read from
//! those, and only for what its characters allow: no claim without the
//! characters of its words, no enumeration without 其 or a bracket.

use crate::labels::Matcher;
use crate::numerals::Figure;
use std::ops::Range;
use std::sync::OnceLock;

/// What a prose figure states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    /// 本年新收 (收到/受理…申请 N 件).
    New,
    /// 办理…申请 N 件: received, received with carried over, or dealt with.
    Handled,
    CarriedOver,
    CarriedForward,
    NaturalPerson,
    /// 法人或其他组织: the five organisation columns together.
    Organisations,
    /// 予以公开及部分公开 (their sum).
    GrantedOrPartly,
    Granted,
    PartlyGranted,
    /// 不予公开 (sum of 1–8).
    Withheld,
    /// 无法提供 (sum of 1–3).
    Unavailable,
    /// 不予处理 (sum of 1–5).
    NotProcessed,
    /// 其他处理 (sum of 1–3, or the 2019 single row).
    OtherProcessing,
    /// 行政复议 N 起.
    Review,
    /// 行政诉讼 N 起 (both groups).
    Litigation,
    RulesIssued,
    RulesRepealed,
    RulesInForce,
    DocsIssued,
    DocsRepealed,
    DocsInForce,
}

impl FactKind {
    /// Stable name (used in the model's `figures` list).
    pub fn key(self) -> &'static str {
        use FactKind::*;
        match self {
            New => "applications.new",
            Handled => "applications.handled",
            CarriedOver => "applications.carried_over",
            CarriedForward => "applications.carried_forward",
            NaturalPerson => "applications.natural_person",
            Organisations => "applications.organisations",
            GrantedOrPartly => "applications.granted_or_partly",
            Granted => "applications.granted",
            PartlyGranted => "applications.partly_granted",
            Withheld => "applications.withheld",
            Unavailable => "applications.unavailable",
            NotProcessed => "applications.not_processed",
            OtherProcessing => "applications.other",
            Review => "reviews.review",
            Litigation => "reviews.litigation",
            RulesIssued => "proactive.rules.issued",
            RulesRepealed => "proactive.rules.repealed",
            RulesInForce => "proactive.rules.in_force",
            DocsIssued => "proactive.normative_documents.issued",
            DocsRepealed => "proactive.normative_documents.repealed",
            DocsInForce => "proactive.normative_documents.in_force",
        }
    }

    /// How the report calls it, for messages.
    pub fn name(self) -> &'static str {
        use FactKind::*;
        match self {
            New => "收到申请",
            Handled => "办理申请",
            CarriedOver => "上年结转",
            CarriedForward => "结转下年度",
            NaturalPerson => "自然人申请",
            Organisations => "法人或其他组织申请",
            GrantedOrPartly => "予以公开及部分公开",
            Granted => "予以公开",
            PartlyGranted => "部分公开",
            Withheld => "不予公开",
            Unavailable => "无法提供",
            NotProcessed => "不予处理",
            OtherProcessing => "其他处理",
            Review => "行政复议",
            Litigation => "行政诉讼",
            RulesIssued => "制发规章",
            RulesRepealed => "废止规章",
            RulesInForce => "现行有效规章",
            DocsIssued => "制发行政规范性文件",
            DocsRepealed => "废止行政规范性文件",
            DocsInForce => "现行有效行政规范性文件",
        }
    }
}

/// A figure tied to a fact.
#[derive(Debug, Clone)]
pub struct Fact {
    pub kind: FactKind,
    pub figure: Figure,
    /// "占 P%" right after it.
    pub percent: Option<Figure>,
    /// The sentence speaks of another scope ("区政府办代表区政府受理…"):
    /// the figure may not be the table's.
    pub other_scope: bool,
    /// The sentence (for grouping percentages).
    pub sentence: Range<usize>,
}

/// A statement without a figure that the tables can contradict.
#[derive(Debug, Clone)]
pub enum Claim {
    /// "未收到政府信息公开申请", "无依申请公开".
    NoApplications(Range<usize>),
    /// "均获维持", "均为结果维持", "为结果维持", about 行政复议 and/or 诉讼.
    AllUpheld {
        range: Range<usize>,
        review: bool,
        litigation: bool,
    },
    /// "无收费" / "未收取信息处理费" and the like.
    NoFees(Range<usize>),
    /// A sentence about the 信息处理费 (its presence is what matters).
    FeeStatement(Range<usize>),
}

/// "共 X 条，其中 A 条、B 条、C 条".
#[derive(Debug, Clone)]
pub struct Enumeration {
    pub total: Figure,
    pub parts: Vec<Figure>,
}

/// Everything read from the prose.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    pub facts: Vec<Fact>,
    pub claims: Vec<Claim>,
    pub enumerations: Vec<Enumeration>,
    /// Dates written as YYYY年M月D日: (year, month, day, range).
    pub dates: Vec<(i32, u32, u32, Range<usize>)>,
    /// "结转到 YYYY 年": the year and where.
    pub carry_years: Vec<(i32, Range<usize>)>,
    /// Statistics period "YYYY年1月1日…12月31日": the year and where.
    pub period_years: Vec<(i32, Range<usize>)>,
}

/// Phrases: the match ending nearest the figure wins, then the longest.
/// Longest (in bytes) first, the order [`phrase_before`] tries those ending
/// at the same place in.
const PHRASES: &[(&str, FactKind)] = &[
    ("予以公开及部分公开", FactKind::GrantedOrPartly),
    ("予以公开和部分公开", FactKind::GrantedOrPartly),
    ("予以公开或部分公开", FactKind::GrantedOrPartly),
    ("公开及部分公开", FactKind::GrantedOrPartly),
    ("法人或其他组织", FactKind::Organisations),
    ("法人和其他组织", FactKind::Organisations),
    ("法人及其他组织", FactKind::Organisations),
    ("上一年度结转", FactKind::CarriedOver),
    ("结转下一年度", FactKind::CarriedForward),
    ("不予以公开", FactKind::Withheld),
    ("不予以处理", FactKind::NotProcessed),
    ("上年度结转", FactKind::CarriedOver),
    ("结转下年度", FactKind::CarriedForward),
    ("规范性文件", FactKind::DocsIssued),
    ("部分公开", FactKind::PartlyGranted),
    ("予以公开", FactKind::Granted),
    ("全部公开", FactKind::Granted),
    ("不予公开", FactKind::Withheld),
    ("不予处理", FactKind::NotProcessed),
    ("无法提供", FactKind::Unavailable),
    ("其他处理", FactKind::OtherProcessing),
    ("上年结转", FactKind::CarriedOver),
    ("行政复议", FactKind::Review),
    ("行政诉讼", FactKind::Litigation),
    ("结转到", FactKind::CarriedForward),
    ("结转至", FactKind::CarriedForward),
    ("自然人", FactKind::NaturalPerson),
    ("收到", FactKind::New),
    ("办理", FactKind::Handled),
    ("新收", FactKind::New),
    ("接收", FactKind::New),
    ("受理", FactKind::New),
    ("规章", FactKind::RulesIssued),
];

/// Bit `k` of `PHRASE_ENDS[z & 63]` is set when phrase `k` ends with a byte
/// `z` (its low 6 bits, which tell continuation bytes apart): the phrases
/// that may end where a byte is, each then compared whole.
const PHRASE_ENDS: [u64; 64] = {
    assert!(PHRASES.len() <= 64);
    let mut ends = [0u64; 64];
    let mut k = 0;
    while k < PHRASES.len() {
        let p = PHRASES[k].0.as_bytes();
        // (`phrase_before` compares a phrase's last two bytes first.)
        assert!(p.len() >= 2);
        ends[p[p.len() - 1] as usize & 63] |= 1 << k;
        k += 1;
    }
    ends
};

/// Words that put a sentence in another scope than the report's tables.
const OTHER_SCOPE: &[&str] = &[
    "代表",
    "本级",
    "各部门",
    "各单位",
    "各乡镇",
    "各镇",
    "各街道",
    "下属",
    "所属",
    "全省",
    "各县",
];

/// [`OTHER_SCOPE`], prepared for matching once.
fn other_scope_matcher() -> &'static Matcher<'static> {
    static M: OnceLock<Matcher<'static>> = OnceLock::new();
    M.get_or_init(|| Matcher::new(OTHER_SCOPE.iter().copied()))
}

/// Reads the prose of `text` (normalised) within `ranges`: its lines that
/// are not table rows (with a tab, or starting with `|`) and have 6
/// characters or more.
pub fn read(text: &str, ranges: &[Range<usize>]) -> Prose {
    // Room for what a report's prose holds, and for its longest line: the
    // vectors do not grow step by step from nothing.
    let mut p = Prose {
        facts: Vec::with_capacity(32),
        enumerations: Vec::with_capacity(16),
        dates: Vec::with_capacity(16),
        ..Prose::default()
    };
    let mut sc = Scratch {
        sentences: Vec::with_capacity(16),
        figs: Vec::with_capacity(32),
        breaks: Vec::with_capacity(64),
        years: Vec::with_capacity(16),
    };
    for r in ranges {
        let mut start = r.start;
        loop {
            // The line's first character, past its spaces, says whether it
            // is a table row written with bars; its scan finds where it ends
            // and whether it is a row with tabs.
            let end = if starts_row(&text[start..r.end]) {
                crate::utf8::next_byte(&text.as_bytes()[..r.end], start, b'\n').unwrap_or(r.end)
            } else {
                let (end, row) = scan_line(text, start, r.end, &mut sc);
                let l = text[start..end].trim();
                // (Fewer than 6 characters: the 6th is missing. More than
                // 20 bytes hold 6 characters: none is longer than 4.)
                if !row && (l.len() > 20 || l.chars().nth(5).is_some()) {
                    for m in &sc.sentences {
                        read_sentence(text, m, &sc, &mut p);
                    }
                }
                end
            };
            if end >= r.end {
                break;
            }
            start = end + 1;
        }
    }
    p
}

/// Whether the line at the start of `rest` is a table row by its start:
/// past its spaces comes `|` (a row written with bars) or a tab.
fn starts_row(rest: &str) -> bool {
    // Whitespace is ASCII or has one of the lead bytes C2, E1, E2, E3: the
    // usual line starts with neither.
    match rest.as_bytes().first() {
        Some(b'|' | b'\t') => true,
        Some(b'\x0B' | b'\x0C' | b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3) => rest
            .trim_start_matches(|c: char| c.is_whitespace() && !matches!(c, '\n' | '\t'))
            .starts_with(['|', '\t']),
        _ => false,
    }
}

/// The classes of a character the line scan acts on, as bits (most
/// characters have none). A sentence gathers those of its characters, but
/// for the characters of its figures, which the scan passes over (all
/// digits or numerals, separators, spaces and units, of no other class).
type Class = u16;
/// 零〇一二两三四五六七八九十百千万亿: may start a figure.
const NUMERAL: Class = 1 << 0;
/// An ASCII digit (not in [`CLASSES`]: the scan tests digits itself).
const DIGIT: Class = 1 << 1;
/// 。；！？ ; ! ?: a sentence ends after it.
const SENTENCE_END: Class = 1 << 2;
/// ，。；： , ; :: a clause ends at it.
const CLAUSE_BREAK: Class = 1 << 3;
/// The characters of claims: see [`may_claim`].
const NEGATION: Class = 1 << 4;
const UPHELD: Class = 1 << 5;
const FEE: Class = 1 << 6;
const RECEIVE: Class = 1 << 7;
const APPLY: Class = 1 << 8;
const CASE: Class = 1 << 9;
const HANDLE: Class = 1 << 10;
/// The first characters of [`OTHER_SCOPE`].
const SCOPE: Class = 1 << 11;
/// `\n`, `\t`: where a line ends, what makes it a table row.
const LINE_END: Class = 1 << 12;
const TAB: Class = 1 << 13;
/// 其(中), （, (: an enumeration needs one of them.
const LIST: Class = 1 << 14;
/// The classes the scan stops at; the others it only gathers.
const STOPS: Class = NUMERAL | DIGIT | SENTENCE_END | CLAUSE_BREAK | LINE_END | TAB;

/// The characters with a class, all of them 3 bytes long in UTF-8 (ASCII
/// ones are in [`ASCII_CLASSES`]).
const CLASSES: &[(char, Class)] = &[
    ('零', NUMERAL),
    ('〇', NUMERAL),
    ('一', NUMERAL),
    ('二', NUMERAL),
    ('两', NUMERAL),
    ('三', NUMERAL),
    ('四', NUMERAL),
    ('五', NUMERAL),
    ('六', NUMERAL),
    ('七', NUMERAL),
    ('八', NUMERAL),
    ('九', NUMERAL),
    ('十', NUMERAL),
    ('百', NUMERAL),
    ('千', NUMERAL),
    ('万', NUMERAL),
    ('亿', NUMERAL),
    ('。', SENTENCE_END | CLAUSE_BREAK),
    ('；', SENTENCE_END | CLAUSE_BREAK),
    ('！', SENTENCE_END),
    ('？', SENTENCE_END),
    ('，', CLAUSE_BREAK),
    ('：', CLAUSE_BREAK),
    ('未', NEGATION),
    ('无', NEGATION),
    ('没', NEGATION),
    ('维', UPHELD),
    ('费', FEE),
    ('收', RECEIVE),
    ('申', APPLY),
    ('复', CASE),
    ('诉', CASE),
    ('处', HANDLE),
    ('代', SCOPE),
    ('本', SCOPE),
    ('各', SCOPE),
    ('下', SCOPE),
    ('所', SCOPE),
    ('全', SCOPE),
    ('其', LIST),
    ('（', LIST),
];

/// The classes of ASCII characters.
const ASCII_CLASSES: [Class; 128] = {
    let mut t = [0; 128];
    t[b';' as usize] = SENTENCE_END | CLAUSE_BREAK;
    t[b'!' as usize] = SENTENCE_END;
    t[b'?' as usize] = SENTENCE_END;
    t[b',' as usize] = CLAUSE_BREAK;
    t[b':' as usize] = CLAUSE_BREAK;
    t[b'\n' as usize] = LINE_END;
    t[b'\t' as usize] = TAB;
    t[b'(' as usize] = LIST;
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = DIGIT;
        d += 1;
    }
    t
};

/// The number of blocks of 64 code points holding a character of [`CLASSES`].
/// The classes of 3-byte characters, without decoding them, by the low 12
/// bits of the code point (the last two bytes' payloads): each entry holds
/// the classes of the one character of [`CLASSES`] with those bits, if
/// any, and that character's lead byte (bits 16–23; 0, which no 3-byte
/// character has, for none). A const assertion checks that no two
/// characters of [`CLASSES`] share their low 12 bits.
const CLASS_TABLE: [u32; 4096] = {
    let mut t = [0u32; 4096];
    let mut k = 0;
    while k < CLASSES.len() {
        let (c, class) = CLASSES[k];
        assert!(c.len_utf8() == 3);
        let low = c as usize & 0xFFF;
        let lead = 0xE0 | (c as u32 >> 12);
        assert!(t[low] == 0 || t[low] >> 16 == lead);
        t[low] = (lead << 16) | (t[low] & 0xFFFF) | class as u32;
        k += 1;
    }
    t
};

/// The classes of the 3-byte character of bytes `x`, `y`, `z`.
#[inline]
fn class3(x: u8, y: u8, z: u8) -> Class {
    let e = CLASS_TABLE[((y as usize & 0x3F) << 6) | (z as usize & 0x3F)];
    // (Without a branch: whether a character has classes is data.)
    let same_lead = (e >> 16 == x as u32) as Class;
    e as Class & same_lead.wrapping_neg()
}

/// A sentence found by [`scan_line`].
struct SentenceMarks {
    range: Range<usize>,
    /// The classes of its characters.
    classes: Class,
    /// Its figures, clause breaks and the places a year may start, in
    /// [`Scratch`].
    figs: Range<usize>,
    breaks: Range<usize>,
    years: Range<usize>,
}

impl SentenceMarks {
    /// The sentence ending at `end`, with what `sc` holds past its start.
    fn ended(mut self, end: usize, sc: &Scratch) -> Self {
        self.range.end = end;
        self.figs.end = sc.figs.len();
        self.breaks.end = sc.breaks.len();
        self.years.end = sc.years.len();
        self
    }
}

/// What [`scan_line`] finds in a line, in buffers reused from one line to
/// the next.
#[derive(Default)]
struct Scratch {
    sentences: Vec<SentenceMarks>,
    figs: Vec<Figure>,
    /// Clause breaks outside figures: (start, end).
    breaks: Vec<(usize, usize)>,
    /// Where 4 digits start, not after a digit: a year may.
    years: Vec<usize>,
}

/// Scans the line starting at byte `start` of `text` (and ending at the next
/// newline or at `limit`) in one pass: its sentences (split after
/// 。；;！？!?) and, in each, the figures, the clause breaks and the classes
/// of its characters. Returns where the line ends and whether it is a table
/// row (holds a tab: its scan is left unfinished).
fn scan_line(text: &str, start: usize, limit: usize, sc: &mut Scratch) -> (usize, bool) {
    let b = text.as_bytes();
    sc.sentences.clear();
    sc.figs.clear();
    sc.breaks.clear();
    sc.years.clear();
    // The sentence being scanned.
    let mut marks = SentenceMarks {
        range: start..start,
        classes: 0,
        figs: 0..0,
        breaks: 0..0,
        years: 0..0,
    };
    let mut i = start;
    loop {
        // Most characters are 3 bytes long and make the scan do nothing but
        // gather their classes: they are passed over by a loop of their own.
        let mut rest = &b[i..limit];
        // Two at a time while neither is a stop (which the loop after
        // finds again, one at a time).
        while let [x @ 0xE0..=0xEF, y, z, u @ 0xE0..=0xEF, v, w, tail @ ..] = rest {
            let class = class3(*x, *y, *z) | class3(*u, *v, *w);
            if class & STOPS != 0 {
                break;
            }
            marks.classes |= class;
            rest = tail;
        }
        // Then one at a time, to a stop or a character of another length:
        // its classes and length (the end of the text ends the line).
        let (class, len) = loop {
            match *rest {
                [x @ 0xE0..=0xEF, y, z, ref tail @ ..] => {
                    let class = class3(x, y, z);
                    if class & STOPS != 0 {
                        break (class, 3);
                    }
                    marks.classes |= class;
                    rest = tail;
                }
                [x, ..] if x.is_ascii() => break (ASCII_CLASSES[x as usize], 1),
                [x, ..] => break (0, crate::utf8::LEN[x as usize] as usize),
                [] => break (LINE_END, 0),
            }
        };
        i = limit - rest.len();
        if class & STOPS == 0 {
            marks.classes |= class;
            i += len;
            continue;
        }
        if class & TAB != 0 {
            let end = crate::utf8::next_byte(&b[..limit], i, b'\n').unwrap_or(limit);
            return (end, true);
        }
        if class & LINE_END != 0 {
            break;
        }
        marks.classes |= class;
        if class & (DIGIT | NUMERAL) != 0 {
            let s = marks.range.start;
            let count = sc.figs.len();
            let next = s + crate::numerals::figure_at(&text[s..limit], i - s, s, &mut sc.figs);
            // What the figure (or the digits or numerals making none)
            // steps over holds no sentence end. It may hold where a year
            // starts, past a decimal point ("1.2024年"), and commas, which
            // still end a clause when the digits make no figure ("1,2").
            if class & DIGIT != 0 {
                let figure = sc.figs.len() > count;
                let digit = |k: usize| k < limit && b[k].is_ascii_digit();
                for (k, &x) in (i..).zip(&b[i..next]) {
                    if x.is_ascii_digit() && (k == s || !digit(k - 1)) && (k..k + 4).all(digit) {
                        sc.years.push(k);
                    }
                    if x == b',' && !figure {
                        sc.breaks.push((k, k + 1));
                    }
                }
            }
            i = next;
            continue;
        }
        if class & CLAUSE_BREAK != 0 {
            sc.breaks.push((i, i + len));
        }
        i += len;
        if class & SENTENCE_END != 0 {
            let next = SentenceMarks {
                range: i..i,
                classes: 0,
                figs: sc.figs.len()..sc.figs.len(),
                breaks: sc.breaks.len()..sc.breaks.len(),
                years: sc.years.len()..sc.years.len(),
            };
            let done = std::mem::replace(&mut marks, next);
            sc.sentences.push(done.ended(i, sc));
        }
    }
    if marks.range.start < i {
        sc.sentences.push(marks.ended(i, sc));
    }
    (i, false)
}

/// Whether sentence `sent`, with characters of `classes`, may make a claim:
/// each needs its subject and its wording (see [`read_claims`]). "No
/// application" needs 申(请) and 未/没/无; "all upheld" needs 复(议) or 诉(讼)
/// and 维(持); a fee statement needs one of the characters of
/// [`CLAIM_WORDS`] 0..6, and (收)费, (处理)费 or else 信息处理 (looked up only
/// then: 处 is common).
fn may_claim(sent: &str, classes: Class) -> bool {
    let has = |c: Class| classes & c != 0;
    (has(APPLY) && has(NEGATION))
        || (has(CASE) && has(UPHELD))
        || (has(NEGATION | UPHELD | FEE | RECEIVE)
            && (has(FEE) || (has(HANDLE) && crate::utf8::contains(sent, "信息处理"))))
}

/// Reads a sentence: its dates, claims, facts and enumerations, from what
/// the scan found in it.
fn read_sentence(text: &str, m: &SentenceMarks, sc: &Scratch, p: &mut Prose) {
    let (s, classes) = (m.range.clone(), m.classes);
    let figs = &sc.figs[m.figs.clone()];
    let breaks = &sc.breaks[m.breaks.clone()];
    let sent = &text[s.clone()];
    if !m.years.is_empty() {
        read_dates(text, &s, &sc.years[m.years.clone()], p);
    }
    if may_claim(sent, classes) {
        read_claims(text, &s, p);
    }
    // Looked up when the sentence states a fact.
    let mut other_scope: Option<bool> = None;
    let mut prev_end = s.start;
    for (k, f) in figs.iter().enumerate() {
        if !f.is_count() || f.approx {
            prev_end = f.end;
            continue;
        }
        // The clause before the figure, back to the previous figure.
        let clause_start = breaks
            .iter()
            .rev()
            .find(|b| b.0 < f.range.start)
            .filter(|b| b.0 >= prev_end)
            .map_or(prev_end, |b| b.1);
        let before = &text[clause_start..f.range.start];
        let mut kind = phrase_before(before);
        if kind.is_none() {
            // "4宗结转到2024年继续办理": the phrase after the figure.
            let next_break = breaks.iter().find(|b| b.0 >= f.end).map_or(s.end, |b| b.0);
            let next_fig = figs.get(k + 1).map_or(s.end, |n| n.range.start);
            let after = &text[f.end..next_break.min(next_fig)];
            kind = phrase_after(after);
        }
        prev_end = f.end;
        let Some(kind) = kind else { continue };
        let kind = refine(kind, &text[s.start..f.end], before);
        let Some(kind) = kind else { continue };
        // "占 P%" after the figure.
        let percent = figs.get(k + 1).filter(|n| {
            n.is_percent() && {
                let between = &text[f.end..n.range.start];
                between.contains('占') && between.chars().count() <= 6
            }
        });
        let other_scope = *other_scope
            .get_or_insert_with(|| classes & SCOPE != 0 && other_scope_matcher().any_in(sent));
        p.facts.push(Fact {
            kind,
            figure: f.clone(),
            percent: percent.cloned(),
            other_scope,
            sentence: s.clone(),
        });
    }
    if classes & LIST != 0 {
        read_enumerations(text, &s, figs, p);
    }
}

/// The fact of the phrase nearest the end of `before` (the clause before a
/// figure), then the longest, that fits what lies between it and the
/// figure. Only the last occurrence of each phrase is a candidate.
fn phrase_before(before: &str) -> Option<FactKind> {
    // Backwards from the figure, phrase by phrase as they end: most
    // clauses end with their phrase. Bit `k` of `met` is set once phrase
    // `k` has been met (its last occurrence).
    let b = before.as_bytes();
    let mut met = 0u64;
    let mut end = b.len();
    while end > 0 {
        let mut ending = PHRASE_ENDS[b[end - 1] as usize & 63] & !met;
        // Lowest bit first: the longest phrase first.
        while ending != 0 {
            let k = ending.trailing_zeros() as usize;
            ending &= ending - 1;
            let (phrase, kind) = PHRASES[k];
            let p = phrase.as_bytes();
            // (The byte before the last, told first, rules out most.)
            if end >= p.len() && b[end - 2] == p[p.len() - 2] && b[..end].ends_with(p) {
                met |= 1 << k;
                if fits(kind, &before[end..]) {
                    return Some(kind);
                }
            }
        }
        // Back to the start of the character before.
        end -= 1;
        while b[end] & 0xC0 == 0x80 {
            end -= 1;
        }
    }
    None
}

/// Whether a phrase of `kind` is tied to a figure with `between` between
/// them.
fn fits(kind: FactKind, between: &str) -> bool {
    use crate::utf8::contains;
    match kind {
        // 收到/受理/办理 …申请 N 件: only applications, not 热线 calls,
        // reviews or "结转下年度办理".
        FactKind::New | FactKind::Handled => {
            contains(between, "申请")
                && !contains(between, "复议")
                && !contains(between, "诉讼")
                && !contains(between, "热线")
        }
        // "自然人申请件51宗", not a phrase far from its figure.
        _ => between.chars().nth(16).is_none(),
    }
}

fn phrase_after(after: &str) -> Option<FactKind> {
    ["结转到", "结转至", "结转下年度", "结转下一年度"]
        .iter()
        .any(|p| after.trim_start().starts_with(p))
        .then_some(FactKind::CarriedForward)
}

/// 规章 / 规范性文件 facts by the verb of their clause; `None` when the
/// clause does not say which column it means.
fn refine(kind: FactKind, clause: &str, before: &str) -> Option<FactKind> {
    use crate::utf8::contains;
    let (issued, repealed, in_force) = match kind {
        FactKind::RulesIssued => (
            FactKind::RulesIssued,
            FactKind::RulesRepealed,
            FactKind::RulesInForce,
        ),
        FactKind::DocsIssued => (
            FactKind::DocsIssued,
            FactKind::DocsRepealed,
            FactKind::DocsInForce,
        ),
        _ => return Some(kind),
    };
    // "规章性文件", "规章制度" are not 规章.
    if kind == FactKind::RulesIssued && (contains(before, "规章性") || contains(before, "规章制度"))
    {
        return None;
    }
    if contains(clause, "现行有效") {
        Some(in_force)
    } else if contains(clause, "废止") || contains(clause, "清理") || contains(clause, "失效")
    {
        Some(repealed)
    } else if contains(clause, "制发")
        || contains(clause, "印发")
        || contains(clause, "出台")
        || contains(clause, "制定")
        || contains(clause, "发布")
        || contains(clause, "其中")
    {
        Some(issued)
    } else {
        None
    }
}

/// The words claims are read from, found in one pass over a sentence: the
/// characters every claim needs, the subjects, then the wordings of each
/// claim in order of preference.
const CLAIM_WORDS: &[&str] = &[
    // 0..6: every claim needs one of these characters.
    "未",
    "无",
    "没",
    "维",
    "费",
    "收",
    // 6..12: subjects.
    "复议",
    "诉讼",
    "申请",
    "收费",
    "处理费",
    "信息处理",
    // 12..17: no application.
    "未收到",
    "没有收到",
    "未接到",
    "无依申请",
    "未发生依申请",
    // 17..24: all upheld.
    "均获维持",
    "均为结果维持",
    "均被维持",
    "全部维持",
    "均予以维持",
    "为结果维持",
    "均维持",
    // 24..34: no fee.
    "未发出收费通知",
    "无发出收费通知",
    "没有发出收费通知",
    "无收费",
    "未收费",
    "无收取",
    "未收取",
    "没有收取",
    "不收取",
    "未产生",
];

fn read_claims(text: &str, s: &Range<usize>, p: &mut Prose) {
    static M: OnceLock<Matcher<'static>> = OnceLock::new();
    let sent = &text[s.clone()];
    // The first occurrence of each word.
    let mut first = [None; CLAIM_WORDS.len()];
    M.get_or_init(|| Matcher::new(CLAIM_WORDS.iter().copied()))
        .each_match(sent, |i, k| {
            first[k].get_or_insert(i);
        });
    let has = |k: usize| first[k].is_some();
    // The first of the wordings `ks` present, as a range of the text.
    let at = |ks: Range<usize>| {
        ks.into_iter()
            .find_map(|k| first[k].map(|i| s.start + i..s.start + i + CLAIM_WORDS[k].len()))
    };
    if !(0..6).any(has) {
        return;
    }
    let (review, litigation) = (has(6), has(7));
    let about_reviews = review || litigation;
    if has(8) && !about_reviews && !has(9) {
        if let Some(r) = at(12..17) {
            p.claims.push(Claim::NoApplications(r));
        }
    }
    if about_reviews {
        if let Some(r) = at(17..24) {
            p.claims.push(Claim::AllUpheld {
                range: r,
                review,
                litigation,
            });
        }
    }
    if has(10) || has(9) || has(11) {
        p.claims.push(Claim::FeeStatement(s.clone()));
        if let Some(r) = at(24..34) {
            p.claims.push(Claim::NoFees(r));
        }
    }
}

/// Dates "YYYY年M月D日", statistics periods and "结转到YYYY年" in sentence
/// `s`, from the places a year may start (`years`, in order).
fn read_dates(text: &str, s: &Range<usize>, years: &[usize], p: &mut Prose) {
    let sent = &text[s.clone()];
    let b = sent.as_bytes();
    for &at in years {
        let i = at - s.start;
        // (A date needs more than its year.)
        if i + 5 > b.len() {
            break;
        }
        let rest = &sent[i + 4..];
        let rest_t = rest.trim_start();
        if let Some(after_year) = rest_t.strip_prefix('年') {
            let year: i32 = sent[i..i + 4].parse().unwrap_or(0);
            let start = s.start + i;
            // Month and day.
            let (m, d, len) = month_day(after_year);
            let consumed = rest.len() - after_year.len() + len;
            let end = s.start + i + 4 + consumed;
            if let (Some(m), Some(d)) = (m, d) {
                p.dates.push((year, m, d, start..end));
                if m == 1 && d == 1 && contains_unspaced(&sent[i..], "12月31日") {
                    p.period_years.push((year, start..end));
                }
            }
            // "结转到2024年".
            let before = &sent[..i];
            if ["结转到", "结转至", "转入"]
                .iter()
                .any(|w| before.trim_end().ends_with(w))
            {
                p.carry_years.push((year, start..s.start + i + 4));
            }
        }
    }
}

/// Whether `hay` with its spaces left out contains `needle` (as collecting
/// the rest into a `String` would tell, without doing it).
fn contains_unspaced(hay: &str, needle: &str) -> bool {
    let mut rest = hay.bytes().filter(|&b| b != b' ');
    loop {
        // A match from here: the next bytes, spaces skipped, are `needle`.
        let mut from = rest.clone();
        if needle.bytes().all(|y| from.next() == Some(y)) {
            return true;
        }
        if rest.next().is_none() {
            return false;
        }
    }
}

fn month_day(s: &str) -> (Option<u32>, Option<u32>, usize) {
    let t = s.trim_start();
    let md = &t[..t.bytes().take_while(u8::is_ascii_digit).count()];
    let Some(rest) = t[md.len()..].trim_start().strip_prefix('月') else {
        return (None, None, 0);
    };
    let rest_t = rest.trim_start();
    let dd = &rest_t[..rest_t.bytes().take_while(u8::is_ascii_digit).count()];
    let after = rest_t[dd.len()..].trim_start();
    if !after.starts_with('日') && !after.starts_with('号') {
        return (md.parse().ok(), None, 0);
    }
    let len = s.len() - after.len() + '日'.len_utf8();
    (md.parse().ok(), dd.parse().ok(), len)
}

/// "T，其中 A、B、C" and "T（含 A、B、C）".
fn read_enumerations(text: &str, s: &Range<usize>, figs: &[Figure], p: &mut Prose) {
    for (k, t) in figs.iter().enumerate() {
        if !t.is_count() || t.approx {
            continue;
        }
        let after = &text[t.end..s.end];
        let trimmed = skip_separators(after);
        let (list_start, bracket) = if let Some(r) = trimmed.strip_prefix("其中") {
            (s.end - r.len(), false)
        } else if let Some(r) = trimmed.strip_prefix(['（', '(']) {
            let r2 = ["其中", "含", "包括"]
                .iter()
                .find_map(|w| r.strip_prefix(w))
                .unwrap_or(r);
            (s.end - r2.len(), true)
        } else {
            continue;
        };
        if bracket && !after.starts_with(['（', '(']) {
            continue;
        }
        let parts = list_items(text, list_start, s.end, &figs[k + 1..], bracket);
        if parts.len() >= 2 {
            p.enumerations.push(Enumeration {
                total: t.clone(),
                parts,
            });
        }
    }
}

/// `s` past the ，,、 and spaces it starts with (as `trim_start_matches`
/// would give, byte by byte).
fn skip_separators(s: &str) -> &str {
    let mut rest = s;
    loop {
        rest = match rest.as_bytes() {
            [b',' | b' ', ..] => &rest[1..],
            // ，and 、.
            [0xEF, 0xBC, 0x8C, ..] | [0xE3, 0x80, 0x81, ..] => &rest[3..],
            _ => return rest,
        };
    }
}

/// Items "label N unit" separated by 、，; from `start`, at the same bracket
/// depth; a nested bracket after an item is skipped (it is an enumeration
/// of its own). Stops at the first clause that is not such an item.
fn list_items(
    text: &str,
    start: usize,
    end: usize,
    figs: &[Figure],
    in_bracket: bool,
) -> Vec<Figure> {
    // (Room for the usual list, which names a few items.)
    let mut items = Vec::with_capacity(4);
    let mut pos = start;
    let mut fi = 0;
    loop {
        // Next figure at or after pos.
        while fi < figs.len() && figs[fi].range.start < pos {
            fi += 1;
        }
        let Some(f) = figs.get(fi) else { break };
        let label = &text[pos..f.range.start];
        if label.trim().is_empty()
            || label.contains(['，', ',', '；', ';', '。', '（', '(', '）', ')'])
            || !f.is_count()
            || f.approx
        {
            break;
        }
        // What follows the item.
        let rest = &text[f.end..end];
        let Some(c) = rest.chars().next() else {
            items.push(f.clone());
            break;
        };
        match c {
            '、' | '，' | ',' => {
                items.push(f.clone());
                pos = f.end + c.len_utf8();
            }
            '（' | '(' => {
                items.push(f.clone());
                // Skip the nested bracket.
                let mut depth = 0;
                let mut close = None;
                for (i, ch) in rest.char_indices() {
                    match ch {
                        '（' | '(' => depth += 1,
                        '）' | ')' => {
                            depth -= 1;
                            if depth == 0 {
                                close = Some(f.end + i + ch.len_utf8());
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let Some(cl) = close else { break };
                pos = cl;
                let next = text[pos..end].chars().next();
                match next {
                    Some(n @ ('、' | '，' | ',')) => pos += n.len_utf8(),
                    _ => break,
                }
            }
            '）' | ')' if in_bracket => {
                items.push(f.clone());
                break;
            }
            '。' | '；' | ';' => {
                items.push(f.clone());
                break;
            }
            _ => break,
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(t: &str) -> Prose {
        read(t, std::slice::from_ref(&(0..t.len())))
    }

    #[test]
    fn facts_and_percentages() {
        let t = "2023年市政府办公室收到政府信息公开申请55宗，上年结转政府信息公开申请数量3宗，其中54宗在法定期限内进行答复，4宗结转到2024年继续办理，自然人申请件51宗，法人或其他组织申请件4宗。予以公开及部分公开10宗，占18.5%；不予公开3宗，占5.6%。信息公开类行政复议2起，为结果维持。";
        let p = read_all(t);
        let kinds: Vec<(FactKind, String)> = p
            .facts
            .iter()
            .map(|f| (f.kind, f.figure.value.to_string()))
            .collect();
        use FactKind::*;
        assert_eq!(
            kinds,
            vec![
                (New, "55".into()),
                (CarriedOver, "3".into()),
                (CarriedForward, "4".into()),
                (NaturalPerson, "51".into()),
                (Organisations, "4".into()),
                (GrantedOrPartly, "10".into()),
                (Withheld, "3".into()),
                (Review, "2".into()),
            ]
        );
        assert_eq!(
            p.facts[5].percent.as_ref().unwrap().value.to_string(),
            "18.5"
        );
        assert!(p.enumerations.is_empty());
        assert!(matches!(p.claims[0], Claim::AllUpheld { review: true, .. }));
        assert_eq!(p.carry_years[0].0, 2024);
    }

    #[test]
    fn enumerations_nested() {
        let t = "发布各类主动公开信息1750条，其中概况类信息368条、政务动态信息469条、信息公开目录信息873条（含涉及教育、乡村振兴等领域信息191条、预算决算126条、政府文件30条，其他发布526条）。";
        let p = read_all(t);
        let e: Vec<(String, Vec<String>)> = p
            .enumerations
            .iter()
            .map(|e| {
                (
                    e.total.value.to_string(),
                    e.parts.iter().map(|f| f.value.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(
            e,
            vec![
                (
                    "1750".into(),
                    vec!["368".into(), "469".into(), "873".into()]
                ),
                (
                    "873".into(),
                    vec!["191".into(), "126".into(), "30".into(), "526".into()]
                ),
            ]
        );
    }

    #[test]
    fn hotline_is_not_an_application_and_chinese_numerals_count() {
        let p = read_all("12345热线全年共受理业务253130件。共收到政府信息公开申请二十三件。");
        assert_eq!(p.facts.len(), 1);
        assert_eq!(p.facts[0].figure.value.to_string(), "23");
        let p = read_all("2023 全年未收到政府信息公开申请，无依申请公开信息。");
        assert!(matches!(p.claims[0], Claim::NoApplications(_)));
    }

    /// Lines for the scanner tests: CJK, an astral character (𠮷), digits
    /// (full-width ones are ASCII by now: normalisation folds them), every
    /// break, numerals, a decimal before a year, commas in and out of figures.
    const LINES: &[&str] = &[
        "2023年市政府办公室收到政府信息公开申请55宗，上年结转3宗；其中54宗在法定期限内答复，4宗结转到2024年继续办理。",
        "𠮷收到申请二十三件；第一批两起!共1,234条,约2.8万条?766 条：1.2024年 12,34件",
        "予以公开及部分公开10宗，占18.5%；不予公开3宗，占5.6%。信息公开类行政复议2起，为结果维持",
        "统计期限自2023年1月1日起至2023年12月31日止。一是加强，二十大精神，三审三校！",
        "𠮷𠮷；;。！？，,：:",
        "12345热线全年共受理业务253130件。A2024年〔2023〕5号、0763-3363956",
        "",
    ];

    /// [`scan_line`] over all of `line`, with each sentence's text, figures,
    /// clause breaks and year places, offsets in `line`.
    type Scanned = (String, Vec<Figure>, Vec<(usize, usize)>, Vec<usize>, Class);

    fn scan(line: &str) -> Vec<Scanned> {
        let mut sc = Scratch::default();
        let (end, row) = scan_line(line, 0, line.len(), &mut sc);
        assert_eq!((end, row), (line.len(), false));
        sc.sentences
            .iter()
            .map(|m| {
                (
                    line[m.range.clone()].to_string(),
                    sc.figs[m.figs.clone()].to_vec(),
                    sc.breaks[m.breaks.clone()].to_vec(),
                    sc.years[m.years.clone()].to_vec(),
                    m.classes,
                )
            })
            .collect()
    }

    #[test]
    fn scan_splits_sentences_after_their_ends() {
        for line in LINES {
            // Split after 。；;！？!?, char by char.
            let mut want = Vec::new();
            let mut start = 0;
            for (i, c) in line.char_indices() {
                if matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?') {
                    want.push(&line[start..i + c.len_utf8()]);
                    start = i + c.len_utf8();
                }
            }
            if start < line.len() {
                want.push(&line[start..]);
            }
            let got: Vec<String> = scan(line).into_iter().map(|s| s.0).collect();
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn scan_finds_what_each_sentence_holds() {
        for line in LINES {
            let mut at = 0;
            for (sentence, figs, breaks, years, classes) in scan(line) {
                let range = at..at + sentence.len();
                at = range.end;
                // The figures a sentence read alone has.
                assert_eq!(
                    figs,
                    crate::numerals::figures(&sentence, range.start),
                    "{sentence}"
                );
                // The clause breaks outside figures.
                let inside = |k: usize| figs.iter().any(|f| f.range.start <= k && k < f.end);
                let want: Vec<(usize, usize)> = sentence
                    .char_indices()
                    .filter(|&(k, c)| {
                        matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':')
                            && !inside(range.start + k)
                    })
                    .map(|(k, c)| (range.start + k, range.start + k + c.len_utf8()))
                    .collect();
                assert_eq!(breaks, want, "{sentence}");
                // Where 4 digits start, not after a digit.
                let b = sentence.as_bytes();
                let want: Vec<usize> = (0..b.len())
                    .filter(|&k| {
                        (k == 0 || !b[k - 1].is_ascii_digit())
                            && b.get(k..k + 4)
                                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    })
                    .map(|k| range.start + k)
                    .collect();
                assert_eq!(years, want, "{sentence}");
                // The classes of its characters (of numerals, only those
                // the scan stops at: a figure's unit may be 万).
                let mut want = 0;
                for c in sentence.chars() {
                    want |= match c {
                        '0'..='9' => DIGIT,
                        c if c.is_ascii() => ASCII_CLASSES[c as usize],
                        c => CLASSES.iter().filter(|x| x.0 == c).map(|x| x.1).sum(),
                    };
                }
                assert_eq!(classes & !NUMERAL, want & !NUMERAL, "{sentence}");
            }
        }
    }

    #[test]
    fn numerals_are_the_numerals_module_s() {
        let mut ours: Vec<char> = CLASSES
            .iter()
            .filter(|x| x.1 & NUMERAL != 0)
            .map(|x| x.0)
            .collect();
        let mut theirs = crate::numerals::CN_NUMERALS.to_vec();
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn class_table_holds_the_classes() {
        for c in ('\u{800}'..='\u{FFFF}').filter(|c| c.len_utf8() == 3) {
            let mut b = [0u8; 4];
            let e = c.encode_utf8(&mut b).as_bytes();
            let want: Class = CLASSES.iter().filter(|x| x.0 == c).map(|x| x.1).sum();
            assert_eq!(class3(e[0], e[1], e[2]), want, "{c}");
        }
    }

    #[test]
    fn rows_and_short_lines_are_not_read() {
        let t = "收到政府信息公开申请55宗。\n\t收到申请1件。\n  | 收到申请2件。\n收到申请3件\t。\n\u{3000}\t收到申请4件。\n收到5件\n收到申请6件。";
        let got: Vec<String> = read_all(t)
            .facts
            .iter()
            .map(|f| f.figure.value.to_string())
            .collect();
        assert_eq!(got, ["55", "6"]);
        assert!(starts_row("|a") && starts_row(" \u{3000}|a") && starts_row("\tx"));
        assert!(!starts_row("a|") && !starts_row(" \n|") && !starts_row(""));
    }

    #[test]
    fn phrase_nearest_the_figure_that_fits() {
        assert_eq!(phrase_before("收到政府信息公开申请"), Some(FactKind::New));
        assert_eq!(
            phrase_before("予以公开及部分公开"),
            Some(FactKind::GrantedOrPartly)
        );
        // 收到 without 申请 after it does not fit; 部分公开 is nearer.
        assert_eq!(phrase_before("收到部分公开"), Some(FactKind::PartlyGranted));
        // Only the last 收到 counts: the one before 热线 does not fit.
        assert_eq!(phrase_before("收到申请，收到热线"), None);
        assert_eq!(phrase_before("𠮷办理"), None);
        assert_eq!(
            phrase_before("自然人提出的各类政府信息公开申请的件数总共为"),
            None
        );
    }

    #[test]
    fn phrases_longest_first() {
        for w in PHRASES.windows(2) {
            assert!(w[0].0.len() >= w[1].0.len(), "{} {}", w[0].0, w[1].0);
        }
        for (k, p) in PHRASES.iter().enumerate() {
            assert!(PHRASES[..k].iter().all(|q| q.0 != p.0), "{}", p.0);
        }
    }

    #[test]
    fn claims_need_their_characters() {
        // Every sentence from these pieces: `may_claim` lets through each
        // that makes a claim.
        let pieces = [
            "未收到",
            "申请",
            "复议",
            "诉讼",
            "均获维持",
            "为结果维持",
            "收费",
            "处理费",
            "信息处理",
            "未收取",
            "收到",
            "无依申请",
            "没有收到",
            "，",
            "𠮷",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}{c}。");
                    let mut p = Prose::default();
                    read_claims(&t, &(0..t.len()), &mut p);
                    let classes = scan(&t)[0].4;
                    assert!(p.claims.is_empty() || may_claim(&t, classes), "{t}");
                }
            }
        }
    }

    #[test]
    fn separators_skipped() {
        for t in ["，, 、其中", "其中", "", "，", "、𠮷，", " ，（含"] {
            assert_eq!(
                skip_separators(t),
                t.trim_start_matches(['，', ',', '、', ' ']),
                "{t}"
            );
        }
    }

    #[test]
    fn unspaced_contains() {
        assert!(contains_unspaced("1月1日至 12 月 31日", "12月31日"));
        assert!(contains_unspaced("12月31日", "12月31日"));
        assert!(!contains_unspaced("12月3 日1", "12月31日"));
        assert!(!contains_unspaced("", "12月31日"));
    }
}
