//! The `--format` values of `import` and `export` as clap value enums, so `--help` lists them
//! and a typo gets "did you mean". The library keeps its own format types; these map onto them.

use clap::ValueEnum;
use recall::import::export::ExportFormat;
use recall::import::Format;

/// What `recall import --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormatArg {
    /// Guess each file's format from its extension, then from its first lines.
    Auto,
    /// A recall deck file.
    Toml,
    /// Anki's Notes in Plain Text export. (No double quotes in these texts: clap_complete
    /// 4.6 does not escape them in the fish script, which then fails to load.)
    #[value(alias = "txt")]
    Anki,
    /// Comma-separated: front, back.
    Csv,
    /// Tab-separated: front, back (Quizlet's export).
    #[value(alias = "quizlet")]
    Tsv,
    /// Markdown flashcards.
    #[value(alias = "md")]
    Markdown,
    /// An Anki package, .apkg or .colpkg, with its review history.
    #[value(alias = "colpkg")]
    Apkg,
}

impl ImportFormatArg {
    /// The library's format; `None` means detect it per file.
    pub fn format(self) -> Option<Format> {
        match self {
            ImportFormatArg::Auto => None,
            ImportFormatArg::Toml => Some(Format::Toml),
            ImportFormatArg::Anki => Some(Format::Anki),
            ImportFormatArg::Csv => Some(Format::Csv),
            ImportFormatArg::Tsv => Some(Format::Tsv),
            ImportFormatArg::Markdown => Some(Format::Markdown),
            ImportFormatArg::Apkg => Some(Format::Apkg),
        }
    }
}

/// What `recall export --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// Anki's Notes in Plain Text, for File > Import in Anki.
    #[value(alias = "txt")]
    Anki,
    /// Comma-separated: front, back.
    Csv,
    /// A recall deck file.
    Toml,
    /// An Anki package with the review history (needs -o FILE).
    Apkg,
}

impl ExportFormatArg {
    /// The library's format.
    pub fn format(self) -> ExportFormat {
        match self {
            ExportFormatArg::Anki => ExportFormat::Anki,
            ExportFormatArg::Csv => ExportFormat::Csv,
            ExportFormatArg::Toml => ExportFormat::Toml,
            ExportFormatArg::Apkg => ExportFormat::Apkg,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value and alias clap accepts means what the library's own parser says it means.
    #[test]
    fn cli_format_names_agree_with_the_library() {
        for v in ImportFormatArg::value_variants() {
            let pv = v.to_possible_value().expect("no value is hidden");
            for name in pv.get_name_and_aliases() {
                assert_eq!(Format::from_name(name), Ok(v.format()), "import {name}");
            }
        }
        for v in ExportFormatArg::value_variants() {
            let pv = v.to_possible_value().expect("no value is hidden");
            for name in pv.get_name_and_aliases() {
                assert_eq!(
                    ExportFormat::from_name(name),
                    Ok(v.format()),
                    "export {name}"
                );
            }
        }
    }
}
