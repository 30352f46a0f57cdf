//! The binary form of parsed decks, shared by the deck cache (imported decks, `cache.rs`) and
//! the built-in decks that build.rs parses and embeds (`builtin.rs`): one encoder, one decoder.
//!
//! Self-contained (std and `super::` only) so that build.rs can include it.

use super::{Card, CardContent, Deck, DeckSource};

/// A deck in the cache's binary form (its source is not stored: it is the deck file).
pub fn encode(deck: &Deck) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    encode_deck(&mut w, deck);
    w.0
}

/// The deck [`encode`] wrote, read back with `source`; None for anything else.
pub fn decode(bytes: &[u8], source: DeckSource) -> Option<Deck> {
    let mut r = Reader(bytes);
    let deck = decode_deck(&mut r, source)?;
    r.0.is_empty().then_some(deck)
}

/// Appends fields in the binary form: little-endian `u64`s, length-prefixed strings.
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    pub fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
            None => self.0.push(0),
        }
    }
    pub fn strs(&mut self, v: &[String]) {
        self.u64(v.len() as u64);
        v.iter().for_each(|s| self.str(s));
    }
}

/// Reads what [`Writer`] wrote; every read is None past the end or on a malformed field.
pub struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    pub fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    /// A length that must fit in what is left (so a corrupt count cannot allocate much).
    pub fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n <= self.0.len()).then_some(n)
    }
    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.count()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
    pub fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
    pub fn opt(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.string().map(Some),
            _ => None,
        }
    }
    pub fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.string()).collect()
    }
}

/// Appends one deck (everything but its source).
pub fn encode_deck(w: &mut Writer, deck: &Deck) {
    w.str(&deck.id);
    w.str(&deck.title);
    w.str(&deck.section);
    w.opt(deck.description.as_deref());
    w.u64(deck.cards.len() as u64);
    for card in &deck.cards {
        w.str(&card.id);
        match &card.content {
            CardContent::Basic { front, back } => {
                w.0.push(0);
                w.str(front);
                w.str(back);
            }
            CardContent::Choice {
                front,
                choices,
                answer,
            } => {
                w.0.push(1);
                w.str(front);
                w.strs(choices);
                w.u64(answer.len() as u64);
                answer.iter().for_each(|&a| w.u64(a as u64));
            }
            CardContent::Cloze { text } => {
                w.0.push(2);
                w.str(text);
            }
        }
        w.strs(&card.tags);
        w.opt(card.explain.as_deref());
        w.strs(&card.source);
        w.0.push(u8::from(card.archived));
        w.u64(card.line as u64);
    }
}

/// The fewest bytes one encoded card takes (a cloze card): its id's length, the kind, the
/// text's length, the tags', explain's marker, the sources' length, archived and the line.
const MIN_CARD_BYTES: usize = 8 + 1 + 8 + 8 + 1 + 8 + 1 + 8;

/// Whether a choice card's answer is one a deck file could hold (what `validate_answer`
/// checks): at least two options, and at least one but not every one of them right, each
/// listed once.
fn answer_fits(answer: &[usize], options: usize) -> bool {
    options >= 2
        && !answer.is_empty()
        && answer.len() < options
        && answer
            .iter()
            .enumerate()
            .all(|(i, &a)| a < options && !answer[..i].contains(&a))
}

/// Reads one deck [`encode_deck`] wrote, giving it `source`.
pub fn decode_deck(r: &mut Reader<'_>, source: DeckSource) -> Option<Deck> {
    let id = r.string()?;
    let title = r.string()?;
    let section = r.string()?;
    let description = r.opt()?;
    let count = r.count()?;
    // The count is at most the bytes left, but a card takes far more room in memory than
    // its smallest encoding: reserve only what the bytes left could really hold.
    let mut cards = Vec::with_capacity(count.min(r.0.len() / MIN_CARD_BYTES));
    for _ in 0..count {
        let id = r.string()?;
        let content = match r.u8()? {
            0 => CardContent::Basic {
                front: r.string()?,
                back: r.string()?,
            },
            1 => {
                let front = r.string()?;
                let choices = r.strs()?;
                let n = r.count()?;
                let answer = (0..n)
                    .map(|_| r.u64().and_then(|a| usize::try_from(a).ok()))
                    .collect::<Option<Vec<usize>>>()?;
                if !answer_fits(&answer, choices.len()) {
                    return None;
                }
                CardContent::Choice {
                    front,
                    choices,
                    answer,
                }
            }
            2 => CardContent::Cloze { text: r.string()? },
            _ => return None,
        };
        cards.push(Card {
            id,
            content,
            tags: r.strs()?,
            explain: r.opt()?,
            source: r.strs()?,
            archived: match r.u8()? {
                0 => false,
                1 => true,
                _ => return None,
            },
            line: usize::try_from(r.u64()?).ok()?,
        });
    }
    Some(Deck {
        id,
        title,
        section,
        description,
        cards,
        source,
    })
}

/// A list of decks in the binary form: their count, then each deck.
// Called by build.rs (the built-in decks) and the tests; the program only decodes.
#[allow(dead_code)]
pub fn encode_all(decks: &[Deck]) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(1 << 20));
    w.u64(decks.len() as u64);
    decks.iter().for_each(|d| encode_deck(&mut w, d));
    w.0
}

/// The decks [`encode_all`] wrote, one per source in `sources` (in order); None when the count
/// differs or anything does not decode.
pub fn decode_all(
    bytes: &[u8],
    sources: impl ExactSizeIterator<Item = DeckSource>,
) -> Option<Vec<Deck>> {
    let mut r = Reader(bytes);
    if r.count()? != sources.len() {
        return None;
    }
    let decks = sources
        .map(|source| decode_deck(&mut r, source))
        .collect::<Option<Vec<Deck>>>()?;
    r.0.is_empty().then_some(decks)
}
