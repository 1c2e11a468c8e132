//! Bytes → text: what a file on a Chinese Windows machine may hold.
//!
//! In order: a byte-order mark decides (UTF-8, UTF-16LE/BE); valid UTF-8
//! stays UTF-8 (also when only its last character is cut off: a truncated
//! file); UTF-16 without a mark is recognised by what it decodes to (Chinese,
//! ASCII and CJK punctuation); a NUL byte then means a binary file; text
//! that decodes without error as GB18030 to mostly Chinese is GB18030 (GBK,
//! GB2312 included); anything else is a legacy encoding (Big5…) guessed by
//! `chardetng` and decoded by `encoding_rs`.
//!
//! Well-known binary formats are named so that the error says what to do
//! (a PDF, a Word 97–2003 .doc, an image).

use encoding_rs::{Encoding, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// What a file's bytes are.
pub enum Decoded {
    /// Text, and the name of the encoding it was decoded from.
    Text(String, &'static str),
    /// A zip archive: a .docx (or not — the docx reader will say); its bytes.
    Zip(Vec<u8>),
}

/// Decodes a file's bytes, or says why they are not text.
pub fn decode(owned: Vec<u8>) -> Result<Decoded, String> {
    if let Some(e) = known_binary(&owned) {
        return e.map(|()| Decoded::Zip(owned));
    }
    // Valid UTF-8, the common case, is taken as it is (a BOM kept: spans are
    // offsets into the file as given). encoding_rs validates Chinese text
    // about ten times faster than `std::str::from_utf8` (which reads a
    // three-byte character a byte at a time); copying the validated text
    // out costs less than the difference.
    if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(&owned) {
        return Ok(Decoded::Text(text.into_owned(), "UTF-8"));
    }
    let bytes = &owned[..];
    let err = std::str::from_utf8(bytes).expect_err("not UTF-8");
    // A UTF-8 mark decides: broken characters after it become U+FFFD.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Ok(Decoded::Text(utf8_lossy(bytes), "UTF-8"));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, _) = Encoding::for_bom(bytes).expect("a UTF-16 BOM");
        let (text, _) = enc.decode_with_bom_removal(bytes);
        return Ok(Decoded::Text(text.into_owned(), enc.name()));
    }
    // Cut off inside the last character: a truncated UTF-8 file.
    if err.error_len().is_none() && err.valid_up_to() + 4 > bytes.len() {
        return Ok(Decoded::Text(utf8_lossy(bytes), "UTF-8"));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded::Text(text.into_owned(), enc.name()));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "not a text file: binary data (a NUL byte at offset {at}); gongkai reads .txt, .md, .html and .docx"
        ));
    }
    // Chinese text in GB18030 (GBK, GB2312): the common case, recognised
    // without the detector when it decodes without error to Chinese (a
    // character cut off at the end — a truncated file — allowed).
    if let Some(text) = gb18030(bytes) {
        return Ok(Decoded::Text(text, "GB18030"));
    }
    // The first 32 kB tell the encoding as well as the whole file would, at
    // a fraction of the cost.
    let head = &bytes[..bytes.len().min(32 * 1024)];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, head.len() == bytes.len());
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = enc.decode(bytes);
    Ok(Decoded::Text(text.into_owned(), name(enc)))
}

/// The name reported for an encoding. encoding_rs's GBK decoder is the
/// GB18030 decoder (it reads GB2312, GBK and GB18030's four-byte codes).
pub fn name(enc: &'static Encoding) -> &'static str {
    if enc == GBK || enc == encoding_rs::GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// The text, when the bytes decode as GB18030 without error, but for at
/// most one character cut off at the end, to text that is at least 90%
/// Chinese, ASCII and CJK punctuation (Big5, read as GB18030, falls into
/// private-use and symbol ranges). A cut character becomes U+FFFD.
fn gb18030(bytes: &[u8]) -> Option<String> {
    for cut in 0..4.min(bytes.len() + 1) {
        let head = &bytes[..bytes.len() - cut];
        if cut > 0 && bytes[bytes.len() - cut] < 0x80 {
            continue;
        }
        match GBK.decode_without_bom_handling_and_without_replacement(head) {
            Some(text) if mostly_plausible(&text) => {
                // Whole, the strict decoding is the text: not decoded twice.
                return Some(if cut == 0 {
                    text.into_owned()
                } else {
                    GBK.decode_without_bom_handling(bytes).0.into_owned()
                });
            }
            _ => {}
        }
    }
    None
}

fn mostly_plausible(text: &str) -> bool {
    let (mut good, mut n) = (0usize, 0usize);
    for c in text.chars().take(1 << 14) {
        n += 1;
        good += usize::from(plausible(c));
    }
    good * 10 >= n * 9
}

fn utf8_lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// UTF-16 without a byte-order mark, recognised by what it decodes to: at
/// least 90% of the code units are ASCII text, CJK ideographs or CJK and
/// full-width punctuation, and no surrogate is unpaired. GBK or Big5 text
/// read as UTF-16 falls far outside those ranges.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(1 << 16) & !1];
    // More implausible characters than this (a tenth of the code units, and
    // a margin) and the share cannot reach 90% whatever follows: the scan
    // stops there, so that GB18030 text is turned down after a few hundred
    // units instead of 64 kB read twice.
    let give_up = sample.len() / 2 / 10 + 1;
    let score = |le: bool| {
        let units = sample.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let mut good = 0usize;
        let mut n = 0usize;
        for u in char::decode_utf16(units) {
            n += 1;
            // An unpaired surrogate counts against (the sample's cut may
            // split one pair, no more).
            if u.is_ok_and(plausible) {
                good += 1;
            } else if n - good > give_up {
                return 0.0;
            }
        }
        if n == 0 {
            0.0
        } else {
            good as f64 / n as f64
        }
    };
    let (le, be) = (score(true), score(false));
    let best = if le >= be {
        (le, UTF_16LE)
    } else {
        (be, UTF_16BE)
    };
    (best.0 >= 0.9).then_some(best.1)
}

fn plausible(c: char) -> bool {
    // Ideographs and printable ASCII, nearly every character, tested first.
    if matches!(c, '\u{4E00}'..='\u{9FFF}' | ' '..='~') {
        return true;
    }
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{A0}' | '\u{B7}' | '\u{2000}'..='\u{206F}' // spaces, dashes, “” ‘’ …
        | '\u{2460}'..='\u{24FF}' // ① …
        | '\u{3000}'..='\u{303F}' // 、。〔〕《》「」
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' // ideographs
        | '\u{FEFF}' | '\u{FF00}'..='\u{FFEF}' // full-width forms
    )
}

