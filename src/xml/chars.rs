//! Character classes of XML 1.0 (fifth edition) and Namespaces in XML 1.0.

/// `Char` production [2]: is `c` allowed in an XML 1.0 document?
#[inline]
pub fn is_xml_char(c: u32) -> bool {
    matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// `NameStartChar` production [4], without the colon (Namespaces: NCName).
#[inline]
pub fn is_name_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    matches!(c as u32,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF | 0x370..=0x37D | 0x37F..=0x1FFF
        | 0x200C..=0x200D | 0x2070..=0x218F | 0x2C00..=0x2FEF | 0x3001..=0xD7FF
        | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0xEFFFF)
}

/// `NameChar` production [4a], without the colon.
#[inline]
pub fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    }
    is_name_start(c) || c == '\u{B7}' || matches!(c as u32, 0x300..=0x36F | 0x203F..=0x2040)
}

/// ASCII name characters: 1 = NameChar, 2 = NameStartChar (both bits for letters and `_`).
const ASCII_NAME: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphabetic() || b == b'_' {
            t[c] = 3;
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            t[c] = 1;
        }
        c += 1;
    }
    t
};

/// Is `s` an NCName (a Name without colons)?
pub fn is_ncname(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_ascii() {
        return !b.is_empty()
            && ASCII_NAME[b[0] as usize] & 2 != 0
            && b[1..].iter().all(|&c| ASCII_NAME[c as usize] != 0);
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_name_start(c) => chars.all(is_name_char),
        _ => false,
    }
}

/// Byte classes for [`scan_qname`]: NameChar, NameStartChar (ASCII), colon, not ASCII, the
/// bytes that end an attribute name in a start tag (white space and `=`), and "may be in a
/// name" (every class but the last).
const QN_CHAR: u8 = 1;
const QN_START: u8 = 2;
const QN_COLON: u8 = 4;
const QN_NON_ASCII: u8 = 8;
const QN_END: u8 = 16;
const QN_OK: u8 = 32;
const QNAME_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = if c >= 128 {
            QN_NON_ASCII | QN_OK
        } else if ASCII_NAME[c] == 3 {
            QN_CHAR | QN_START | QN_OK
        } else if ASCII_NAME[c] == 1 {
            QN_CHAR | QN_OK
        } else if c == b':' as usize {
            QN_COLON | QN_OK
        } else if c == b' ' as usize
            || c == b'\t' as usize
            || c == b'\n' as usize
            || c == b'\r' as usize
            || c == b'=' as usize
        {
            QN_END
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Scan a name from the start of `b` up to white space, `=` or the end of `b` (how an attribute
/// name ends in a start tag), in one pass. Returns its length and, if it is a QName, the index
/// of its colon (0 for none: a QName never starts with one).
pub(crate) fn scan_qname(b: &[u8]) -> (usize, Option<usize>) {
    let mut end = b.len();
    let (mut all, mut any) = (QN_OK, 0u8);
    for (i, &c) in b.iter().enumerate() {
        let k = QNAME_BYTE[c as usize];
        if k & QN_END != 0 {
            end = i;
            break;
        }
        all &= k;
        any |= k;
    }
    (end, qname_of(&b[..end], all, any))
}

/// If `s` is a QName, the index of its colon (0 for none).
pub(crate) fn qname_colon(s: &str) -> Option<usize> {
    // The whole string, without a test for the end of a name at each byte: a byte that would
    // end one has no QN_OK, and so makes it no QName.
    let b = s.as_bytes();
    let (all, any) = b.iter().fold((QN_OK, 0u8), |(all, any), &c| {
        let k = QNAME_BYTE[c as usize];
        (all & k, any | k)
    });
    qname_of(b, all, any)
}

/// Whether `name` is a QName, from the intersection (`all`) and union (`any`) of its bytes'
/// classes: the index of its colon (0 for none) if it is.
fn qname_of(name: &[u8], all: u8, any: u8) -> Option<usize> {
    let colon = if any & QN_COLON != 0 { name.iter().position(|&c| c == b':').unwrap_or(0) } else { 0 };
    if any & QN_NON_ASCII != 0 {
        return std::str::from_utf8(name).is_ok_and(is_qname).then_some(colon);
    }
    let start_ok = |i: usize| name.get(i).is_some_and(|&c| QNAME_BYTE[c as usize] & QN_START != 0);
    let ok =
        all & QN_OK != 0 && start_ok(0) && (colon == 0 || (start_ok(colon + 1) && !name[colon + 1..].contains(&b':')));
    ok.then_some(colon)
}

/// Is `s` a Name (colons allowed anywhere a name char is)?
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_name_start(c) || c == ':' => chars.all(|c| c == ':' || is_name_char(c)),
        _ => false,
    }
}

/// Is `s` a QName: `NCName (':' NCName)?`
pub fn is_qname(s: &str) -> bool {
    match s.bytes().position(|b| b == b':').map(|i| (&s[..i], &s[i + 1..])) {
        None => is_ncname(s),
        Some((p, l)) => is_ncname(p) && is_ncname(l),
    }
}

