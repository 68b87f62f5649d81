//! Text → tokens: tokenize, fold (case, accents, ligatures, elision), stem, stopwords.
pub mod stem;

/// The languages the analyzer knows. Each record declares one or has it detected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    French,
    English,
}
