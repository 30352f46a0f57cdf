//! The collection database inside a package, read with SQLite (rusqlite, bundled) from memory:
//! note types with their templates, decks, notes, cards and the review log. Both schemas:
//! 11 (legacy packages: note types and decks as JSON in `col`) and 18 (current packages:
//! tables of their own, configs as protobuf).

use std::collections::HashMap;

use prost::Message;
use rusqlite::{Connection, MAIN_DB};

/// A note type: whether it is a cloze type, its fields in order, its card templates by ordinal.
#[derive(Clone, Debug, Default)]
pub struct NoteType {
    pub cloze: bool,
    pub fields: Vec<String>,
    pub templates: Vec<Template>,
}

/// A card template: its ordinal and its question and answer formats.
#[derive(Clone, Debug, Default)]
pub struct Template {
    pub ord: u32,
    pub name: String,
    pub question: String,
    pub answer: String,
}

/// A note: its guid, note type, tags and fields.
#[derive(Clone, Debug)]
pub struct Note {
    pub guid: String,
    pub notetype: i64,
    pub tags: String,
    pub fields: Vec<String>,
}

/// A card: its note, deck (the home deck for a card in a filtered deck), ordinal and queue.
#[derive(Clone, Copy, Debug)]
pub struct AnkiCard {
    pub id: i64,
    pub note: i64,
    pub deck: i64,
    pub ord: u32,
    /// -1 suspended, -2/-3 buried.
    pub queue: i64,
    /// Last change, in seconds.
    pub modified: i64,
}

/// One revlog row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revlog {
    /// Milliseconds since the epoch: when the answer was given.
    pub id: i64,
    pub card: i64,
    pub ease: i64,
    pub factor: i64,
    pub time_ms: i64,
    /// 0 learning, 1 review, 2 relearning, 3 filtered, 4 manual, 5 rescheduled.
    pub kind: i64,
}

/// Everything recall takes from a collection.
#[derive(Debug, Default)]
pub struct AnkiCollection {
    pub notetypes: HashMap<i64, NoteType>,
    /// Deck id to its full name (`A::B`).
    pub decks: HashMap<i64, String>,
    pub notes: HashMap<i64, Note>,
    /// In id order.
    pub cards: Vec<AnkiCard>,
    /// Sorted by card, then time.
    pub revlog: Vec<Revlog>,
}

/// Notetype `config` (schema 18): only the kind is needed.
#[derive(Clone, PartialEq, Message)]
struct NotetypeConfig {
    #[prost(int32, tag = "1")]
    kind: i32,
}

/// Template `config` (schema 18): the question and answer formats.
#[derive(Clone, PartialEq, Message)]
struct TemplateConfig {
    #[prost(string, tag = "1")]
    q_format: String,
    #[prost(string, tag = "2")]
    a_format: String,
}

/// Opens the database bytes read-only in memory and reads the collection.
pub fn read(database: &mut [u8]) -> Result<AnkiCollection, String> {
    // Anki keeps its collection in WAL mode, which an in-memory database cannot open: the
    // header's read/write version bytes (18, 19) are set back to the rollback journal's.
    if database.len() >= 100 && database.starts_with(b"SQLite format 3\0") {
        for b in &mut database[18..20] {
            if *b == 2 {
                *b = 1;
            }
        }
    }
    let database: &[u8] = database;
    let corrupt = |e: rusqlite::Error| {
        format!("the collection is not a readable Anki database (corrupt or encrypted?): {e}")
    };
    let mut conn = Connection::open_in_memory().map_err(corrupt)?;
    conn.deserialize_read_exact(MAIN_DB, database, database.len(), true)
        .map_err(corrupt)?;
    // Anki's own collation for names; plain case folding is enough to read.
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })
    .map_err(corrupt)?;
    let version: i64 = conn
        .query_row("SELECT ver FROM col", [], |r| r.get(0))
        .map_err(corrupt)?;
    let mut col = AnkiCollection::default();
    if version >= 15 {
        read_notetypes_18(&conn, &mut col).map_err(corrupt)?;
        let mut stmt = conn
            .prepare("SELECT id, name FROM decks")
            .map_err(corrupt)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(corrupt)?;
        for row in rows {
            let (id, name) = row.map_err(corrupt)?;
            col.decks.insert(id, name.replace('\u{1f}', "::"));
        }
    } else {
        let (models, decks): (String, String) = conn
            .query_row("SELECT models, decks FROM col", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(corrupt)?;
        read_legacy_json(&models, &decks, &mut col)?;
    }
    read_rows(&conn, &mut col).map_err(corrupt)?;
    Ok(col)
}

