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
    fn chars() {
        assert!(is_xml_char(0x9));
        assert!(!is_xml_char(0x1));
        assert!(!is_xml_char(0xFFFE));
        assert!(!is_xml_char(0xD800));
        assert!(is_xml_char(0x10FFFF));
        assert!(!is_xml_char(0x110000));
    }
}
