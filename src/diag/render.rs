//! Human rendering of diagnostics, rustc style, with the source line and a caret.

use super::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;

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
            for (i, l) in text.split('\n').enumerate().skip(first as usize - 1).take((last - first + 1) as usize) {
                let n = i as u32 + 1;
                if wanted.contains(&n) {
                    lines.insert(n, window(l.trim_end_matches('\r')));
                }
            }
        }
        SourceLines { lines }
    }

    /// The lines of `diags` read from a (decoded) stream, keeping only those lines.
    pub fn from_reader(mut r: impl BufRead, diags: &[Diagnostic]) -> SourceLines {
        let wanted: BTreeSet<u32> = diags.iter().map(|d| d.pos.line).collect();
        let mut lines = BTreeMap::new();
        let Some(&last) = wanted.last() else { return SourceLines { lines } };
        let mut buf = Vec::new();
        let mut n = 0u32;
        while n < last {
            buf.clear();
            // Lines are read with a cap so that a single huge line cannot exhaust memory.
            match read_line_capped(&mut r, &mut buf, 64 << 10) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            n += 1;
            if wanted.contains(&n) {
                let l = String::from_utf8_lossy(&buf);
                lines.insert(n, window(l.trim_end_matches(['\n', '\r'])));
            }
        }
        SourceLines { lines }
    }

    fn get(&self, line: u32) -> Option<&str> {
        self.lines.get(&line).map(String::as_str)
    }
}

/// Read one line, keeping at most `cap` bytes of it (the rest is skipped).
fn read_line_capped(r: &mut impl BufRead, out: &mut Vec<u8>, cap: usize) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(total);
        }
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let keep = chunk.len().min(cap.saturating_sub(out.len()));
        out.extend_from_slice(&chunk[..keep]);
        let n = chunk.len();
        total += n;
        r.consume(n);
        if done {
            return Ok(total);
        }
    }
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