/// Formats the project does not read, named so that the error helps.
fn known_binary(b: &[u8]) -> Option<Result<(), String>> {
    let what = if b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06") {
        return Some(Ok(()));
    } else if b.starts_with(b"%PDF-") {
        "a PDF file: copy its text (or save it as .docx) and check that"
    } else if b.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        "a Word 97–2003 .doc (or other OLE) file: save it as .docx and check that"
    } else if b.starts_with(b"{\\rtf") {
        "an RTF file: save it as .docx or .txt and check that"
    } else if b.starts_with(b"\x89PNG") || b.starts_with(b"\xFF\xD8\xFF") || b.starts_with(b"GIF8")
    {
        "an image, not a text"
    } else {
        return None;
    };
    Some(Err(format!("not a text file: {what}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(b: &[u8]) -> (String, &'static str) {
        match decode(b.to_vec()) {
            Ok(Decoded::Text(t, e)) => (t, e),
            Ok(Decoded::Zip(_)) => panic!("zip"),
            Err(e) => panic!("{e}"),
        }
    }

    const SAMPLE: &str = "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年新收政府信息公开申请数量\t51\t3\n（一）予以公开\t6\n";

    #[test]
    fn encodings() {
        assert_eq!(text(SAMPLE.as_bytes()), (SAMPLE.to_string(), "UTF-8"));
        let (gbk, _, _) = GBK.encode(SAMPLE);
        assert_eq!(text(&gbk), (SAMPLE.to_string(), "GB18030"));
        // Cut inside its last character ("报告\n" → "报" and half of "告").
        let (before, _, _) = GBK.encode(&SAMPLE[..SAMPLE.find("告").unwrap()]);
        let cut = &gbk[..before.len() + 1];
        assert_eq!(text(cut).1, "GB18030");
        assert!(text(cut).0.ends_with("报\u{FFFD}"));
        let le: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(text(&le), (SAMPLE.to_string(), "UTF-16LE"));
        let be: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&be), (SAMPLE.to_string(), "UTF-16BE"));
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(&le);
        assert_eq!(text(&bom), (SAMPLE.to_string(), "UTF-16LE"));
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend(SAMPLE.as_bytes());
        assert_eq!(text(&bom8).1, "UTF-8");
        assert!(text(&bom8).0.starts_with('\u{feff}'));
        // Cut inside the last character.
        let cut = &SAMPLE.as_bytes()[..SAMPLE.len() - 2];
        let cut = &cut[..cut.len() - 1];
        assert_eq!(text(cut).1, "UTF-8");
        assert_eq!(text(b""), (String::new(), "UTF-8"));
    }

    /// The scan for UTF-16 without a mark stops early only when 90% is out
    /// of reach: a text with a few implausible characters, even all at its
    /// start, is still recognised.
    #[test]
    fn utf16_with_some_odd_characters() {
        let odd = "\u{E000}".repeat(8);
        let t = format!("{odd}{}", SAMPLE.repeat(2));
        assert!(t.chars().count() > 10 * 8);
        let le: Vec<u8> = t.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(text(&le), (t.clone(), "UTF-16LE"));
        // A tenth and more, and it is not UTF-16.
        let t = format!("{}{}", "\u{E000}".repeat(40), SAMPLE);
        let le: Vec<u8> = t.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(!matches!(decode(le), Ok(Decoded::Text(_, "UTF-16LE"))));
    }

    #[test]
    fn big5_is_not_taken_for_gb18030() {
        let t = "臺北市政府2023年政府資訊公開工作年度報告\n一、總體情況\n本年新收政府資訊公開申請數量\t51\t3\n（一）予以公開\t6\n二、主動公開政府資訊情況\n";
        let (b5, _, bad) = encoding_rs::BIG5.encode(t);
        assert!(!bad);
        assert_eq!(text(&b5), (t.to_string(), "Big5"));
    }

    #[test]
    fn binaries_are_named() {
        assert!(decode(b"%PDF-1.7\n...".to_vec())
            .err()
            .unwrap()
            .contains("PDF"));
        assert!(decode(b"\x00\x01\x02\x03\xff\xfe\x00".to_vec())
            .err()
            .unwrap()
            .contains("binary"));
        assert!(matches!(
            decode(b"PK\x03\x04rest".to_vec()),
            Ok(Decoded::Zip(_))
        ));
    }
}
