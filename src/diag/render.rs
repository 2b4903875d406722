//! Human rendering of diagnostics, rustc style, with the source line and a caret.

use super::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Read, Seek, SeekFrom};

/// The source lines a set of diagnostics points at.
#[derive(Debug, Default, Clone)]
pub struct SourceLines {
    lines: BTreeMap<u32, String>,
}

impl SourceLines {
    /// The lines of `diags` taken from a document held in memory.
    pub fn from_text(text: &str, diags: &[Diagnostic]) -> SourceLines {
        let wanted: BTreeSet<u32> = diags.iter().map(|d| d.pos.line).collect();
        let mut lines = BTreeMap::new();
        if let (Some(&first), Some(&last)) = (wanted.first(), wanted.last()) {
            for (i, l) in
                text.split('\n').enumerate().skip(first.saturating_sub(1) as usize).take((last - first + 1) as usize)
            {
                let n = i as u32 + 1;
                if wanted.contains(&n) {
                    lines.insert(n, window(l.trim_end_matches('\r')));
                }
            }
        }
        SourceLines { lines }
    }

    /// The lines of `diags` read from a (decoded) stream, keeping only those lines.
    ///
    /// The stream is walked a buffer at a time, counting newlines with memchr and copying only
    /// the wanted lines: this is a second pass over the document (a 40 MB document with one
    /// note near its end is read again in full), so it must cost little more than the read.
    pub fn from_reader(mut r: impl BufRead, diags: &[Diagnostic]) -> SourceLines {
        let wanted: BTreeSet<u32> = diags.iter().map(|d| d.pos.line).collect();
        let mut lines = BTreeMap::new();
        let mut want = wanted.into_iter().peekable();
        // Line number of the next unread byte, and the wanted line being collected.
        let mut n = 1u32;
        let mut line: Vec<u8> = Vec::new();
        while want.peek().is_some() {
            let buf = match r.fill_buf() {
                Ok(b) if !b.is_empty() => b,
                _ => break,
            };
            let len = buf.len();
            let mut i = 0;
            while i < len {
                let Some(&next) = want.peek() else { break };
                if next < n {
                    // Line 0 (no position) or a line already passed.
                    want.next();
                    continue;
                }
                if n < next {
                    // Skip to the start of line `next`.
                    match memchr::memchr_iter(b'\n', &buf[i..]).nth((next - n - 1) as usize) {
                        Some(k) => {
                            i += k + 1;
                            n = next;
                        }
                        None => {
                            n += memchr::memchr_iter(b'\n', &buf[i..]).count() as u32;
                            i = len;
                        }
                    }
                    continue;
                }
                // Collect line `n` (at most LINE_CAP bytes of it: one huge line cannot
                // exhaust memory).
                let end = memchr::memchr(b'\n', &buf[i..]).map(|k| i + k);
                let stop = end.unwrap_or(len);
                let keep = (stop - i).min(LINE_CAP.saturating_sub(line.len()));
                line.extend_from_slice(&buf[i..i + keep]);
                match end {
                    Some(e) => {
                        lines.insert(n, finish_line(&line));
                        line.clear();
                        want.next();
                        n += 1;
                        i = e + 1;
                    }
                    None => i = len,
                }
            }
            r.consume(len);
        }
        // The last line of a document without a final newline.
        if let Some(&next) = want.peek() {
            if next == n && !line.is_empty() {
                lines.insert(n, finish_line(&line));
            }
        }
        SourceLines { lines }
    }

