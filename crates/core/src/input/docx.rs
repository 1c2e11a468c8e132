//! .docx → text.
//!
//! [`extract_text`] opens the zip archive (`rawzip`; stored or deflated
//! entries, inflated by `miniz_oxide` with a size limit that defuses zip
//! bombs), reads the main document part (`word/document.xml`, or the part
//! `[Content_Types].xml` names as the main document) with `quick-xml`, and
//! writes the text the way the text pipeline reads a paste:
//!
//! - a paragraph outside tables is one line; `w:tab` is a tab, `w:br` /
//!   `w:cr` a line break; never more than one blank line in a row;
//! - a table row (`w:tr`) is one line, its cells (`w:tc`) separated by single
//!   tabs; inside a cell, paragraphs, tabs and breaks are single spaces; a
//!   `w:gridSpan` cell is one cell (no padding); a vertically merged
//!   continuation cell (`<w:vMerge/>` without `w:val="restart"`) is an empty
//!   cell; a nested table is flattened into its cell with spaces; a blank
//!   line follows each table;
//! - deleted text (`w:del`, `w:delText`, `w:moveFrom`) is skipped, inserted
//!   text kept; field instructions (`w:instrText`) and the `mc:Fallback`
//!   copy of text boxes are skipped; headers, footers, footnotes and
//!   comments live in other parts and are not read.
//!
//! No input panics: every failure is a [`DocxError`].

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::fmt;

/// Largest part inflated (a zip bomb stops here).
const MAX_PART: usize = 64 << 20;

