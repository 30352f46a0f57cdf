//! Writing a deck as an Anki package that Anki 2.1.50 and later import: a zip holding
//! `collection.anki21` (the schema-11 SQLite database every Anki since 2.1 reads), the media
//! files the cards show (Anki's legacy media map `{"0": "name"}` and numbered entries). Each
//! recall card is one note (Basic, or Cloze with every gap as `c1`, as the text export writes
//! them) with its card, and the card's review history as revlog rows, so Anki computes the
//! same memory state from it; the card's current state (new, learning, review, suspended)
//! comes from recall's replay. recall's note types carry an `Explanation` and a `Source`
//! field, shown below the answer in Anki and read back into the card's explanation and
//! sources by recall's package import.

use std::collections::HashSet;
use std::io::{Cursor, Write};

use rusqlite::{params, Connection, MAIN_DB};
use serde_json::json;

use super::export_media::field_html;
pub use super::export_media::media_names;
use crate::deck::Deck;
use crate::fnv::fnv1a;
use crate::import::export::{anki_notes, anki_sides, AnkiNote};
use crate::schedule::{card_seed, CardState, Millis, Phase, Rating, Scheduler};
use crate::store::{EventKind, LoadedLog};

const BASIC_ID: i64 = 1_600_000_000_001;
const CLOZE_ID: i64 = 1_600_000_000_002;
const REVERSED_ID: i64 = 1_600_000_000_003;

/// Schema 11, the tables Anki's legacy packages hold.
const SCHEMA: &str = "
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,
  time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
";

/// What an export wrote, for the message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Exported {
    pub notes: usize,
    pub cards: usize,
    pub revlog: usize,
    pub media: usize,
}

/// The package bytes for `deck` (archived cards left out), its history from `log` replayed
/// with `scheduler`, without media files.
pub fn write_apkg(
    deck: &Deck,
    log: &LoadedLog,
    scheduler: &Scheduler,
    now: Millis,
) -> Result<(Vec<u8>, Exported), String> {
    write_package(deck, log, scheduler, now, &[])
}

/// `write_apkg` with the media files the cards show, as (name, bytes) (see `media_names`).
pub fn write_package(
    deck: &Deck,
    log: &LoadedLog,
    scheduler: &Scheduler,
    now: Millis,
    media: &[(String, Vec<u8>)],
) -> Result<(Vec<u8>, Exported), String> {
    let names: HashSet<&str> = media.iter().map(|(n, _)| n.as_str()).collect();
    let mut db = database(deck, log, scheduler, now, &names)
        .map_err(|e| format!("cannot build the collection: {e}"))?;
    db.1.media = media.len();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), String> {
        zip.start_file(name, opts).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())
    };
    put("collection.anki21", &db.0)?;
    let map: serde_json::Map<String, serde_json::Value> = media
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (i.to_string(), json!(name)))
        .collect();
    put(
        "media",
        serde_json::Value::Object(map).to_string().as_bytes(),
    )?;
    for (i, (_, bytes)) in media.iter().enumerate() {
        put(&i.to_string(), bytes)?;
    }
    let bytes = zip.finish().map_err(|e| e.to_string())?.into_inner();
    Ok((bytes, db.1))
}

/// A stable Anki id for a recall id (positive, below Anki's millisecond ids of today).
fn anki_id(base: i64, key: &str) -> i64 {
    base + (fnv1a(key) % 1_000_000_000) as i64
}

