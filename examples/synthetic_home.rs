//! Writes a synthetic RECALL_HOME (imported decks + review log) for whole-process timings:
//! `cargo run --release --example synthetic_home -- DIR [CARDS] [REVIEWS]`, then e.g.
//! `RECALL_HOME=DIR recall cards --json > /dev/null`.

#[path = "../benches/support/mod.rs"]
mod support;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .ok_or("usage: synthetic_home DIR [CARDS] [REVIEWS]")?,
    );
    let cards: usize = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let reviews: usize = args.next().map_or(Ok(1_000_000), |a| a.parse())?;
    let decks = support::decks(10, cards / 10);
    std::fs::create_dir_all(dir.join("decks"))?;
    for deck in &decks {
        std::fs::write(
            dir.join(format!("decks/{}.toml", deck.id)),
            recall::deck::to_toml(deck)?,
        )?;
    }
    std::fs::write(
        dir.join("reviews.jsonl"),
        support::log_text(&decks, reviews),
    )?;
    println!(
        "wrote {} cards and {reviews} reviews to {}",
        decks.len() * (cards / 10),
        dir.display()
    );
    Ok(())
}