/// Why a .docx file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// The bytes are not a zip archive.
    NotZip(String),
    /// An OLE compound file: a Word 97–2003 `.doc`, or a password-protected
    /// `.docx` (Office stores encrypted documents that way).
    OleFile,
    /// A zip archive without a Word main document part.
    NoDocument,
    /// The part is encrypted inside the zip.
    Encrypted(String),
    /// The part is compressed with a method other than stored or deflate.
    UnsupportedCompression { part: String, method: u16 },
    /// The part's data is damaged or cut short.
    Corrupt { part: String, detail: String },
    /// The part inflates to more than the limit.
    TooLarge { part: String, limit: usize },
    /// The part is not well-formed XML.
    Xml {
        part: String,
        /// Byte offset in the inflated part.
        offset: u64,
        /// 1-based line in the inflated part.
        line: usize,
        message: String,
    },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::NotZip(e) => write!(
                f,
                "不是 .docx 文件（无法打开 zip 压缩包）: {e} / not a .docx file (cannot open it as a zip archive): {e}"
            ),
            DocxError::OleFile => write!(
                f,
                "这是 Word 97-2003 (.doc) 文件或加密的 .docx 文件，无法读取：请在 Word/WPS 中另存为未加密的 .docx / \
                 this is a Word 97-2003 (.doc) file or a password-protected .docx: save it as an unencrypted .docx"
            ),
            DocxError::NoDocument => write!(
                f,
                "zip 压缩包中没有 Word 正文（word/document.xml），不是 .docx 文件 / \
                 the zip archive has no Word main document (word/document.xml): not a .docx file"
            ),
            DocxError::Encrypted(part) => write!(
                f,
                "{part} 已加密，无法读取 / {part} is encrypted and cannot be read"
            ),
            DocxError::UnsupportedCompression { part, method } => write!(
                f,
                "{part} 使用了不支持的压缩方式（{method}），只支持 stored 和 deflate / \
                 {part} uses an unsupported compression method ({method}); only stored and deflate are supported"
            ),
            DocxError::Corrupt { part, detail } => write!(
                f,
                ".docx 文件已损坏（{part}）: {detail} / the .docx file is damaged ({part}): {detail}"
            ),
            DocxError::TooLarge { part, limit } => write!(
                f,
                "{part} 解压后超过 {} MiB，拒绝读取 / {part} inflates to more than {} MiB; refused",
                limit >> 20,
                limit >> 20
            ),
            DocxError::Xml {
                part,
                offset,
                line,
                message,
            } => write!(
                f,
                "{part} 的 XML 格式错误（第 {line} 行，第 {offset} 字节）: {message} / \
                 malformed XML in {part} at line {line} (byte {offset}): {message}"
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// Extracts the text of a .docx file's main document.
pub fn extract_text(bytes: &[u8]) -> Result<String, DocxError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(DocxError::OleFile);
    }
    let archive =
        rawzip::ZipArchive::from_slice(bytes).map_err(|e| DocxError::NotZip(e.to_string()))?;
    let mut entries = archive.entries();
    let mut main: Option<Entry> = None;
    let mut content_types: Option<Entry> = None;
    let mut word_parts: Vec<Entry> = Vec::new();
    loop {
        let header = match entries.next_entry() {
            Ok(Some(h)) => h,
            Ok(None) => break,
            Err(e) => {
                if main.is_some() {
                    // The part needed is already found; a damaged entry
                    // after it does not matter.
                    break;
                }
                return Err(DocxError::NotZip(e.to_string()));
            }
        };
        if header.is_dir() {
            continue;
        }
        let raw = header.file_path();
        let name = String::from_utf8_lossy(raw.as_bytes())
            .replace('\\', "/")
            .trim_start_matches('/')
            .to_string();
        let entry = Entry {
            way: header.wayfinder(),
            method: header.compression_method().as_u16(),
            encrypted: header.flags().is_encrypted(),
            crc: header.crc32(),
            name: name.clone(),
        };
        if name.eq_ignore_ascii_case("word/document.xml") {
            main = Some(entry);
        } else if name.eq_ignore_ascii_case("[Content_Types].xml") {
            content_types = Some(entry);
        } else if name.starts_with("word/") && name.ends_with(".xml") && !name[5..].contains('/') {
            word_parts.push(entry);
        }
    }
    let main = match main {
        Some(m) => m,
        None => {
            // The main part named by [Content_Types].xml.
            let ct = content_types.ok_or(DocxError::NoDocument)?;
            let ct_bytes = read_entry(&archive, &ct, MAX_PART)?;
            let part = main_part_name(&ct_bytes).ok_or(DocxError::NoDocument)?;
            word_parts
                .into_iter()
                .find(|e| e.name.eq_ignore_ascii_case(&part))
                .ok_or(DocxError::NoDocument)?
        }
    };
    let xml = read_entry(&archive, &main, MAX_PART)?;
    let text = decode_xml_bytes(&xml);
    document_text(&text, &main.name)
}

/// What is kept of a central directory record.
struct Entry {
    way: rawzip::ZipArchiveEntryWayfinder,
    method: u16,
    encrypted: bool,
    crc: u32,
    name: String,
}

/// The inflated bytes of an entry, at most `limit` of them.
fn read_entry<T: AsRef<[u8]>>(
    archive: &rawzip::ZipSliceArchive<T>,
    e: &Entry,
    limit: usize,
) -> Result<Vec<u8>, DocxError> {
    if e.encrypted {
        return Err(DocxError::Encrypted(e.name.clone()));
    }
    let corrupt = |detail: String| DocxError::Corrupt {
        part: e.name.clone(),
        detail,
    };
    let local = archive
        .get_entry(e.way)
        .map_err(|err| corrupt(err.to_string()))?;
    let data = local.data();
    let out = match e.method {
        0 => {
            if data.len() > limit {
                return Err(DocxError::TooLarge {
                    part: e.name.clone(),
                    limit,
                });
            }
            data.to_vec()
        }
        8 => match miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit) {
            Ok(v) => v,
            Err(err) if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                return Err(DocxError::TooLarge {
                    part: e.name.clone(),
                    limit,
                })
            }
            Err(err) => return Err(corrupt(format!("inflate: {:?}", err.status))),
        },
        m => {
            return Err(DocxError::UnsupportedCompression {
                part: e.name.clone(),
                method: m,
            })
        }
    };
    let crc = crc32(&out);
    if crc != e.crc {
        return Err(corrupt(format!(
            "CRC mismatch (expected {:08x}, got {crc:08x})",
            e.crc
        )));
    }
    Ok(out)
}