fn database(
    deck: &Deck,
    log: &LoadedLog,
    scheduler: &Scheduler,
    now: Millis,
    media: &HashSet<&str>,
) -> rusqlite::Result<(Vec<u8>, Exported)> {
    let mut conn = Connection::open_in_memory()?;
    conn.execute_batch(SCHEMA)?;
    let deck_id = anki_id(1_500_000_000_000, &deck.id);
    // Days count from the collection's creation: recall's day 0 (1970-01-01 at the rollover).
    let crt = scheduler.day_start(0) / 1000;
    let secs = now / 1000;
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            crt,
            now,
            conf(deck_id).to_string(),
            models().to_string(),
            decks(deck_id, &deck.title, secs).to_string(),
            dconf().to_string(),
        ],
    )?;
    let live = crate::study::effective_events(log);
    let mut history: Vec<Vec<(i64, EventKind)>> = vec![Vec::new(); log.cards.len()];
    for (e, &l) in log.events.iter().zip(&live) {
        if l {
            history[e.card as usize].push((e.at, e.kind));
        }
    }
    let index: std::collections::HashMap<&str, usize> = log
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut revlog_ids = HashSet::new();
    let mut out = Exported::default();
    let mut ids = HashSet::new();
    let mut unique = |key: &str| {
        let mut id = anki_id(1_400_000_000_000, key);
        while !ids.insert(id) {
            id += 1;
        }
        id
    };
    for (pos, note) in anki_notes(deck, true).into_iter().enumerate() {
        let note_id = unique(&format!("{}/{}", deck.id, note.guid));
        write_note(&tx, &note, note_id, secs, media)?;
        out.notes += 1;
        for (card, ord) in &note.cards {
            let global = deck.global_id(card);
            let card_id = unique(&global);
            let events = index.get(global.as_str()).map_or(&[][..], |&i| &history[i]);
            let (state, suspended, rows) =
                replay(events, scheduler, card_seed(&global), &mut revlog_ids);
            for r in &rows {
                tx.prepare_cached("INSERT INTO revlog VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8)")?
                    .execute(params![
                        r.id, card_id, r.ease, r.ivl, r.last_ivl, r.factor, r.ms, r.kind
                    ])?;
            }
            out.revlog += rows.len();
            let place = Place {
                card: card_id,
                note: note_id,
                deck: deck_id,
                ord: *ord,
                position: pos,
            };
            write_card(&tx, &place, secs, &state, suspended, scheduler)?;
            out.cards += 1;
        }
    }
    tx.commit()?;
    let data = conn.serialize(MAIN_DB)?;
    Ok((data.to_vec(), out))
}

fn write_note(
    tx: &rusqlite::Transaction<'_>,
    note: &AnkiNote<'_>,
    note_id: i64,
    secs: i64,
    media: &HashSet<&str>,
) -> rusqlite::Result<()> {
    let first = note.cards.first().map(|(c, _)| *c);
    let source = first.map(|c| c.source.join("\n")).unwrap_or_default();
    // Basic notes: the back without the explanation (it has a field of its own).
    let fields: Vec<String> = match first.and_then(anki_sides) {
        Some((front, back)) if note.notetype != "Cloze" => vec![
            front,
            back,
            first.and_then(|c| c.explain.clone()).unwrap_or_default(),
            source,
        ],
        _ => vec![note.fields[0].clone(), note.fields[1].clone(), source],
    };
    let sort = fields[0].clone();
    let flds: Vec<String> = fields.iter().map(|f| field_html(f, media)).collect();
    let mid = match note.notetype {
        "Cloze" => CLOZE_ID,
        "Basic" => BASIC_ID,
        _ => REVERSED_ID,
    };
    let tags = if note.tags.is_empty() {
        String::new()
    } else {
        format!(" {} ", note.tags.join(" "))
    };
    tx.prepare_cached("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')")?
        .execute(params![
            note_id,
            note.guid,
            mid,
            secs,
            tags,
            flds.join("\u{1f}"),
            sort,
        ])?;
    Ok(())
}

/// One revlog row.
struct Row {
    id: i64,
    ease: u8,
    ivl: i64,
    last_ivl: i64,
    factor: i64,
    ms: u32,
    kind: u8,
}

/// Anki's ease factor field when FSRS is on: difficulty mapped to 100..1100.
fn factor(state: &CardState) -> i64 {
    if state.phase == Phase::New {
        0
    } else {
        (((state.difficulty - 1.0) / 9.0 + 0.1) * 1000.0).round() as i64
    }
}

