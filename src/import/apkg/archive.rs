//! The zip layer of an Anki package: which generation it is, its collection database and its
//! media files, each read with a size cap so that a zip bomb or a lying size header is
//! refused before it can use much memory.

use std::io::{Cursor, Read};

use prost::Message;
use zip::ZipArchive;

/// How much of a package recall will decompress: every size is checked against these before
/// and while reading, so memory stays bounded whatever the zip claims.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Files in the zip (media included).
    pub entries: usize,
    /// The collection database, uncompressed.
    pub collection: u64,
    /// One media file.
    pub media_file: u64,
    /// All media files together.
    pub media_total: u64,
    /// The media list and `meta`.
    pub small: u64,
}

impl Limits {
    /// What `recall import` allows: far above any real deck or collection.
    pub const DEFAULT: Limits = Limits {
        entries: 200_000,
        collection: 512 << 20,
        media_file: 100 << 20,
        media_total: 1 << 30,
        small: 64 << 20,
    };
}

/// `meta`: the package generation (Anki's `PackageMetadata`).
#[derive(Clone, PartialEq, Message)]
struct PackageMetadata {
    #[prost(int32, tag = "1")]
    version: i32,
}

/// The current generation's media list (Anki's `MediaEntries`).
#[derive(Clone, PartialEq, Message)]
pub(super) struct MediaEntries {
    #[prost(message, repeated, tag = "1")]
    pub entries: Vec<MediaEntry>,
}

/// One media file: its name, size and SHA-1; stored in the zip under its index.
#[derive(Clone, PartialEq, Message)]
pub(super) struct MediaEntry {
    #[prost(string, tag = "1")]
    pub name: String,
    #[prost(uint32, tag = "2")]
    pub size: u32,
    #[prost(bytes = "vec", tag = "3")]
    pub sha1: Vec<u8>,
    #[prost(uint32, optional, tag = "255")]
    pub legacy_zip_filename: Option<u32>,
}

/// Which package generation a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    /// `collection.anki2` (Anki 2.0).
    Legacy1,
    /// `collection.anki21` (Anki 2.1 before 2.1.50).
    Legacy2,
    /// `collection.anki21b`, zstd-compressed, with `meta` (Anki 2.1.50 and later).
    Latest,
}

impl Generation {
    fn collection_name(self) -> &'static str {
        match self {
            Generation::Legacy1 => "collection.anki2",
            Generation::Legacy2 => "collection.anki21",
            Generation::Latest => "collection.anki21b",
        }
    }
}

/// What a package holds, decompressed: the SQLite database and the media files by name.
pub struct Contents {
    pub generation: Generation,
    pub database: Vec<u8>,
    pub media: Vec<(String, Vec<u8>)>,
}

/// Reads a package's zip within `limits`; every refusal says what was wrong.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Contents, String> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not an Anki package (not a readable zip file: {e})"))?;
    if zip.len() > limits.entries {
        return Err(format!(
            "the package holds {} files, more than recall reads ({})",
            zip.len(),
            limits.entries
        ));
    }
    let generation = generation(&mut zip, limits)?;
    let name = generation.collection_name();
    if zip.index_for_name(name).is_none() {
        return Err(format!(
            "not an Anki package: no collection ({name}) in the zip"
        ));
    }
    let raw = entry(&mut zip, name, limits.collection)?;
    let database = if generation == Generation::Latest {
        zstd_capped(&raw, limits.collection).map_err(|e| format!("{name}: {e}"))?
    } else {
        raw
    };
    let media = media(&mut zip, generation, limits)?;
    Ok(Contents {
        generation,
        database,
        media,
    })
}

fn generation(zip: &mut ZipArchive<Cursor<&[u8]>>, limits: &Limits) -> Result<Generation, String> {
    if zip.index_for_name("meta").is_some() {
        let meta = entry(zip, "meta", limits.small)?;
        let meta = PackageMetadata::decode(meta.as_slice())
            .map_err(|e| format!("meta: not Anki package metadata ({e})"))?;
        return match meta.version {
            1 => Ok(Generation::Legacy1),
            2 => Ok(Generation::Legacy2),
            3 => Ok(Generation::Latest),
            v => Err(format!(
                "meta: package version {v} is unknown (made by a newer Anki?); export it again with \"Support older Anki versions\""
            )),
        };
    }
    Ok(if zip.index_for_name("collection.anki21").is_some() {
        Generation::Legacy2
    } else {
        Generation::Legacy1
    })
}