/// The main document part named in `[Content_Types].xml` ("word/x.xml").
fn main_part_name(ct: &[u8]) -> Option<String> {
    let text = decode_xml_bytes(ct);
    let mut reader = Reader::from_str(&text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if local(e.name().as_ref()) != "Override" {
                    continue;
                }
                let (mut part, mut ctype) = (None, None);
                for a in e.attributes().flatten() {
                    match a.key.as_ref() {
                        "PartName" => part = Some(a.value.to_string()),
                        "ContentType" => ctype = Some(a.value.to_string()),
                        _ => {}
                    }
                }
                if let (Some(p), Some(t)) = (part, ctype) {
                    if t.contains("wordprocessingml") && t.ends_with(".main+xml") {
                        return Some(p.trim_start_matches('/').to_string());
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// The part's bytes as text: UTF-8 (BOM dropped), UTF-16 with a BOM, or
/// UTF-8 with invalid bytes replaced.
fn decode_xml_bytes(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], be: bool| {
        let units = rest.chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect::<String>()
    };
    if let Some(rest) = b.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, false);
    }
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, true);
    }
    String::from_utf8_lossy(b).into_owned()
}

fn local(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

const WML_NS: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Where the text of a table cell is gathered.
#[derive(Debug, Default)]
struct TableState {
    row: Vec<String>,
    row_open: bool,
    cell: String,
    in_cell: bool,
    /// A vertically merged continuation cell: written empty.
    merged: bool,
}

#[derive(Debug, Default)]
struct Extract {
    /// The WordprocessingML prefix ("w"), read from the root element.
    w: String,
    out: String,
    para: String,
    tables: Vec<TableState>,
    /// Depth of `w:p` elements (text boxes nest paragraphs).
    p_depth: u32,
    /// Depth of `w:r` elements.
    run: u32,
    /// Inside `w:t`.
    in_t: bool,
    /// Depth inside a skipped subtree.
    skip: u32,
    /// A space is due before the next text of the current cell.
    cell_sep: bool,
}

impl Extract {
    /// `qname` is the WordprocessingML element `name`.
    fn is(&self, qname: &str, name: &str) -> bool {
        if self.w.is_empty() {
            return qname == name;
        }
        qname
            .strip_prefix(self.w.as_str())
            .and_then(|r| r.strip_prefix(':'))
            == Some(name)
    }

    fn in_cell(&self) -> bool {
        self.tables.first().is_some_and(|t| t.in_cell)
    }

    /// Text of a run.
    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(t) = self.tables.first_mut() {
            if !t.in_cell {
                return;
            }
            let clean: String = s
                .chars()
                .map(|c| {
                    if matches!(c, '\t' | '\n' | '\r') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            if self.cell_sep
                && !t.cell.is_empty()
                && !t.cell.ends_with(' ')
                && !clean.starts_with(' ')
            {
                t.cell.push(' ');
            }
            self.cell_sep = false;
            t.cell.push_str(&clean);
        } else {
            // Word shows a line break inside w:t as a space.
            for c in s.chars() {
                self.para
                    .push(if matches!(c, '\n' | '\r') { ' ' } else { c });
            }
        }
    }

    /// A tab, break or paragraph boundary inside a cell: one space.
    fn soft(&mut self) {
        self.cell_sep = true;
    }

    fn tab(&mut self) {
        if self.tables.is_empty() {
            self.para.push('\t');
        } else {
            self.soft();
        }
    }

    fn line_break(&mut self) {
        if self.tables.is_empty() {
            self.para.push('\n');
        } else {
            self.soft();
        }
    }

    /// Writes one line of the output; blank lines never two in a row.
    fn line(&mut self, s: &str) {
        if s.trim().is_empty() {
            if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
        } else {
            self.out.push_str(s);
            self.out.push('\n');
        }
    }

    fn end_paragraph(&mut self) {
        if !self.tables.is_empty() {
            self.soft();
            return;
        }
        if self.p_depth > 1 {
            // A paragraph of a text box inside a paragraph.
            if !self.para.is_empty() && !self.para.ends_with(' ') {
                self.para.push(' ');
            }
            return;
        }
        let para = std::mem::take(&mut self.para);
        for l in para.split('\n') {
            self.line(l);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let qname = e.name();
        let q = qname.as_ref();
        if self.w.is_empty() && self.out.is_empty() && self.para.is_empty() && self.p_depth == 0 {
            // The root element: find the prefix bound to WordprocessingML.
            if let Some(p) = root_prefix(e) {
                self.w = p;
            }
        }
        let skipped = self.is(q, "del")
            || self.is(q, "moveFrom")
            || self.is(q, "delText")
            || self.is(q, "instrText")
            || local(q) == "Fallback";
        if skipped {
            if !empty {
                self.skip = 1;
            }
            return;
        }
        if self.is(q, "p") {
            if !empty {
                self.p_depth += 1;
            } else {
                self.p_depth += 1;
                self.end_paragraph();
                self.p_depth -= 1;
            }
        } else if self.is(q, "r") {
            if !empty {
                self.run += 1;
            }
        } else if self.is(q, "t") {
            self.in_t = !empty && self.run > 0;
        } else if self.is(q, "tab") || self.is(q, "ptab") {
            if self.run > 0 {
                self.tab();
            }
        } else if self.is(q, "br") || self.is(q, "cr") {
            if self.run > 0 {
                self.line_break();
            }
        } else if self.is(q, "noBreakHyphen") {
            if self.run > 0 {
                self.text("-");
            }
        } else if self.is(q, "tbl") {
            if empty {
                return;
            }
            if self.tables.is_empty() {
                // Text left in a paragraph (malformed nesting) comes first.
                if !self.para.trim().is_empty() {
                    let para = std::mem::take(&mut self.para);
                    self.line(&para);
                }
                self.para.clear();
            } else {
                self.soft();
            }
            self.tables.push(TableState::default());
        } else if self.is(q, "tr") {
            match self.tables.len() {
                0 => {}
                1 => {
                    let t = &mut self.tables[0];
                    t.row.clear();
                    t.row_open = true;
                }
                _ => self.soft(),
            }
        } else if self.is(q, "tc") {
            match self.tables.len() {
                0 => {}
                1 => {
                    let t = &mut self.tables[0];
                    t.cell.clear();
                    t.in_cell = true;
                    t.merged = false;
                    self.cell_sep = false;
                    if empty {
                        self.end_cell();
                    }
                }
                _ => self.soft(),
            }
        } else if self.is(q, "vMerge") && self.tables.len() == 1 && self.in_cell() {
            let restart = e
                .attributes()
                .flatten()
                .any(|a| local(a.key.as_ref()) == "val" && a.value.as_ref() == "restart");
            self.tables[0].merged = !restart;
        }
    }

    fn end_cell(&mut self) {
        if let Some(t) = self.tables.first_mut() {
            if t.in_cell {
                let text = if t.merged {
                    String::new()
                } else {
                    t.cell.trim().to_string()
                };
                t.row.push(text);
                t.cell.clear();
                t.in_cell = false;
                t.merged = false;
            }
        }
        self.cell_sep = false;
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(t) = self.tables.first_mut() {
            if t.row_open {
                t.row_open = false;
                let line = t.row.join("\t");
                t.row.clear();
                self.out.push_str(&line);
                self.out.push('\n');
            }
        }
    }

    fn end(&mut self, q: &str) {
        if self.is(q, "p") {
            self.end_paragraph();
            self.p_depth = self.p_depth.saturating_sub(1);
        } else if self.is(q, "r") {
            self.run = self.run.saturating_sub(1);
        } else if self.is(q, "t") {
            self.in_t = false;
        } else if self.is(q, "tc") {
            match self.tables.len() {
                0 => {}
                1 => self.end_cell(),
                _ => self.soft(),
            }
        } else if self.is(q, "tr") {
            match self.tables.len() {
                0 => {}
                1 => self.end_row(),
                _ => self.soft(),
            }
        } else if self.is(q, "tbl") {
            match self.tables.len() {
                0 => {}
                1 => {
                    self.end_row();
                    self.tables.pop();
                    if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                        self.out.push('\n');
                    }
                }
                _ => {
                    self.tables.pop();
                    self.soft();
                }
            }
        }
    }

    fn finish(mut self) -> String {
        // A document cut short: keep what was read.
        while !self.tables.is_empty() {
            if self.tables.len() == 1 {
                self.end_row();
            }
            self.tables.pop();
        }
        if !self.para.is_empty() {
            let para = std::mem::take(&mut self.para);
            for l in para.split('\n') {
                self.line(l);
            }
        }
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }
}

/// The prefix the root element binds to the WordprocessingML namespace.
fn root_prefix(e: &BytesStart<'_>) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.as_ref();
        if !WML_NS.contains(&a.value.as_ref()) {
            continue;
        }
        if key == "xmlns" {
            return Some(String::new());
        }
        if let Some(p) = key.strip_prefix("xmlns:") {
            return Some(p.to_string());
        }
    }
    None
}

/// The text of a WordprocessingML document part.
fn document_text(xml: &str, part: &str) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().allow_dangling_amp = true;
    let mut x = Extract {
        w: String::new(),
        ..Default::default()
    };
    let mut root_seen = false;
    loop {
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let offset = reader.error_position();
                let upto = (offset as usize).min(xml.len());
                let line = 1 + xml.as_bytes()[..upto]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                return Err(DocxError::Xml {
                    part: part.to_string(),
                    offset,
                    line,
                    message: e.to_string(),
                });
            }
        };
        if x.skip > 0 {
            match ev {
                Event::Start(_) => x.skip += 1,
                Event::End(_) => x.skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Start(e) => {
                if !root_seen {
                    root_seen = true;
                    x.w = root_prefix(&e).unwrap_or_else(|| "w".into());
                }
                x.start(&e, false);
            }
            Event::Empty(e) => {
                if !root_seen {
                    root_seen = true;
                    x.w = root_prefix(&e).unwrap_or_else(|| "w".into());
                }
                x.start(&e, true);
            }
            Event::End(e) => x.end(e.name().as_ref()),
            Event::Text(t) if x.in_t => x.text(&t.xml10_content()),
            Event::CData(t) if x.in_t => x.text(&t.xml10_content()),
            Event::GeneralRef(r) if x.in_t => {
                let s: String = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => format!("&{};", &*r),
                    },
                    Err(_) => "\u{FFFD}".to_string(),
                };
                x.text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(x.finish())
}

