//! The Gherkin features and the golden corpus (every folder's manifest and documents) built into
//! the binary (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// An embedded corpus folder.
#[derive(Debug, Clone, Copy)]
pub struct Corpus {
    /// Folder name (`rid`, `iodef-2.0`, ...).
    pub name: &'static str,
    /// Its `manifest.toml`.
    pub manifest: &'static str,
    /// Its documents: (`valid/NAME.xml` or `invalid/NAME.xml`, bytes).
    pub documents: &'static [(&'static str, &'static [u8])],
}

/// Every embedded corpus folder, in name order.
pub fn corpora() -> impl Iterator<Item = Corpus> {
    CORPORA.iter().map(|(name, manifest, documents)| Corpus { name, manifest, documents })
}

/// One embedded corpus folder by name.
pub fn corpus(name: &str) -> Option<Corpus> {
    corpora().find(|c| c.name == name)
}

impl Corpus {
    /// A document by `valid/NAME.xml` or `invalid/NAME.xml`.
    pub fn document(&self, file: &str) -> Option<&'static [u8]> {
        self.documents.iter().find(|(n, _)| *n == file).map(|(_, t)| *t)
    }
}

/// A corpus RID message by name: `valid/NAME.xml` or `invalid/NAME.xml`.
pub fn rid_message(name: &str) -> Option<&'static [u8]> {
    corpus("rid")?.document(name)
}