fn read_notetypes_18(conn: &Connection, col: &mut AnkiCollection) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("SELECT id, config FROM notetypes")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))? {
        let (id, config) = row?;
        let kind = NotetypeConfig::decode(config.as_slice()).map_or(0, |c| c.kind);
        col.notetypes.insert(
            id,
            NoteType {
                cloze: kind == 1,
                ..NoteType::default()
            },
        );
    }
    let mut stmt = conn.prepare("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(2)?)))? {
        let (ntid, name) = row?;
        if let Some(nt) = col.notetypes.get_mut(&ntid) {
            nt.fields.push(name);
        }
    }
    let mut stmt =
        conn.prepare("SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    })?;
    for row in rows {
        let (ntid, ord, name, config) = row?;
        let config = TemplateConfig::decode(config.as_slice()).unwrap_or_default();
        if let Some(nt) = col.notetypes.get_mut(&ntid) {
            nt.templates.push(Template {
                ord: u32::try_from(ord).unwrap_or(u32::MAX),
                name,
                question: config.q_format,
                answer: config.a_format,
            });
        }
    }
    Ok(())
}

/// Schema 11: note types and decks are JSON objects keyed by id in the `col` row.
fn read_legacy_json(models: &str, decks: &str, col: &mut AnkiCollection) -> Result<(), String> {
    #[derive(serde::Deserialize)]
    struct Field {
        name: String,
    }
    #[derive(serde::Deserialize)]
    struct Tmpl {
        #[serde(default)]
        name: String,
        ord: u32,
        #[serde(default)]
        qfmt: String,
        #[serde(default)]
        afmt: String,
    }
    #[derive(serde::Deserialize)]
    struct Model {
        #[serde(rename = "type", default)]
        kind: i64,
        flds: Vec<Field>,
        tmpls: Vec<Tmpl>,
    }
    #[derive(serde::Deserialize)]
    struct LegacyDeck {
        name: String,
    }
    let models: HashMap<String, Model> = serde_json::from_str(models)
        .map_err(|e| format!("the collection's note types are not readable: {e}"))?;
    for (id, m) in models {
        let Ok(id) = id.parse::<i64>() else { continue };
        col.notetypes.insert(
            id,
            NoteType {
                cloze: m.kind == 1,
                fields: m.flds.into_iter().map(|f| f.name).collect(),
                templates: m
                    .tmpls
                    .into_iter()
                    .map(|t| Template {
                        ord: t.ord,
                        name: t.name,
                        question: t.qfmt,
                        answer: t.afmt,
                    })
                    .collect(),
            },
        );
    }
    let decks: HashMap<String, LegacyDeck> = serde_json::from_str(decks)
        .map_err(|e| format!("the collection's decks are not readable: {e}"))?;
    for (id, d) in decks {
        if let Ok(id) = id.parse::<i64>() {
            col.decks.insert(id, d.name);
        }
    }
    Ok(())
}

fn read_rows(conn: &Connection, col: &mut AnkiCollection) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("SELECT id, guid, mid, tags, flds FROM notes")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Note {
                guid: r.get(1)?,
                notetype: r.get(2)?,
                tags: r.get(3)?,
                fields: r
                    .get::<_, String>(4)?
                    .split('\u{1f}')
                    .map(str::to_string)
                    .collect(),
            },
        ))
    })?;
    for row in rows {
        let (id, note) = row?;
        col.notes.insert(id, note);
    }
    let mut stmt = conn.prepare(
        "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, queue, mod FROM cards ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(AnkiCard {
            id: r.get(0)?,
            note: r.get(1)?,
            deck: r.get(2)?,
            ord: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(u32::MAX),
            queue: r.get(4)?,
            modified: r.get(5)?,
        })
    })?;
    for row in rows {
        col.cards.push(row?);
    }
    let mut stmt =
        conn.prepare("SELECT id, cid, ease, factor, time, type FROM revlog ORDER BY cid, id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Revlog {
            id: r.get(0)?,
            card: r.get(1)?,
            ease: r.get(2)?,
            factor: r.get(3)?,
            time_ms: r.get(4)?,
            kind: r.get(5)?,
        })
    })?;
    for row in rows {
        col.revlog.push(row?);
    }
    Ok(())
}