/// CRC-32 (IEEE), one byte at a time from a 256-entry table built on first
/// use: 1 KB instead of rawzip's 16 KB slicing-by-16 table in the wasm.
fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, e) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
            *e = c;
        }
        t
    });
    !data.iter().fold(!0u32, |c, &b| {
        (c >> 8) ^ t[((c ^ u32::from(b)) & 0xFF) as usize]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip archive with stored entries, written by hand.
    fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        zip(files, false)
    }

    /// A zip archive written by hand; entries stored or deflated.
    fn zip(files: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data) in files {
            let offset = out.len() as u32;
            let crc = rawzip::crc32(data);
            let packed = if deflate {
                miniz_oxide::deflate::compress_to_vec(data, 6)
            } else {
                data.to_vec()
            };
            let header = |sig: u32, central_rec: bool| {
                let mut h = Vec::new();
                h.extend_from_slice(&sig.to_le_bytes());
                if central_rec {
                    h.extend_from_slice(&20u16.to_le_bytes()); // made by
                }
                h.extend_from_slice(&20u16.to_le_bytes()); // needed
                h.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: UTF-8
                h.extend_from_slice(&(if deflate { 8u16 } else { 0 }).to_le_bytes());
                h.extend_from_slice(&0u32.to_le_bytes()); // time, date
                h.extend_from_slice(&crc.to_le_bytes());
                h.extend_from_slice(&(packed.len() as u32).to_le_bytes());
                h.extend_from_slice(&(data.len() as u32).to_le_bytes());
                h.extend_from_slice(&(name.len() as u16).to_le_bytes());
                h.extend_from_slice(&0u16.to_le_bytes()); // extra
                if central_rec {
                    h.extend_from_slice(&0u16.to_le_bytes()); // comment
                    h.extend_from_slice(&0u16.to_le_bytes()); // disk
                    h.extend_from_slice(&0u16.to_le_bytes()); // internal attrs
                    h.extend_from_slice(&0u32.to_le_bytes()); // external attrs
                    h.extend_from_slice(&offset.to_le_bytes());
                }
                h.extend_from_slice(name.as_bytes());
                h
            };
            let local = header(0x0403_4b50, false);
            let cent = header(0x0201_4b50, true);
            out.extend_from_slice(&local);
            out.extend_from_slice(&packed);
            central.extend_from_slice(&cent);
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>
<w:p/><w:p/><w:p/>
<w:p><w:r><w:t xml:space="preserve">正文 A&amp;B &#x4E00;</w:t></w:r><w:del w:id="1"><w:r><w:delText>删掉</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:tab/><w:t>x</w:t><w:br/><w:t>y</w:t></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>第一</w:t></w:r></w:p><w:p><w:r><w:t>段</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>51</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内2</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>
</w:tbl>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>尾</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>"#;

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/main2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

    #[test]
    fn handmade_docx() {
        let zip = stored_zip(&[("word/document.xml", DOC.as_bytes())]);
        let text = extract_text(&zip).unwrap();
        assert_eq!(
            text,
            "一、总体情况\n\n正文 A&B 一插入\tx\ny\n3\n\
             第一 段\t合并\n\t51\ta b\n外 内1 内2\t\n\n框 尾\n"
        );
    }

    #[test]
    fn deflated_entries_and_zip_bombs() {
        let z = zip(&[("word/document.xml", DOC.as_bytes())], true);
        assert_eq!(
            extract_text(&z).unwrap(),
            extract_text(&stored_zip(&[("word/document.xml", DOC.as_bytes())])).unwrap()
        );
        // A part that inflates past the limit is refused, not inflated.
        let bomb = vec![b' '; 1 << 20];
        let z = zip(&[("word/document.xml", &bomb)], true);
        assert!(z.len() < 10_000);
        let archive = rawzip::ZipArchive::from_slice(&z).unwrap();
        let mut entries = archive.entries();
        let h = entries.next_entry().unwrap().unwrap();
        let e = Entry {
            way: h.wayfinder(),
            method: h.compression_method().as_u16(),
            encrypted: false,
            crc: h.crc32(),
            name: "word/document.xml".into(),
        };
        assert!(matches!(
            read_entry(&archive, &e, 1 << 16),
            Err(DocxError::TooLarge { .. })
        ));
        assert_eq!(read_entry(&archive, &e, 1 << 21).unwrap().len(), 1 << 20);
        // Truncated and damaged deflate streams are errors.
        let z = zip(&[("word/document.xml", DOC.as_bytes())], true);
        for end in 0..z.len() {
            let _ = extract_text(&z[..end]);
        }
        for i in 0..z.len() {
            let mut d = z.clone();
            d[i] = d[i].wrapping_add(1);
            let _ = extract_text(&d);
        }
    }

    #[test]
    fn main_part_from_content_types() {
        let zip = stored_zip(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("word/main2.xml", DOC.as_bytes()),
        ]);
        assert!(extract_text(&zip).unwrap().starts_with("一、总体情况\n"));
        let zip = stored_zip(&[("word/styles.xml", b"<x/>")]);
        assert_eq!(extract_text(&zip), Err(DocxError::NoDocument));
    }

    #[test]
    fn errors() {
        assert!(matches!(extract_text(b"hello"), Err(DocxError::NotZip(_))));
        assert!(matches!(extract_text(&[]), Err(DocxError::NotZip(_))));
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(extract_text(&ole), Err(DocxError::OleFile));
        let bad = stored_zip(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
        match extract_text(&bad) {
            Err(e @ DocxError::Xml { line: 1, .. }) => {
                let msg = e.to_string();
                assert!(
                    msg.contains("XML") && msg.contains("word/document.xml"),
                    "{msg}"
                );
            }
            other => panic!("{other:?}"),
        }
        // The CRC is CRC-32/IEEE (the check value) and agrees with rawzip's.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(DOC.as_bytes()), rawzip::crc32(DOC.as_bytes()));
        assert_eq!(crc32(b""), 0);
        // A corrupted byte in stored data fails the CRC.
        let mut zip = stored_zip(&[("word/document.xml", DOC.as_bytes())]);
        let at = zip.windows(6).position(|w| w == b"<w:bod").unwrap();
        zip[at + 1] = b'x';
        assert!(matches!(extract_text(&zip), Err(DocxError::Corrupt { .. })));
        for e in [
            DocxError::NotZip("x".into()),
            DocxError::Encrypted("word/document.xml".into()),
            DocxError::UnsupportedCompression {
                part: "p".into(),
                method: 14,
            },
            DocxError::TooLarge {
                part: "p".into(),
                limit: MAX_PART,
            },
        ] {
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn never_panics_on_truncations_and_noise() {
        let zip = stored_zip(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("word/document.xml", DOC.as_bytes()),
        ]);
        for end in 0..zip.len() {
            let _ = extract_text(&zip[..end]);
            let _ = extract_text(&zip[end..]);
        }
        // Flipped bytes.
        for i in (0..zip.len()).step_by(7) {
            let mut z = zip.clone();
            z[i] ^= 0x5A;
            let _ = extract_text(&z);
        }
        // Pseudo-random bytes, some with a zip's end record.
        let mut rng = crate::testing::Rng::new();
        for n in 0..300usize {
            let mut v: Vec<u8> = (0..n * 3).map(|_| rng.next() as u8).collect();
            if n % 2 == 0 {
                v.extend_from_slice(&zip[zip.len() - 22..]);
            }
            let _ = extract_text(&v);
        }
    }

    fn golden(name: &str) -> Option<Vec<u8>> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/golden")
            .join(name);
        std::fs::read(p).ok()
    }

    #[test]
    fn golden_docx_fixtures() {
        use crate::Template;
        let opts = crate::Options::default();
        if let Some(b) = golden("shape_docx_000.docx") {
            let r = crate::check_docx(&b, &opts).unwrap();
            assert_eq!(r.template, Template::V2021);
            let v = r.cell("applications", "new", "total").and_then(|c| c.value);
            assert_eq!(v.map(|d| d.to_string()), Some("25".to_string()));
        }
        if let Some(b) = golden("shape_docx_004.docx") {
            let r = crate::check_docx(&b, &opts).unwrap();
            assert_eq!(r.template, Template::V2021);
            let v = r.cell("applications", "new", "total").and_then(|c| c.value);
            assert_eq!(v.map(|d| d.to_string()), Some("55".to_string()));
            let errors: Vec<&str> = r
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::Severity::Error)
                .map(|d| d.code)
                .collect();
            assert_eq!(
                errors,
                [
                    "prose.mismatch",
                    "applications.row-sum",
                    "applications.column-balance"
                ]
            );
        }
    }
}