/// One zip entry, refused when its declared or real size passes `cap`.
fn entry(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str, cap: u64) -> Result<Vec<u8>, String> {
    let file = zip.by_name(name).map_err(|e| {
        if e.to_string().to_ascii_lowercase().contains("password") {
            format!("{name}: encrypted; recall reads only unencrypted packages")
        } else {
            format!("{name}: cannot be read from the zip ({e})")
        }
    })?;
    if file.encrypted() {
        return Err(format!(
            "{name}: encrypted; recall reads only unencrypted packages"
        ));
    }
    let declared = file.size();
    if declared > cap {
        return Err(format!(
            "{name}: declares {declared} bytes uncompressed, more than recall's limit of {cap}"
        ));
    }
    let mut out = Vec::with_capacity(declared as usize);
    file.take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{name}: cannot be decompressed ({e})"))?;
    if out.len() as u64 > cap {
        return Err(format!(
            "{name}: decompresses to more than recall's limit of {cap} bytes"
        ));
    }
    Ok(out)
}

/// Decompresses zstd data, refusing output past `cap` (at once when the frame declares more).
pub fn zstd_capped(data: &[u8], cap: u64) -> Result<Vec<u8>, String> {
    if let Ok(Some(declared)) = zstd::zstd_safe::get_frame_content_size(data) {
        if declared > cap {
            return Err(format!(
                "declares {declared} bytes uncompressed, more than recall's limit of {cap}"
            ));
        }
    }
    let decoder =
        zstd::stream::read::Decoder::new(data).map_err(|e| format!("not zstd data ({e})"))?;
    let mut out = Vec::new();
    decoder
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt zstd data ({e})"))?;
    if out.len() as u64 > cap {
        return Err(format!(
            "decompresses to more than recall's limit of {cap} bytes"
        ));
    }
    Ok(out)
}

/// Whether a media name is a plain file name (no folder, no way out of the media folder).
pub fn safe_media_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name != "."
        && name != ".."
        && !name.starts_with('.')
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
        && !name.contains(':')
}

fn media(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    generation: Generation,
    limits: &Limits,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    if zip.index_for_name("media").is_none() {
        return Ok(Vec::new());
    }
    let list = entry(zip, "media", limits.small)?;
    // (zip entry name, media name)
    let mut files: Vec<(String, String)> = if generation == Generation::Latest {
        let list = zstd_capped(&list, limits.small).map_err(|e| format!("media: {e}"))?;
        let entries = MediaEntries::decode(list.as_slice())
            .map_err(|e| format!("media: not an Anki media list ({e})"))?;
        entries
            .entries
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let index = e.legacy_zip_filename.map_or(i, |n| n as usize);
                (index.to_string(), e.name)
            })
            .collect()
    } else {
        let map: std::collections::BTreeMap<String, String> = serde_json::from_slice(&list)
            .map_err(|e| format!("media: not an Anki media list ({e})"))?;
        map.into_iter().collect()
    };
    files.sort_by(|a, b| a.1.cmp(&b.1));
    let mut total = 0u64;
    let mut out = Vec::with_capacity(files.len());
    for (index, name) in files {
        if !safe_media_name(&name) {
            return Err(format!(
                "media: unsafe file name {name:?} (a path, not a file name); refused"
            ));
        }
        if zip.index_for_name(&index).is_none() {
            // Anki writes the list before the files; a missing one is reported by the caller.
            continue;
        }
        let raw = entry(zip, &index, limits.media_file)?;
        let data = if generation == Generation::Latest {
            zstd_capped(&raw, limits.media_file).map_err(|e| format!("media {name:?}: {e}"))?
        } else {
            raw
        };
        total += data.len() as u64;
        if total > limits.media_total {
            return Err(format!(
                "media: more than recall's limit of {} bytes in all",
                limits.media_total
            ));
        }
        out.push((name, data));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_names_are_plain_file_names() {
        for ok in ["a.png", "café.mp3", "x y.jpg"] {
            assert!(safe_media_name(ok), "{ok}");
        }
        for bad in [
            "", ".", "..", "../../x", "a/b", "a\\b", ".hidden", "c:x", "a\nb",
        ] {
            assert!(!safe_media_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn zstd_output_is_capped() {
        let big = zstd::encode_all(&vec![0u8; 100_000][..], 3).expect("encodes");
        assert!(big.len() < 1000);
        let e = zstd_capped(&big, 10_000).expect_err("over the cap");
        assert!(e.contains("limit"), "{e}");
        assert_eq!(zstd_capped(&big, 100_000).expect("fits").len(), 100_000);
    }
}
