//! Writing Anki packages.
