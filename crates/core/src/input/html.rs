//! HTML → the normalised view.
//!
//! [`render`] reads an HTML string — a saved page, or the fragment a browser
//! puts on the clipboard when copying from Word, WPS or a web page — the way
//! a browser's copy turns it into text, and writes it into a [`NormText`]
//! whose every character maps back to its bytes in the HTML:
//!
//! - text is copied with [`NormBuilder::push_original`], so a figure such as
//!   the `51` of `<td><p><span>51</span></p></td>` maps to exactly those two
//!   bytes; runs of HTML whitespace collapse to one space (mapped to the
//!   first whitespace byte), NBSP stays NBSP (the normaliser folds it);
//! - entities are decoded; the decoded character maps into the entity's
//!   range, at its start (see `Renderer::decoded` for why not the whole
//!   range);
//! - structure becomes synthetic separators (zero-width in the original): a
//!   table row is one line, its cells separated by single tabs (merged cells
//!   are neither repeated nor padded: the browser-copy convention the table
//!   reader expects); inside a cell every block boundary is one space; outside
//!   tables block elements end lines, with at most one blank line in a row;
//! - the contents of `script`, `style`, `head`, `title`, `template`,
//!   `noscript`, comments (Word's `<!--[if …]>…<![endif]-->` included),
//!   `<!DOCTYPE>`, `<![CDATA[…]]>` and processing instructions are skipped.
//!
//! The tokenizer is hand-written and forgiving: it never panics and runs in
//! linear time on any input (searches for a closing delimiter are memoised,
//! so an unterminated quote or comment is scanned for once, not once per
//! tag). HTML kept inside a JavaScript string (`let content = "<p
//! style=\"…\">…"`) is read too: a backslash before an attribute's quote is
//! tolerated.

use crate::normalize::{NormBuilder, NormText};

/// Renders `html` into the normalised view.
pub fn render(html: &str) -> NormText {
    let mut r = Renderer::new(html);
    r.run();
    r.b.finish()
}

/// HTML's whitespace (not NBSP, which is content).
fn is_html_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{000C}')
}

fn is_ws_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// Elements whose boundaries end a line (outside tables) or are a space
/// (inside a cell).
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"li"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"nav"
            | b"aside"
            | b"main"
            | b"blockquote"
            | b"pre"
            | b"address"
            | b"figure"
            | b"figcaption"
            | b"form"
            | b"fieldset"
            | b"legend"
            | b"hr"
            | b"center"
            | b"body"
            | b"html"
            | b"title"
            | b"details"
            | b"summary"
            | b"menu"
            | b"dir"
            | b"option"
            | b"plaintext"
            | b"listing"
    )
}

/// Elements whose content is raw text, skipped up to their end tag.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
];

/// Elements that may stand in `<head>` without ending it.
fn in_head_ok(name: &[u8]) -> bool {
    matches!(
        name,
        b"meta" | b"link" | b"base" | b"basefont" | b"bgsound" | b"object" | b"template" | b"head"
    )
}

/// Finds `needle` in `hay` from `from` on, remembering the last answer so
/// that repeated searches from increasing positions scan each byte once.
#[derive(Debug)]
struct Finder {
    needle: &'static [u8],
    /// Compare ASCII case-insensitively (the needle is lowercase).
    ci: bool,
    /// (searched from, first match at or after it).
    memo: Option<(usize, Option<usize>)>,
}

impl Finder {
    const fn new(needle: &'static [u8], ci: bool) -> Self {
        Finder {
            needle,
            ci,
            memo: None,
        }
    }

    fn find(&mut self, hay: &[u8], from: usize) -> Option<usize> {
        if let Some((f, found)) = self.memo {
            // The first match at or after `f` is also the first one at or
            // after any `from` between `f` and that match.
            if from >= f && found.is_none_or(|m| m >= from) {
                return found;
            }
        }
        let found = search(hay, from, self.needle, self.ci);
        self.memo = Some((from, found));
        found
    }
}