/// Are two names (or other short strings) equal? `==` on two strings of equal length calls
/// `memcmp`, and a reader compares names for nearly every tag (end tags against start tags,
/// prefixes, element and attribute names against the schema's): words in line cost less.
#[inline]
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        // Words at 0, 8, ... and one ending at the last byte (overlapping the one before).
        let mut i = 0;
        while i + 8 < n {
            if word8(a, i) != word8(b, i) {
                return false;
            }
            i += 8;
        }
        return word8(a, n - 8) == word8(b, n - 8);
    }
    if n >= 4 {
        return word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// Every byte's high bit, and every byte's low bit: the masks of byte-parallel (SWAR) tests.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The eight bytes of `s` at `i`, as a little-endian word.
#[inline(always)]
pub(crate) fn word8(s: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[i..i + 8]);
    u64::from_le_bytes(w)
}

#[inline(always)]
fn word4(s: &[u8], i: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&s[i..i + 4]);
    u32::from_le_bytes(w)
}

/// A 64-bit hash of a name, read a word at a time (a byte-at-a-time hash costs a multiply per
/// byte of every element name).
#[inline]
pub fn name_hash(s: &str) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let b = s.as_bytes();
    let mut h = (b.len() as u64).wrapping_mul(K);
    let mut i = 0;
    while i + 8 <= b.len() {
        h = (h ^ word8(b, i)).wrapping_mul(K).rotate_left(31);
        i += 8;
    }
    let mut last = 0u64;
    for (k, &x) in b[i..].iter().enumerate() {
        last |= (x as u64) << (8 * k);
    }
    (h ^ last).wrapping_mul(K) ^ (h >> 29)
}

/// XML white space: `S` production [3].
#[inline]
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Is every byte XML white space?
#[inline]
pub fn all_space(s: &str) -> bool {
    s.bytes().all(is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `same` agrees with `==` for every length up to past two words, with a difference at
    /// every position (and none).
    #[test]
    fn same_is_equality() {
        for n in 0..40 {
            let a: String = (0..n).map(|i| (b'a' + (i % 26) as u8) as char).collect();
            assert!(same(&a, &a.clone()), "{a}");
            assert!(!same(&a, &format!("{a}x")), "{a}");
            for k in 0..n {
                let mut b = a.clone().into_bytes();
                b[k] = b'Z';
                let b = String::from_utf8(b).expect("ASCII");
                assert!(!same(&a, &b), "{a} vs {b}");
            }
        }
    }

    /// Names that differ anywhere hash differently (the engine counts siblings by hash).
    #[test]
    fn name_hash_separates_similar_names() {
        let names = ["a", "b", "ab", "ba", "Contact", "Contacts", "iodef:Contact", "Description", "Descriptioo"];
        let mut seen = std::collections::HashSet::new();
        for n in names {
            let copy: String = n.chars().collect();
            assert_eq!(name_hash(n), name_hash(&copy));
            assert!(seen.insert(name_hash(n)), "{n}");
        }
        let long = "x".repeat(17);
        assert_ne!(name_hash(&long), name_hash(&format!("{long}x")));
    }

    #[test]
    fn names() {
        assert!(is_ncname("Incident"));
        assert!(is_ncname("_a.b-c9"));
        assert!(is_ncname("café"));
        assert!(!is_ncname("1a"));
        assert!(!is_ncname("-a"));
        assert!(!is_ncname(""));
        assert!(!is_ncname("a:b"));
        assert!(is_qname("iodef:Incident"));
        assert!(!is_qname("a:b:c"));
        assert!(!is_qname(":a"));
        assert!(!is_qname("a:"));
        assert!(is_name(":a"));
    }

    #[test]
    fn fused_qname_scan_agrees() {
        for s in [
            "Incident",
            "iodef:Incident",
            "a:b:c",
            ":a",
            "a:",
            "",
            "1a",
            "-a",
            "a-1.b_c",
            "x:1a",
            "café",
            "é:x",
            "a\u{B7}b",
            "a b",
            "a=b",
            "xmlns",
            "xmlns:ds",
            "a/b",
            "a\u{300}",
            "\u{300}a",
            "a:\u{300}",
        ] {
            let want = is_qname(s).then(|| s.bytes().position(|b| b == b':').unwrap_or(0));
            assert_eq!(qname_colon(s), want, "{s:?}");
        }
        assert_eq!(scan_qname(b"ds:Id=\"x\""), (5, Some(2)));
        assert_eq!(scan_qname(b"a b"), (1, Some(0)));
        assert_eq!(scan_qname(b"1a\t"), (2, None));
    }

    #[test]
    fn chars() {
        assert!(is_xml_char(0x9));
        assert!(!is_xml_char(0x1));
        assert!(!is_xml_char(0xFFFE));
        assert!(!is_xml_char(0xD800));
        assert!(is_xml_char(0x10FFFF));
        assert!(!is_xml_char(0x110000));
    }
}