/// Anki's interval field: days for a review card, negative seconds while learning.
fn interval(state: &CardState, at: Millis) -> i64 {
    match state.phase {
        Phase::Review => i64::from(state.interval_days),
        Phase::New => 0,
        _ => -((state.due - at).max(1000) / 1000),
    }
}

/// Replays a card's live events: its final state, whether it is suspended, and a revlog row
/// per answer (type by the phase the card was in: learning, review, relearning).
fn replay(
    events: &[(i64, EventKind)],
    scheduler: &Scheduler,
    seed: u64,
    used: &mut HashSet<i64>,
) -> (CardState, bool, Vec<Row>) {
    let mut state = CardState::NEW;
    let mut suspended = false;
    let mut rows = Vec::new();
    for &(at, kind) in events {
        let (rating, ms) = match kind {
            EventKind::Review { rating, ms } => (rating, ms),
            EventKind::QuizMiss => (1, 0),
            EventKind::Suspend => {
                suspended = true;
                continue;
            }
            EventKind::Unsuspend => {
                suspended = false;
                continue;
            }
            EventKind::Bury | EventKind::Undo | EventKind::UndoOf(_) => continue,
        };
        let Some(r) = Rating::from_u8(rating) else {
            continue;
        };
        let before = state;
        state = scheduler.rate(&before, r, at, seed);
        let mut id = at;
        while !used.insert(id) {
            id += 1;
        }
        rows.push(Row {
            id,
            ease: rating,
            ivl: interval(&state, at),
            last_ivl: interval(&before, at),
            factor: factor(&state),
            ms,
            kind: match before.phase {
                Phase::New | Phase::Learning => 0,
                Phase::Review => 1,
                Phase::Relearning => 2,
            },
        });
    }
    (state, suspended, rows)
}

/// Where a card goes: its id, note, deck, ordinal, and its place among new cards.
struct Place {
    card: i64,
    note: i64,
    deck: i64,
    ord: u32,
    position: usize,
}

fn write_card(
    tx: &rusqlite::Transaction<'_>,
    place: &Place,
    secs: i64,
    state: &CardState,
    suspended: bool,
    scheduler: &Scheduler,
) -> rusqlite::Result<()> {
    let (kind, queue, due) = match state.phase {
        Phase::New => (0, 0, place.position as i64),
        Phase::Learning => (1, 1, state.due / 1000),
        Phase::Relearning => (3, 1, state.due / 1000),
        Phase::Review => (2, 2, i64::from(scheduler.day_of(state.due))),
    };
    let queue = if suspended { -1 } else { queue };
    tx.prepare_cached(
        "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, -1, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, 0, 0, '{}')")?
        .execute(
        params![
            place.card,
            place.note,
            place.deck,
            place.ord,
            secs,
            kind,
            queue,
            due,
            i64::from(state.interval_days),
            if state.phase == Phase::New { 0 } else { 2500 },
            state.reps,
            state.lapses,
            if matches!(state.phase, Phase::Learning | Phase::Relearning) { 1 } else { 0 },
        ],
    )?;
    Ok(())
}

fn conf(deck_id: i64) -> serde_json::Value {
    json!({
        "activeDecks": [deck_id], "curDeck": deck_id, "newSpread": 0, "collapseTime": 1200,
        "timeLim": 0, "estTimes": true, "dueCounts": true, "curModel": BASIC_ID, "nextPos": 1,
        "sortType": "noteFld", "sortBackwards": false, "addToCur": true, "schedVer": 2,
        "sched2021": true, "dayLearnFirst": false, "creationOffset": 0
    })
}

fn field(name: &str, ord: u32) -> serde_json::Value {
    json!({"name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial",
           "size": 20, "description": "", "plainText": false, "collapsed": false,
           "excludeFromSearch": false})
}