fn search(hay: &[u8], from: usize, needle: &[u8], ci: bool) -> Option<usize> {
    if from >= hay.len() || needle.is_empty() || hay.len() - from < needle.len() {
        return None;
    }
    let first = needle[0];
    let last_start = hay.len() - needle.len();
    let mut i = from;
    while i <= last_start {
        let b = hay[i];
        let hit = if ci {
            b.to_ascii_lowercase() == first
                && hay[i..i + needle.len()]
                    .iter()
                    .zip(needle)
                    .all(|(a, n)| a.to_ascii_lowercase() == *n)
        } else {
            b == first && &hay[i..i + needle.len()] == needle
        };
        if hit {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A space waiting to be written before the next content.
#[derive(Debug, Clone, Copy)]
enum Space {
    /// Collapsed whitespace starting at this original byte.
    Orig(usize),
    /// A block boundary inside a cell, at this original place.
    Synth(usize),
}

#[derive(Debug, Default)]
struct Table {
    row_open: bool,
    cells: usize,
    in_cell: bool,
}

struct Renderer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    b: NormBuilder,
    /// Nothing written since the last hard separator (start, newline, tab):
    /// leading spaces are dropped here.
    fresh: bool,
    /// Newlines at the end of the output.
    trailing_nl: u8,
    /// Anything written at all.
    any: bool,
    pending: Option<Space>,
    tables: Vec<Table>,
    /// Open `<template>` elements.
    hidden: u32,
    in_head: bool,
    /// Open `<pre>`/`<listing>`/`<textarea>` elements.
    pre: u32,
    /// The newline right after `<pre>` is not content.
    pre_skip_nl: bool,
    gt: Finder,
    dq: Finder,
    sq: Finder,
    comment_end: Finder,
    cdata_end: Finder,
    raw_ends: Vec<Finder>,
}

impl<'a> Renderer<'a> {
    fn new(src: &'a str) -> Self {
        let bytes = src.as_bytes();
        // The Windows clipboard's CF_HTML header ("Version:0.9
        // StartHTML:…") is not content.
        let pos = if src.starts_with("Version:") && src.contains("StartHTML:") {
            src.find('<').unwrap_or(src.len())
        } else {
            0
        };
        const RAW_END: &[&[u8]] = &[
            b"</script",
            b"</style",
            b"</title",
            b"</textarea",
            b"</xmp",
            b"</iframe",
            b"</noembed",
            b"</noframes",
            b"</noscript",
        ];
        Renderer {
            src,
            bytes,
            pos,
            b: NormBuilder::new(),
            fresh: true,
            trailing_nl: 0,
            any: false,
            pending: None,
            tables: Vec::new(),
            hidden: 0,
            in_head: false,
            pre: 0,
            pre_skip_nl: false,
            gt: Finder::new(b">", false),
            dq: Finder::new(b"\"", false),
            sq: Finder::new(b"'", false),
            comment_end: Finder::new(b"-->", false),
            cdata_end: Finder::new(b"]]>", false),
            raw_ends: RAW_END.iter().map(|n| Finder::new(n, true)).collect(),
        }
    }

    fn run(&mut self) {
        let n = self.bytes.len();
        while self.pos < n {
            let start = self.pos;
            // Next '<' that opens markup; a '<' that opens nothing is text.
            let mut i = start;
            let mut markup = None;
            while i < n {
                if self.bytes[i] == b'<' && self.opens_markup(i) {
                    markup = Some(i);
                    break;
                }
                i += 1;
            }
            let text_end = markup.unwrap_or(n);
            if text_end > start {
                self.text(start, text_end);
            }
            match markup {
                Some(lt) => {
                    let before = lt;
                    self.markup(lt);
                    // Always progress.
                    if self.pos <= before {
                        self.pos = before + 1;
                    }
                }
                None => self.pos = n,
            }
        }
    }

    /// Whether the '<' at `i` opens a tag, a comment or a declaration.
    fn opens_markup(&self, i: usize) -> bool {
        match self.bytes.get(i + 1) {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(b'!' | b'?') => true,
            Some(b'/') => true,
            _ => false,
        }
    }

    /// Reads the markup at `lt` and moves `pos` past it.
    fn markup(&mut self, lt: usize) {
        let bytes = self.bytes;
        let n = bytes.len();
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            let body = lt + 4;
            // "<!-->" and "<!--->" are empty comments.
            if bytes.get(body) == Some(&b'>') {
                self.pos = body + 1;
            } else if bytes[body.min(n)..].starts_with(b"->") {
                self.pos = body + 2;
            } else {
                self.pos = self.comment_end.find(bytes, body).map_or(n, |e| e + 3);
            }
            return;
        }
        if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<![CDATA[") {
            self.pos = self.cdata_end.find(bytes, lt + 9).map_or(n, |e| e + 3);
            return;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            // DOCTYPE, Word's <![if …]>/<![endif]>, processing instructions.
            self.pos = self.gt.find(bytes, lt + 2).map_or(n, |e| e + 1);
            return;
        }
        if rest.starts_with(b"</") {
            let name_start = lt + 2;
            match bytes.get(name_start) {
                Some(b'>') => {
                    self.pos = name_start + 1;
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let name_end = name_end(bytes, name_start);
                    self.pos = self.gt.find(bytes, name_end).map_or(n, |e| e + 1);
                    let mut buf = [0u8; 16];
                    let name = lower(&bytes[name_start..name_end], &mut buf);
                    self.end_tag(name, lt);
                }
                _ => {
                    // A bogus comment.
                    self.pos = self.gt.find(bytes, name_start).map_or(n, |e| e + 1);
                }
            }
            return;
        }
        // A start tag.
        let name_start = lt + 1;
        let name_end = name_end(bytes, name_start);
        let end = self.tag_end(name_end);
        self.pos = end;
        let mut buf = [0u8; 16];
        let name = lower(&bytes[name_start..name_end], &mut buf);
        self.start_tag(name, lt);
    }

    /// The end of a start tag whose attributes begin at `i`: just past its
    /// '>' (or the end of the input). Quoted values may hold '>'; a quote
    /// may be escaped with a backslash (HTML inside a JavaScript string); an
    /// unterminated quote ends the tag at the next '>' instead.
    fn tag_end(&mut self, mut i: usize) -> usize {
        let bytes = self.bytes;
        let n = bytes.len();
        loop {
            while i < n && (is_ws_byte(bytes[i]) || bytes[i] == b'/') {
                i += 1;
            }
            if i >= n {
                return n;
            }
            if bytes[i] == b'>' {
                return i + 1;
            }
            // Attribute name (a leading '=' belongs to it).
            let name_at = i;
            i += 1;
            while i < n && !is_ws_byte(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            debug_assert!(i > name_at);
            while i < n && is_ws_byte(bytes[i]) {
                i += 1;
            }
            if i >= n || bytes[i] != b'=' {
                continue;
            }
            i += 1;
            while i < n && is_ws_byte(bytes[i]) {
                i += 1;
            }
            if i >= n {
                return n;
            }
            let mut q = bytes[i];
            if q == b'\\' && matches!(bytes.get(i + 1), Some(b'"' | b'\'')) {
                i += 1;
                q = bytes[i];
            }
            if q == b'"' || q == b'\'' {
                let finder = if q == b'"' {
                    &mut self.dq
                } else {
                    &mut self.sq
                };
                match finder.find(bytes, i + 1) {
                    Some(close) => i = close + 1,
                    None => {
                        // Unterminated: end the tag at the next '>'.
                        return self.gt.find(bytes, i + 1).map_or(n, |e| e + 1);
                    }
                }
            } else {
                while i < n && !is_ws_byte(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
            }
        }
    }

    fn start_tag(&mut self, name: &[u8], at: usize) {
        if let Some(k) = RAW_TEXT.iter().position(|r| *r == name) {
            // Skip to the end tag, then past its '>'.
            let bytes = self.bytes;
            let n = bytes.len();
            let from = self.pos;
            self.pos = match self.raw_ends[k].find(bytes, from) {
                Some(e) => {
                    let after = e + self.raw_ends[k].needle.len();
                    self.gt.find(bytes, after).map_or(n, |g| g + 1)
                }
                None => n,
            };
            return;
        }
        if name == b"head" {
            if !self.any && self.hidden == 0 {
                self.in_head = true;
            }
            return;
        }
        if name == b"template" {
            self.hidden += 1;
            return;
        }
        if self.in_head {
            if in_head_ok(name) {
                return;
            }
            self.in_head = false;
        }
        if self.hidden > 0 {
            return;
        }
        self.structure(name, true, at);
    }

    fn end_tag(&mut self, name: &[u8], at: usize) {
        if name == b"head" {
            self.in_head = false;
            return;
        }
        if name == b"template" {
            self.hidden = self.hidden.saturating_sub(1);
            return;
        }
        if self.in_head || self.hidden > 0 {
            return;
        }
        self.structure(name, false, at);
    }

    /// What a visible tag does to the layout.
    fn structure(&mut self, name: &[u8], start: bool, at: usize) {
        let depth = self.tables.len();
        match name {
            b"table" => {
                if start {
                    if depth == 0 {
                        self.newline(at);
                    } else {
                        self.soft(at);
                    }
                    self.tables.push(Table::default());
                } else if depth == 1 {
                    self.close_cell();
                    self.end_row(at);
                    self.tables.pop();
                    self.newline(at);
                } else if depth > 1 {
                    self.tables.pop();
                    self.soft(at);
                }
            }
            b"tr" => {
                if start {
                    self.ensure_table(at);
                }
                match self.tables.len() {
                    0 => {}
                    1 => {
                        self.close_cell();
                        self.end_row(at);
                        if start {
                            self.start_row(at);
                        }
                    }
                    _ => self.soft(at),
                }
            }
            b"td" | b"th" => {
                if start {
                    self.ensure_table(at);
                }
                match self.tables.len() {
                    0 => {}
                    1 => {
                        self.close_cell();
                        if start {
                            if !self.tables[0].row_open {
                                self.start_row(at);
                            }
                            if self.tables[0].cells > 0 {
                                self.tab(at);
                            } else {
                                self.fresh = true;
                                self.pending = None;
                            }
                            let t = &mut self.tables[0];
                            t.cells += 1;
                            t.in_cell = true;
                        }
                    }
                    _ => self.soft(at),
                }
            }
            b"caption" => match depth {
                0 => self.newline(at),
                1 => {
                    self.close_cell();
                    self.end_row(at);
                    if start {
                        self.start_row(at);
                        let t = &mut self.tables[0];
                        t.cells = 1;
                        t.in_cell = true;
                    }
                }
                _ => self.soft(at),
            },
            b"thead" | b"tbody" | b"tfoot" | b"colgroup" | b"col" => {}
            b"br" => {
                if depth > 0 {
                    self.soft(at);
                } else {
                    self.line_break(at);
                }
            }
            _ if is_block(name) => {
                if name == b"pre" || name == b"listing" {
                    if start {
                        self.pre += 1;
                        self.pre_skip_nl = true;
                    } else {
                        self.pre = self.pre.saturating_sub(1);
                    }
                }
                if depth > 0 {
                    self.soft(at);
                } else {
                    self.newline(at);
                }
            }
            _ => {}
        }
    }

    fn ensure_table(&mut self, at: usize) {
        if self.tables.is_empty() {
            // A cell or row without its table (a clipped fragment).
            self.newline(at);
            self.tables.push(Table::default());
        }
    }

    fn start_row(&mut self, at: usize) {
        self.newline(at);
        self.fresh = true;
        if let Some(t) = self.tables.first_mut() {
            t.row_open = true;
            t.cells = 0;
            t.in_cell = false;
        }
    }

    fn end_row(&mut self, at: usize) {
        if let Some(t) = self.tables.first_mut() {
            if t.row_open {
                t.row_open = false;
                self.newline(at);
            }
        }
    }

    fn close_cell(&mut self) {
        if let Some(t) = self.tables.first_mut() {
            if t.in_cell {
                t.in_cell = false;
                self.pending = None;
            }
        }
    }

    /// Ends the current line, if any.
    fn newline(&mut self, at: usize) {
        self.pending = None;
        if !self.any || self.trailing_nl >= 1 {
            return;
        }
        self.b.push_synthetic("\n", at);
        self.trailing_nl = 1;
        self.fresh = true;
    }

    /// A `<br>` outside tables: a line break, even on an empty line, but
    /// never a second blank line.
    fn line_break(&mut self, at: usize) {
        self.pending = None;
        if !self.any || self.trailing_nl >= 2 {
            return;
        }
        self.b.push_synthetic("\n", at);
        self.trailing_nl += 1;
        self.fresh = true;
    }

    fn tab(&mut self, at: usize) {
        self.pending = None;
        self.b.push_synthetic("\t", at);
        self.trailing_nl = 0;
        self.fresh = true;
        self.any = true;
    }

    /// A block boundary inside a table: a space, if content precedes.
    fn soft(&mut self, at: usize) {
        if !self.fresh && self.pending.is_none() {
            self.pending = Some(Space::Synth(at));
        }
    }

    /// Writes the pending space, if content precedes, before new content.
    fn before_content(&mut self) {
        if let Some(sp) = self.pending.take() {
            if !self.fresh {
                match sp {
                    Space::Orig(p) => self.b.push_original(" ", p),
                    Space::Synth(p) => self.b.push_synthetic(" ", p),
                }
            }
        }
        self.fresh = false;
        self.trailing_nl = 0;
        self.any = true;
    }

    fn in_pre(&self) -> bool {
        self.pre > 0 && self.tables.is_empty()
    }

    /// The text between two pieces of markup.
    fn text(&mut self, start: usize, end: usize) {
        let src = self.src;
        if self.hidden > 0 {
            return;
        }
        if self.in_head {
            if src[start..end].chars().all(is_html_ws) {
                return;
            }
            self.in_head = false;
        }
        let mut run: Option<usize> = None;
        let mut p = start;
        while p < end {
            let Some(c) = src[p..end].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            let pre = self.in_pre();
            if self.pre_skip_nl {
                self.pre_skip_nl = false;
                if pre && c == '\n' {
                    p += 1;
                    continue;
                }
                if pre && c == '\r' {
                    p += if src[p + 1..end].starts_with('\n') {
                        2
                    } else {
                        1
                    };
                    continue;
                }
            }
            if pre && (c == '\r' || c == '\n') {
                self.flush(&mut run, p);
                let l = if c == '\r' && src[p + 1..end].starts_with('\n') {
                    2
                } else {
                    1
                };
                self.pre_newline(&src[p..p + l], p);
                p += l;
                continue;
            }
            if is_html_ws(c) && !pre {
                self.flush(&mut run, p);
                if self.pending.is_none() {
                    self.pending = Some(Space::Orig(p));
                }
                p += len;
                continue;
            }
            if c == '&' {
                if let Some((d, e)) = entity(&src[..end], p) {
                    self.flush(&mut run, p);
                    self.decoded(d, p, e);
                    p = e;
                    continue;
                }
            }
            if self.fresh && run.is_none() && c.is_whitespace() && !pre {
                // Leading NBSP / ideographic spaces of a line or a cell.
                p += len;
                continue;
            }
            if run.is_none() {
                self.before_content();
                run = Some(p);
            }
            p += len;
        }
        self.flush(&mut run, end);
    }

    fn flush(&mut self, run: &mut Option<usize>, end: usize) {
        if let Some(s) = run.take() {
            self.b.push_original(&self.src[s..end], s);
        }
    }

    fn pre_newline(&mut self, s: &str, at: usize) {
        self.pending = None;
        self.any = true;
        self.b.push_original(s, at);
        self.trailing_nl = self.trailing_nl.saturating_add(1);
        self.fresh = true;
    }

    /// A character decoded from the entity at `start..end`.
    ///
    /// It is written with `push_original` at the entity's start, so it maps
    /// to `start..start + len_utf8` — inside the entity, never outside, but
    /// not the whole entity: `NormBuilder` has no way to map one written
    /// character to an original range of another length (figures are never
    /// entities, so their spans are exact).
    fn decoded(&mut self, d: char, start: usize, end: usize) {
        let pre = self.in_pre();
        if is_html_ws(d) && !pre {
            if self.pending.is_none() {
                self.pending = Some(Space::Orig(start));
            }
            return;
        }
        if pre && (d == '\n' || d == '\r') {
            self.pre_newline("\n", start);
            return;
        }
        if self.fresh && d.is_whitespace() && !pre {
            return;
        }
        self.before_content();
        let mut buf = [0u8; 4];
        self.b.push_replacement(d.encode_utf8(&mut buf), start..end);
    }
}

/// End of a tag name starting at `i`.
fn name_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && !is_ws_byte(bytes[i]) && !matches!(bytes[i], b'/' | b'>') {
        i += 1;
    }
    i
}

/// ASCII-lowercased copy of a tag name; names longer than the buffer (no
/// element this renderer knows) come out empty.
fn lower<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> &'b [u8] {
    if name.len() > buf.len() {
        return &[];
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    &buf[..name.len()]
}

/// Named entities decoded (those Word, WPS and CMS editors write).
const NAMED: &[(&str, char)] = &[
    ("nbsp", '\u{A0}'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ldquo", '\u{201C}'),
    ("rdquo", '\u{201D}'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("mdash", '\u{2014}'),
    ("ndash", '\u{2013}'),
    ("hellip", '\u{2026}'),
    ("middot", '\u{B7}'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("thinsp", '\u{2009}'),
    ("yen", '\u{A5}'),
    ("times", '\u{D7}'),
    ("divide", '\u{F7}'),
    ("copy", '\u{A9}'),
    ("reg", '\u{AE}'),
    ("deg", '\u{B0}'),
    ("plusmn", '\u{B1}'),
    ("sect", '\u{A7}'),
    ("para", '\u{B6}'),
    ("bull", '\u{2022}'),
    ("laquo", '\u{AB}'),
    ("raquo", '\u{BB}'),
    ("lsaquo", '\u{2039}'),
    ("rsaquo", '\u{203A}'),
    ("permil", '\u{2030}'),
    ("prime", '\u{2032}'),
    ("cent", '\u{A2}'),
    ("pound", '\u{A3}'),
    ("euro", '\u{20AC}'),
    ("trade", '\u{2122}'),
    ("minus", '\u{2212}'),
    ("le", '\u{2264}'),
    ("ge", '\u{2265}'),
    ("ne", '\u{2260}'),
    ("larr", '\u{2190}'),
    ("rarr", '\u{2192}'),
    ("uarr", '\u{2191}'),
    ("darr", '\u{2193}'),
    ("shy", '\u{AD}'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
    ("emsp13", '\u{2004}'),
    ("numsp", '\u{2007}'),
    ("ideographicspace", '\u{3000}'),
];

/// Entities a browser decodes even without their semicolon.
const LEGACY: &[&str] = &[
    "nbsp", "amp", "lt", "gt", "quot", "copy", "reg", "yen", "times", "middot", "deg", "plusmn",
    "divide", "sect", "para", "laquo", "raquo", "cent", "pound",
];

/// Windows-1252 meanings of the references `&#128;`–`&#159;`, as browsers
/// read them (0 = keep the code point).
const CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Decodes the entity at `p` (a '&') of `s`: the character and the end of
/// the entity. `None` when it is not one (the '&' stays literal).
fn entity(s: &str, p: usize) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let mut i = p + 1;
    if b.get(i) == Some(&b'#') {
        i += 1;
        let hex = matches!(b.get(i), Some(b'x' | b'X'));
        if hex {
            i += 1;
        }
        let digits_start = i;
        let mut v: u32 = 0;
        while let Some(&c) = b.get(i) {
            let d = match c {
                b'0'..=b'9' => (c - b'0') as u32,
                b'a'..=b'f' if hex => (c - b'a' + 10) as u32,
                b'A'..=b'F' if hex => (c - b'A' + 10) as u32,
                _ => break,
            };
            v = v
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            i += 1;
        }
        if i == digits_start {
            return None;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        let c = match v {
            0x80..=0x9F => match CP1252[(v - 0x80) as usize] {
                0 => char::from_u32(v),
                m => char::from_u32(m as u32),
            },
            0 => None,
            _ => char::from_u32(v),
        }
        .unwrap_or('\u{FFFD}');
        return Some((c, i));
    }
    let name_start = i;
    while i < b.len() && i - name_start < 32 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == name_start {
        return None;
    }
    let name = &s[name_start..i];
    if b.get(i) == Some(&b';') {
        if let Some(&(_, c)) = NAMED.iter().find(|(n, _)| *n == name) {
            return Some((c, i + 1));
        }
    }
    // Without a semicolon: the longest legacy name the text starts with.
    let legacy = LEGACY
        .iter()
        .filter(|l| name.starts_with(**l))
        .max_by_key(|l| l.len())?;
    let c = NAMED.iter().find(|(n, _)| n == legacy)?.1;
    Some((c, name_start + legacy.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        render(html).text
    }

    #[test]
    fn figure_in_nested_inline_maps_exactly() {
        let html = "<table><tr><td>规章</td><td><p><span>51</span></p></td></tr></table>";
        let n = render(html);
        assert_eq!(n.text, "规章\t51\n");
        let p = n.text.find("51").unwrap();
        let r = n.map.range(p..p + 2);
        assert_eq!(&html[r], "51");
        let q = n.text.find("规章").unwrap();
        assert_eq!(&html[n.map.range(q..q + "规章".len())], "规章");
        // The tab is synthetic: zero-width, at the second cell's tag.
        let t = n.text.find('\t').unwrap();
        let tr = n.map.range(t..t + 1);
        assert!(tr.is_empty());
        assert!(html[tr.start..].starts_with("<td>"));
    }

    #[test]
    fn entities() {
        let html = "<p>a&amp;b &lt;x&gt; &ldquo;引&rdquo;&#x4E00;&#19968;&#0;&bogus; &nbsp;1&nbsp;2 &amp c&#150;</p>";
        let n = render(html);
        assert_eq!(
            n.text,
            "a&b <x> \u{201C}引\u{201D}一一\u{FFFD}&bogus;  1 2 & c\u{2013}\n"
        );
        // A decoded character maps inside its entity.
        let p = n.text.find('<').unwrap();
        let r = n.map.range(p..p + 1);
        assert!(r.start >= html.find("&lt;").unwrap() && r.end <= html.find("&lt;").unwrap() + 4);
        assert!(!r.is_empty());
        // Text around entities maps exactly.
        let q = n.text.find("引").unwrap();
        assert_eq!(&html[n.map.range(q..q + 3)], "引");
        // An unknown entity stays literal and maps to itself.
        let u = n.text.find("&bogus;").unwrap();
        assert_eq!(&html[n.map.range(u..u + 7)], "&bogus;");
    }

    #[test]
    fn rowspan_table_renders_browser_copy_lines() {
        let html = r#"<p>三、收到和处理政府信息公开申请情况</p>
<table border=1>
 <tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
     <td colspan="7">申请人情况</td></tr>
 <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan=2>总计</td></tr>
 <tr><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
 <tr><td colspan="3"><p>一、本年新收政府信息公开申请数量</p></td><td>51</td><td>3</td>
     <td>&nbsp;</td><td></td><td> 0 </td><td>0</td><td>55</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>"#;
        assert_eq!(
            text(html),
            "三、收到和处理政府信息公开申请情况\n\
             (本列数据的勾稽关系为:第一项加第二项之和，等于第三项加第四项之和)\t申请人情况\n\
             自然人\t法人或其他组织\t总计\n\
             商业 企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n\
             一、本年新收政府信息公开申请数量\t51\t3\t\t\t0\t0\t55\n\
             四、政府信息公开行政复议、行政诉讼情况\n"
        );
    }

    #[test]
    fn skipped_content() {
        let html = "<!DOCTYPE html><html><head><title>标题</title><meta charset=utf-8>\
                    <style>p { color: red }</style><script>var a = '<p>x</p>';</script></head>\
                    <body><!--StartFragment--><!--[if gte mso 9]><xml><w:WordDocument>隐藏</w:WordDocument></xml><![endif]-->\
                    <p>正文<![if !supportLists]>1.<![endif]></p><template><p>模板</p></template>\
                    <noscript>无脚本</noscript><?xml version=\"1.0\"?><![CDATA[数据]]><p>尾</p>\
                    <script>if (a < b) {}</SCRIPT ><p>后</p></body></html>";
        assert_eq!(text(html), "正文1.\n尾\n后\n");
    }

    #[test]
    fn whitespace_and_blocks() {
        let html = "<div>\n  <p>  一、 总体\n  情况 </p>\n\n<p>&nbsp;</p><p>\u{3000}\u{3000}正文 <b>加粗</b> 后</p>\
                    <br><br><br><p>a<br>b</p>\t<ul><li>x</li><li>y</li></ul></div>";
        assert_eq!(text(html), "一、 总体 情况\n正文 加粗 后\n\na\nb\nx\ny\n");
    }

    #[test]
    fn crlf_inside_html() {
        let html = "<p>第一行\r\n第二行</p>\r\n<table>\r\n<tr>\r\n<td>规章</td>\r\n<td>\r\n5\r\n</td>\r\n</tr>\r\n</table>\r\n<pre>x\r\ny</pre>";
        let n = render(html);
        assert_eq!(n.text, "第一行 第二行\n规章\t5\nx\ny\n");
        let p = n.text.find('5').unwrap();
        assert_eq!(&html[n.map.range(p..p + 1)], "5");
        let y = n.text.find('y').unwrap();
        assert_eq!(&html[n.map.range(y - 1..y)], "\r\n");
    }

    #[test]
    fn js_string_attributes_and_stray_angles() {
        let html = "let content = \"<p style=\\\"a > b\\\">一</p><table border=\\\"1\\\"><tr><td colspan=\\\"2\\\">x</td><td>1 < 2</td></tr></table>\";";
        assert_eq!(text(html), "let content = \"\n一\nx\t1 < 2\n\";");
    }

    #[test]
    fn nested_tables_and_fragments() {
        let html = "<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table>d</td><td>e</td></tr></table>";
        assert_eq!(text(html), "a b c d\te\n");
        // Cells without a table (a clipped fragment).
        assert_eq!(text("<td>x</td><td>y</td>"), "x\ty");
        // A caption is a row of its own.
        assert_eq!(
            text("<table><caption>表</caption><tr><td>1</td></tr></table>"),
            "表\n1\n"
        );
    }

    #[test]
    fn truncations_never_panic() {
        let sample = "<!DOCTYPE html><html><head><style>td{}</style></head><body>\
            <!--[if gte mso 9]><xml></xml><![endif]--><p class=\"x\" data-a='b>c'>一、总体情况</p>\
            <table border=\\\"1\\\"><tr><td rowspan=\"2\">规章&nbsp;</td><td><p><span>51</span></p></td></tr>\
            <tr><td>&#x4E00;&#12;&amp</td><td><![CDATA[x]]><?pi?></td></tr></table><pre>\r\n  a\tb</pre>\
            <script>x<y</script></body></html>";
        for end in 0..=sample.len() {
            if !sample.is_char_boundary(end) {
                continue;
            }
            for start in [0, 1, 5, 17, 60] {
                if start <= end && sample.is_char_boundary(start) {
                    let s = &sample[start..end];
                    let n = render(s);
                    // Every normalised range maps inside the input.
                    let r = n.map.range(0..n.text.len());
                    assert!(r.end <= s.len(), "{s:?}");
                }
            }
        }
        // Pathological inputs stay linear and do not panic.
        for s in [
            "<".repeat(10_000),
            "<a b=\"".repeat(10_000),
            "<a b='".repeat(10_000),
            "<!--".repeat(10_000),
            "<script>".repeat(10_000),
            "&#".repeat(10_000),
            "&#x99999999999999999999;".into(),
            "</".repeat(10_000),
            "<td>".repeat(10_000),
            "<table>".repeat(2_000),
        ] {
            let _ = render(&s);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
            if cfg!(debug_assertions) { 300 } else { 3000 }
        ))]

        /// Soup of HTML tokens: no panic, and every character maps into
        /// the input on character boundaries.
        #[test]
        fn token_soup_maps_inside_input(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "<!", "<?", "\"", "'",
                "\\\"", "=", " ", "\n", "\r\n", "\t", "&", "&nbsp;", "&amp", "&#x4E00;",
                "&#", ";", "table", "tr", "td", "th", "p", "br", "script", "style", "head",
                "template", "pre", "caption", "a", "b=", "规章", "５１", "\u{3000}", "\u{a0}",
            ]), 0..80)
        ) {
            let s: String = parts.concat();
            let n = render(&s);
            for (i, c) in n.text.char_indices() {
                let r = n.map.range(i..i + c.len_utf8());
                proptest::prop_assert!(r.start <= r.end && r.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            }
        }
    }
}