    /// The lines of `diags` read from a file (UTF-8, `base` bytes of byte order mark before the
    /// text) around the byte offset of each diagnostic, without reading the rest: a document
    /// with notes all through it is not read a second time in full. `None` when a line is too
    /// long to be found that way (then [`SourceLines::from_reader`] reads them all).
    pub fn from_offsets(f: &mut (impl Read + Seek), base: u64, diags: &[Diagnostic]) -> Option<SourceLines> {
        // Each line by the first offset seen on it.
        let mut wanted: BTreeMap<u32, u64> = BTreeMap::new();
        for d in diags.iter().filter(|d| d.pos.line > 0) {
            let o = wanted.entry(d.pos.line).or_insert(d.pos.offset);
            *o = (*o).min(d.pos.offset);
        }
        let mut lines = BTreeMap::new();
        let mut buf = vec![0u8; 2 * AROUND];
        for (line, offset) in wanted {
            let at = base + offset;
            let from = at.saturating_sub(AROUND as u64).max(base);
            f.seek(SeekFrom::Start(from)).ok()?;
            let mut got = 0;
            while got < buf.len() {
                match f.read(&mut buf[got..]) {
                    Ok(0) => break,
                    Ok(n) => got += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => return None,
                }
            }
            let bytes = &buf[..got];
            let rel = usize::try_from(at - from).ok()?.min(got);
            let start = match memchr::memrchr(b'\n', &bytes[..rel]) {
                Some(k) => k + 1,
                None if from == base => 0,
                None => return None,
            };
            let end = match memchr::memchr(b'\n', &bytes[rel..]) {
                Some(k) => rel + k,
                // The last line, without a newline: none if it is empty (as a stream has it).
                None if got < buf.len() && start == got => continue,
                None if got < buf.len() => got,
                None => return None,
            };
            lines.insert(line, finish_line(&bytes[start..end]));
        }
        Some(SourceLines { lines })
    }

    fn get(&self, line: u32) -> Option<&str> {
        self.lines.get(&line).map(String::as_str)
    }
}

/// [`SourceLines::from_offsets`] reads this many bytes on each side of an offset.
const AROUND: usize = 4096;

/// At most this many bytes of a source line are kept.
const LINE_CAP: usize = 64 << 10;

fn finish_line(bytes: &[u8]) -> String {
    window(String::from_utf8_lossy(bytes).trim_end_matches(['\n', '\r']))
}

/// Lines longer than this are shown as a window around the column.
const MAX_LINE: usize = 240;

fn window(line: &str) -> String {
    line.chars().take(4096).collect()
}