/// A note type: its fields, and its templates as (name, question, answer).
fn model(id: i64, name: &str, cloze: bool, templates: &[(&str, &str, &str)]) -> serde_json::Value {
    let fields: &[&str] = if cloze {
        &["Text", "Back Extra", "Source"]
    } else {
        &["Front", "Back", "Explanation", "Source"]
    };
    let flds: Vec<serde_json::Value> = fields
        .iter()
        .enumerate()
        .map(|(ord, name)| field(name, ord as u32))
        .collect();
    let tmpls: Vec<serde_json::Value> = templates
        .iter()
        .enumerate()
        .map(|(ord, (name, q, a))| {
            json!({"name": name, "ord": ord, "qfmt": q, "afmt": a, "bqfmt": "", "bafmt": "",
                   "did": null, "bfont": "", "bsize": 0})
        })
        .collect();
    let req: Vec<serde_json::Value> = (0..templates.len())
        .map(|ord| json!([ord, "any", [ord.min(1)]]))
        .collect();
    json!({
        "id": id, "name": name, "type": u8::from(cloze), "mod": 0, "usn": 0, "sortf": 0,
        "did": null, "tmpls": tmpls, "flds": flds,
        "css": ".card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n background-color: white;\n}\n",
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}", "latexsvg": false, "req": req,
        "tags": [], "vers": []
    })
}

fn models() -> serde_json::Value {
    const ANSWER: &str = "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\
        {{#Explanation}}<br><br>{{Explanation}}{{/Explanation}}{{#Source}}<br><br>{{Source}}{{/Source}}";
    const REVERSE: &str = "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}\
        {{#Explanation}}<br><br>{{Explanation}}{{/Explanation}}{{#Source}}<br><br>{{Source}}{{/Source}}";
    let mut m = serde_json::Map::new();
    for (id, value) in [
        (
            BASIC_ID,
            model(
                BASIC_ID,
                "Basic (recall)",
                false,
                &[("Card 1", "{{Front}}", ANSWER)],
            ),
        ),
        (
            REVERSED_ID,
            model(
                REVERSED_ID,
                "Basic and reversed (recall)",
                false,
                &[
                    ("Card 1", "{{Front}}", ANSWER),
                    ("Card 2", "{{Back}}", REVERSE),
                ],
            ),
        ),
        (
            CLOZE_ID,
            model(
                CLOZE_ID,
                "Cloze (recall)",
                true,
                &[(
                    "Cloze",
                    "{{cloze:Text}}",
                    "{{cloze:Text}}<br>\n{{Back Extra}}{{#Source}}<br><br>{{Source}}{{/Source}}",
                )],
            ),
        ),
    ] {
        m.insert(id.to_string(), value);
    }
    serde_json::Value::Object(m)
}

fn one_deck(id: i64, name: &str, secs: i64) -> serde_json::Value {
    json!({"id": id, "mod": secs, "name": name, "usn": -1, "lrnToday": [0, 0],
           "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false,
           "browserCollapsed": false, "desc": "", "dyn": 0, "conf": 1, "extendNew": 0,
           "extendRev": 0})
}

fn decks(deck_id: i64, title: &str, secs: i64) -> serde_json::Value {
    let mut d = serde_json::Map::new();
    d.insert("1".into(), one_deck(1, "Default", secs));
    d.insert(deck_id.to_string(), one_deck(deck_id, title, secs));
    serde_json::Value::Object(d)
}

fn dconf() -> serde_json::Value {
    json!({"1": {
        "id": 1, "mod": 0, "name": "Default", "usn": 0, "maxTaken": 60, "autoplay": true,
        "timer": 0, "replayq": true, "dyn": false,
        "new": {"bury": false, "delays": [1.0, 10.0], "initialFactor": 2500,
                "ints": [1, 4, 0], "order": 1, "perDay": 20},
        "rev": {"bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200,
                "hardFactor": 1.2},
        "lapse": {"delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1,
                  "mult": 0.0}
    }})
}
