//! Bad Anki packages are refused with a clear message and exit 2, and nothing is written:
//! not a zip, no collection, a corrupt database, an encrypted entry, a path in a media name,
//! a 10 GB declared size, and zip bombs (decompressing stops at the limit).

#[path = "support/cli.rs"]
mod cli;

use std::io::{Cursor, Write};
use std::path::Path;

use recall::import::apkg::{read_limited, Limits};
use zip::write::SimpleFileOptions;

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, SimpleFileOptions::default())
            .expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// `meta` of a current package (protobuf: version = 3).
const META_LATEST: &[u8] = &[0x08, 0x03];

/// Imports `bytes` as `name` and returns stderr, asserting exit 2 and an untouched home.
fn refused(bytes: &[u8], name: &str) -> String {
    let src = tempfile::tempdir().expect("temp dir");
    let file = src.path().join(name);
    std::fs::write(&file, bytes).expect("write");
    let home = tempfile::tempdir().expect("temp dir");
    let out = cli::recall(home.path())
        .arg("import")
        .arg(&file)
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).expect("UTF-8");
    assert!(stderr.contains(name), "names the file: {stderr}");
    assert_eq!(
        std::fs::read_dir(home.path()).expect("home").count(),
        0,
        "nothing written"
    );
    stderr
}

fn legacy_fixture_with_media(map: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apkg/legacy1.apkg");
    let bytes = std::fs::read(path).expect("fixture");
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut db = Vec::new();
    std::io::Read::read_to_end(&mut src.by_name("collection.anki2").expect("db"), &mut db)
        .expect("read");
    zip(&[
        ("collection.anki2", &db),
        ("media", map.as_bytes()),
        ("0", b"x"),
    ])
}

#[test]
fn not_a_zip() {
    let e = refused(b"Front,Back\x00\x01", "deck.apkg");
    assert!(e.contains("not an Anki package"), "{e}");
}

#[test]
fn no_collection_in_the_zip() {
    let e = refused(&zip(&[("media", b"{}")]), "empty.apkg");
    assert!(e.contains("no collection (collection.anki2)"), "{e}");
}

#[test]
fn a_corrupt_or_encrypted_database() {
    let junk = vec![0x5au8; 8192];
    let e = refused(&zip(&[("collection.anki21", &junk)]), "junk.apkg");
    assert!(e.contains("not a readable Anki database"), "{e}");
    // A current package whose collection is not zstd data.
    let e = refused(
        &zip(&[("meta", META_LATEST), ("collection.anki21b", &junk)]),
        "junk.colpkg",
    );
    assert!(e.contains("collection.anki21b"), "{e}");
}

#[test]
fn an_encrypted_zip_entry() {
    let mut bytes = zip(&[("collection.anki21", b"SQLite format 3\0")]);
    // Set the "encrypted" bit of the general purpose flags in the local and central headers.
    for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let at = bytes.windows(4).position(|w| w == sig).expect("header");
        let flag = at + if sig[2] == 3 { 6 } else { 8 };
        bytes[flag] |= 1;
    }
    let e = refused(&bytes, "locked.apkg");
    assert!(e.contains("encrypted"), "{e}");
}

#[test]
fn a_path_in_a_media_name() {
    for name in ["../../x", "/etc/passwd", "a/b.png", "..\\\\x"] {
        let map = format!("{{\"0\": \"{name}\"}}");
        let e = refused(&legacy_fixture_with_media(&map), "evil.apkg");
        assert!(e.contains("unsafe file name"), "{name}: {e}");
    }
}

#[test]
fn a_10_gb_declared_size_is_refused_before_decompressing() {
    // A zstd frame declaring 10 GiB of content, holding one 3-byte raw block.
    let mut frame = vec![0x28, 0xb5, 0x2f, 0xfd, 0xe0];
    frame.extend_from_slice(&(10u64 << 30).to_le_bytes());
    frame.extend_from_slice(&[0x19, 0, 0, b'a', b'b', b'c']);
    let e = refused(
        &zip(&[("meta", META_LATEST), ("collection.anki21b", &frame)]),
        "huge.apkg",
    );
    assert!(e.contains("declares 10737418240 bytes"), "{e}");
}

#[test]
fn zip_bombs_stop_at_the_limit() {
    let limits = Limits {
        collection: 1 << 20,
        ..Limits::DEFAULT
    };
    let zeros = vec![0u8; 4 << 20];
    // A deflated entry that declares its size honestly.
    let e = read_limited(&zip(&[("collection.anki21", &zeros)]), "bomb.apkg", &limits)
        .expect_err("too big");
    assert!(e.contains("declares 4194304 bytes"), "{e}");
    // A zstd stream that does not say how big it is: decompressing stops past the limit.
    let packed = zstd::encode_all(&zeros[..], 3).expect("zstd");
    assert!(packed.len() < 4096);
    let e = read_limited(
        &zip(&[("meta", META_LATEST), ("collection.anki21b", &packed)]),
        "bomb.apkg",
        &limits,
    )
    .expect_err("too big");
    assert!(e.contains("decompresses to more than"), "{e}");
}