fn level(sev: Severity) -> Level<'static> {
    match sev {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// Render diagnostics of one document the way rustc does: title with the requirement ID, the
/// source line with a caret, then the element path and the requirement it cites.
pub fn render_human(file: &str, diags: &[Diagnostic], src: &SourceLines, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diags {
        let title = d.message();
        let mut groups = Vec::new();
        let lvl = level(d.severity);
        let t = lvl.clone().primary_title(title).id(d.requirement.id);
        let g = if let Some(line) = src.get(d.pos.line) {
            // Show a window of the line around the column so long lines stay readable.
            let chars: Vec<char> = line.chars().collect();
            let col0 = (d.pos.col.max(1) - 1) as usize;
            let from = col0.saturating_sub(MAX_LINE / 2).min(chars.len());
            let to = (from + MAX_LINE).min(chars.len());
            let shown: String = chars[from..to].iter().collect();
            let lead: usize = chars[from..col0.min(to)].iter().map(|c| c.len_utf8()).sum();
            let span_len = if d.len == 0 { 1 } else { d.len as usize };
            let start = lead.min(shown.len());
            let mut end = (start + span_len).min(shown.len());
            while end < shown.len() && !shown.is_char_boundary(end) {
                end += 1;
            }
            let snippet = Snippet::source(shown)
                .line_start(d.pos.line as usize)
                .path(file.to_string())
                .annotation(AnnotationKind::Primary.span(start..end.max(start)));
            t.element(snippet)
        } else {
            t.element(
                Snippet::<annotate_snippets::Annotation<'_>>::source(String::new())
                    .path(format!("{file}:{}:{}", d.pos.line, d.pos.col)),
            )
        };
        groups.push(g);
        let mut footer = format!("at {}", if d.path.is_empty() { "/" } else { &d.path });
        footer.push_str(&format!("\n{} {}", d.requirement.level, d.requirement.citation()));
        if !d.requirement.summary.is_empty() {
            footer.push_str(&format!(" · {}", d.requirement.summary));
        }
        groups.push(Group::with_title(Level::NOTE.secondary_title(footer)));
        for n in &d.notes {
            groups.push(Group::with_title(Level::NOTE.secondary_title(n.clone())));
        }
        out.push_str(&renderer.render(&groups));
        out.push_str("\n\n");
    }
    out
}

/// One line per diagnostic: `file:line:col: severity[ID]: message (path)`.
pub fn render_plain_line(file: &str, d: &Diagnostic) -> String {
    format!(
        "{file}:{}:{}: {}[{}]: {} ({})",
        d.pos.line,
        d.pos.col,
        d.severity.as_str(),
        d.requirement.id,
        d.message(),
        if d.path.is_empty() { "/" } else { &d.path }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Kind, Pos};

    fn at_line(line: u32) -> Diagnostic {
        Diagnostic {
            requirement: crate::schema::engine::cite(""),
            severity: Severity::Note,
            kind: Kind::SkippedContent { element: "x".into(), namespace: "urn:x".into() },
            pos: Pos { offset: 0, line, col: 1 },
            len: 1,
            path: String::new(),
            notes: vec![],
        }
    }

    /// Reading the wanted lines from a stream, through buffers of any size, gives the text's
    /// lines by number.
    #[test]
    fn streamed_lines_match_the_text() {
        let texts = ["", "one", "one\n", "a\nbb\n\nccc\r\ndddd", "\n\n\nx\n", "é\nü\n€\n\n"];
        let sets: [&[u32]; 7] = [&[1], &[2], &[1, 2, 3], &[0, 2], &[4, 5], &[3, 9], &[1, 2, 3, 4, 5, 6]];
        for text in texts {
            for set in sets {
                let diags: Vec<Diagnostic> = set.iter().map(|&l| at_line(l)).collect();
                // The reference: the text's lines by number; a stream has no line after its
                // last newline.
                let mut segments: Vec<&str> = text.split('\n').collect();
                if segments.last() == Some(&"") {
                    segments.pop();
                }
                let want: BTreeMap<u32, String> = set
                    .iter()
                    .filter(|&&l| l >= 1 && (l as usize) <= segments.len())
                    .map(|&l| (l, segments[l as usize - 1].trim_end_matches('\r').to_string()))
                    .collect();
                for cap in [1, 2, 3, 5, 64] {
                    let got = SourceLines::from_reader(std::io::BufReader::with_capacity(cap, text.as_bytes()), &diags);
                    assert_eq!(got.lines, want, "text {text:?}, lines {set:?}, buffer {cap}");
                }
            }
        }
    }

    /// Reading lines around the offsets of diagnostics gives the lines a full pass gives, for
    /// a position at every byte of the text (a byte order mark before it or not); a line too
    /// long to be found that way is left to the full pass.
    #[test]
    fn lines_at_offsets_match_the_streamed_lines() {
        let long = format!("a\n{}\nb", "x".repeat(3 * AROUND));
        let texts = ["one", "one\n", "a\nbb\n\nccc\r\ndddd", "\n\n\nx\n", "é\nü\n€\n\n", &long];
        for text in texts {
            // A diagnostic at every byte offset, with its line.
            let mut diags = Vec::new();
            let mut line = 1;
            for (i, b) in text.bytes().enumerate() {
                diags.push(Diagnostic { pos: Pos { offset: i as u64, line, col: 1 }, ..at_line(line) });
                if b == b'\n' {
                    line += 1;
                }
            }
            diags.push(Diagnostic { pos: Pos { offset: text.len() as u64, line, col: 1 }, ..at_line(line) });
            let streamed = SourceLines::from_reader(text.as_bytes(), &diags);
            for bom in [&b""[..], &[0xEF, 0xBB, 0xBF][..]] {
                let file = [bom, text.as_bytes()].concat();
                let got = SourceLines::from_offsets(&mut std::io::Cursor::new(file), bom.len() as u64, &diags);
                if text.len() > 2 * AROUND {
                    assert!(got.is_none(), "a line longer than the window is not guessed");
                } else {
                    assert_eq!(got.map(|g| g.lines), Some(streamed.lines.clone()), "text {text:?}");
                }
            }
        }
    }
}
